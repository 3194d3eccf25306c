"""The generated documents as other tools show them (`bench.py --only documents`): the handover
template and a gap analysis rendered to PDF by LibreOffice (headless), each page count, time and the
headings found in the PDF's text; the same .docx converted by the fake's Google Docs import (headings,
tables, shading, page header); and the README's pictures of both and of an email (the HTML part in
Debian's chromium). Needs Debian's libreoffice-writer-nogui and poppler-utils; says so when missing.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "docs" / "screenshots"


def documents_table() -> None:
    from pypdf import PdfReader

    print("\nGenerated documents rendered by LibreOffice and converted by Google Docs (the fake's import)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("  LibreOffice or pdftoppm not installed: apt-get install libreoffice-writer-nogui poppler-utils")
        return
    print(f"{'document':<18}{'pages':>6}{'LibreOffice s':>15}{'headings in PDF':>17}{'Docs: headings':>16}"
          f"{'tables':>8}{'shaded':>8}{'header':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        made = {"template": _template(Path(tmp)), "gap analysis": _gap_analysis(Path(tmp))}
        for name, (path, headings) in made.items():
            t0 = time.perf_counter()
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                           check=True, capture_output=True, timeout=180,
                           env={"HOME": tmp, "PATH": "/usr/bin:/bin"})
            seconds = time.perf_counter() - t0
            pdf = path.with_suffix(".pdf")
            reader = PdfReader(pdf)
            text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
            found = sum(1 for h in headings if h in text)
            docs = _docs_conversion(path.read_bytes())
            print(f"{name:<18}{len(reader.pages):>6}{seconds:>15.1f}{f'{found} of {len(headings)}':>17}"
                  f"{docs['headings']:>16}{docs['tables']:>8}{docs['shaded']:>8}{docs['header']:>8}")
            _picture(pdf, PICTURES / f"{'10-template' if name == 'template' else '11-gap-analysis'}.png")
        _email_picture(PICTURES / "12-email.png")
    print(f"  pictures: {', '.join(p.name for p in sorted(PICTURES.glob('1[0-2]-*.png')))} in docs/screenshots")


def _template(folder: Path) -> tuple[Path, list[str]]:
    """The template as Create handover fills it for a customer."""
    from server.generators.deal import Deal
    from server.generators.handover_doc import filled_handover
    from server.rubric import load_rubric
    deal = Deal.from_input({"customer": "Red Rock Drilling", "industry": "drilling", "segment": "Enterprise",
                            "deal_size": "180000", "currency": "AUD", "rep": "Sam Patel"})
    path = folder / "handover.docx"
    path.write_bytes(filled_handover(deal))
    return path, [f"{i}. {s.title}" for i, s in enumerate(load_rubric().sections, 1)]


def _gap_analysis(folder: Path) -> tuple[Path, list[str]]:
    """The gap analysis the demo's Redback study gets on approval."""
    from server.data_package.package import read_package
    from server.generators.gap_analysis import facts_of, gap_analysis_docx
    from server.validators.readers import read_document
    facts = facts_of(read_document(ROOT / "doc_templates" / "samples" / "Sample - specific handover.docx"))
    package = read_package(ROOT / "doc_templates" / "samples" / "DS Data" / "Redback Drilling Pty Ltd")
    record = {"customer": "Redback Drilling Pty Ltd", "study_id": "DS-5E1A7C02", "rep": "Jarrah Nolan",
              "decision": "Approved", "decided_by": "maria.manager@example.com",
              "decided_at": "2026-12-05T09:00:00+00:00", "presentation_date": "Tue 15 Dec 2026",
              "doc_link": "https://docs.google.com/document/d/1RedbackHandover/edit"}
    path = folder / "gap.docx"
    path.write_bytes(gap_analysis_docx(record, facts, package))
    return path, ["1. Questions to answer", "2. Who we present to", "4. The data", "5. Findings", "6. Gaps found"]


def _docs_conversion(data: bytes) -> dict:
    """What Google Docs' conversion keeps, as the fake converts it (tests/test_template.py checks it too)."""
    from fake_google import FakeGoogle
    from googleapiclient.http import MediaInMemoryUpload

    from tests.google_env import google_workspace
    with FakeGoogle() as fake:
        ws = google_workspace(fake)
        media = MediaInMemoryUpload(data, mimetype="application/vnd.openxmlformats-officedocument."
                                                   "wordprocessingml.document")
        doc_id = ws.drive.files().create(body={"name": "doc", "mimeType": "application/vnd.google-apps.document"},
                                         media_body=media, fields="id").execute()["id"]
        got = ws.docs.documents().get(documentId=doc_id).execute()
    content = got["body"]["content"]
    paragraphs = [e["paragraph"] for e in content if "paragraph" in e]
    return {"headings": sum(1 for p in paragraphs if p["paragraphStyle"]["namedStyleType"] == "HEADING_1"),
            "tables": sum(1 for e in content if "table" in e),
            "shaded": sum(1 for p in paragraphs if "shading" in p["paragraphStyle"]),
            "header": "yes" if got.get("headers") else "no"}


def _picture(pdf: Path, target: Path) -> None:
    """The first page as a PNG, 80 dpi."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True, capture_output=True, timeout=60)


def _email_picture(target: Path) -> None:
    """CS's 'to assign' email (its HTML part) as a mail reader shows it, in Debian's chromium."""
    from playwright.sync_api import sync_playwright

    from server import notices
    record = {"study_id": "DS-5E1A7C02", "customer": "Redback Drilling Pty Ltd", "decision": "Approved",
              "decided_by": "maria.manager@example.com", "industry": "Drilling contractor",
              "region": "Western Australia", "presentation_date": "Tue 15 Dec 2026", "submitted_by":
              "jarrah.nolan@example.com", "doc_link": "https://docs.google.com/document/d/1RedbackHandover/edit",
              "gap_analysis_link": "https://docs.google.com/document/d/1RedbackGapAnalysis/edit",
              "presales_link": "https://drive.google.com/drive/folders/1RedbackPreSales",
              "data_complete": "Yes", "data_cycles": "3", "data_rigs": "3"}
    to_cs = next(n for n in notices.decided(record, ("cs-team@example.com",)) if n.label == "email to CS")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 680, "height": 640})
        page.set_content(to_cs.html)
        page.screenshot(path=str(target), full_page=True)
        browser.close()


if __name__ == "__main__":
    documents_table()
