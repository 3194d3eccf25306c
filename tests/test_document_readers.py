"""The readers read what the document's reader sees: a .docx's tracked insertions, content
controls, smart tags, fields and hyperlinks, never its tracked deletions; a Google Doc as it
stands, without the suggestions nobody accepted (through the real client, against the fake)."""
import io
import json

import docx
import pytest
import requests
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from fake_google import FakeGoogle
from fake_google.testing import docs_service
from server.validators.docs_json_reader import read_docs_json, read_docs_json_file
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from tests.google_env import google_workspace

CHANGE = 'w:author="Sam Patel" w:date="2026-03-02T09:00:00Z"'
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def docx_with(*paragraphs: str, table_rows: tuple[str, ...] = ()) -> bytes:
    """A .docx: a 'Deal summary' heading, a paragraph per WordprocessingML snippet (what goes
    inside <w:p>), then a table with a row per snippet (what goes inside <w:tr>)."""
    d = docx.Document()
    d.add_heading("Deal summary", 1)
    body = d.element.body
    sect_pr = body[-1]
    for inner in paragraphs:
        sect_pr.addprevious(parse_xml(f"<w:p {nsdecls('w')}>{inner}</w:p>"))
    if table_rows:
        rows = "".join(f"<w:tr>{row}</w:tr>" for row in table_rows)
        sect_pr.addprevious(parse_xml(f"<w:tbl {nsdecls('w')}><w:tblGrid/>{rows}</w:tbl>"))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def deleted(text: str) -> str:
    return f'<w:del w:id="7" {CHANGE}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


def texts(data: bytes) -> list[str]:
    """The text of each block after the heading, as the scorer gets it."""
    return [b.text for b in read_docx(data).blocks[1:]]


# ---------------------------------------------------------------- .docx tracked changes

def test_text_typed_with_track_changes_on_is_read():
    data = docx_with(run("Customer: ") + f'<w:ins w:id="1" {CHANGE}>{run("Red Rock Drilling")}</w:ins>')
    assert texts(data) == ["Customer: Red Rock Drilling"]


def test_text_deleted_with_track_changes_on_is_not_read():
    data = docx_with(run("Rigs in scope: ") + deleted("12") + f'<w:ins w:id="8" {CHANGE}>{run("4")}</w:ins>')
    assert texts(data) == ["Rigs in scope: 4"]


def test_hidden_text_does_not_pad_a_section():
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> 4 rigs DR12 DR15 on 12 March 2027 at Carosue Dam</w:t></w:r>'
    shown_again = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> (signed)</w:t></w:r>'
    data = docx_with(run("Scope: to be agreed.") + hidden + shown_again)
    assert texts(data) == ["Scope: to be agreed. (signed)"]


def test_a_deletion_holding_ordinary_text_runs_is_still_not_read():
    # some generators write w:t, not w:delText, inside w:del
    data = docx_with(run("Region: Western Australia") + f'<w:del w:id="2" {CHANGE}>{run(" and Queensland")}</w:del>')
    assert texts(data) == ["Region: Western Australia"]


def test_moved_text_is_read_once_where_it_was_moved_to():
    moved = run("Carosue Dam")
    data = docx_with(run("Site: ") + f'<w:moveFrom w:id="3" {CHANGE}>{moved}</w:moveFrom>',
                     run("Main site: ") + f'<w:moveTo w:id="4" {CHANGE}>{moved}</w:moveTo>')
    assert texts(data) == ["Site:", "Main site: Carosue Dam"]
    assert read_docx(data).word_count == 2 + 1 + 4


def test_a_table_row_deleted_with_track_changes_on_is_not_a_row():
    cell = "<w:tc><w:p>{}</w:p></w:tc>"
    data = docx_with(table_rows=(cell.format(run("Rig")) + cell.format(run("Shift")),
                                 f'<w:trPr><w:del w:id="5" {CHANGE}/></w:trPr>'
                                 + cell.format(deleted("RC-04")) + cell.format(deleted("Night")),
                                 cell.format(run("RC-07")) + cell.format(f'<w:ins w:id="6" {CHANGE}>{run("Day")}</w:ins>')))
    assert read_docx(data).blocks[1].rows == [["Rig", "Shift"], ["RC-07", "Day"]]


