"""Card v1 JSON builders and the response wrappers Google expects.

Small functions returning plain dicts. Every card the app returns is validated in the tests
against Google's schema (google-apps-card). Text is escaped for Google's card HTML subset, so
a customer called '<b>Acme</b>' or '=HYPERLINK(...)' shows as typed.
"""
from __future__ import annotations

import html

MAX_TEXT = 2000  # characters shown in one widget; longer text is cut with an ellipsis


def esc(text) -> str:
    """Text for a card widget: HTML-escaped and bounded."""
    text = "" if text is None else str(text)
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return html.escape(text, quote=False)


def card(title: str, sections: list[dict], subtitle: str = "", name: str = "") -> dict:
    header = {"title": esc(title)}
    if subtitle:
        header["subtitle"] = esc(subtitle)
    out = {"header": header, "sections": [s for s in sections if s and s.get("widgets")]}
    if name:
        out["name"] = name
    return out


def section(widgets: list[dict], header: str = "", collapsible: bool = False, uncollapsible: int = 0) -> dict:
    out = {"widgets": [w for w in widgets if w]}
    if header:
        out["header"] = esc(header)
    if collapsible:
        out["collapsible"] = True
        out["uncollapsibleWidgetsCount"] = uncollapsible
    return out


def text(body: str, raw: bool = False) -> dict:
    """A paragraph; `raw` when the caller built safe card HTML (bold, colour) itself."""
    return {"textParagraph": {"text": body if raw else esc(body)}}


def decorated(main: str, top: str = "", bottom: str = "", icon: str = "", wrap: bool = True) -> dict:
    out = {"text": esc(main), "wrapText": wrap}
    if top:
        out["topLabel"] = esc(top)
    if bottom:
        out["bottomLabel"] = esc(bottom)
    if icon:
        out["startIcon"] = {"knownIcon": icon}
    return {"decoratedText": out}


def action(function_url: str, **parameters) -> dict:
    """An onClick action calling one of our endpoints with parameters."""
    act = {"function": function_url}
    if parameters:
        act["parameters"] = [{"key": k, "value": str(v)} for k, v in parameters.items()]
    return {"action": act}


def button(label: str, function_url: str, filled: bool = False, **parameters) -> dict:
    out = {"text": esc(label), "onClick": action(function_url, **parameters)}
    if filled:
        out["type"] = "FILLED"
    return out


def link_button(label: str, url: str) -> dict:
    return {"text": esc(label), "onClick": {"openLink": {"url": url}}}


def buttons(*items: dict) -> dict:
    return {"buttonList": {"buttons": [b for b in items if b]}}


def text_input(name: str, label: str, value: str = "", hint: str = "", multiline: bool = False) -> dict:
    out = {"name": name, "label": esc(label)}
    if value:
        out["value"] = str(value)
    if hint:
        out["hintText"] = esc(hint)
    if multiline:
        out["type"] = "MULTIPLE_LINE"
    return {"textInput": out}


def dropdown(name: str, label: str, options: list[tuple[str, str]], selected: str = "") -> dict:
    items = [{"text": esc(t), "value": v, "selected": v == selected} for t, v in options]
    return {"selectionInput": {"name": name, "label": esc(label), "type": "DROPDOWN", "items": items}}


def divider() -> dict:
    return {"divider": {}}


# --- response wrappers ----------------------------------------------------------------------

def homepage(c: dict) -> dict:
    """Answer to a homepage or file-scope-granted trigger."""
    return {"action": {"navigations": [{"pushCard": c}]}}


def render(c: dict | None = None, notification: str = "", push: bool = False) -> dict:
    """Answer to a button click: replace (or push) the card, optionally with a toast."""
    act: dict = {}
    if c is not None:
        act["navigations"] = [{"pushCard" if push else "updateCard": c}]
    if notification:
        act["notification"] = {"text": esc(notification)[:200]}
    return {"renderActions": {"action": act}}


def request_file_scope() -> dict:
    """Ask Docs or Sheets to grant the add-on access to the open file."""
    return {"renderActions": {"hostAppAction": {"editorAction": {"requestFileScopeForActiveDocument": {}}}}}
