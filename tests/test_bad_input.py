"""Property-based tests: whatever the document or event, a scorecard or a clear error, never a crash."""
import io
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.addon.events import EventError, parse_event
from server.validators.docs_json_reader import read_docs_json
from server.validators.document import InputError
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from tests.conftest import make_docx

ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200)
KINDS = st.sampled_from(["h1", "h2", "h3", "title", "p", "bold", "li"])
SECTIONISH = st.sampled_from(["Deal summary", "SPICED", "Stakeholders", "Scope", "Timelines", "Business case",
                              "Situation: ", "Customer: ", "Segment", "TBD", "[Customer]", "- ", "1. "])
LINE = st.builds(lambda a, b: a + b, SECTIONISH | st.just(""), ODD_TEXT)
TABLE = st.lists(st.lists(LINE, min_size=1, max_size=6), min_size=1, max_size=6)
ITEM = st.one_of(st.tuples(KINDS, LINE), st.tuples(st.just("table"), TABLE))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def xml_safe(items):
    """python-docx refuses control characters XML cannot hold; a real .docx cannot contain them."""
    clean = lambda t: "".join(ch for ch in t if ch in "\t\n\r" or ord(ch) >= 32)  # noqa: E731
    return [(k, [[clean(c) for c in row] for row in v] if k == "table" else clean(v)) for k, v in items]


@FAST
@given(st.lists(ITEM, max_size=30))
def test_any_docx_structure_gets_a_scorecard(items):
    card = score_document(read_docx(make_docx(*xml_safe(items))))
    assert 0 <= card.score <= 100 and len(card.sections) == 12 and len(card.criteria) == 13
    for s in card.sections:
        assert s.score == max(0, 100 - sum(f.points for f in s.findings))


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes_are_a_clear_error(data):
    try:
        read_docx(data, "upload.docx")
    except InputError as exc:
        assert str(exc).startswith("upload.docx: ") and "\n" not in str(exc)


def test_a_zip_that_is_not_a_word_file_is_a_clear_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not word")
    try:
        read_docx(buf.getvalue(), "x.docx")
        raise AssertionError("should refuse")
    except InputError as exc:
        assert "x.docx" in str(exc)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ODD_TEXT,
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(ODD_TEXT, inner, max_size=5),
                    max_leaves=40)
DOC_KEYS = st.sampled_from(["body", "content", "paragraph", "elements", "textRun", "content", "table", "tableRows",
                            "tableCells", "paragraphStyle", "namedStyleType", "bullet", "tabs", "documentTab",
                            "childTabs", "textStyle", "bold"])
DOCISH = st.recursive(st.none() | ODD_TEXT | st.sampled_from(["HEADING_1", "TITLE", "NORMAL_TEXT", "HEADING_9"]) | st.booleans() | st.integers(),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(DOC_KEYS, inner, max_size=4),
                      max_leaves=60)


@FAST
@given(st.one_of(JSON, DOCISH))
def test_any_docs_json_gets_a_scorecard_or_a_clear_error(data):
    try:
        doc = read_docs_json(data, "doc.json")
    except InputError:
        return
    assert len(score_document(doc).sections) == 12


def test_deeply_nested_docs_json_does_not_recurse_forever():
    cell = {"content": [{"paragraph": {"elements": [{"textRun": {"content": "Deal summary\n"}}]}}]}
    for _ in range(500):
        cell = {"content": [{"table": {"tableRows": [{"tableCells": [cell]}]}}]}
    doc = {"body": cell}
    assert len(score_document(read_docs_json(doc)).sections) == 12


@FAST
@given(st.one_of(JSON, st.dictionaries(st.sampled_from(["commonEventObject", "authorizationEventObject", "docs", "sheets"]),
                                       JSON, max_size=4)))
def test_any_event_parses_or_is_a_clear_error(data):
    try:
        parse_event(data)
    except EventError as exc:
        assert str(exc)


def test_a_10_mb_document_gets_a_scorecard():
    d = docx.Document()
    d.add_heading("Deal summary", 1)
    line = "Red Rock runs 4 RC rigs at Carosue Dam for Northern Star; paper plods, 12-hour shifts, standby disputed. "
    for i in range(600):
        d.add_heading("Current workflow" if i % 2 else "Scope", 2)
        d.add_paragraph(line * 160)
    buf = io.BytesIO()
    d.save(buf)
    xml_size = len(zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("word/document.xml"))
    assert xml_size > 10_000_000
    card = score_document(read_docx(buf.getvalue()))
    assert len(card.sections) == 12 and card.words > 1_500_000


EVENTS = st.fixed_dictionaries({}, optional={
    "commonEventObject": st.one_of(JSON, st.fixed_dictionaries({}, optional={
        "hostApp": st.sampled_from(["DOCS", "SHEETS", "GMAIL", "", "docs"]) | ODD_TEXT,
        "formInputs": st.dictionaries(ODD_TEXT, st.one_of(JSON, st.fixed_dictionaries(
            {"stringInputs": st.fixed_dictionaries({"value": st.lists(ODD_TEXT, max_size=2)})})), max_size=4),
        "parameters": st.dictionaries(st.sampled_from(["study_id", "decision", "exception"]) | ODD_TEXT, ODD_TEXT, max_size=3)})),
    "docs": st.one_of(JSON, st.fixed_dictionaries({}, optional={"id": ODD_TEXT, "title": ODD_TEXT,
                                                             "addonHasFileScopePermission": st.booleans()})),
    "sheets": JSON,
})
PATHS = st.sampled_from(["/addon/docs/home", "/addon/sheets/home", "/addon/docs/file-scope-granted",
                         "/addon/action/create", "/addon/action/check", "/addon/action/submit", "/addon/action/decide",
                         "/addon/action/assign", "/addon/action/stage", "/addon/action/email", "/addon/action/nope"])


@pytest.fixture(scope="module")
def local_app(tmp_path_factory):
    from server.app import create_app
    from server.config import Config
    root = tmp_path_factory.mktemp("fuzz-ws")
    (root / "a.docx").write_bytes(make_docx(("h1", "Deal summary"), ("p", "Customer: Acme")))
    return create_app(Config(mode="local", workspace=str(root), local_auth=True, managers=("m@example.com",),
                             cs_team=("c@example.com",)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(path=PATHS, body=EVENTS, user=st.sampled_from(["m@example.com", "c@example.com", "rep@example.com"]))
def test_no_event_makes_an_endpoint_answer_500(local_app, path, body, user):
    response = local_app.test_client().post(path, json=body, headers={"X-Handover-User": user})
    assert response.status_code in (200, 400, 403, 404, 409), (response.status_code, response.get_data(as_text=True)[:300])
