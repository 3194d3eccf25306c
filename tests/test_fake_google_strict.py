"""The fake binds Sheets, Docs and Drive requests to Google's discovery schemas, as Google's front end
does: a misspelt key, an unknown query parameter or a value outside an enum is a 400 naming the
field, and nothing is written (fake_google/strict.py). Without this a misspelt field in our own
tracker code would be ignored by the fake and only fail against the real Sheet."""
import json

import pytest
import requests
from googleapiclient.errors import HttpError

from fake_google.testing import docs_service, drive_service, sheets_service


def refused(call) -> dict:
    with pytest.raises(HttpError) as caught:
        call.execute()
    assert caught.value.resp.status == 400
    return json.loads(caught.value.content)["error"]


def test_a_misspelt_key_deep_in_a_batch_update_is_refused_and_nothing_changes(fake):
    spreadsheet_id = fake.add_spreadsheet("Tracker", {"Studies": [["Study ID"]]})
    sheets = sheets_service(fake)
    sheet_id = sheets.spreadsheets().get(spreadsheetId=spreadsheet_id).execute()["sheets"][0]["properties"]["sheetId"]
    error = refused(sheets.spreadsheets().batchUpdate(spreadsheetId=spreadsheet_id, body={"requests": [
        {"updateSheetProperties": {"properties": {"sheetId": sheet_id, "title": "Renamed"}, "fields": "title"}},
        {"updateSheetProperties": {"properties": {"SHEETID": sheet_id, "title": "Other"}, "fields": "title"}},
    ]}))
    message = ("Invalid JSON payload received. Unknown name \"SHEETID\" at "
               "'requests[1].update_sheet_properties.properties': Cannot find field.")
    assert error["message"] == message
    assert error["details"][0]["fieldViolations"] == [
        {"field": "requests[1].update_sheet_properties.properties", "description": message}]
    titles = [s["properties"]["title"] for s in fake.get_spreadsheet(spreadsheet_id, include_grid=False)["sheets"]]
    assert titles == ["Studies"]  # the first, valid request was not applied either


def test_every_unknown_name_is_reported_not_just_the_first(fake):
    spreadsheet_id = fake.add_spreadsheet("Tracker")
    error = refused(sheets_service(fake).spreadsheets().batchUpdate(spreadsheetId=spreadsheet_id, body={
        "requests": [{"DeleteRange": {}}, {"addSheet": {"properties": {"titel": "x"}}}]}))
    assert error["message"].split("\n") == [
        "Invalid JSON payload received. Unknown name \"DeleteRange\" at 'requests[0]': Cannot find field.",
        "Invalid JSON payload received. Unknown name \"titel\" at 'requests[1].add_sheet.properties': "
        "Cannot find field."]
    assert len(error["details"][0]["fieldViolations"]) == 2


def test_a_misspelt_values_key_is_refused_where_the_fake_used_to_write_nothing_silently(fake):
    spreadsheet_id = fake.add_spreadsheet("Tracker", {"Sheet1": [["kept"]]})
    error = refused(sheets_service(fake).spreadsheets().values().update(
        spreadsheetId=spreadsheet_id, range="Sheet1!A1", valueInputOption="RAW", body={"valuesX": [["lost"]]}))
    assert error["message"] == "Invalid JSON payload received. Unknown name \"valuesX\" at 'data': Cannot find field."
    assert fake.get_values(spreadsheet_id, "Sheet1") == [["kept"]]


