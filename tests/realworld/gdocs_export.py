"""Write a .docx the way Google Docs writes one (File > Download > Microsoft Word).

Google Docs is not available offline, so this module writes the package Google's exporter
writes, from a small line markup (src/*.gdoc). It never judges the content.

What Google's export looks like (see build.py for the sources this follows):
- styles.xml has only Google's own styles: "Normal" (named "normal"), "Heading1".."Heading6"
  (named "heading 1".."heading 6", no outline level, Heading 1 not bold), "Title",
  "Subtitle", "TableNormal" and one table style per table ("Table1", "Table2", ...).
  There is no "List Paragraph", "List Bullet" or "Table Grid" style.
- docDefaults: Arial 11 pt, line spacing 1.15 (w:line="276"), language "en".
- Every run repeats its font (w:rFonts Arial on ascii/cs/eastAsia/hAnsi) and ends with
  <w:rtl w:val="0"/>; every paragraph carries w:rsid* attributes set to 00000000 and a
  w14:paraId; heading and list paragraphs spell out keepNext/keepLines/pageBreakBefore off,
  nil borders and a clear shading.
- A heading starts with a bookmark named "_heading=h.<id>" (colFirst/colLast 0).
- Lists are plain Normal paragraphs with w:numPr; each list has its own w:abstractNum in
  numbering.xml (bullets ●, ○, ■; numbers %1.) and indents 720/360 twips per level.
- Tables: tblStyle TableN, tblW 9360.0 dxa (explicit width, with a decimal point), fixed
  layout, tblLook 0600, explicit gridCol widths repeated in a tblGridChange, every row
  says cantSplit 0 and tblHeader 0, cells carry 100-twip margins; a table is followed by an
  empty paragraph.
- Links are w:hyperlink with Google's link colour 1155cc and a single underline.
- The document declares a white page background (w:background FFFFFF, displayBackgroundShape on).
- Letter page, 1-inch margins.

Markup (one paragraph per line; blank lines are ignored except after a table):
    % text        Title            %% text       Subtitle
    # text        Heading 1        ## text       Heading 2        ### text   Heading 3
    - text        bullet item (two leading spaces per extra level)
    1. text       numbered item
    | a | b |     table row; consecutive rows form one table; widths from a "|=w1|w2|" line
    ~ text        grey italic paragraph (template guidance the rep left in)
    ; text        a source comment, not written
    anything else a Normal paragraph
Inline: **bold**, *italic*, [text](https://link).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = (
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14 wp14"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FONT = '<w:rFonts w:ascii="Arial" w:cs="Arial" w:eastAsia="Arial" w:hAnsi="Arial"/>'
RSID_P = 'w:rsidR="00000000" w:rsidDel="00000000" w:rsidP="00000000" w:rsidRDefault="00000000" w:rsidRPr="00000000"'
RSID_R = 'w:rsidDel="00000000" w:rsidR="00000000" w:rsidRPr="00000000"'
NIL_BORDERS = "".join(
    f'<w:{side} w:space="0" w:sz="0" w:val="nil"/>' for side in ("top", "left", "bottom", "right", "between")
)
# Google writes these on every heading and list paragraph, whatever the style already says.
PARA_NOISE = (
    '<w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:pageBreakBefore w:val="0"/>'
    f'<w:pBdr>{NIL_BORDERS}</w:pBdr><w:shd w:fill="auto" w:val="clear"/>'
)
SECT = (
    '<w:sectPr><w:pgSz w:h="15840" w:w="12240" w:orient="portrait"/>'
    '<w:pgMar w:bottom="1440" w:top="1440" w:left="1440" w:right="1440" w:header="720" w:footer="720"/>'
    '<w:pgNumType w:start="1"/></w:sectPr>'
)
HEADINGS = {  # style id: (space before, space after, size in half-points, extra run properties)
    "Heading1": (400, 120, 40, ""),
    "Heading2": (360, 120, 32, '<w:b w:val="0"/><w:bCs w:val="0"/>'),
    "Heading3": (320, 80, 28, '<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="434343"/>'),
    "Heading4": (280, 80, 24, '<w:color w:val="666666"/>'),
    "Heading5": (240, 80, 22, '<w:color w:val="666666"/>'),
    "Heading6": (240, 80, 22, '<w:i w:val="1"/><w:iCs w:val="1"/><w:color w:val="666666"/>'),
}
BULLETS = ("●", "○", "■")
TABLE_WIDTH = 9360

CT = "application/vnd.openxmlformats-officedocument"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default ContentType="application/xml" Extension="xml"/>'
    f'<Default ContentType="{CT}.relationships+xml" Extension="rels"/>'
    f'<Override ContentType="{CT}.wordprocessingml.settings+xml" PartName="/word/settings.xml"/>'
    f'<Override ContentType="{CT}.wordprocessingml.fontTable+xml" PartName="/word/fontTable.xml"/>'
    f'<Override ContentType="{CT}.wordprocessingml.numbering+xml" PartName="/word/numbering.xml"/>'
    f'<Override ContentType="{CT}.wordprocessingml.styles+xml" PartName="/word/styles.xml"/>'
    f'<Override ContentType="{CT}.wordprocessingml.document.main+xml" PartName="/word/document.xml"/>'
    "</Types>")
PACKAGE_RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
SETTINGS = (
    f'{DECL}<w:settings {NS}><w:displayBackgroundShape w:val="1"/><w:defaultTabStop w:val="720"/>'
    '<w:compat><w:compatSetting w:val="15" w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word"/></w:compat></w:settings>')
FONT_TABLE = (
    f'{DECL}<w:fonts {NS}><w:font w:name="Georgia"><w:altName w:val="Georgia"/></w:font>'
    '<w:font w:name="Arial"><w:altName w:val="Arial"/></w:font></w:fonts>')


def _styles(n_tables: int) -> str:
    keep = '<w:keepNext w:val="1"/><w:keepLines w:val="1"/><w:pageBreakBefore w:val="0"/>'
    parts = [
        '<w:docDefaults><w:rPrDefault><w:rPr>', FONT,
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en"/></w:rPr></w:rPrDefault>',
        '<w:pPrDefault><w:pPr><w:spacing w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
        '<w:style w:type="table" w:styleId="TableNormal" w:default="1"><w:name w:val="TableNormal"/><w:tblPr><w:tblCellMar>',
        '<w:top w:w="100.0" w:type="dxa"/><w:left w:w="100.0" w:type="dxa"/>',
        '<w:bottom w:w="100.0" w:type="dxa"/><w:right w:w="100.0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="normal"/></w:style>',
    ]
    for style_id, (before, after, size, extra) in HEADINGS.items():
        parts.append(
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="heading {style_id[-1]}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr>{keep}'
            f'<w:spacing w:after="{after}" w:before="{before}" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr>{extra}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>'
        )
    parts.append(
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="Normal"/><w:pPr>{keep}<w:spacing w:after="60" w:before="0" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="Normal"/><w:pPr>{keep}<w:spacing w:after="320" w:before="0" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr>{FONT}<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="666666"/>'
        '<w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>'
    )
    for i in range(1, n_tables + 1):
        parts.append(
            f'<w:style w:type="table" w:styleId="Table{i}"><w:basedOn w:val="TableNormal"/><w:tblPr>'
            '<w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/></w:tblPr></w:style>'
        )
    return f"{DECL}<w:styles {NS}>{''.join(parts)}</w:styles>"


def _numbering(lists: list[str]) -> str:
    abstracts, nums = [], []
    for i, kind in enumerate(lists, start=1):
        levels = []
        for level in range(9):
            left = 720 * (level + 1)
            if kind == "bullet":
                fmt, text = "bullet", BULLETS[level % 3]
            else:
                fmt, text = ("decimal", "lowerLetter", "lowerRoman")[level % 3], f"%{level + 1}."
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="360"/>'
                '</w:pPr><w:rPr><w:u w:val="none"/></w:rPr></w:lvl>'
            )
        abstracts.append(f'<w:abstractNum w:abstractNumId="{i}">{"".join(levels)}</w:abstractNum>')
        nums.append(f'<w:num w:numId="{i}"><w:abstractNumId w:val="{i}"/></w:num>')
    return f"{DECL}<w:numbering {NS}>{''.join(abstracts)}{''.join(nums)}</w:numbering>"


class _Doc:
    """Collects the body XML, the lists, the tables and the links of one document."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.lists: list[str] = []
        self.links: list[str] = []
        self.tables = 0
        self.para_id = 0x1A2B0000
        self.bookmark = 0

    def runs(self, text: str, extra: str = "") -> str:
        out = []
        for piece in re.split(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*|\[[^\]]+\]\([^)]+\))", text):
            if not piece:
                continue
            props, link = extra, None
            if piece.startswith("**") and piece.endswith("**"):
                piece, props = piece[2:-2], props + '<w:b w:val="1"/><w:bCs w:val="1"/>'
            elif piece.startswith("[") and piece.endswith(")"):
                piece, link = re.match(r"\[(.+)\]\((.+)\)", piece).groups()
                props += '<w:color w:val="1155cc"/><w:u w:val="single"/>'
            elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
                piece, props = piece[1:-1], props + '<w:i w:val="1"/><w:iCs w:val="1"/>'
            run = (f'<w:r {RSID_R}><w:rPr>{FONT}{props}<w:rtl w:val="0"/></w:rPr>'
                   f'<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
            if link:
                self.links.append(link)
                run = f'<w:hyperlink r:id="rIdLink{len(self.links)}">{run}</w:hyperlink>'
            out.append(run)
        return "".join(out)

    def para(self, text: str, ppr: str = "", extra_run: str = "", bookmark: bool = False) -> str:
        self.para_id += 1
        mark = ""
        if bookmark:
            self.bookmark += 1
            mark = (f'<w:bookmarkStart w:colFirst="0" w:colLast="0" '
                    f'w:name="_heading=h.{self.bookmark:x}g{self.para_id:x}" w:id="{self.bookmark}"/>'
                    f'<w:bookmarkEnd w:id="{self.bookmark}"/>')
        return (f'<w:p {RSID_P} w14:paraId="{self.para_id:08X}"><w:pPr>{ppr}<w:rPr/></w:pPr>'
                f'{mark}{self.runs(text, extra_run)}</w:p>')

    def heading(self, style: str, text: str) -> None:
        self.body.append(self.para(text, f'<w:pStyle w:val="{style}"/>{PARA_NOISE}', bookmark=style.startswith("Heading")))

    def list_item(self, num_id: int, level: int, text: str) -> None:
        ppr = (f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>{PARA_NOISE}'
               f'<w:spacing w:after="0" w:afterAutospacing="0" w:before="0" w:beforeAutospacing="0"/>'
               f'<w:ind w:left="{720 * (level + 1)}" w:hanging="360"/>')
        self.body.append(self.para(text, ppr))

    def table(self, rows: list[list[str]], widths: list[int] | None) -> None:
        self.tables += 1
        cols = max(len(r) for r in rows)
        widths = widths or [TABLE_WIDTH // cols] * cols
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        border = "".join(f'<w:{s} w:color="000000" w:space="0" w:sz="8" w:val="single"/>'
                         for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        xml = [f'<w:tbl><w:tblPr><w:tblStyle w:val="Table{self.tables}"/><w:tblW w:w="{sum(widths)}.0" w:type="dxa"/>'
               f'<w:jc w:val="left"/><w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
               f'<w:tblLook w:val="0600"/></w:tblPr><w:tblGrid>{grid}'
               f'<w:tblGridChange w:id="0"><w:tblGrid>{grid}</w:tblGrid></w:tblGridChange></w:tblGrid>']
        margins = "".join(f'<w:{s} w:w="100.0" w:type="dxa"/>' for s in ("top", "left", "bottom", "right"))
        for row in rows:
            xml.append('<w:tr><w:trPr><w:cantSplit w:val="0"/><w:tblHeader w:val="0"/></w:trPr>')
            for cell in row + [""] * (cols - len(row)):
                paras = [self.para(line, '<w:widowControl w:val="0"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>')
                         for line in cell.split("<br>")]
                xml.append(f'<w:tc><w:tcPr><w:shd w:fill="auto" w:val="clear"/><w:tcMar>{margins}</w:tcMar>'
                           f'<w:vAlign w:val="top"/></w:tcPr>{"".join(paras)}</w:tc>')
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        self.body.append("".join(xml))
        self.body.append(self.para(""))


def _parse(doc: _Doc, lines: list[str]) -> None:
    rows: list[list[str]] = []
    widths: list[int] | None = None
    current_list: tuple[str, int] | None = None
    for raw in lines + [""]:
        line = raw.rstrip()
        if rows and not line.lstrip().startswith("|"):
            doc.table(rows, widths)
            rows, widths = [], None
        bullet = re.match(r"^( *)- (.*)$", line)
        number = re.match(r"^( *)\d+\. (.*)$", line)
        if not (bullet or number):
            current_list = None
        if not line.strip() or line.startswith(";"):
            continue
        if line.startswith("|="):
            widths = [int(w) for w in line.strip("|=").split("|")]
        elif line.lstrip().startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif bullet or number:
            match = bullet or number
            kind = "bullet" if bullet else "decimal"
            if current_list is None or current_list[0] != kind:
                doc.lists.append(kind)
                current_list = (kind, len(doc.lists))
            doc.list_item(current_list[1], len(match.group(1)) // 2, match.group(2))
        elif line.startswith("%% "):
            doc.heading("Subtitle", line[3:])
        elif line.startswith("% "):
            doc.heading("Title", line[2:])
        elif m := re.match(r"^(#{1,6}) (.*)$", line):
            doc.heading(f"Heading{len(m.group(1))}", m.group(2))
        elif line.startswith("~ "):
            doc.body.append(doc.para(line[2:], extra_run='<w:i w:val="1"/><w:iCs w:val="1"/><w:color w:val="999999"/>'))
        else:
            doc.body.append(doc.para(line))


def write(source: Path, target: Path) -> None:
    """Write target (.docx) from source (.gdoc markup) as Google Docs would export it."""
    doc = _Doc()
    _parse(doc, source.read_text(encoding="utf-8").splitlines())
    document = (f'{DECL}<w:document {NS}><w:background w:color="FFFFFF"/>'
                f'<w:body>{"".join(doc.body)}{SECT}</w:body></w:document>')
    rels = [f'<Relationship Id="rId2" Type="{REL}/settings" Target="settings.xml"/>',
            f'<Relationship Id="rId3" Type="{REL}/fontTable" Target="fontTable.xml"/>',
            f'<Relationship Id="rId4" Type="{REL}/numbering" Target="numbering.xml"/>',
            f'<Relationship Id="rId5" Type="{REL}/styles" Target="styles.xml"/>']
    rels += [f'<Relationship Id="rIdLink{i}" Type="{REL}/hyperlink" Target="{escape(url)}" TargetMode="External"/>'
             for i, url in enumerate(doc.links, start=1)]
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": (
            f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{"".join(rels)}</Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": _styles(doc.tables),
        "word/numbering.xml": _numbering(doc.lists),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
