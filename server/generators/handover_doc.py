"""Fill a copy of the template with a deal's fields (the local .docx side of Create handover)."""
from __future__ import annotations

import io
from pathlib import Path

import docx

from ..paths import TEMPLATE_PATH
from .deal import Deal
from .template_doc import template_bytes


def filled_handover(deal: Deal, template: Path | None = None) -> bytes:
    """The template with every placeholder the deal has a value for replaced."""
    template = Path(template or TEMPLATE_PATH)
    data = template.read_bytes() if template.exists() else template_bytes()
    doc = docx.Document(io.BytesIO(data))
    replace_text(doc, deal.replacements())
    doc.core_properties.title = f"Desktop Study Handover - {deal.customer}"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def replace_text(doc, replacements: dict[str, str]) -> int:
    """Replace placeholders in body paragraphs and table cells; returns the count replaced.
    A placeholder split across runs is replaced by moving the paragraph's text into its first run."""
    count = 0
    for paragraph in _paragraphs(doc):
        text = paragraph.text
        if not any(p in text for p in replacements):
            continue
        runs = paragraph.runs
        for placeholder, value in replacements.items():
            for run in runs:
                if placeholder in run.text:
                    count += run.text.count(placeholder)
                    run.text = run.text.replace(placeholder, value)
        text = paragraph.text
        leftover = [p for p in replacements if p in text]
        if leftover and runs:
            for placeholder in leftover:
                count += text.count(placeholder)
                text = text.replace(placeholder, replacements[placeholder])
            runs[0].text = text
            for run in runs[1:]:
                run.text = ""
    return count


def _paragraphs(doc):
    """Every paragraph a placeholder can be in: the body, its tables, the page headers and footers."""
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in doc.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs
