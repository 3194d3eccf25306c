"""Docs v1: documents.create, documents.get, documents.batchUpdate.

Documents are Drive files too (mimeType application/vnd.google-apps.document);
the title is the Drive file's name.
"""

import copy
import re
from functools import partial

from . import docs_model, docs_suggestions, docx_import
from .copies import snapshot
from .docs_model import Paragraph, Table
from .errors import ApiError, entity_not_found, invalid_argument, request_error
from .fields import select
from .masks import apply_mask

DOCUMENT_MIME = "application/vnd.google-apps.document"


_request_error = partial(request_error, "docs")


class DocsStore:
    def __init__(self, state):
        self.state = state
        self.documents = {}  # file id -> docs_model.Document

    # ------------------------------------------------------------ content lifecycle

    def create_content(self, file_id, document=None):
        document = document or docs_model.empty_document()
        document.revision_id = self._new_revision()
        self.documents[file_id] = document

    def copy_content(self, source_id, target_id):
        document = snapshot(self.documents[source_id])
        document.revision_id = self._new_revision()
        self.documents[target_id] = document

    def delete_content(self, file_id):
        self.documents.pop(file_id, None)

    def document_from_docx(self, data):
        """Convert .docx bytes (Drive's upload conversion); 400 if they are not a .docx."""
        try:
            return docx_import.docx_to_document(
                data, lambda document, numbered: new_list(self, document, numbered),
                self.new_heading_id)
        except Exception as error:  # python-docx raises several kinds for bad input
            raise ApiError(400, f"The uploaded file could not be converted: {error}",
                           api="drive", reason="badContent")

    def new_heading_id(self):
        return "h." + self.state.ids.token(12).lower()

    def plain_text(self, file_id):
        document = self.documents.get(file_id)
        return docs_model.plain_text(document.blocks) if document else ""

    def render(self, file_id, include_tabs=False, suggestions_view_mode=None):
        """documents.get's answer, suggestions shown as the mode says (inline by default)."""
        title = self.state.drive.files[file_id]["name"]
        shown = docs_suggestions.view(self.documents[file_id], suggestions_view_mode)
        return docs_model.render_document(shown, file_id, title, include_tabs,
                                          docs_suggestions.applied_mode(suggestions_view_mode))

    def suggest(self, file_id, make, *args):
        """Make a suggestion (``docs_suggestions.suggest_*``) as a new revision; its id."""
        suggestion_id = "suggest." + self.state.ids.token(12).lower()
        make(self.documents[file_id], *args, suggestion_id)
        self.documents[file_id].revision_id = self._new_revision()
        self.state.drive.touch(file_id)
        return suggestion_id

    def _new_revision(self):
        return "ALm37B" + self.state.ids.token(60)

    def _document(self, document_id):
        if document_id not in self.documents:
            if document_id in self.state.drive.files:
                raise ApiError(400, "This operation is not supported for this document",
                               api="docs")
            raise entity_not_found("docs")
        return self.documents[document_id]

    # ------------------------------------------------------------ endpoints

    def create(self, req):
        body = req.json()
        title = body.get("title") or "Untitled document"
        file_id = self.state.drive.new_file(title, DOCUMENT_MIME)
        return self.render(file_id)

    def get(self, req):
        document_id = req.path["documentId"]
        self._document(document_id)
        mode = req.param("suggestionsViewMode")
        if mode is not None and mode not in docs_suggestions.VIEW_MODES:
            raise invalid_argument("docs", "Invalid value at 'suggestions_view_mode' (type.googleapis.com/"
                                           f"google.apps.docs.v1.SuggestionsViewMode), \"{mode}\"")
        result = self.render(document_id, include_tabs=req.flag("includeTabsContent"),
                             suggestions_view_mode=mode)
        return select(result, req.param("fields"), "docs")

    def batch_update(self, req):
        document_id = req.path["documentId"]
        document = self._document(document_id)
        body = req.json()
        requests = body.get("requests") or []
        if not requests:
            raise invalid_argument("docs", "Must specify at least one request.")
        required = (body.get("writeControl") or {}).get("requiredRevisionId")
        if required and required != document.revision_id:
            raise invalid_argument(
                "docs", "The required revision ID does not match the latest revision.")
        work = snapshot(document)
        replies = [self._apply(work, request, index) for index, request in enumerate(requests)]
        work.revision_id = self._new_revision()
        self.documents[document_id] = work
        self.state.drive.touch(document_id)
        return {
            "replies": replies,
            "writeControl": {"requiredRevisionId": work.revision_id},
            "documentId": document_id,
        }

    def _apply(self, document, request, index):
        if not isinstance(request, dict) or len(request) != 1:
            raise invalid_argument("docs", f"Invalid requests[{index}]: exactly one kind of "
                                           "request must be set.")
        kind, payload = next(iter(request.items()))
        handler = REQUEST_HANDLERS.get(kind)
        if handler is None:
            # strict.py refused names Google does not know: this kind is Google's, not the fake's
            raise invalid_argument("docs", f"Invalid requests[{index}].{kind}: this request "
                                           "kind is not implemented by fake_google.")
        return handler(self, document, payload or {}, index)