def test_a_value_outside_an_enum_or_of_the_wrong_type_is_refused(fake):
    spreadsheet_id = fake.add_spreadsheet("Tracker", {"Sheet1": [["kept"]]})
    values = sheets_service(fake).spreadsheets().values()
    request = values.update(spreadsheetId=spreadsheet_id, range="Sheet1!A1", valueInputOption="RAW",
                            body={"values": [["x"]]})
    request.uri = request.uri.replace("valueInputOption=RAW", "valueInputOption=RAWX")  # the client checks enums; gspread does not
    error = refused(request)
    assert error["message"] == ("Invalid value at 'value_input_option' "
                                "(type.googleapis.com/google.apps.sheets.v4.ValueInputOption), \"RAWX\"")
    error = refused(values.update(spreadsheetId=spreadsheet_id, range="Sheet1!A1", valueInputOption="RAW",
                                  body={"values": ["a row that is not a list"]}))
    assert error["message"] == ("Invalid value at 'data.values[0]' (type.googleapis.com/google.protobuf.ListValue), "
                                "\"a row that is not a list\"")
    assert fake.get_values(spreadsheet_id, "Sheet1") == [["kept"]]


def test_an_unknown_query_parameter_is_refused(fake):
    spreadsheet_id = fake.add_spreadsheet("Tracker")
    request = sheets_service(fake).spreadsheets().get(spreadsheetId=spreadsheet_id)
    request.uri += "&includeGridDta=true"
    error = refused(request)
    assert error["message"] == ("Invalid JSON payload received. Unknown name \"includeGridDta\": Cannot bind query "
                                "parameter. Field 'includeGridDta' could not be found in request message.")


def test_docs_requests_are_bound_the_same_way_and_the_document_is_unchanged(fake):
    document_id = fake.add_document("Handover", "Customer: Acme")
    error = refused(docs_service(fake).documents().batchUpdate(documentId=document_id, body={"requests": [
        {"insertText": {"location": {"index": 1}, "txt": "Hello "}}]}))
    assert error["message"] == ("Invalid JSON payload received. Unknown name \"txt\" at "
                                "'requests[0].insert_text': Cannot find field.")
    body = fake.get_document(document_id)["body"]["content"]
    text = "".join(run["textRun"]["content"] for block in body if "paragraph" in block
                   for run in block["paragraph"]["elements"] if "textRun" in run)
    assert text == "Customer: Acme\n"


def test_a_fields_mask_must_name_the_responses_fields_with_no_spaces(fake):
    spreadsheet_id = fake.add_spreadsheet("Tracker")
    get = lambda fields: sheets_service(fake).spreadsheets().get(spreadsheetId=spreadsheet_id, fields=fields)  # noqa: E731
    assert get("properties(title),sheets(properties(sheetId,title))").execute()["properties"]["title"] == "Tracker"
    assert refused(get("properties.title,sheets(propertiez)"))["message"] == (
        "Invalid field mask: 'sheets.propertiez' is not a field of Spreadsheet.")
    assert refused(get("properties, sheets.properties"))["message"] == "Request contains an invalid argument."


def test_drive_refuses_a_misspelt_body_key_or_a_bad_enum_and_ignores_a_parameter_it_does_not_have(fake):
    """Drive answered 200 to files.get with includeItemsFromAllDrives in recorded traffic: unknown
    query parameters pass. A misspelt body key would lose what it carries (an appProperty the
    product finds its handovers by): refused, nothing made."""
    drive = drive_service(fake)
    error = refused(drive.files().create(body={"name": "Handover", "appProperites": {"dsHandover": "1"}}))
    assert "Unknown name \"appProperites\"" in error["message"] and error["errors"][0]["reason"]
    assert not [f for f in fake.drive_files.values() if f["name"] == "Handover"]
    error = refused(drive.files().list(corpora="everything"))
    assert "corpora" in error["message"]
    error = refused(drive.files().create(body={"name": "Handover", "appProperties": ["dsHandover"]}))
    assert "app_properties" in error["message"]
    folder = fake.add_folder("Customers")  # the client library refuses unknown names itself: sent raw
    answer = requests.get(f"{fake.base_url}drive/v3/files/{folder}", params={"includeItemsFromAllDrives": "true"},
                          headers={"Authorization": "Bearer token"}, timeout=10)
    assert answer.status_code == 200 and answer.json()["id"] == folder
