"""Suggested changes in a fake Google Doc, and how documents.get shows them.

A run whose textStyle holds "suggestedInsertionIds" or "suggestedDeletionIds" (lists of
suggestion ids) is a suggestion; rendering moves those keys from textStyle onto the textRun,
where Google puts them. The ``suggestionsViewMode`` of documents.get picks the view:

* SUGGESTIONS_INLINE, and DEFAULT_FOR_CURRENT_ACCESS (the fake's caller may always see
  suggestions): both kinds, with their ids;
* PREVIEW_SUGGESTIONS_ACCEPTED: suggested insertions as plain text, suggested deletions gone;
* PREVIEW_WITHOUT_SUGGESTIONS: suggested insertions gone, suggested deletions as plain text.

Suggestions are made by tests (``FakeGoogle.suggest_insertion`` / ``suggest_deletion``), within
one paragraph; batchUpdate edits in suggesting mode and suggested style changes are not modelled.
"""

import copy

from . import docs_model
from .docs_model import SUGGESTION_KEYS, Table

INSERTION, DELETION = SUGGESTION_KEYS
VIEW_MODES = ("DEFAULT_FOR_CURRENT_ACCESS", "SUGGESTIONS_INLINE",
              "PREVIEW_SUGGESTIONS_ACCEPTED", "PREVIEW_WITHOUT_SUGGESTIONS")
INLINE = "SUGGESTIONS_INLINE"


def applied_mode(mode):
    """The mode documents.get reports having applied: DEFAULT... -> SUGGESTIONS_INLINE."""
    return INLINE if mode in (None, "", "DEFAULT_FOR_CURRENT_ACCESS") else mode


def suggest_insertion(document, text, after, suggestion_id):
    """Suggest inserting ``text`` right after the first occurrence of ``after``."""
    para, offset = _first_paragraph_with(document, after)
    chars = docs_model.to_chars([para])
    position = offset + len(after)
    style = _marked(chars[position - 1][1], INSERTION, suggestion_id)
    chars[position:position] = [[ch, style, None] for ch in _one_line(text)]
    para.runs = docs_model.from_chars(chars)[0].runs


def suggest_deletion(document, text, suggestion_id):
    """Suggest deleting the first occurrence of ``text``."""
    para, offset = _first_paragraph_with(document, text)
    chars = docs_model.to_chars([para])
    for char in chars[offset:offset + len(text)]:
        char[1] = _marked(char[1], DELETION, suggestion_id)
    para.runs = docs_model.from_chars(chars)[0].runs


def _first_paragraph_with(document, text):
    """(the first paragraph, tables included, holding ``text``, where in it text starts)."""
    text = _one_line(text)
    for slot in docs_model.paragraph_slots(document.blocks):
        offset = slot.block.text.find(text)
        if offset >= 0:
            return slot.block, offset
    raise ValueError(f"no paragraph holds {text!r}")


def _one_line(text):
    """The text, when it is some text within one paragraph; else ValueError."""
    if not text or "\n" in text:
        raise ValueError("a suggestion here is text within one paragraph")
    return text


def _marked(style, key, suggestion_id):
    """A copy of a run's style, marked as part of suggestion ``suggestion_id``."""
    marked = dict(style)
    marked[key] = marked.get(key, []) + [suggestion_id]
    return marked


def view(document, mode):
    """The document as ``mode`` shows it (a copy when anything changes)."""
    mode = applied_mode(mode)
    if mode == INLINE:
        return document
    shown = copy.deepcopy(document)
    if mode == "PREVIEW_SUGGESTIONS_ACCEPTED":
        _resolve(shown.blocks, drop=DELETION, accept=INSERTION)
    else:
        _resolve(shown.blocks, drop=INSERTION, accept=DELETION)
    return shown


def _resolve(container, drop, accept):
    """Remove text marked ``drop``; make text marked only ``accept`` plain text."""
    blocks = []
    for block in container:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    _resolve(cell.paragraphs, drop, accept)
            blocks.append(block)
            continue
        chars = [[ch, {k: v for k, v in style.items() if k != accept}, info]
                 for ch, style, info in docs_model.to_chars([block]) if drop not in style]
        blocks.extend(docs_model.from_chars(chars))
    container[:] = blocks or [docs_model.paragraph("")]