# ---------------------------------------------------------------- request handlers

def _check_segment(payload_location, index, kind):
    if (payload_location or {}).get("segmentId"):
        raise _request_error(index, kind, "headers, footers and footnotes are not "
                                          "implemented by fake_google.")


def _resolve_index(document, payload, index, kind):
    """The insertion index from ``location`` or ``endOfSegmentLocation``."""
    if "endOfSegmentLocation" in payload:
        _check_segment(payload["endOfSegmentLocation"], index, kind)
        return docs_model.body_end(document) - 1
    location = payload.get("location")
    if not isinstance(location, dict) or "index" not in location:
        raise _request_error(index, kind, "A location or endOfSegmentLocation is required.")
    _check_segment(location, index, kind)
    position = location["index"]
    end = docs_model.body_end(document)
    if not isinstance(position, int) or position < 1:
        raise _request_error(index, kind, f"Index {position} must be greater than or equal "
                                          "to 1.")
    if position >= end:
        raise _request_error(index, kind, f"Index {position} must be less than the end index "
                                          f"of the referenced segment, {end}.")
    return position


def _paragraph_at(document, position, index, kind):
    for slot in docs_model.paragraph_slots(document.blocks):
        if slot.start <= position < slot.end:
            return slot
    raise _request_error(index, kind, "The insertion index must be inside the bounds of an "
                                      "existing paragraph. You can still create new paragraphs "
                                      "by inserting newlines.")


def _check_range(document, payload, index, kind):
    rng = payload.get("range")
    if not isinstance(rng, dict) or "startIndex" not in rng or "endIndex" not in rng:
        raise _request_error(index, kind, "A range with startIndex and endIndex is required.")
    _check_segment(rng, index, kind)
    start, end = rng["startIndex"], rng["endIndex"]
    if start >= end:
        raise _request_error(index, kind, "The range should not be empty.")
    limit = docs_model.body_end(document)
    if start < 1 or end > limit:
        raise _request_error(index, kind, f"Index {end - 1} must be less than the end index "
                                          f"of the referenced segment, {limit}.")
    return start, end


def _check_fields(payload, index, kind):
    if not payload.get("fields"):
        raise _request_error(index, kind, "At least one field must be listed in 'fields'. "
                                          "(Use '*' to indicate all fields.)")


def replace_all_text(store, document, payload, index):
    contains = payload.get("containsText") or {}
    needle = contains.get("text")
    if not needle:
        raise _request_error(index, "replaceAllText", "containsText.text must not be empty.")
    pattern = re.compile(re.escape(needle), 0 if contains.get("matchCase") else re.IGNORECASE)
    replacement = payload.get("replaceText") or ""
    count = _replace_in_container(document.blocks, pattern, replacement)
    for parts in (document.headers, document.footers):  # every segment: body, headers and footers
        for part_id, blocks in parts.items():
            count += _replace_in_container(blocks, pattern, replacement)
    reply = {"occurrencesChanged": count} if count else {}
    return {"replaceAllText": reply}


