"""The fake Google APIs, driven through the real google-api-python-client and gspread."""

import io
import json
import threading
import time

import docx
import gspread
import pytest
import requests
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload

from fake_google import FakeGoogle, RewritingSession, gspread_client
from fake_google.testing import build_service, docs_service, drive_service, sheets_service

FOLDER = "application/vnd.google-apps.folder"
DOCUMENT = "application/vnd.google-apps.document"
SPREADSHEET = "application/vnd.google-apps.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def drive(fake):
    return drive_service(fake)


@pytest.fixture
def docs(fake):
    return docs_service(fake)


@pytest.fixture
def sheets(fake):
    return sheets_service(fake)


def error_json(http_error):
    return json.loads(http_error.content)


def body_paragraphs(document):
    """(namedStyleType, text) of the body's top-level paragraphs."""
    found = []
    for element in document["body"]["content"]:
        if "paragraph" in element:
            paragraph = element["paragraph"]
            text = "".join(e["textRun"]["content"] for e in paragraph["elements"] if "textRun" in e)
            found.append((paragraph["paragraphStyle"]["namedStyleType"], text))
    return found


def assert_indexes_consistent(content, start=0):
    """Each element starts where the previous one ended; runs tile their paragraph."""
    position = start
    for element in content:
        assert element.get("startIndex", 0) == position, element
        if "paragraph" in element:
            run_position = element["startIndex"]
            for run in element["paragraph"]["elements"]:
                assert run["startIndex"] == run_position
                run_position = run["endIndex"]
                assert run["endIndex"] - run["startIndex"] == len(run["textRun"]["content"])
            assert run_position == element["endIndex"]
        if "table" in element:
            cell_position = element["startIndex"] + 1
            for row in element["table"]["tableRows"]:
                assert row["startIndex"] == cell_position
                cell_position += 1
                for cell in row["tableCells"]:
                    assert cell["startIndex"] == cell_position
                    assert_indexes_consistent(cell["content"], cell_position + 1)
                    cell_position = cell["endIndex"]
            assert element["endIndex"] == cell_position + 1
        position = element["endIndex"]
    return position


# ---------------------------------------------------------------- Drive

def create_folder(drive, name, parent=None, **params):
    body = {"name": name, "mimeType": FOLDER}
    if parent:
        body["parents"] = [parent]
    return drive.files().create(body=body, fields="id,name,parents,driveId", **params).execute()


def test_folder_tree_in_my_drive_lists_children_by_query(fake, drive):
    top = create_folder(drive, "Handovers")
    assert top["parents"] == [fake.root_folder_id]
    in_root = drive.files().list(q="'root' in parents", fields="files(id)").execute()
    assert in_root["files"] == [{"id": top["id"]}]
    child_a = create_folder(drive, "Study A", top["id"])
    child_b = create_folder(drive, "Study B", top["id"])
    create_folder(drive, "Deeper", child_a["id"])
    doc = drive.files().create(body={"name": "Notes", "mimeType": DOCUMENT,
                                     "parents": [top["id"]]}).execute()

    listed = drive.files().list(q=f"'{top['id']}' in parents and trashed = false",
                                fields="files(id,name,mimeType)", orderBy="name").execute()
    assert [f["name"] for f in listed["files"]] == ["Notes", "Study A", "Study B"]

    folders_only = drive.files().list(
        q=f"'{top['id']}' in parents and mimeType = '{FOLDER}'", fields="files(id)").execute()
    assert {f["id"] for f in folders_only["files"]} == {child_a["id"], child_b["id"]}
    not_folders = drive.files().list(
        q=f"'{top['id']}' in parents and mimeType != '{FOLDER}'", fields="files(id)").execute()
    assert [f["id"] for f in not_folders["files"]] == [doc["id"]]

    by_name = drive.files().list(q="name = 'Study B'", fields="files(id,parents)").execute()
    assert by_name["files"] == [{"id": child_b["id"], "parents": [top["id"]]}]


def test_shared_drive_folders_need_supports_all_drives(fake, drive):
    drive_id = fake.add_shared_drive("Desktop Study Team")
    folder = create_folder(drive, "2024", drive_id, supportsAllDrives=True)
    assert folder["driveId"] == drive_id and folder["parents"] == [drive_id]
    inner = create_folder(drive, "Q1", folder["id"], supportsAllDrives=True)
    assert inner["driveId"] == drive_id

    with pytest.raises(HttpError) as missing:
        drive.files().get(fileId=folder["id"]).execute()
    assert missing.value.resp.status == 404
    with pytest.raises(HttpError):
        create_folder(drive, "Q2", folder["id"])  # parent invisible without supportsAllDrives

    children = drive.files().list(q=f"'{folder['id']}' in parents", supportsAllDrives=True,
                                  includeItemsFromAllDrives=True,
                                  fields="files(id,name,driveId)").execute()
    assert children["files"] == [{"id": inner["id"], "name": "Q1", "driveId": drive_id}]

    my_drive_only = drive.files().list(q=f"'{folder['id']}' in parents",
                                       fields="files(id)").execute()
    assert my_drive_only["files"] == []

    whole_drive = drive.files().list(corpora="drive", driveId=drive_id, supportsAllDrives=True,
                                     includeItemsFromAllDrives=True, fields="files(name)").execute()
    assert sorted(f["name"] for f in whole_drive["files"]) == ["2024", "Q1"]


