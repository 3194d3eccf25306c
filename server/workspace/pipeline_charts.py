"""The Pipeline sheet's charts as Google Sheets draws them: one addChart request per table
(server/pipeline.py places the tables; this says what each chart plots)."""
from __future__ import annotations

from ..pipeline import CHART_COLUMN, ROW_PIXELS, block_start, pipeline_layout

CHART_WIDTH = 600


def chart_requests(sheet_id: int) -> list[dict]:
    """addChart for every table: its first column as the domain, its `series` columns plotted."""
    layout = pipeline_layout()
    out = []
    for i, table in enumerate(layout.tables):
        header_row = block_start(i) + 1
        span = lambda column: {"sourceRange": {"sources": [{  # noqa: E731 - the header and the table's rows
            "sheetId": sheet_id, "startRowIndex": header_row, "endRowIndex": header_row + 1 + layout.rows,
            "startColumnIndex": column, "endColumnIndex": column + 1}]}}
        series = [{"series": span(table.headers.index(name)), "targetAxis": "BOTTOM_AXIS" if table.chart == "BAR"
                   else "LEFT_AXIS"} for name in table.series]
        out.append({"addChart": {"chart": {
            "spec": {"title": table.title, "basicChart": {
                "chartType": table.chart, "legendPosition": "BOTTOM_LEGEND" if len(series) > 1 else "NO_LEGEND",
                "headerCount": 1, "domains": [{"domain": span(0)}], "series": series}},
            "position": {"overlayPosition": {
                "anchorCell": {"sheetId": sheet_id, "rowIndex": block_start(i), "columnIndex": CHART_COLUMN},
                "widthPixels": CHART_WIDTH, "heightPixels": (layout.rows + 2) * ROW_PIXELS}}}}})
    return out
