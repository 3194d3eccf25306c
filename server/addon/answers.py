"""How an error becomes what the add-on's user reads: the one place (server/errors.py lists them).

Google's host shows what an add-on answers only from a 200 (its documentation and samples answer
nothing else; for a 4xx or 5xx it shows its own generic error), so everything a person should
read is a 200: a flow's refusal (not a manager, no such study, not in this stage) is a
notification with the reason, bad input a card saying what is wrong, a failed Google call a card
saying what was not done, a bug a card saying so (its traceback logged). Only a caller that is not
Google gets another status: 401, with no body worth reading.
"""
from __future__ import annotations

import logging

from ..errors import AuthError, FlowError, HandoverError, StepError
from . import cards as c
from .screens import message_card

log = logging.getLogger("handover.app")


def for_error(exc: HandoverError, path: str) -> tuple[dict, int]:
    """The answer (card JSON, HTTP status) for an error a handler raised."""
    if isinstance(exc, AuthError):
        log.warning("request refused", extra={"path": path, "reason": str(exc)})
        return {"error": "unauthenticated"}, 401
    if isinstance(exc, FlowError):  # its status (403, 404, 409) is logged; the person reads the reason
        log.info("refused", extra={"path": path, "status": exc.status, "reason": str(exc)})
        return c.render(notification=str(exc)), 200
    if isinstance(exc, StepError):
        log.error("google step failed", extra={"path": path, "step": exc.step, "status": exc.status})
        return c.render(message_card("Google did not answer", f"{exc}. {exc.advice}"),
                        notification="Not done: Google API error"), 200
    return c.render(message_card("Cannot do that", str(exc)), notification=str(exc)), 200


def for_bad_event(exc: HandoverError, path: str) -> tuple[dict, int]:
    """A request that is not an add-on event at all: 400, before anyone is verified."""
    log.warning("bad event", extra={"path": path, "reason": str(exc)})
    return c.render(notification=f"Bad request: {exc}"), 400


def for_bug(path: str) -> tuple[dict, int]:
    """Anything else is a bug: logged with its traceback (level ERROR, for the operator's alerts),
    answered with a card."""
    log.exception("unexpected error", extra={"path": path})
    return c.render(message_card("Something went wrong", "The error is logged. Nothing was recorded by this "
                                 "click; try again or tell the team.")), 200
