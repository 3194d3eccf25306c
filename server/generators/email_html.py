"""The HTML part of a notice's email, laid out from its plain text (the one template that says
what happened): 'Label: value' lines become a table of facts, '- ' lines a list, the line that
asks the reader to act ('→ ...') a highlighted box, and every address a link. One source of
words, two renderings, so the parts never disagree."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from .emails import TEMPLATES

URL = re.compile(r"(?:https?|file)://[^\s<>()]+[^\s<>().,;:!?'\"]")  # the local default links files
FACT = re.compile(r"^([A-Z][\w'() ]{0,40}):\s+(\S.*)$")
ASK = "→ "


def html_body(subject: str, text: str) -> str:
    return TEMPLATES.get_template("email.html.j2").render(subject=subject, blocks=blocks_of(text))


def blocks_of(text: str) -> list[dict]:
    """The text's paragraphs as blocks: facts (consecutive 'Label: value' lines), a list, the ask, or a paragraph."""
    out: list[dict] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        facts: list[tuple[str, str]] = []
        for line in (line.strip() for line in paragraph.splitlines() if line.strip()):
            fact = FACT.match(line)
            if fact and not line.startswith(ASK):
                facts.append((fact.group(1), fact.group(2)))
                continue
            if facts:
                out.append({"kind": "facts", "rows": facts})
                facts = []
            if line.startswith(ASK):
                out.append({"kind": "ask", "text": line[len(ASK):]})
            elif line.startswith("- "):
                if out and out[-1]["kind"] == "list":
                    out[-1]["entries"].append(line[2:])
                else:
                    out.append({"kind": "list", "entries": [line[2:]]})
            else:
                out.append({"kind": "paragraph", "text": line})
        if facts:
            out.append({"kind": "facts", "rows": facts})
    return out


def linked(text: str) -> Markup:
    """Escaped text with its web addresses as links."""
    out, last = [], 0
    for match in URL.finditer(text):
        out += [escape(text[last:match.start()]),
                Markup('<a href="{0}" style="color:#1f5fbf;">{0}</a>').format(match.group(0))]
        last = match.end()
    return Markup("").join([*out, escape(text[last:])])


def is_url(value) -> bool:
    return bool(URL.fullmatch(str(value).strip()))


TEMPLATES.filters["linked"] = linked
TEMPLATES.tests["url"] = is_url