def _replace_in_container(container, pattern, replacement):
    count = 0
    new_blocks = []
    for block in container:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    count += _replace_in_container(cell.paragraphs, pattern, replacement)
            new_blocks.append(block)
            continue
        chars = docs_model.to_chars([block])
        text = "".join(ch for ch, _, _ in chars[:-1])  # the final newline never matches
        matches = list(pattern.finditer(text))
        if not matches:
            new_blocks.append(block)
            continue
        count += len(matches)
        info = chars[-1][2]
        for match in reversed(matches):
            style = chars[match.start()][1]
            chars[match.start():match.end()] = [
                [ch, style, info if ch == "\n" else None] for ch in replacement]
        new_blocks.extend(docs_model.from_chars(chars))
    container[:] = new_blocks
    return count


def insert_text(store, document, payload, index):
    text = payload.get("text")
    if not isinstance(text, str):
        raise _request_error(index, "insertText", "text is required.")
    position = _resolve_index(document, payload, index, "insertText")
    slot = _paragraph_at(document, position, index, "insertText")
    chars = docs_model.to_chars([slot.block])
    docs_model.insert_chars(chars, position - slot.start, text)
    slot.container[slot.position:slot.position + 1] = docs_model.from_chars(chars)
    return {}


def insert_table(store, document, payload, index):
    rows, columns = payload.get("rows"), payload.get("columns")
    if not isinstance(rows, int) or not isinstance(columns, int) or rows < 1 or columns < 1:
        raise _request_error(index, "insertTable", "rows and columns must be at least 1.")
    position = _resolve_index(document, payload, index, "insertTable")
    slot = _paragraph_at(document, position, index, "insertTable")
    chars = docs_model.to_chars([slot.block])
    offset = position - slot.start
    info = chars[-1][2]
    before = chars[:offset] + [["\n", chars[max(offset - 1, 0)][1], info]]
    table = Table([[docs_model.empty_cell() for _ in range(columns)] for _ in range(rows)])
    replacement = docs_model.from_chars(before) + [table] + docs_model.from_chars(chars[offset:])
    slot.container[slot.position:slot.position + 1] = replacement
    return {}


def delete_content_range(store, document, payload, index):
    start, end = _check_range(document, payload, index, "deleteContentRange")
    container, container_start = _innermost_container(document, start, end)
    slots = docs_model.container_slots(container, container_start)
    container_end = slots[-1].end
    if end >= container_end:
        raise _request_error(index, "deleteContentRange", "The range cannot include the "
                                                          "newline character at the end of "
                                                          "the segment.")
    affected = [slot for slot in slots if slot.start < end and slot.end > start]
    # Deleting a paragraph's final newline joins it with the next paragraph.
    while isinstance(affected[-1].block, Paragraph) and affected[-1].end <= end:
        following = slots[affected[-1].position + 1]
        if not isinstance(following.block, Paragraph):
            raise _request_error(index, "deleteContentRange", "Invalid deletion range. Cannot "
                                                              "delete the newline before a "
                                                              "table.")
        affected.append(following)
    kept = []
    for slot in affected:
        if isinstance(slot.block, Table):
            if not (start <= slot.start and slot.end <= end):
                raise _request_error(index, "deleteContentRange", "Invalid deletion range. "
                                     "A table must be deleted whole.")
            continue
        for offset, char in enumerate(docs_model.to_chars([slot.block])):
            if not start <= slot.start + offset < end:
                kept.append(char)
    first, last = affected[0].position, affected[-1].position
    container[first:last + 1] = docs_model.from_chars(kept)
    return {}


def _innermost_container(document, start, end):
    best = None
    for container, container_start in docs_model.find_containers(document.blocks):
        slots = docs_model.container_slots(container, container_start)
        container_end = slots[-1].end if slots else container_start
        if container_start <= start and end <= container_end:
            best = (container, container_start)
    return best


def update_paragraph_style(store, document, payload, index):
    start, end = _check_range(document, payload, index, "updateParagraphStyle")
    _check_fields(payload, index, "updateParagraphStyle")
    style = payload.get("paragraphStyle") or {}
    named = style.get("namedStyleType")
    if named is not None and named not in docs_model.NAMED_STYLE_TYPES:
        raise _request_error(index, "updateParagraphStyle", f"Invalid namedStyleType {named}.")
    for slot in docs_model.paragraph_slots(document.blocks):
        if slot.start < end and slot.end > start:
            apply_mask(slot.block.style, style, payload["fields"])
            _sync_heading_id(store, slot.block)
    return {}


