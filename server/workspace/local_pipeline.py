"""The Pipeline sheet in the local .xlsx: the tables where server/pipeline.py places them and an
openpyxl chart beside each (bars or a line, as doc_templates/pipeline.toml says)."""
from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ..pipeline import CHART_COLUMN, Table, block_start, pipeline_layout

CM_PER_ROW = 0.53  # a row's height in the chart's units (cm)


def draw_pipeline(ws: Worksheet, tables: list[Table], rows: list[list]) -> None:
    for row in rows:
        ws.append(row)
    for letter, width in zip("ABCD", (32, 14, 14, 18)):
        ws.column_dimensions[letter].width = width
    for i, table in enumerate(tables):
        title_row = block_start(i) + 1  # 1-based
        for cell in (*ws[title_row], *ws[title_row + 1]):
            cell.font = Font(bold=True)
        if table.rows:
            ws.add_chart(_chart(ws, table, title_row + 1), ws.cell(row=title_row, column=CHART_COLUMN + 1).coordinate)


def _chart(ws: Worksheet, table: Table, header_row: int):
    layout = table.layout
    chart = LineChart() if layout.chart == "LINE" else BarChart()
    if layout.chart in ("BAR", "COLUMN"):
        chart.type = "bar" if layout.chart == "BAR" else "col"
    chart.title = layout.title
    last = header_row + len(table.rows)
    for name in layout.series:
        column = layout.headers.index(name) + 1
        chart.add_data(Reference(ws, min_col=column, min_row=header_row, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last))
    if len(layout.series) == 1:
        chart.legend = None
    chart.width, chart.height = 16, (pipeline_layout().rows + 2) * CM_PER_ROW
    return chart