def test_files_get_returns_requested_fields_with_links_and_times(fake, drive):
    created = drive.files().create(
        body={"name": "Tracker", "mimeType": SPREADSHEET, "appProperties": {"study": "s-1"}}
    ).execute()
    assert set(created) == {"kind", "id", "name", "mimeType"}  # Drive's default fields

    fields = "id,name,mimeType,parents,appProperties,modifiedTime,webViewLink,driveId,trashed"
    got = drive.files().get(fileId=created["id"], fields=fields).execute()
    assert got["webViewLink"] == f"https://docs.google.com/spreadsheets/d/{created['id']}/edit"
    assert got["appProperties"] == {"study": "s-1"}
    assert got["trashed"] is False and "driveId" not in got
    assert got["modifiedTime"].endswith("Z") and "T" in got["modifiedTime"]

    with pytest.raises(HttpError) as bad_field:
        drive.files().get(fileId=created["id"], fields="id,nonsense").execute()
    assert bad_field.value.resp.status == 400


def test_update_merges_app_properties_moves_and_trashes(fake, drive):
    source = create_folder(drive, "Inbox")
    target = create_folder(drive, "Done")
    doc = drive.files().create(body={"name": "Draft", "mimeType": DOCUMENT,
                                     "parents": [source["id"]],
                                     "appProperties": {"a": "1", "b": "2"}},
                               fields="id,modifiedTime").execute()
    updated = drive.files().update(
        fileId=doc["id"], body={"name": "Final", "appProperties": {"b": None, "c": "3"}},
        addParents=target["id"], removeParents=source["id"],
        fields="name,appProperties,parents,modifiedTime").execute()
    assert updated["name"] == "Final"
    assert updated["appProperties"] == {"a": "1", "c": "3"}
    assert updated["parents"] == [target["id"]]
    assert updated["modifiedTime"] > doc["modifiedTime"]

    query = "appProperties has { key='c' and value='3' } and trashed = false"
    assert [f["id"] for f in drive.files().list(q=query).execute()["files"]] == [doc["id"]]
    drive.files().update(fileId=doc["id"], body={"trashed": True}).execute()
    assert drive.files().list(q=query).execute()["files"] == []

    drive.files().delete(fileId=doc["id"]).execute()
    with pytest.raises(HttpError) as gone:
        drive.files().get(fileId=doc["id"]).execute()
    assert gone.value.resp.status == 404


def test_list_pages_through_results(fake, drive):
    folder = create_folder(drive, "Many")
    for number in range(7):
        fake.add_file(f"file {number}", "text/plain", folder["id"], b"x")
    names, token, pages = [], None, 0
    while True:
        page = drive.files().list(q=f"'{folder['id']}' in parents", pageSize=3,
                                  pageToken=token, fields="nextPageToken,files(name)").execute()
        names += [f["name"] for f in page["files"]]
        pages += 1
        token = page.get("nextPageToken")
        if not token:
            break
    assert pages == 3 and sorted(names) == [f"file {n}" for n in range(7)]


def test_query_quotes_are_escaped(fake, drive):
    fake.add_file("Bob's notes", "text/plain")
    found = drive.files().list(q="name = 'Bob\\'s notes'").execute()["files"]
    assert [f["name"] for f in found] == ["Bob's notes"]
    with pytest.raises(HttpError) as bad:
        drive.files().list(q="name = 'unterminated").execute()
    assert bad.value.resp.status == 400


def test_unknown_file_answers_googles_404_shape(drive):
    with pytest.raises(HttpError) as missing:
        drive.files().get(fileId="no-such-file").execute()
    assert missing.value.resp.status == 404
    assert error_json(missing.value) == {"error": {
        "code": 404,
        "message": "File not found: no-such-file.",
        "errors": [{"message": "File not found: no-such-file.", "domain": "global",
                    "reason": "notFound", "location": "fileId", "locationType": "parameter"}],
        "status": "NOT_FOUND",
    }}


# ---------------------------------------------------------------- Docs