def _sync_heading_id(store, para):
    named = para.style.get("namedStyleType", "NORMAL_TEXT")
    if named.startswith("HEADING") or named in ("TITLE", "SUBTITLE"):
        para.style.setdefault("headingId", store.new_heading_id())
    else:
        para.style.pop("headingId", None)


def update_text_style(store, document, payload, index):
    start, end = _check_range(document, payload, index, "updateTextStyle")
    _check_fields(payload, index, "updateTextStyle")
    text_style = payload.get("textStyle") or {}
    for slot in docs_model.paragraph_slots(document.blocks):
        if not (slot.start < end and slot.end > start):
            continue
        chars = docs_model.to_chars([slot.block])
        for offset, char in enumerate(chars):
            if start <= slot.start + offset < end:
                new_style = copy.deepcopy(char[1])
                apply_mask(new_style, text_style, payload["fields"])
                char[1] = new_style
        rebuilt = docs_model.from_chars(chars)[0]
        slot.block.runs = rebuilt.runs
    return {}


def create_paragraph_bullets(store, document, payload, index):
    start, end = _check_range(document, payload, index, "createParagraphBullets")
    preset = payload.get("bulletPreset") or "BULLET_DISC_CIRCLE_SQUARE"
    list_id = new_list(store, document, numbered=preset.startswith("NUMBERED"))
    for slot in docs_model.paragraph_slots(document.blocks):
        if slot.start < end and slot.end > start:
            _make_bullet(slot.block, list_id)
    return {}


def _make_bullet(para, list_id):
    """Leading tabs set the nesting level and are removed, as Google does."""
    text = para.text
    level = len(text) - len(text.lstrip("\t"))
    if level:
        chars = docs_model.to_chars([para])[level:]
        para.runs = docs_model.from_chars(chars)[0].runs
    para.bullet = {"listId": list_id, "textStyle": {"underline": False}}
    if level:
        para.bullet["nestingLevel"] = level


def new_list(store, document, numbered=False):
    """Add a list definition to the document and return its id."""
    list_id = "kix." + store.state.ids.token(12).lower()
    levels = []
    for level in range(9):
        nesting = {
            "bulletAlignment": "START",
            "indentFirstLine": {"magnitude": 18 + 36 * level, "unit": "PT"},
            "indentStart": {"magnitude": 36 + 36 * level, "unit": "PT"},
            "textStyle": {"underline": False},
            "startNumber": 1,
        }
        if numbered:
            nesting.update({"glyphType": "DECIMAL", "glyphFormat": f"%{level}."})
        else:
            nesting.update({"glyphSymbol": "●○■"[level % 3], "glyphFormat": f"%{level}"})
        levels.append(nesting)
    document.lists[list_id] = {"listProperties": {"nestingLevels": levels}}
    return list_id


def delete_paragraph_bullets(store, document, payload, index):
    start, end = _check_range(document, payload, index, "deleteParagraphBullets")
    for slot in docs_model.paragraph_slots(document.blocks):
        if slot.start < end and slot.end > start:
            slot.block.bullet = None
    return {}


def update_document_style(store, document, payload, index):
    """Accepted and validated; page setup is not modelled."""
    _check_fields(payload, index, "updateDocumentStyle")
    if not isinstance(payload.get("documentStyle"), dict):
        raise _request_error(index, "updateDocumentStyle", "documentStyle is required.")
    return {}


REQUEST_HANDLERS = {
    "replaceAllText": replace_all_text,
    "insertText": insert_text,
    "insertTable": insert_table,
    "deleteContentRange": delete_content_range,
    "updateParagraphStyle": update_paragraph_style,
    "updateTextStyle": update_text_style,
    "createParagraphBullets": create_paragraph_bullets,
    "deleteParagraphBullets": delete_paragraph_bullets,
    "updateDocumentStyle": update_document_style,
}
