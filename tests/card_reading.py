"""Read a card as a person sees it: the words on screen, without HTML, and the widgets in order."""
from __future__ import annotations

import html
import re


def plain(text: str) -> str:
    """Card HTML as it reads: tags dropped, line breaks kept, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", text or "")))


def widgets(card: dict) -> list[dict]:
    return [w for s in card["sections"] for w in s["widgets"]]


def widget_text(w: dict) -> str:
    """What one widget shows: paragraph, decorated line with its labels, buttons, input label and hint."""
    if "textParagraph" in w:
        return plain(w["textParagraph"]["text"])
    if "decoratedText" in w:
        d = w["decoratedText"]
        parts = [d.get("topLabel", ""), d.get("text", ""), d.get("bottomLabel", ""), d.get("button", {}).get("text", "")]
        return "\n".join(plain(p) for p in parts if p)
    if "buttonList" in w:
        return "\n".join(plain(b["text"]) for b in w["buttonList"]["buttons"])
    if "textInput" in w:
        t = w["textInput"]
        return "\n".join(plain(t.get(k, "")) for k in ("label", "hintText") if t.get(k))
    if "selectionInput" in w:
        s = w["selectionInput"]
        return "\n".join([plain(s["label"])] + [plain(i["text"]) for i in s["items"]])
    return ""


def visible(card: dict) -> str:
    """Every word the card shows: header, section headers, widgets."""
    header = card.get("header", {})
    out = [plain(header.get("title", "")), plain(header.get("subtitle", ""))]
    for section in card["sections"]:
        out.append(plain(section.get("header", "")))
        out += [widget_text(w) for w in section["widgets"]]
    return "\n".join(p for p in out if p)


def buttons(card: dict) -> list[dict]:
    found = [b for w in widgets(card) for b in w.get("buttonList", {}).get("buttons", [])]
    return found + [w["decoratedText"]["button"] for w in widgets(card) if "button" in w.get("decoratedText", {})]


def button(card: dict, label: str) -> dict:
    """The button whose text starts with `label`."""
    return next(b for b in buttons(card) if plain(b["text"]).startswith(label))


def params(b: dict) -> dict:
    return {p["key"]: p["value"] for p in b["onClick"]["action"].get("parameters", [])}


def notification(answer: dict) -> str:
    """The toast an answer shows ("" for none), as it reads."""
    return plain(answer.get("renderActions", {}).get("action", {}).get("notification", {}).get("text", ""))
