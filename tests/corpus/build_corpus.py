"""Build the Desktop Study handover test corpus (tests/corpus/*.docx) with python-docx.

Run:  cd /work/main && .venv/bin/python tests/corpus/build_corpus.py

Output is deterministic: the same sources always give byte-identical .docx files (fixed core
properties and fixed zip timestamps). Expected outcomes live in tests/corpus/expected.toml.

Sources
-------
Most documents come from ``tests/corpus/src/<name>.md`` written in this tiny markup
(one construct per line; a blank line ends a paragraph, a list or a table):

    TITLE: text          a paragraph in the "Title" style
    SUBTITLE: text       a paragraph in the "Subtitle" style
    # text               Heading 1        ## text  Heading 2       ### text  Heading 3
    **text**             a whole-line bold Normal paragraph (a pseudo-heading); only when the
                         line starts and ends with ** and has no other ** inside
    - text               "List Bullet" item;  two leading spaces ("  - text"): "List Bullet 2"
    1. text              "List Number" item (any number followed by ". ")
    | a | b | c |        a table row; consecutive rows are one table; the first row is the
                         header row; separator rows like |---|---| are skipped; a cell may be
                         empty. "\\|" is a literal pipe inside a cell.
    > text               a grey italic paragraph (template guidance left in by the rep)
    %% text              a source comment, not written to the document
    anything else        Normal paragraph text; consecutive lines are joined with a space

Inside paragraphs, list items and cells, ``**bold**`` spans become bold runs (e.g. a
"**Situation:** ..." lead-in). Text is written exactly as typed otherwise (Unicode included).

Documents the markup cannot express are built in code (see BUILDERS below): an empty
document, a title-only document, a table nested in a table cell, page header/footer text
and a ~40,000-word document generated programmatically.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE

GREY = RGBColor(0x80, 0x80, 0x80)
FIXED_TIME = _dt.datetime(2026, 11, 1, 9, 0, 0, tzinfo=_dt.timezone.utc)
ZIP_TIME = (2026, 11, 1, 9, 0, 0)


# ---------------------------------------------------------------------------
# Markup
_TABLE_SEP = re.compile(r"^\|\s*:?-{2,}")
_NUMBERED = re.compile(r"^\d+\.\s+")
_BOLD_SPAN = re.compile(r"\*\*(.+?)\*\*")


def _add_runs(paragraph, text: str) -> None:
    """Add text to a paragraph, turning **spans** into bold runs."""
    pos = 0
    for m in _BOLD_SPAN.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _split_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.strip().replace("\\|", "|") for c in cells]


def add_table(container, rows: list[list[str]], style: str | None = "Table Grid"):
    """Add a table to a Document or a table cell; the first row is bold (header)."""
    ncols = max(len(r) for r in rows)
    table = container.add_table(rows=0, cols=ncols)
    if style:
        try:
            table.style = style
        except (KeyError, ValueError):
            pass
    for i, row in enumerate(rows):
        cells = table.add_row().cells
        for j in range(ncols):
            text = row[j] if j < len(row) else ""
            para = cells[j].paragraphs[0]
            if i == 0:
                para.add_run(text.replace("**", "")).bold = True
            else:
                _add_runs(para, text)
    return table


def render_markup(doc, source: str) -> None:
    """Append the blocks of a markup source to a python-docx Document."""
    para_lines: list[str] = []
    table_rows: list[list[str]] = []

    def flush_para():
        if para_lines:
            p = doc.add_paragraph()
            _add_runs(p, " ".join(para_lines))
            para_lines.clear()

    def flush_table():
        if table_rows:
            add_table(doc, table_rows)
            table_rows.clear()

    for raw in source.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("%%"):
            continue
        if stripped.startswith("|"):
            flush_para()
            if not _TABLE_SEP.match(stripped):
                table_rows.append(_split_row(stripped))
            continue
        flush_table()
        if not stripped:
            flush_para()
            continue
        if stripped.startswith("TITLE:"):
            flush_para()
            doc.add_paragraph(stripped[6:].strip(), style="Title")
        elif stripped.startswith("SUBTITLE:"):
            flush_para()
            doc.add_paragraph(stripped[9:].strip(), style="Subtitle")
        elif stripped.startswith("### "):
            flush_para()
            doc.add_heading(stripped[4:].strip(), level=3)
        elif stripped.startswith("## "):
            flush_para()
            doc.add_heading(stripped[3:].strip(), level=2)
        elif stripped.startswith("# "):
            flush_para()
            doc.add_heading(stripped[2:].strip(), level=1)
        elif (stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
              and "**" not in stripped[2:-2]):
            flush_para()
            p = doc.add_paragraph()
            p.add_run(stripped[2:-2]).bold = True
        elif line.startswith("  - ") or line.startswith("\t- "):
            flush_para()
            _add_runs(doc.add_paragraph(style="List Bullet 2"), stripped[2:])
        elif stripped.startswith("- "):
            flush_para()
            _add_runs(doc.add_paragraph(style="List Bullet"), stripped[2:])
        elif _NUMBERED.match(stripped):
            flush_para()
            _add_runs(doc.add_paragraph(style="List Number"), _NUMBERED.sub("", stripped, count=1))
        elif stripped.startswith("> "):
            flush_para()
            p = doc.add_paragraph()
            run = p.add_run(stripped[2:])
            run.italic = True
            run.font.color.rgb = GREY
        else:
            para_lines.append(stripped)
    flush_para()
    flush_table()


def new_document(title_for_props: str = ""):
    doc = docx.Document()
    cp = doc.core_properties
    cp.author = "Corpus builder"
    cp.last_modified_by = "Corpus builder"
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 1
    cp.title = title_for_props
    doc.styles["Normal"].font.size = Pt(11)
    return doc


def read_src(name: str) -> str:
    return (SRC / f"{name}.md").read_text(encoding="utf-8")


def save_deterministic(doc, path: Path) -> None:
    """Save with fixed zip entry timestamps so the bytes never change between runs."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


