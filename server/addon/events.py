"""The event object Google posts to every add-on endpoint, read defensively.

Anything missing or of the wrong type becomes an EventError with a clear message (answered
as a card, never a 500). Field names are Google's: commonEventObject, authorizationEventObject,
docs / sheets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import EventError

MAX_INPUT_CHARS = 50_000


@dataclass
class Event:
    host: str = ""  # DOCS, SHEETS, ...
    file_id: str = ""
    file_title: str = ""
    has_file_scope: bool = False
    form: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    user_oauth_token: str = ""
    user_id_token: str = ""
    system_id_token: str = ""
    authorized_scopes: tuple[str, ...] = ()

    def input(self, name: str, default: str = "") -> str:
        """A form input or a button parameter, trimmed."""
        value = self.form.get(name, self.params.get(name, default))
        return value.strip() if isinstance(value, str) else default


def _dict(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise EventError(f"{where} must be an object")
    return value


def _str(value, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise EventError(f"{where} must be text")
    if len(value) > MAX_INPUT_CHARS:
        raise EventError(f"{where} is longer than {MAX_INPUT_CHARS:,} characters")
    return value


def parse_event(data) -> Event:
    if not isinstance(data, dict):
        raise EventError("the request body must be a JSON object (a Google add-on event)")
    common = _dict(data.get("commonEventObject"), "commonEventObject")
    auth = _dict(data.get("authorizationEventObject"), "authorizationEventObject")
    host = _str(common.get("hostApp"), "commonEventObject.hostApp").upper()
    file_part = _dict(data.get("docs") if host == "DOCS" else data.get("sheets") if host == "SHEETS" else None, host.lower() or "file")
    form = {}
    for name, value in _dict(common.get("formInputs"), "commonEventObject.formInputs").items():
        inputs = _dict(value, f"formInputs.{name}")
        strings = _dict(inputs.get("stringInputs"), f"formInputs.{name}.stringInputs").get("value") or []
        if not isinstance(strings, list):
            raise EventError(f"formInputs.{name}.stringInputs.value must be a list")
        form[_str(name, "formInputs name")] = _str(strings[0] if strings else "", f"formInputs.{name}")
    params = {_str(k, "parameters name"): _str(v, f"parameters.{k}")
              for k, v in _dict(common.get("parameters"), "commonEventObject.parameters").items()}
    scopes = data.get("authorizedScopes") or auth.get("authorizedScopes") or []
    if not isinstance(scopes, list):
        raise EventError("authorizedScopes must be a list")
    return Event(
        host=host,
        file_id=_str(file_part.get("id"), f"{host.lower()}.id"),
        file_title=_str(file_part.get("title"), f"{host.lower()}.title"),
        has_file_scope=file_part.get("addonHasFileScopePermission") is True,
        form=form, params=params,
        user_oauth_token=_str(auth.get("userOAuthToken"), "userOAuthToken"),
        user_id_token=_str(auth.get("userIdToken"), "userIdToken"),
        system_id_token=_str(auth.get("systemIdToken"), "systemIdToken"),
        authorized_scopes=tuple(_str(s, "authorizedScopes[]") for s in scopes),
    )
