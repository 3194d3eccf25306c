"""The `handover` command line as a rep uses it, run as a real subprocess."""
import json
import os
import subprocess
import sys
from pathlib import Path

import docx

from server.rubric import TEMPLATE_PATH

HANDOVER = [sys.executable, "-m", "server.cli"]
ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None):
    return subprocess.run([*HANDOVER, *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_new_creates_the_seed_folder_tree_and_a_filled_handover(tmp_path):
    r = run("new", "--customer", "Red Rock Drilling", "--industry", "drilling", "--segment", "Enterprise",
            "--deal-size", "180000", "--currency", "AUD", "--rigs", "4", "--workspace", str(tmp_path))
    assert r.returncode == 0, r.stderr
    customer = tmp_path / "Red Rock Drilling"
    for sub in ["Sales", "PreSales/Solutions Demo", "PreSales/Desktop Study/DS Data", "PreSales/POC",
                "Implementation", "Account Management", "Customer 360"]:
        assert (customer / sub).is_dir(), sub
    doc_path = customer / "PreSales/Desktop Study/DS Handover Doc/Red Rock Drilling - Desktop Study Handover.docx"
    assert doc_path.is_file()
    text = "\n".join(c.text for t in docx.Document(doc_path).tables for row in t.rows for c in row.cells)
    assert "Red Rock Drilling" in text and "AUD 180000" in text and "Enterprise" in text
    assert "[Customer]" not in text
    assert "[Region]" in text  # not given: the placeholder stays for the rep (and the scorer flags it)


def test_new_twice_keeps_the_first_document_and_makes_no_second_copy(tmp_path):
    args = ["new", "--customer", "Acme", "--industry", "mining", "--workspace", str(tmp_path)]
    assert run(*args).returncode == 0
    folder = tmp_path / "Acme/PreSales/Desktop Study/DS Handover Doc"
    doc_path = next(folder.glob("*.docx"))
    d = docx.Document(doc_path)
    d.add_paragraph("The rep's own edits")
    d.save(doc_path)
    r = run(*args)
    assert r.returncode == 0 and "Already there" in r.stdout
    assert len(list(folder.iterdir())) == 1
    assert "The rep's own edits" in "\n".join(p.text for p in docx.Document(doc_path).paragraphs)


def test_new_rejects_bad_input_with_a_clear_message(tmp_path):
    r = run("new", "--customer", "Acme", "--industry", "drilling", "--segment", "Huge", "--workspace", str(tmp_path))
    assert r.returncode == 2
    assert "segment" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "Acme").exists()
    r = run("new", "--customer", "Acme", "--industry", "oil", "--workspace", str(tmp_path))
    assert r.returncode == 2


def test_score_exit_codes_and_one_line_errors(tmp_path):
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("just text")
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(TEMPLATE_PATH.read_bytes()[:3000])
    for path in (not_docx, corrupt, tmp_path / "missing.docx", tmp_path):
        r = run("score", str(path))
        assert r.returncode == 2, (path, r.stdout)
        assert "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("handover: ")
    r = run("score", str(TEMPLATE_PATH))
    assert r.returncode == 1
    assert "NOT ready" in r.stdout


def test_score_json_follows_the_contract():
    r = run("score", str(TEMPLATE_PATH), "--json")
    card = json.loads(r.stdout)
    assert set(card) >= {"score", "ready", "sections", "findings", "criteria"}
    assert 0 <= card["score"] <= 100 and card["ready"] is False
    assert len(card["sections"]) == 12
    for s in card["sections"]:
        assert set(s) >= {"title", "score", "status", "findings"}
        assert s["status"] in ("missing", "empty", "thin", "generic", "ok")
    for f in card["findings"]:
        assert set(f) >= {"section", "severity", "kind", "text", "message", "suggestion"}
        assert f["severity"] in ("error", "warning", "info")
    ids = [c["id"] for c in card["criteria"]]
    assert ids == ["segment", "deal_size", "stakeholders", "use_cases_success_criteria", "business_case",
                   "timelines", "next_steps", "spiced", "plod_billing_cycles", "invoices",
                   "schedule_of_rates", "rigs", "projects"]


def test_email_has_the_seed_variants_for_drilling_and_mining():
    drilling = run("email", "--industry", "drilling", "--customer", "Red Rock Drilling").stdout
    mining = run("email", "--industry", "mining", "--customer", "Minera Andina").stdout
    assert "Red Rock Drilling" in drilling and "Minera Andina" in mining
    assert "project with your client" in drilling and "project with your contractor" in mining
    for text in (drilling, mining):
        assert "at least 2 billing cycles" in text and "Invoices for the 2 billing cycles above" in text


def test_demo_sets_up_a_workspace_and_scores_the_two_samples(tmp_path):
    r = run("demo", "--no-serve", "--workspace", str(tmp_path / "ws"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "ws/Red Rock Drilling/PreSales/Desktop Study/DS Handover Doc").is_dir()
    lines = [line for line in r.stdout.splitlines() if "Desktop Study Handover.docx: score" in line]
    assert len(lines) == 2  # the two samples, filed in their customers' folders
    assert any("READY for submission" in line for line in lines) and any("NOT ready" in line for line in lines)
    handovers = list((tmp_path / "ws").glob("*/PreSales/Desktop Study/DS Handover Doc/*.docx"))
    assert len(handovers) == 3