# ---------------------------------------------------------------------------
# Builders for layouts the markup cannot express
def build_from_markup(name: str):
    doc = new_document(name)
    render_markup(doc, read_src(name))
    return doc


def build_empty(name: str):
    """An empty document: no paragraphs with text, no tables."""
    return new_document("")


def build_title_only(name: str):
    doc = new_document(name)
    doc.add_paragraph("Desktop Study Handover - Ngarda Civil & Drilling", style="Title")
    return doc


def build_nested_tables(name: str):
    """Deal summary table BEFORE the first heading, and the stakeholders table nested
    inside a cell of a two-column layout table (left cell: a label, right cell: the table).
    The outer cells' own text (paragraphs around the nested table) is content too."""
    src = read_src(name)
    marker = "%% NESTED-STAKEHOLDERS"
    before, after = src.split(marker)
    doc = new_document(name)
    render_markup(doc, before)
    # Stakeholders: an outer layout table, 1 row x 2 cols; a nested table in the right cell.
    outer = doc.add_table(rows=1, cols=2)
    outer.style = "Table Grid"
    left, right = outer.rows[0].cells
    left.paragraphs[0].add_run("Who's who").bold = True
    left.add_paragraph("All met in Arequipa on 14 Oct 2026; demo on site 22 Oct 2026.")
    right.paragraphs[0].add_run("Stakeholder map (Minera Santa Rosa + contractor)")
    add_table(right, [
        ["Name", "Role", "Team", "Engaged", "Demoed", "Committed to the study"],
        ["Rosa Quispe", "Superintendente de Contratos", "Contracts / Supply", "Yes", "Yes", "Yes"],
        ["Martín Zegarra", "Jefe de Geología (Exploration lead)", "Geology", "Yes", "Yes", "Yes"],
        ["Diego Salas", "Controller, Project Finance", "Finance", "Yes", "Yes", "No - wants to see the result first"],
        ["Luis Huamán", "Site manager, Perforaciones del Sur (contractor)", "Contractor", "Yes", "No", "No"],
    ])
    right.add_paragraph("Rosa is the champion; Martín owns the drilling budget for Chaupi.")
    render_markup(doc, after)
    return doc


def build_header_footer(name: str):
    """A good handover whose page header and footer carry text (doc title, confidentiality,
    version, 'DRAFT - TBD' stamp). Header/footer text is not section content."""
    doc = build_from_markup(name)
    section = doc.sections[0]
    header = section.header
    header.paragraphs[0].text = "CONFIDENTIAL - Highlands Drilling PNG - Desktop Study Handover - v3"
    header.add_paragraph("Status stamp: DRAFT - TBD - do not forward")
    footer = section.footer
    footer.paragraphs[0].text = "CorePlan Pty Ltd | Prepared by Tom Aitken (AE, APAC) | Rev 3, 20 Nov 2026"
    footer.add_paragraph("Deal summary | Stakeholders | Business case | Timelines")
    return doc


# --- the huge document -------------------------------------------------------
_HUGE_RIGS = ["YCD-03", "YCD-05", "YCD-08", "YCD-11"]
_HUGE_PEOPLE = [
    ("Priya Raman", "contracts admin"), ("Gavin Holt", "ops manager"),
    ("Shane Dwyer", "senior driller"), ("Mel Kovacs", "finance controller"),
    ("Aaron Pike", "site supervisor"), ("Jess Tran", "project geologist"),
]
_HUGE_ISSUES = [
    "standby hours claimed on the plod did not match the supervisor's diary",
    "the water cart hours were billed twice on the same shift",
    "a consumables line for PCD bits was missing from the invoice",
    "a demob charge was raised against the wrong purchase order",
    "two night shifts had no offsider signature on the plod",
    "the rod-pull hours were coded to drilling instead of standby",
    "the metre rate for the 150-250 m depth band was applied to the whole hole",
    "a breakdown of the compressor was logged as client standby",
]


