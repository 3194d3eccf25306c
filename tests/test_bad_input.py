"""Property-based tests: whatever the document or event, a scorecard or a clear error, never a crash."""
import io
import re
import struct
import time
import tracemalloc
import zipfile
import zlib

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from server import cli
from server.addon.events import parse_event
from server.errors import EventError, InputError
from server.validators.docs_json_reader import read_docs_json
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from tests.handover_builder import GOOD, handover, make_docx, to_docx

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
@example({"body": None, "tabs": True})  # once raised TypeError: found by this test at random, kept for good
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
def test_no_event_reaches_a_bug(local_app, path, body, user):
    """Every answer is a 200 a person can read, or a 400 for what is not an add-on event; never
    the card that stands for a bug."""
    response = local_app.test_client().post(path, json=body, headers={"X-Handover-User": user})
    text = response.get_data(as_text=True)
    assert response.status_code in (200, 400) and "Something went wrong" not in text, (response.status_code, text[:300])


# ---------------------------------------------------------------- zip bombs

MIB = 1 << 20
W_DOC = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
         'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>')


def deflated_text_part(mib: int) -> tuple[bytes, int, int]:
    """(deflate stream, CRC-32, size) of a document.xml holding one run of `mib` MiB of text.
    The MiB is compressed once and repeated: after a full flush, deflate output can be joined."""
    head, tail = W_DOC.split("{}")
    head, tail = (head + "<w:p><w:r><w:t>").encode(), ("</w:t></w:r></w:p>" + tail).encode()
    text = b"a" * MIB
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    middle = deflate.compress(text) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.compress(tail) + deflate.flush()
    crc = zlib.crc32(head)
    for _ in range(mib):
        crc = zlib.crc32(text, crc)
    return start + middle * mib + end, zlib.crc32(tail, crc), len(head) + mib * MIB + len(tail)