# ---------------------------------------------------------------- .docx wrappers around runs

def test_text_in_an_inline_content_control_is_read():
    control = f'<w:sdt><w:sdtPr><w:alias w:val="Region"/></w:sdtPr><w:sdtContent>{run("Western Australia")}</w:sdtContent></w:sdt>'
    assert texts(docx_with(run("Region: ") + control)) == ["Region: Western Australia"]


def test_text_in_a_smart_tag_is_read():
    tag = f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">{run("Kalgoorlie")}</w:smartTag>'
    assert texts(docx_with(run("Office: ") + tag)) == ["Office: Kalgoorlie"]


def test_a_simple_fields_result_is_read_and_its_instruction_is_not():
    field = f'<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">{run("14 March 2026")}</w:fldSimple>'
    assert texts(docx_with(run("Requested presentation date: ") + field)) == [
        "Requested presentation date: 14 March 2026"]


def test_a_hyperlink_is_read_once_even_inside_an_insertion():
    link = f'<w:hyperlink w:anchor="deal">{run("HubSpot deal 4411")}</w:hyperlink>'
    data = docx_with(run("CRM deal link: ") + link,
                     run("Also: ") + f'<w:ins w:id="9" {CHANGE}>{link}</w:ins>')
    assert texts(data) == ["CRM deal link: HubSpot deal 4411", "Also: HubSpot deal 4411"]


def test_markup_given_in_two_versions_for_old_readers_is_read_once():
    both = (f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="w14">{run("standby hours")}</mc:Choice>'
            f'<mc:Fallback>{run("standby hours")}</mc:Fallback></mc:AlternateContent>')
    assert texts(docx_with(run("Disputed: ") + both)) == ["Disputed: standby hours"]


def test_a_bold_lead_typed_with_track_changes_on_is_a_lead():
    lead = f'<w:ins w:id="10" {CHANGE}>{run("Business case:", bold=True)}</w:ins>'
    block = read_docx(docx_with(lead + run(" paper plods cost 3 days a month"))).blocks[1]
    assert (block.text, block.lead, block.bold) == ("Business case: paper plods cost 3 days a month",
                                                    "Business case:", False)


def test_the_scorecard_reads_a_customer_typed_with_track_changes_on():
    data = docx_with(run("Customer: ") + f'<w:ins w:id="1" {CHANGE}>{run("Red Rock Drilling")}</w:ins>'
                     + deleted("Acme Mining"))
    assert score_document(read_docx(data)).fields["customer"] == "Red Rock Drilling"


# ---------------------------------------------------------------- Docs JSON suggestions

def docs_json(*elements: dict) -> dict:
    """A documents.get answer whose body is a 'Deal summary' heading and one paragraph."""
    heading = {"paragraph": {"elements": [{"textRun": {"content": "Deal summary\n"}}],
                             "paragraphStyle": {"namedStyleType": "HEADING_1"}}}
    return {"title": "Handover", "body": {"content": [heading, {"paragraph": {"elements": list(elements)}}]}}


def test_a_suggested_insertion_in_docs_json_is_not_read():
    data = docs_json({"textRun": {"content": "Customer: "}},
                     {"textRun": {"content": "Globex", "suggestedInsertionIds": ["suggest.a1"]}},
                     {"textRun": {"content": "Acme Mining", "suggestedDeletionIds": ["suggest.b2"]}},
                     {"textRun": {"content": "\n"}})
    assert [b.text for b in read_docs_json(data).blocks[1:]] == ["Customer: Acme Mining"]


