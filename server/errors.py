"""Every error the product reports, one family: a `HandoverError` has a message written for the
person who will read it and a `status` (an HTTP status for its cause). One subclass per cause.

How each becomes what the user reads is decided in one place per surface: the add-on's cards in
`server/addon/answers.py`, the command line's messages and exit codes in `server/cli.py`.
"""
from __future__ import annotations


class HandoverError(Exception):
    """An error for the user; `status`: 400 for what they sent, unless a subclass says otherwise."""

    status = 400


class InputError(HandoverError):
    """A document that cannot be read (not a .docx, too large, not found): one line for the user."""


class EventError(HandoverError, ValueError):
    """The request is not a well-formed add-on event; the message says what is wrong."""


class MoneyError(HandoverError, ValueError):
    """The text is not one amount; the message says what to write instead."""


class DealError(HandoverError, ValueError):
    """Bad deal input: `problems` maps each field to one line for the rep, e.g.
    {'rigs': 'Number of rigs: write a whole number, e.g. 4'}."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(self.problems.values()))


class FlowError(HandoverError):
    """A request a flow refuses (not a manager: 403; no such study: 404; not in this stage: 409)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class AccessError(HandoverError):
    """Google sent no access of the person's own to the open document; the add-on will not read it
    with its own wider access instead."""

    status = 403


class AuthError(HandoverError):
    """The request is not from Google, or not for us: the reason is logged, never shown."""

    status = 401


class StepError(HandoverError):
    """A Google call failed for good. `step` says what we were doing; `status` is Google's HTTP
    status (0 when the network failed). `advice` is what the user should do about it; a flow
    that knows more (submit: the study was not recorded) replaces it."""

    advice = "This click did not finish; anything it did not reach is unchanged. Try again in a minute."

    def __init__(self, step: str, status: int, detail: str):
        self.step, self.status, self.detail = step, status, detail
        super().__init__(f"{step} failed ({status or 'network'}): {detail}")