def zip_by_hand(entries: list[tuple[str, int, int, bytes, int]]) -> bytes:
    """A zip of (name, method, CRC-32, stored bytes, declared size) entries: what a test needs to
    hold a part far larger than it has time to compress, or to declare a size that is false."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, method, crc, stored, size in entries:
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(stored), size,
                              len(encoded), 0) + encoded + stored)
        directory.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(stored),
                                    size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start, listing = out.tell(), directory.getvalue()
    out.write(listing + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(listing), start, 0))
    return out.getvalue()


def docx_whose_document_is(stream: bytes, crc: int, size: int) -> bytes:
    """A real .docx (python-docx's) whose word/document.xml is the given deflate stream."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(make_docx(("h1", "Deal summary")))) as package:
        for info in package.infolist():
            if info.filename == "word/document.xml":
                entries.append((info.filename, zipfile.ZIP_DEFLATED, crc, stream, size))
            else:
                data = package.read(info)
                deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
                entries.append((info.filename, zipfile.ZIP_DEFLATED, zlib.crc32(data),
                                deflate.compress(data) + deflate.flush(), len(data)))
    return zip_by_hand(entries)


def docx_replacing(part: str, xml: bytes) -> bytes:
    """A python-docx .docx with one part's XML replaced (deflated, as Word writes it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(("h1", "Deal summary")))) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info.filename, xml if info.filename == part else source.read(info))
    return out.getvalue()


def refusal(data: bytes, record_property) -> str:
    """read_docx's refusal of data. Its time, and its peak Python memory (a second run, under
    tracemalloc), are recorded with record_property, not asserted: they depend on the machine."""
    started = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_docx(data, "bomb.docx")
    record_property("seconds", round(time.perf_counter() - started, 2))
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            read_docx(data, "bomb.docx")
        record_property("peak_python_mb", round(tracemalloc.get_traced_memory()[1] / 1e6, 1))
    finally:
        tracemalloc.stop()
    return str(err.value)


def test_a_1_mb_docx_that_unzips_to_a_gigabyte_is_refused_unread(record_property):
    data = docx_whose_document_is(*deflated_text_part(1024))
    assert len(data) < 1.2 * MIB
    message = refusal(data, record_property)
    assert re.fullmatch(r"bomb\.docx: refused: it unzips to 1,07\d MB, more than the 50 MB a handover may; "
                        r"remove large pictures or embedded files, or split the document", message)


def test_a_docx_that_understates_its_unzipped_size_is_never_inflated_past_it(record_property):
    stream, crc, _ = deflated_text_part(1024)
    message = refusal(docx_whose_document_is(stream, crc, 1_000_000), record_property)
    assert message.startswith("bomb.docx: not a readable .docx file (BadZipFile: Bad CRC-32") and "\n" not in message


def test_a_docx_holding_thousands_of_files_is_refused(record_property):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(("h1", "Deal summary")))) as source, \
            zipfile.ZipFile(out, "w") as package:
        for info in source.infolist():
            package.writestr(info.filename, source.read(info))
        for n in range(5000):
            package.writestr(f"customXml/filler{n}.xml", "<x/>")
    message = refusal(out.getvalue(), record_property)
    assert message == "bomb.docx: refused: it holds 5,017 files, more than the 1,000 a Word document may; save it again from Word"


def test_a_small_docx_holding_millions_of_elements_is_refused(record_property):
    data = docx_replacing("word/document.xml", W_DOC.format("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1_000_000).encode())
    assert len(data) < 200_000  # four million elements
    message = refusal(data, record_property)
    assert message == ("bomb.docx: refused: it holds more than 300,000 XML elements, far more than a handover "
                       "needs; split the document or save it again from Word")


def test_an_element_bomb_in_the_styles_part_is_refused_too(record_property):
    styles = ('<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              + "<w:latentStyles/>" * 500_000 + "</w:styles>")
    message = refusal(docx_replacing("word/styles.xml", styles.encode()), record_property)
    assert "more than 300,000 XML elements" in message


def test_a_docx_nested_thousands_deep_is_a_clear_error():
    deep = W_DOC.format("<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000)
    with pytest.raises(InputError) as err:
        read_docx(docx_replacing("word/document.xml", deep.encode()), "deep.docx")
    assert str(err.value).startswith("deep.docx: not a readable .docx file") and "\n" not in str(err.value)


# ---------------------------------------------------------------- `handover score` on bad Docs JSON

@pytest.mark.parametrize("content, reason", [
    ("[" * 100_000 + "]" * 100_000, "x.json: not a Google Docs JSON file (nested far too deeply)"),
    ('{"body": null, "tabs": true}', "x.json: not a Google Docs document (no body or tabs)"),
    ('{"body": {"content": ' + "9" * 5000 + "}}", "x.json: not a Google Docs JSON file (ValueError: "),
    ("", "x.json: not a Google Docs JSON file (JSONDecodeError: "),
], ids=["nested", "tabs-true", "huge-number", "empty"])
def test_score_of_bad_docs_json_exits_2_with_a_one_line_reason(tmp_path, capsys, content, reason):
    path = tmp_path / "x.json"
    path.write_text(content)
    assert cli.main(["score", str(path)]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"handover: {reason}") and err.count("\n") == 1


def test_score_of_a_folder_named_like_json_exits_2(tmp_path, capsys):
    (tmp_path / "x.json").mkdir()
    assert cli.main(["score", str(tmp_path / "x.json")]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err == "handover: x.json: is a folder, not a Google Docs JSON file\n"


def test_a_long_hyphenated_run_scores_in_linear_time():
    doc = handover(Business_case=GOOD["Business case"] + [("p", "a-" * 50_000 + "a"), ("p", "1-" * 50_000 + "1")])
    t0 = time.perf_counter()
    score_document(read_docx(to_docx(doc)))
    assert time.perf_counter() - t0 < 20  # was about two minutes (quadratic lookaheads)
