"""How an error becomes what the add-on's user reads: the one place (server/errors.py lists them).

Google shows a card only from a 200 answer, so every error the user can act on is a card or a
notification with status 200; a flow's refusal keeps its own status (403 not a manager, 404 no
such study, 409 not in this stage) with the reason as the notification; a caller that is not
Google gets 401 and no body worth reading; a bug gets a card and 500, with the traceback logged.
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
    if isinstance(exc, FlowError):
        return c.render(notification=str(exc)), exc.status
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
    """Anything else is a bug: logged with its traceback, answered with a card."""
    log.exception("unexpected error", extra={"path": path})
    return c.render(message_card("Something went wrong", "The error is logged. Nothing was recorded by this "
                                 "click; try again or tell the team.")), 500
