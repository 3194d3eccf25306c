"""Charts in the fake Sheets (fake_google/sheets_charts.py), through the real gspread client:
addChart, deleteEmbeddedObject and sheets[].charts in spreadsheets.get."""

import gspread
import pytest

from fake_google import gspread_client

ROWS = [["Month", "Studies"], ["Jan", 3], ["Feb", 5], ["Mar", 4]]


def column(sheet_id, col, rows=4):
    return {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": rows,
            "startColumnIndex": col, "endColumnIndex": col + 1}


def chart_request(sheet_id=0, source_sheet_id=0, chart_type="COLUMN", **chart):
    return {"addChart": {"chart": {
        "spec": {"title": "Studies a month", "basicChart": {
            "chartType": chart_type, "legendPosition": "BOTTOM_LEGEND",
            "axis": [{"position": "BOTTOM_AXIS", "title": "Month"},
                     {"position": "LEFT_AXIS", "title": "Studies"}],
            "domains": [{"domain": {"sourceRange": {"sources": [column(source_sheet_id, 0)]}}}],
            "series": [{"series": {"sourceRange": {"sources": [column(source_sheet_id, 1)]}},
                        "targetAxis": "LEFT_AXIS"}],
            "headerCount": 1}},
        "position": {"overlayPosition": {"anchorCell": {"sheetId": sheet_id, "rowIndex": 1,
                                                        "columnIndex": 3}}},
        **chart}}}


@pytest.fixture
def book(fake):
    """(http client, spreadsheet id, id of its second sheet "Report")."""
    spreadsheet_id = fake.add_spreadsheet("Tracker", {"Studies": ROWS, "Report": []})
    client = gspread_client(fake.base_url).http_client
    report_id = fake.get_spreadsheet(spreadsheet_id)["sheets"][1]["properties"]["sheetId"]
    return client, spreadsheet_id, report_id


def charts_of(client, spreadsheet_id):
    """{sheet title: [charts]} as spreadsheets.get answers them."""
    metadata = client.fetch_sheet_metadata(spreadsheet_id)
    return {s["properties"]["title"]: s.get("charts", []) for s in metadata["sheets"]}


def refused(client, spreadsheet_id, *requests):
    with pytest.raises(gspread.exceptions.APIError) as error:
        client.batch_update(spreadsheet_id, {"requests": list(requests)})
    assert error.value.response.status_code == 400
    return error.value.error["message"]


def test_a_chart_is_added_and_read_back(book):
    client, spreadsheet_id, report_id = book
    reply = client.batch_update(spreadsheet_id, {"requests": [chart_request(report_id)]})
    chart = reply["replies"][0]["addChart"]["chart"]
    assert isinstance(chart["chartId"], int) and chart["chartId"] > 0
    assert chart["spec"]["basicChart"]["chartType"] == "COLUMN"
    sources = chart["spec"]["basicChart"]["domains"][0]["domain"]["sourceRange"]["sources"]
    assert sources == [{k: v for k, v in column(0, 0).items() if k != "sheetId"}]  # 0 left out
    assert chart["position"] == {"overlayPosition": {
        "anchorCell": {"sheetId": report_id, "rowIndex": 1, "columnIndex": 3},
        "widthPixels": 600, "heightPixels": 371}}
    assert charts_of(client, spreadsheet_id) == {"Studies": [], "Report": [chart]}
    masked = client.fetch_sheet_metadata(spreadsheet_id,
                                         params={"fields": "sheets(properties.title,charts.chartId)"})
    assert masked["sheets"][1] == {"properties": {"title": "Report"},
                                   "charts": [{"chartId": chart["chartId"]}]}
    assert "charts" not in client.fetch_sheet_metadata(
        spreadsheet_id, params={"fields": "sheets.properties"})["sheets"][1]


