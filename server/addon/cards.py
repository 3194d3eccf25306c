"""Card v1 JSON builders and the response wrappers Google expects.

Small functions returning plain dicts. Every card the app returns is validated in the tests
against Google's schema (google-apps-card). Card v1 reads simple HTML only in text paragraphs,
decorated text's main line and section headers: text there is escaped (`esc`), so a customer
called '<b>Acme</b>' shows as typed. Everywhere else (card titles, labels, buttons, hints,
dropdown items, toasts) the host shows the string as it is: it is only clipped (`plain`), so
"R&D" reads "R&D", not "R&amp;D".
"""
from __future__ import annotations

import html
import re

MAX_TEXT = 2000  # characters shown in one widget; longer text is cut with an ellipsis
RED, AMBER, GREEN = "#d93025", "#b06000", "#188038"  # Google's error, warning and success colours


def esc(text) -> str:
    """Text for a card widget: HTML-escaped and, escaped, at most MAX_TEXT characters ('&' counts 5)."""
    text = "" if text is None else str(text)
    out = html.escape(text, quote=False)
    if len(out) <= MAX_TEXT:
        return out
    kept, used = [], 0
    for char in text[:MAX_TEXT]:
        escaped = html.escape(char, quote=False)
        if used + len(escaped) > MAX_TEXT - 1:
            break
        kept.append(escaped)
        used += len(escaped)
    return "".join(kept) + "…"


def plain(text) -> str:
    """Text for a plain-text card field: as typed, at most MAX_TEXT characters."""
    text = "" if text is None else str(text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def bold(text) -> str:
    """Card HTML: the text escaped, in bold."""
    return f"<b>{esc(text)}</b>"


def coloured(text, colour: str, strong: bool = False) -> str:
    """Card HTML: the text escaped, in a colour (RED, AMBER, GREEN), bold when `strong`."""
    inner = bold(text) if strong else esc(text)
    return f'<font color="{colour}">{inner}</font>'


def lines(*parts: str) -> str:
    """Card HTML lines (each already escaped or built here) joined with line breaks; empty ones dropped."""
    return "<br>".join(p for p in parts if p)


def card(title: str, sections: list[dict], subtitle: str = "", name: str = "") -> dict:
    header = {"title": plain(title)}
    if subtitle:
        header["subtitle"] = plain(subtitle)
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
    """A paragraph; `raw` when the caller built safe card HTML (bold, colour) itself. HTML that grew
    past MAX_TEXT (escaping a quote full of '&') is shown as its plain words, cut, never as a broken tag."""
    if raw and len(body) > MAX_TEXT:
        body, raw = html.unescape(re.sub(r"<[^>]+>", " ", body.replace("<br>", "\n"))), False
    return {"textParagraph": {"text": body if raw else esc(body)}}


def decorated(main: str, top: str = "", bottom: str = "", icon: str = "", wrap: bool = True, raw: bool = False,
              end_button: dict | None = None) -> dict:
    """A line with labels above and below; `raw` when `main` is card HTML built here; `end_button`
    sits at its right (a `button(...)`)."""
    out = {"text": main if raw else esc(main), "wrapText": wrap}
    if top:
        out["topLabel"] = plain(top)
    if bottom:
        out["bottomLabel"] = plain(bottom)
    if icon:
        out["startIcon"] = {"knownIcon": icon}
    if end_button:
        out["button"] = end_button
    return {"decoratedText": out}


def action(function_url: str, **parameters) -> dict:
    """An onClick action calling one of our endpoints with parameters."""
    act = {"function": function_url}
    if parameters:
        act["parameters"] = [{"key": k, "value": str(v)} for k, v in parameters.items()]
    return {"action": act}


def button(label: str, function_url: str, filled: bool = False, **parameters) -> dict:
    out = {"text": plain(label), "onClick": action(function_url, **parameters)}
    if filled:
        out["type"] = "FILLED"
    return out


def link_button(label: str, url: str) -> dict:
    return {"text": plain(label), "onClick": {"openLink": {"url": url}}}


def buttons(*items: dict) -> dict:
    return {"buttonList": {"buttons": [b for b in items if b]}}


def text_input(name: str, label: str, value: str = "", hint: str = "", multiline: bool = False) -> dict:
    out = {"name": name, "label": plain(label)}
    if value:
        out["value"] = str(value)
    if hint:
        out["hintText"] = plain(hint)
    if multiline:
        out["type"] = "MULTIPLE_LINE"
    return {"textInput": out}


def dropdown(name: str, label: str, options: list[tuple[str, str]], selected: str = "") -> dict:
    items = [{"text": plain(t), "value": v, "selected": v == selected} for t, v in options]
    return {"selectionInput": {"name": name, "label": plain(label), "type": "DROPDOWN", "items": items}}


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
        act["notification"] = {"text": plain(notification)[:200]}
    return {"renderActions": {"action": act}}


def request_file_scope() -> dict:
    """Ask Docs or Sheets to grant the add-on access to the open file."""
    return {"renderActions": {"hostAppAction": {"editorAction": {"requestFileScopeForActiveDocument": {}}}}}