def test_a_suggested_person_chip_in_docs_json_is_not_read():
    data = docs_json({"textRun": {"content": "Champion: Ana Ruiz"}},
                     {"person": {"personProperties": {"name": " and Li Wei"}, "suggestedInsertionIds": ["suggest.c3"]}})
    assert [b.text for b in read_docs_json(data).blocks[1:]] == ["Champion: Ana Ruiz"]


def test_a_suggested_bold_lead_in_docs_json_is_no_lead():
    data = docs_json({"textRun": {"content": "Business case:", "textStyle": {"bold": True},
                                  "suggestedInsertionIds": ["suggest.d4"]}},
                     {"textRun": {"content": "paper plods cost 3 days a month\n"}})
    block = read_docs_json(data).blocks[1]
    assert (block.text, block.lead) == ("paper plods cost 3 days a month", "")


# ---------------------------------------------------------------- Google: the fake's suggestions

def handover_with_suggestions(fake: FakeGoogle) -> str:
    """A Google Doc where a collaborator suggested replacing 'Acme Mining' with 'Globex'."""
    doc_id = fake.add_document("Handover", [("Deal summary", "HEADING_1"), ("Customer: Acme Mining", "NORMAL_TEXT")])
    fake.suggest_deletion(doc_id, "Acme Mining")
    fake.suggest_insertion(doc_id, "Globex", after="Customer: ")
    return doc_id


def customer_runs(document: dict) -> list[dict]:
    return document["body"]["content"][2]["paragraph"]["elements"]


@pytest.mark.parametrize("mode, text", [
    (None, "Customer: GlobexAcme Mining\n"),
    ("SUGGESTIONS_INLINE", "Customer: GlobexAcme Mining\n"),
    ("PREVIEW_SUGGESTIONS_ACCEPTED", "Customer: Globex\n"),
    ("PREVIEW_WITHOUT_SUGGESTIONS", "Customer: Acme Mining\n"),
])
def test_documents_get_shows_suggestions_as_the_view_mode_asks(fake, mode, text):
    doc_id = handover_with_suggestions(fake)
    options = {"suggestionsViewMode": mode} if mode else {}
    document = docs_service(fake).documents().get(documentId=doc_id, **options).execute()
    assert "".join(r["textRun"]["content"] for r in customer_runs(document)) == text
    assert document["suggestionsViewMode"] == (mode or "SUGGESTIONS_INLINE")


def test_inline_suggestions_carry_their_ids_on_the_text_run(fake):
    doc_id = handover_with_suggestions(fake)
    runs = customer_runs(docs_service(fake).documents().get(documentId=doc_id).execute())
    marked = [(r["textRun"]["content"], sorted(k for k in r["textRun"] if k.startswith("suggested"))) for r in runs]
    assert marked == [("Customer: ", []), ("Globex", ["suggestedInsertionIds"]),
                      ("Acme Mining", ["suggestedDeletionIds"]), ("\n", [])]
    assert all(r["textRun"]["textStyle"] == {} for r in runs)


def test_an_unknown_view_mode_is_refused_like_google(fake):
    doc_id = handover_with_suggestions(fake)
    answer = requests.get(f"{fake.base_url}v1/documents/{doc_id}", params={"suggestionsViewMode": "ALL"},
                          headers={"Authorization": "Bearer t"}, timeout=10)
    assert answer.status_code == 400 and "suggestions_view_mode" in answer.json()["error"]["message"]


def test_the_workspace_scores_a_google_doc_without_its_suggestions(fake):
    ws = google_workspace(fake)
    doc_id = handover_with_suggestions(fake)
    assert [b.text for b in ws.read(doc_id).blocks] == ["Deal summary", "Customer: Acme Mining"]


def test_a_saved_inline_json_reads_the_same_as_the_workspace(fake, tmp_path):
    ws = google_workspace(fake)
    doc_id = handover_with_suggestions(fake)
    saved = tmp_path / "handover.json"
    saved.write_text(json.dumps(docs_service(fake).documents().get(documentId=doc_id).execute()))
    assert read_docs_json_file(saved).blocks == ws.read(doc_id).blocks