_HUGE_TAGS = ["standby", "water cart", "PCD bit consumables", "demob", "night-shift sign-off",
              "rod-pull", "metre-rate band", "compressor breakdown"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _fmt(day: _dt.date) -> str:
    """'6 Jan 2025', independent of the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _huge_week(i: int) -> str:
    """One weekly update: repeated section headings with varied, specific content."""
    day = _dt.date(2025, 1, 6) + _dt.timedelta(weeks=i)
    rig = _HUGE_RIGS[i % len(_HUGE_RIGS)]
    rig2 = _HUGE_RIGS[(i + 1) % len(_HUGE_RIGS)]
    who, role = _HUGE_PEOPLE[i % len(_HUGE_PEOPLE)]
    who2, role2 = _HUGE_PEOPLE[(i + 3) % len(_HUGE_PEOPLE)]
    issue = _HUGE_ISSUES[i % len(_HUGE_ISSUES)]
    issue2 = _HUGE_ISSUES[(i * 3 + 1) % len(_HUGE_ISSUES)]
    metres = 1480 + (i * 37) % 900
    metres2 = 1310 + (i * 53) % 1000
    standby = 6 + (i * 7) % 19
    holes = 9 + (i * 5) % 14
    dollars = 2300 + (i * 410) % 7400
    d = _fmt(day)
    return f"""
**Week of {d} (update {i + 1})**

# Current workflow

Week of {d}: {rig} and {rig2} drilled {metres} m and {metres2} m of RC grade control at Binduli North across {holes} holes on 2 x 12-hour shifts. Paper plods were collected by {who} ({role}) on the Thursday and keyed into the Yilgarn Excel plod register on the Monday, 4 days after the shift. On {rig}, {issue}; it took {who2} ({role2}) about {standby // 3 + 1} hours to trace it back through the plod books, the supervisor's diary and the timesheets before the claim could go to Binduli Gold Ventures.

Shift detail for {rig2}: day shift averaged {metres2 // 14} m per shift and night shift {metres2 // 16} m per shift, with {holes // 3 + 1} rod pulls and {standby // 4 + 1} bit changes recorded on the plods. The BGV geo signed {holes - 2} of the {holes} hole records on the day; the other 2 were signed on the next swing, which the claim process treats as unsupported until {who} chases them. Consumables booked this week: {holes * 3} m of PVC collar casing and {standby // 5 + 2} hammer bits, of which only the bits made it onto the claim draft.

# Next steps after the study

- Add the week's {_HUGE_TAGS[(i * 3 + 1) % len(_HUGE_TAGS)]} line to the list of examples for the desktop study presentation (owner: {who2}).
- If the study result holds, the pilot on {rig} would have caught this on the shift; note it for the proposal to Gavin Holt and Mel Kovacs.

# Risks and open questions

- {rig}: {standby} hours of standby were claimed this week, against the 8 hours the client will accept without a signed variation; {who2} is chasing the signatures before the billing cycle closes.
- Open from this week: {issue2}; worth about ${dollars:,} on this cycle if the client disputes it, which is exactly the kind of line the desktop study should pick up.
- {who} is on R&R for the next swing (8/6 roster), so the plods for {rig2} will be keyed late unless {who2} covers.

# Timelines

- Plods for the week of {d} due in DS Data by the following Wednesday; the reconciled claim goes to the client on the 25th.
- Week {i + 1} claim lines for {rig} and {rig2} reconciled by {who2} on {_fmt(day + _dt.timedelta(days=9))}; nothing else moved this week.
"""


_HUGE_FILLER_INTRO = """
# Appendix A - weekly call notes (pasted from the account plan)

%% The rep pasted every weekly update into the handover: the section headings repeat below.
The notes below are the weekly updates from the account plan, pasted in full so CS has the
history. The handover above is the current position; where the notes disagree, the handover wins.
"""


def build_huge(name: str):
    """~40,000 words: a complete handover followed by 97 weekly updates (Heading 2), each
    repeating the Current workflow / Risks / Timelines Heading 1 sections with varied,
    specific content."""
    doc = new_document(name)
    render_markup(doc, read_src(name))
    render_markup(doc, _HUGE_FILLER_INTRO)
    for i in range(97):
        render_markup(doc, _huge_week(i))
    return doc


# ---------------------------------------------------------------------------
BUILDERS = {
    "empty": build_empty,
    "title_only": build_title_only,
    "layout_nested_tables": build_nested_tables,
    "layout_header_footer": build_header_footer,
    "huge_repeated_sections": build_huge,
}


def all_names() -> list[str]:
    names = {p.stem for p in SRC.glob("*.md")}
    names.update(BUILDERS)
    return sorted(names)


def main(argv: list[str]) -> int:
    names = argv or all_names()
    for name in names:
        builder = BUILDERS.get(name, build_from_markup)
        doc = builder(name)
        path = OUT / f"{name}.docx"
        save_deterministic(doc, path)
        print(f"{path.relative_to(HERE.parent.parent)}  {path.stat().st_size:>8} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