def test_copying_a_document_copies_its_content(fake, drive, docs):
    folder = create_folder(drive, "Templates")
    template = fake.add_document("Template", [("Handover for {{study}}", "HEADING_1"),
                                              ("Owner: {{owner}}", "NORMAL_TEXT")], folder["id"])
    copy = drive.files().copy(fileId=template, body={"name": "Handover S-1",
                                                     "parents": [folder["id"]]},
                              fields="id,name,parents,webViewLink").execute()
    assert copy["id"] != template
    assert copy["webViewLink"] == f"https://docs.google.com/document/d/{copy['id']}/edit"
    copied = docs.documents().get(documentId=copy["id"]).execute()
    assert copied["title"] == "Handover S-1" and copied["documentId"] == copy["id"]
    assert body_paragraphs(copied) == [("HEADING_1", "Handover for {{study}}\n"),
                                       ("NORMAL_TEXT", "Owner: {{owner}}\n")]

    docs.documents().batchUpdate(documentId=copy["id"], body={"requests": [
        {"replaceAllText": {"containsText": {"text": "{{study}}"}, "replaceText": "S-1"}}]}
    ).execute()
    assert "{{study}}" in fake.document_text(template)  # the original is untouched
    names = {f["name"] for f in fake.children(folder["id"])}
    assert names == {"Template", "Handover S-1"}


def test_replace_all_text_changes_text_and_recomputes_indexes(fake, docs):
    document_id = fake.add_document("Letter", "Dear {{name}},\nWelcome, {{NAME}}!\nBye")
    reply = docs.documents().batchUpdate(documentId=document_id, body={"requests": [
        {"replaceAllText": {"containsText": {"text": "{{name}}", "matchCase": True},
                            "replaceText": "Ann Lee"}},
        {"replaceAllText": {"containsText": {"text": "{{name}}"}, "replaceText": "A."}},
        {"replaceAllText": {"containsText": {"text": "absent"}, "replaceText": "x"}},
    ]}).execute()
    assert reply["replies"] == [{"replaceAllText": {"occurrencesChanged": 1}},
                                {"replaceAllText": {"occurrencesChanged": 1}},
                                {"replaceAllText": {}}]
    assert reply["documentId"] == document_id

    document = docs.documents().get(documentId=document_id).execute()
    assert body_paragraphs(document) == [("NORMAL_TEXT", "Dear Ann Lee,\n"),
                                         ("NORMAL_TEXT", "Welcome, A.!\n"),
                                         ("NORMAL_TEXT", "Bye\n")]
    content = document["body"]["content"]
    assert content[0] == {"endIndex": 1, "sectionBreak": {"sectionStyle": {
        "columnSeparatorStyle": "NONE", "contentDirection": "LEFT_TO_RIGHT",
        "sectionType": "CONTINUOUS"}}}
    assert [(e["startIndex"], e["endIndex"]) for e in content[1:]] == [(1, 15), (15, 28),
                                                                      (28, 32)]
    assert_indexes_consistent(content)


def test_insert_text_styles_and_revision_control(fake, docs):
    document_id = docs.documents().create(body={"title": "Blank"}).execute()["documentId"]
    revision = docs.documents().get(documentId=document_id).execute()["revisionId"]
    docs.documents().batchUpdate(documentId=document_id, body={
        "writeControl": {"requiredRevisionId": revision},
        "requests": [
            {"insertText": {"location": {"index": 1}, "text": "Summary\nBody text"}},
            {"updateParagraphStyle": {"range": {"startIndex": 1, "endIndex": 8},
                                      "paragraphStyle": {"namedStyleType": "HEADING_1"},
                                      "fields": "namedStyleType"}},
            {"updateTextStyle": {"range": {"startIndex": 9, "endIndex": 13},
                                 "textStyle": {"bold": True}, "fields": "bold"}},
            {"insertText": {"endOfSegmentLocation": {}, "text": "."}},
        ]}).execute()
    document = docs.documents().get(documentId=document_id).execute()
    assert body_paragraphs(document) == [("HEADING_1", "Summary\n"),
                                         ("NORMAL_TEXT", "Body text.\n")]
    runs = document["body"]["content"][2]["paragraph"]["elements"]
    assert [(r["textRun"]["content"], r["textRun"]["textStyle"]) for r in runs] == [
        ("Body", {"bold": True}), (" text.\n", {})]
    assert_indexes_consistent(document["body"]["content"])

    with pytest.raises(HttpError) as stale:  # the revision moved on
        docs.documents().batchUpdate(documentId=document_id, body={
            "writeControl": {"requiredRevisionId": revision},
            "requests": [{"insertText": {"location": {"index": 1}, "text": "x"}}]}).execute()
    assert stale.value.resp.status == 400


def test_unknown_docs_request_kind_is_rejected_like_google(fake, docs):
    document_id = fake.add_document("Doc", "text")
    with pytest.raises(HttpError) as bad:
        docs.documents().batchUpdate(documentId=document_id, body={
            "requests": [{"insertText": {"location": {"index": 1}, "text": "kept? "}},
                         {"frobnicate": {}}]}).execute()
    assert bad.value.resp.status == 400
    assert error_json(bad.value)["error"]["status"] == "INVALID_ARGUMENT"
    assert fake.document_text(document_id) == "text\n"  # a failed batch changes nothing