def test_a_chart_with_its_own_id_and_on_a_new_sheet(book):
    client, spreadsheet_id, _ = book
    request = chart_request()
    request["addChart"]["chart"]["chartId"] = 4242
    request["addChart"]["chart"]["position"] = {"newSheet": True}
    chart = client.batch_update(spreadsheet_id, {"requests": [request]})[
        "replies"][0]["addChart"]["chart"]
    assert chart["chartId"] == 4242
    sheets = client.fetch_sheet_metadata(spreadsheet_id)["sheets"]
    assert [s["properties"]["title"] for s in sheets] == ["Studies", "Report", "Chart1"]
    assert sheets[2]["properties"]["sheetType"] == "OBJECT"
    assert chart["position"] == {"sheetId": sheets[2]["properties"]["sheetId"]}
    assert sheets[2]["charts"] == [chart]


def test_a_source_range_on_a_missing_sheet_is_refused_and_nothing_is_stored(book):
    client, spreadsheet_id, _ = book
    message = refused(client, spreadsheet_id,
                      {"addSheet": {"properties": {"title": "Extra"}}},
                      chart_request(source_sheet_id=999))
    assert message == "Invalid requests[1].addChart: No grid with id: 999"
    assert charts_of(client, spreadsheet_id) == {"Studies": [], "Report": []}  # no Extra either
    message = refused(client, spreadsheet_id, chart_request(sheet_id=777))  # the anchor's sheet
    assert message == "Invalid requests[0].addChart: No grid with id: 777"


def test_a_bad_chart_type_is_refused(book):
    client, spreadsheet_id, _ = book
    assert "PIE" in refused(client, spreadsheet_id, chart_request(chart_type="PIE"))  # not an enum value
    message = refused(client, spreadsheet_id, chart_request(chart_type="BASIC_CHART_TYPE_UNSPECIFIED"))
    assert message.startswith("Invalid requests[0].addChart: basicChart.chartType")
    bad_axis = chart_request()
    bad_axis["addChart"]["chart"]["spec"]["basicChart"]["axis"][1]["position"] = "BOTTOM_AXIS"
    assert "more than one axis" in refused(client, spreadsheet_id, bad_axis)
    assert charts_of(client, spreadsheet_id) == {"Studies": [], "Report": []}


def test_a_chart_id_already_used_is_refused(book):
    client, spreadsheet_id, report_id = book
    first = chart_request()
    first["addChart"]["chart"]["chartId"] = 7
    client.batch_update(spreadsheet_id, {"requests": [first]})
    again = chart_request(report_id)
    again["addChart"]["chart"]["chartId"] = 7
    message = refused(client, spreadsheet_id, again)
    assert message.startswith("Invalid requests[0].addChart:") and "7" in message
    assert [c["chartId"] for c in charts_of(client, spreadsheet_id)["Studies"]] == [7]
    assert charts_of(client, spreadsheet_id)["Report"] == []


def test_delete_embedded_object_removes_the_chart(book):
    client, spreadsheet_id, _ = book
    reply = client.batch_update(spreadsheet_id, {"requests": [chart_request(), chart_request()]})
    first, second = (r["addChart"]["chart"]["chartId"] for r in reply["replies"])
    assert first != second
    client.batch_update(spreadsheet_id, {"requests": [{"deleteEmbeddedObject": {"objectId": first}}]})
    assert [c["chartId"] for c in charts_of(client, spreadsheet_id)["Studies"]] == [second]
    message = refused(client, spreadsheet_id, {"deleteEmbeddedObject": {"objectId": first}})
    assert message == f"Invalid requests[0].deleteEmbeddedObject: No object with id: {first}"


def test_deleting_a_sheet_deletes_its_charts(book):
    client, spreadsheet_id, report_id = book
    reply = client.batch_update(spreadsheet_id, {"requests": [chart_request(report_id)]})
    chart_id = reply["replies"][0]["addChart"]["chart"]["chartId"]
    client.batch_update(spreadsheet_id, {"requests": [{"deleteSheet": {"sheetId": report_id}}]})
    assert charts_of(client, spreadsheet_id) == {"Studies": []}
    message = refused(client, spreadsheet_id, {"deleteEmbeddedObject": {"objectId": chart_id}})
    assert "No object with id" in message