def make_docx():
    document = docx.Document()
    document.add_heading("Desktop Study Handover", level=1)
    document.add_paragraph("Prepared for the receiving team.")
    document.add_heading("Key findings", level=2)
    document.add_paragraph("First finding", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, values in enumerate([("Risk", "Owner"), ("Flooding", "Ann")]):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_upload_is_converted_to_a_google_doc(fake, drive, docs):
    folder = create_folder(drive, "Uploads")
    media = MediaIoBaseUpload(io.BytesIO(make_docx()), mimetype=DOCX)
    uploaded = drive.files().create(
        body={"name": "Handover", "mimeType": DOCUMENT, "parents": [folder["id"]]},
        media_body=media, fields="id,name,mimeType,parents").execute()
    assert uploaded["mimeType"] == DOCUMENT and uploaded["parents"] == [folder["id"]]
    assert fake.calls["drive.files.create"] == 2

    document = docs.documents().get(documentId=uploaded["id"]).execute()
    assert document["title"] == "Handover"
    assert body_paragraphs(document) == [
        ("HEADING_1", "Desktop Study Handover\n"),
        ("NORMAL_TEXT", "Prepared for the receiving team.\n"),
        ("HEADING_2", "Key findings\n"),
        ("NORMAL_TEXT", "First finding\n"),
        ("NORMAL_TEXT", "After the table.\n"),
    ]
    bullet = document["body"]["content"][4]["paragraph"]["bullet"]
    assert bullet["listId"] in document["lists"]
    tables = [e["table"] for e in document["body"]["content"] if "table" in e]
    assert len(tables) == 1 and (tables[0]["rows"], tables[0]["columns"]) == (2, 2)
    cells = [["".join(run["textRun"]["content"] for p in cell["content"]
                      for run in p["paragraph"]["elements"]) for cell in row["tableCells"]]
             for row in tables[0]["tableRows"]]
    assert cells == [["Risk\n", "Owner\n"], ["Flooding\n", "Ann\n"]]
    assert_indexes_consistent(document["body"]["content"])


def test_docx_without_conversion_stays_a_file(fake, drive):
    data = make_docx()
    media = MediaIoBaseUpload(io.BytesIO(data), mimetype=DOCX)
    uploaded = drive.files().create(body={"name": "raw.docx"}, media_body=media,
                                    fields="id,mimeType,size").execute()
    assert uploaded["mimeType"] == DOCX
    assert fake.file_content(uploaded["id"]) == data  # byte for byte
    assert uploaded["size"] == str(len(data))


# ---------------------------------------------------------------- Sheets

def test_spreadsheet_setup_with_batch_update(fake, sheets):
    created = sheets.spreadsheets().create(body={"properties": {"title": "Tracker"}}).execute()
    spreadsheet_id = created["spreadsheetId"]
    assert created["sheets"][0]["properties"]["title"] == "Sheet1"
    assert fake.get_file(spreadsheet_id)["mimeType"] == SPREADSHEET

    reply = sheets.spreadsheets().batchUpdate(spreadsheetId=spreadsheet_id, body={"requests": [
        {"addSheet": {"properties": {"title": "Log"}}},
        {"updateSheetProperties": {"properties": {"sheetId": 0,
                                                  "gridProperties": {"frozenRowCount": 1}},
                                   "fields": "gridProperties.frozenRowCount"}},
        {"setDataValidation": {
            "range": {"sheetId": 0, "startRowIndex": 1, "endRowIndex": 100,
                      "startColumnIndex": 2, "endColumnIndex": 3},
            "rule": {"condition": {"type": "ONE_OF_LIST", "values": [
                {"userEnteredValue": "Open"}, {"userEnteredValue": "Done"}]}, "strict": True}}},
        {"addProtectedRange": {"protectedRange": {
            "range": {"sheetId": 0, "startRowIndex": 0, "endRowIndex": 1},
            "description": "Header", "warningOnly": True}}},
        {"addConditionalFormatRule": {"index": 0, "rule": {
            "ranges": [{"sheetId": 0, "startColumnIndex": 2, "endColumnIndex": 3}],
            "booleanRule": {"condition": {"type": "TEXT_EQ",
                                          "values": [{"userEnteredValue": "Done"}]},
                            "format": {"backgroundColor": {"green": 1}}}}}},
    ]}).execute()
    replies = reply["replies"]
    assert len(replies) == 5 and replies[1] == {} and replies[2] == {} and replies[4] == {}
    log_id = replies[0]["addSheet"]["properties"]["sheetId"]
    assert replies[0]["addSheet"]["properties"]["index"] == 1
    protected_id = replies[3]["addProtectedRange"]["protectedRange"]["protectedRangeId"]

    got = sheets.spreadsheets().get(spreadsheetId=spreadsheet_id).execute()
    first, second = got["sheets"]
    assert first["properties"]["gridProperties"]["frozenRowCount"] == 1
    assert second["properties"]["sheetId"] == log_id
    assert first["protectedRanges"][0]["protectedRangeId"] == protected_id
    assert first["protectedRanges"][0]["description"] == "Header"
    assert first["conditionalFormats"][0]["booleanRule"]["condition"]["type"] == "TEXT_EQ"
    grid = sheets.spreadsheets().get(spreadsheetId=spreadsheet_id, ranges=["Sheet1!C2"],
                                     includeGridData=True).execute()
    cell = grid["sheets"][0]["data"][0]["rowData"][0]["values"][0]
    assert cell["dataValidation"]["condition"]["type"] == "ONE_OF_LIST"

    sheets.spreadsheets().batchUpdate(spreadsheetId=spreadsheet_id, body={"requests": [
        {"deleteProtectedRange": {"protectedRangeId": protected_id}}]}).execute()
    again = sheets.spreadsheets().get(spreadsheetId=spreadsheet_id,
                                      fields="sheets(properties.title,protectedRanges)").execute()
    assert again == {"sheets": [{"properties": {"title": "Sheet1"}},
                                {"properties": {"title": "Log"}}]}


def test_raw_formula_text_stays_text_user_entered_becomes_formula(fake, sheets):
    spreadsheet_id = fake.add_spreadsheet("Links", {"Sheet1": [["Name", "Link"]]})
    formula = '=HYPERLINK("https://example.com/doc","Open doc")'
    update = sheets.spreadsheets().values().update(
        spreadsheetId=spreadsheet_id, range="Sheet1!A2:B2", valueInputOption="RAW",
        body={"values": [["raw", formula]]}).execute()
    assert update == {"spreadsheetId": spreadsheet_id, "updatedRange": "Sheet1!A2:B2",
                      "updatedRows": 1, "updatedColumns": 2, "updatedCells": 2}
    sheets.spreadsheets().values().update(
        spreadsheetId=spreadsheet_id, range="Sheet1!A3", valueInputOption="USER_ENTERED",
        body={"values": [["entered", formula]]}).execute()

    assert fake.get_cell(spreadsheet_id, "Sheet1", "B2") == {"value": formula}
    assert fake.get_cell(spreadsheet_id, "Sheet1", "B3") == {"formula": formula}
    shown = sheets.spreadsheets().values().get(spreadsheetId=spreadsheet_id,
                                               range="Sheet1!B2:B3").execute()
    assert shown["values"] == [[formula], ["Open doc"]]
    as_formulas = sheets.spreadsheets().values().get(
        spreadsheetId=spreadsheet_id, range="B2:B3", valueRenderOption="FORMULA").execute()
    assert as_formulas["values"] == [[formula], [formula]]


def test_append_batch_get_and_a1_ranges(fake, sheets):
    spreadsheet_id = fake.add_spreadsheet("Tracker", {"My Log": [["When", "What", "Count"]]})
    appended = sheets.spreadsheets().values().append(
        spreadsheetId=spreadsheet_id, range="'My Log'!A1", valueInputOption="USER_ENTERED",
        insertDataOption="INSERT_ROWS",
        body={"values": [["2024-01-02", "first", "3"], ["2024-01-03", "second", 4]]}).execute()
    assert appended["tableRange"] == "'My Log'!A1:C1"
    assert appended["updates"] == {"spreadsheetId": spreadsheet_id,
                                   "updatedRange": "'My Log'!A2:C3", "updatedRows": 2,
                                   "updatedColumns": 3, "updatedCells": 6}

    batch = sheets.spreadsheets().values().batchGet(
        spreadsheetId=spreadsheet_id, ranges=["'My Log'!A:A", "'My Log'!B2:C",
                                              "'My Log'!C2:C3"],
        valueRenderOption="UNFORMATTED_VALUE").execute()
    ranges = batch["valueRanges"]
    # INSERT_ROWS added two rows to the 1000-row grid.
    assert [r["range"] for r in ranges] == ["'My Log'!A1:A1002", "'My Log'!B2:C1002",
                                            "'My Log'!C2:C3"]
    assert ranges[0]["values"] == [["When"], [45293], [45294]]  # dates are serial numbers
    assert ranges[1]["values"] == [["first", 3], ["second", 4]]

    cleared = sheets.spreadsheets().values().clear(spreadsheetId=spreadsheet_id,
                                                   range="'My Log'!B2:B").execute()
    assert cleared["clearedRange"] == "'My Log'!B2:B1002"
    assert fake.get_values(spreadsheet_id, "My Log") == [
        ["When", "What", "Count"], ["2024-01-02", "", 3], ["2024-01-03", "", 4]]

    with pytest.raises(HttpError) as bad_range:
        sheets.spreadsheets().values().get(spreadsheetId=spreadsheet_id,
                                           range="'No Such Sheet'!A1").execute()
    assert bad_range.value.resp.status == 400


def test_values_batch_update_and_grid_limits(fake, sheets):
    spreadsheet_id = fake.add_spreadsheet("Grid")
    result = sheets.spreadsheets().values().batchUpdate(spreadsheetId=spreadsheet_id, body={
        "valueInputOption": "RAW",
        "data": [{"range": "Sheet1!A1:B1", "values": [["a", "b"]]},
                 {"range": "Sheet1!A3", "majorDimension": "COLUMNS", "values": [["x", "y"]]}],
    }).execute()
    assert result["totalUpdatedCells"] == 4 and result["totalUpdatedSheets"] == 1
    assert [r["updatedRange"] for r in result["responses"]] == ["Sheet1!A1:B1", "Sheet1!A3:A4"]
    assert fake.get_values(spreadsheet_id, "Sheet1") == [["a", "b"], [], ["x"], ["y"]]

    with pytest.raises(HttpError) as too_far:
        sheets.spreadsheets().values().update(
            spreadsheetId=spreadsheet_id, range="Sheet1!A1000", valueInputOption="RAW",
            body={"values": [["1"], ["2"]]}).execute()
    assert "exceeds grid limits" in error_json(too_far.value)["error"]["message"]


def test_gspread_workflow(fake):
    gc = gspread_client(fake.base_url)
    spreadsheet = gc.create("Handover tracker")
    assert fake.get_file(spreadsheet.id)["name"] == "Handover tracker"
    worksheet = spreadsheet.sheet1
    worksheet.update([["Study", "Status"], ["S-1", "Open"]], "A1",
                     value_input_option="USER_ENTERED")
    worksheet.append_rows([["S-2", "Done"], ["S-3", "Open"]])
    assert worksheet.get_all_values() == [["Study", "Status"], ["S-1", "Open"],
                                          ["S-2", "Done"], ["S-3", "Open"]]
    worksheet.freeze(rows=1)
    assert fake.get_spreadsheet(spreadsheet.id)["sheets"][0]["properties"][
        "gridProperties"]["frozenRowCount"] == 1
    assert worksheet.batch_get(["A2:A3", "B4"]) == [[["S-1"], ["S-2"]], [["Open"]]]
    worksheet.batch_update([{"range": "B2", "values": [["Done"]]}])
    assert worksheet.find("S-3").row == 4
    assert worksheet.acell("B2").value == "Done"

    log = spreadsheet.add_worksheet("Log", rows=20, cols=5)
    spreadsheet.batch_update({"requests": [{"updateSheetProperties": {
        "properties": {"sheetId": log.id, "title": "Activity"}, "fields": "title"}}]})
    reopened = gc.open_by_key(spreadsheet.id)
    assert [ws.title for ws in reopened.worksheets()] == ["Sheet1", "Activity"]
    assert reopened.worksheet("Activity").row_count == 20
    assert [s["name"] for s in gc.list_spreadsheet_files()] == ["Handover tracker"]


def test_rewriting_session_only_rewrites_google_hosts():
    session = RewritingSession("http://127.0.0.1:9/")
    assert session.rewrite("https://sheets.googleapis.com/v4/spreadsheets/x") == \
        "http://127.0.0.1:9/v4/spreadsheets/x"
    assert session.rewrite("https://www.googleapis.com/drive/v3/files") == \
        "http://127.0.0.1:9/drive/v3/files"
    assert session.rewrite("https://example.com/a") == "https://example.com/a"
    assert session.headers["Authorization"].startswith("Bearer ")


# ---------------------------------------------------------------- the server

def test_call_counters_count_per_endpoint(fake, drive, sheets):
    folder = create_folder(drive, "Counted")
    drive.files().list(q=f"'{folder['id']}' in parents").execute()
    drive.files().list().execute()
    spreadsheet_id = fake.add_spreadsheet("Counted")
    sheets.spreadsheets().values().append(spreadsheetId=spreadsheet_id, range="Sheet1",
                                          valueInputOption="RAW",
                                          body={"values": [["x"]]}).execute()
    calls = fake.calls
    assert calls["drive.files.create"] == 1
    assert calls["drive.files.list"] == 2
    assert calls["sheets.spreadsheets.values.append"] == 1
    assert calls["docs.documents.get"] == 0
    assert fake.total_calls() == 4
    fake.reset_calls()
    assert fake.total_calls() == 0 and fake.calls == {}


def test_fail_next_answers_googles_error_then_recovers(fake, drive):
    fake.fail_next(2, status=429)
    for _ in range(2):
        with pytest.raises(HttpError) as limited:
            drive.files().list().execute()
        assert limited.value.resp.status == 429
        error = error_json(limited.value)["error"]
        assert error["code"] == 429 and error["status"] == "RESOURCE_EXHAUSTED"
        assert error["errors"][0]["reason"] == "userRateLimitExceeded"
    assert drive.files().list().execute()["files"] == []
    assert fake.calls["drive.files.list"] == 3


def test_fail_next_can_target_one_endpoint_and_retries_succeed(fake, drive, sheets):
    fake.fail_next(1, status=503, endpoint="sheets.spreadsheets.create")
    drive.files().list().execute()  # not targeted
    created = sheets.spreadsheets().create(body={}).execute(num_retries=2)
    assert created["properties"]["title"] == "Untitled spreadsheet"
    assert fake.calls["sheets.spreadsheets.create"] == 2


def test_slow_next_and_latency_delay_calls(fake, drive):
    fake.slow_next(1, 0.3, endpoint="drive.files.list")
    started = time.monotonic()
    drive.files().list().execute()
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    drive.files().list().execute()
    assert time.monotonic() - started < 0.3

    fake.latency = 0.2
    url = fake.base_url + "drive/v3/files"
    threads = [threading.Thread(target=requests.get, args=(url,),
                                kwargs={"headers": {"Authorization": "Bearer t"}})
               for _ in range(5)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert 0.2 <= elapsed < 0.8  # every call waits 0.2 s, and the calls overlap (not 1.0 s)


def test_requests_without_bearer_token_are_unauthenticated(fake):
    answer = requests.get(fake.base_url + "drive/v3/files")
    assert answer.status_code == 401
    assert answer.json()["error"]["status"] == "UNAUTHENTICATED"
    answer = requests.get(fake.base_url + "v4/spreadsheets/x", headers={"Authorization": "Basic"})
    assert answer.status_code == 401
    assert set(answer.json()["error"]) == {"code", "message", "status"}


def test_unknown_path_answers_404_json(fake):
    answer = requests.get(fake.base_url + "v9/nothing", headers={"Authorization": "Bearer t"})
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == 404


def test_concurrent_appends_all_land(fake):
    spreadsheet_id = fake.add_spreadsheet("Busy")
    url = f"{fake.base_url}v4/spreadsheets/{spreadsheet_id}/values/Sheet1!A1:append"

    def append(number):
        answer = requests.post(url, params={"valueInputOption": "RAW"},
                               json={"values": [[f"row {number}"]]},
                               headers={"Authorization": "Bearer t"})
        assert answer.status_code == 200

    threads = [threading.Thread(target=append, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = fake.get_values(spreadsheet_id, "Sheet1")
    assert sorted(row[0] for row in rows) == sorted(f"row {n}" for n in range(16))


def test_fake_is_a_context_manager_with_its_own_port():
    with FakeGoogle() as first, FakeGoogle() as second:
        assert first.base_url != second.base_url
        assert first.base_url.startswith("http://127.0.0.1:")
    with pytest.raises(requests.ConnectionError):
        requests.get(first.base_url, timeout=1)


@pytest.mark.parametrize("role, may_trash, may_delete", [("organizer", True, True), ("fileOrganizer", True, False),
                                                          ("reader", False, False)])
def test_a_shared_drive_role_decides_who_may_trash_and_who_may_delete(fake, drive, role, may_trash, may_delete):
    drive_id = fake.add_shared_drive("Customers", role=role)
    file_id = fake.add_document("Handover", "text", parent_id=drive_id)
    trash = drive.files().update(fileId=file_id, body={"trashed": True}, supportsAllDrives=True)
    delete = drive.files().delete(fileId=file_id, supportsAllDrives=True)
    for call, allowed in ((trash, may_trash), (delete, may_delete)):
        if allowed:
            call.execute()
        else:
            with pytest.raises(HttpError) as refused:
                call.execute()
            assert refused.value.resp.status == 403 and refused.value.error_details[0]["reason"] == "insufficientFilePermissions"


def test_drive_search_can_lag_behind_a_create_as_drive_does(fake, drive):
    fake.search_lag = 0.3
    folder = drive.files().create(body={"name": "New", "mimeType": "application/vnd.google-apps.folder"}).execute()
    listed = lambda: [f["id"] for f in drive.files().list(q="name = 'New'").execute()["files"]]  # noqa: E731
    assert listed() == [] and drive.files().get(fileId=folder["id"]).execute()["name"] == "New"  # get sees it
    time.sleep(0.35)
    assert listed() == [folder["id"]]


def test_a_per_user_quota_answers_429_resource_exhausted_per_token(fake, docs):
    doc_id = fake.add_document("Handover", "text")
    fake.set_quota("docs.documents.get", 2, per_seconds=60)
    docs.documents().get(documentId=doc_id).execute()
    docs.documents().get(documentId=doc_id).execute()
    with pytest.raises(HttpError) as over:
        docs.documents().get(documentId=doc_id).execute()
    error = json.loads(over.value.content)["error"]
    assert (over.value.resp.status, error["status"]) == (429, "RESOURCE_EXHAUSTED")
    assert "Read requests per minute per user" in error["message"]
    other_user = build_service(fake, "docs", "v1")  # a fresh token is a fresh count
    other_user._http.credentials.token = "another-user"
    assert other_user.documents().get(documentId=doc_id).execute()["documentId"] == doc_id


def test_sheets_reads_and_writes_are_counted_apart_as_google_counts_them(fake, docs):
    from fake_google import gspread_client
    sheet_id = fake.add_spreadsheet("Tracker", {"Studies": [["Study ID"]]})
    gc = gspread_client(fake.base_url)
    fake.set_quota("sheets", 2, per_seconds=60, kind="read")
    fake.set_quota("sheets", 1, per_seconds=60, kind="write")
    http = gc.http_client
    http.values_get(sheet_id, "Studies!A1")
    http.values_update(sheet_id, "Studies!A2", params={"valueInputOption": "RAW"}, body={"values": [["DS-1"]]})
    http.values_get(sheet_id, "Studies!A1:A2")  # a second read: reads have their own count
    with pytest.raises(gspread.exceptions.APIError) as over:
        http.values_append(sheet_id, "Studies!A1", params={"valueInputOption": "RAW"}, body={"values": [["DS-2"]]})
    assert over.value.response.status_code == 429
    assert "Write requests per minute per user" in over.value.error["message"]
    assert [r[0] for r in fake.get_values(sheet_id, "Studies")] == ["Study ID", "DS-1"]  # nothing written


def _batch_drive(fake):
    from tests.google_env import fake_clients
    return fake_clients(fake).drive  # Google's own URLs, batches included, sent to the fake


def test_a_drive_batch_is_one_round_trip_and_each_call_answers_for_itself(fake):
    drive = _batch_drive(fake)
    answers = {}
    batch = drive.new_batch_http_request(callback=lambda rid, response, error: answers.__setitem__(rid, (response, error)))
    for i in range(8):
        batch.add(drive.files().create(body={"name": f"F{i}", "mimeType": "application/vnd.google-apps.folder"},
                                       fields="id,name"), request_id=f"f{i}")
    batch.add(drive.files().create(body={"name": "Lost", "parents": ["no-such-folder"]}, fields="id"), request_id="lost")
    batch.add(drive.files().get(fileId="missing", fields="id"), request_id="get")
    fake.latency = 0.3
    t0 = time.monotonic()
    batch.execute()
    assert time.monotonic() - t0 < 0.6  # one round trip, not ten
    assert [answers[f"f{i}"][0]["name"] for i in range(8)] == [f"F{i}" for i in range(8)]
    assert answers["lost"][1].resp.status == 404 and answers["get"][1].resp.status == 404
    assert fake.calls["drive.batch"] == 1 and fake.calls["drive.files.create"] == 9


def test_a_drive_batch_over_100_calls_is_refused_whole_and_its_calls_count_against_quotas(fake):
    drive = _batch_drive(fake)
    batch = drive.new_batch_http_request()
    for i in range(101):
        batch.add(drive.files().create(body={"name": f"F{i}"}, fields="id"))
    with pytest.raises(HttpError) as too_many:
        batch.execute()
    assert too_many.value.resp.status == 400 and "at most 100" in str(too_many.value)
    assert not fake.children(fake.root_folder_id)
    fake.set_quota("drive", 2, kind="write")
    answers = []
    batch = drive.new_batch_http_request(callback=lambda rid, response, error: answers.append(error))
    for i in range(3):
        batch.add(drive.files().create(body={"name": f"G{i}"}, fields="id"))
    batch.execute()
    assert [e.resp.status if e else 200 for e in answers] == [200, 200, 429]


def test_protected_ranges_let_only_their_editors_change_cells(fake):
    from fake_google import gspread_client
    sheet_id = fake.add_spreadsheet("Tracker", {"Studies": [["Study", "Decision", "Notes"], ["DS-1", "", ""]]})
    owner = gspread_client(fake.base_url).http_client  # a token nobody registered: the owner
    owner.batch_update(sheet_id, {"requests": [{"addProtectedRange": {"protectedRange": {
        "range": {"sheetId": 0, "startRowIndex": 1, "startColumnIndex": 1, "endColumnIndex": 2},
        "editors": {"users": ["maria@example.com"]}}}}]})
    fake.add_user("sam.cs@example.com", "sam-token")
    fake.add_user("Maria@example.com", "maria-token")
    sam = gspread_client(fake.base_url, token="sam-token").http_client
    raw = {"valueInputOption": "RAW"}
    with pytest.raises(gspread.exceptions.APIError) as refused:  # one cell protected: the whole write refused
        sam.values_update(sheet_id, "Studies!B2:C2", params=raw, body={"values": [["Approved", "looks fine"]]})
    assert refused.value.response.status_code == 403 and "protected cell" in refused.value.error["message"]
    sam.values_update(sheet_id, "Studies!C2", params=raw, body={"values": [["looks fine"]]})  # outside: fine
    with pytest.raises(gspread.exceptions.APIError):
        sam.values_batch_clear(sheet_id, {"ranges": ["Studies!A2:C2"]})
    gspread_client(fake.base_url, token="maria-token").http_client.values_update(
        sheet_id, "Studies!B2", params=raw, body={"values": [["Approved"]]})  # an editor (any case)
    owner.values_update(sheet_id, "Studies!B2", params=raw, body={"values": [["Approved!"]]})
    assert fake.get_values(sheet_id, "Studies")[1] == ["DS-1", "Approved!", "looks fine"]
