"""The `handover` command line as a rep uses it, run as a real subprocess."""
import argparse
import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import unicodedata
from importlib import metadata
from pathlib import Path

import docx

from server import cli
from server.paths import TEMPLATE_PATH

HANDOVER = [sys.executable, "-m", "server.cli"]
ROOT = Path(__file__).resolve().parent.parent
WORST = ROOT / "tests/corpus/generic_chatgpt_stock.docx"  # the most findings, the longest lines before wrapping
WIDE = ROOT / "tests/corpus/unicode_odd.docx"  # emoji and accents: characters two columns wide
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEVERITY_LINE = re.compile(r"^  (error|warning|info) ", re.MULTILINE)


def run(*args, cwd=None, env=None):
    return subprocess.run([*HANDOVER, *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120)


def run_on_a_terminal(*args, columns=60, env=None):
    """stdout on a pseudo-terminal `columns` wide, as in a rep's shell: (exit code, what the terminal got)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    proc = subprocess.Popen([*HANDOVER, *args], stdout=follower, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**base, "PYTHONPATH": str(ROOT), **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # Linux: EIO once the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    code = proc.wait(timeout=120)
    return code, b"".join(chunks).decode().replace("\r\n", "\n")


def columns(line):
    """Terminal columns a line takes: colour codes take none, emoji and CJK take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in ANSI.sub("", line))


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
    assert "Red Rock Drilling" in text and "AUD 180,000" in text and "Enterprise" in text
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
    assert "segment" in r.stderr.lower() and "Traceback" not in r.stderr
    assert not (tmp_path / "Acme").exists()
    r = run("new", "--customer", "Acme", "--industry", "oil", "--workspace", str(tmp_path))
    assert r.returncode == 2


def test_a_time_zone_that_is_no_time_zone_is_refused_in_one_line_before_anything_is_made(tmp_path):
    r = run("setup", "--workspace", str(tmp_path), env={"HANDOVER_TIME_ZONE": "Perth"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "HANDOVER_TIME_ZONE 'Perth' is not a time zone" in r.stderr and "Australia/Perth" in r.stderr
    assert not any(tmp_path.iterdir())


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
    assert "Not ready" in r.stdout


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
    paragraphs = [" ".join(p.split()) for p in r.stdout.split("\n\n")]
    score_lines = [p for p in paragraphs if "Desktop Study Handover.docx: score" in p]
    assert len(score_lines) == 2  # the two samples, filed in their customers' folders
    assert any("Ready for submission" in p for p in score_lines) and any("Not ready" in p for p in score_lines)
    assert max(columns(line) for line in r.stdout.splitlines()) <= 80
    flat = " ".join(r.stdout.split())  # each sample customer's files, filed in DS Data, read into the verdict
    assert "FAIL Plod data for 2 to 4 billing cycles — Plod data in DS Data covers 1-30 Nov 2026: 1 billing cycle" in flat
    assert "Rigs: 3 (RB07, RB09, RB11) · Projects: 1 (Kanowna North)" in flat
    handovers = list((tmp_path / "ws").glob("*/PreSales/Desktop Study/DS Handover Doc/*.docx"))
    assert len(handovers) == 3


def test_score_line_says_the_verdict_and_the_first_reason_to_fix():
    r = run("score", str(TEMPLATE_PATH))
    score_line = " ".join(r.stdout.split("\n\n")[0].split())
    assert score_line.startswith("desktop_study_handover.docx: score ")
    assert "Not ready: 13 acceptance criteria fail, 12 sections need work." in score_line
    assert "First to fix: Segment is Mid-Market or Enterprise: " in score_line


def test_criteria_are_shown_by_their_label_not_their_id():
    out = run("score", str(TEMPLATE_PATH)).stdout
    assert "FAIL  Use cases with measurable success criteria — " in out
    assert "use_cases_success_criteria" not in out and "plod_billing_cycles" not in out


def test_no_line_is_wider_than_80_columns_when_piped():
    for path in (WORST, WIDE):
        r = run("score", "--all", str(path))
        widest = max(r.stdout.splitlines(), key=columns)
        assert columns(widest) <= 80, (path.name, widest)


def test_lines_fit_a_narrow_terminal():
    code, out = run_on_a_terminal("score", "--all", str(WORST), columns=60)
    assert code == 1
    widest = max(out.splitlines(), key=columns)
    assert columns(widest) <= 60, widest


def test_piped_output_has_no_colour_codes():
    r = run("score", "--all", str(WORST))
    assert "Not ready" in r.stdout
    assert "\x1b[" not in r.stdout


def test_a_terminal_gets_colour_for_fail_and_severities():
    code, out = run_on_a_terminal("score", str(WORST))
    assert code == 1
    assert "\x1b[31;1mFAIL\x1b[0m" in out and "\x1b[32mpass\x1b[0m" in out
    assert "\x1b[33mwarning\x1b[0m" in out


def test_no_color_turns_colour_off_on_a_terminal():
    code, out = run_on_a_terminal("score", str(WORST), env={"NO_COLOR": "1"})
    assert code == 1 and "FAIL" in out
    assert "\x1b[" not in out


def test_color_always_colours_piped_output():
    r = run("score", "--color=always", str(WORST))
    assert "\x1b[31;1mFAIL\x1b[0m" in r.stdout


def test_default_shows_the_worst_15_findings_and_how_to_see_the_rest():
    relative = WORST.relative_to(ROOT)  # short enough that the command is never cut mid-path
    total = len(json.loads(run("score", "--json", str(relative)).stdout)["findings"])
    out = run("score", str(relative)).stdout
    assert len(SEVERITY_LINE.findall(out)) == 15
    assert f"{total - 15} more: handover score --all {relative}" in " ".join(out.split())


def test_all_shows_every_finding_with_its_quote_and_fix():
    card = json.loads(run("score", "--json", str(WORST)).stdout)
    out = run("score", "--all", str(WORST)).stdout
    assert len(SEVERITY_LINE.findall(out)) == len(card["findings"]) > 15
    assert "more: handover score --all" not in out
    flat = " ".join(out.split())
    first = card["findings"][0]
    assert first["message"] in flat and f"Fix: {first['suggestion']}" in flat


def test_findings_are_grouped_under_one_heading_per_section():
    out = run("score", "--all", str(WORST)).stdout
    findings_part = out.split("\nFindings (", 1)[1]
    headings = [line for line in findings_part.splitlines() if line and not line.startswith(" ")][1:]
    sections = {f["section"] for f in json.loads(run("score", "--json", str(WORST)).stdout)["findings"]}
    assert sorted(headings) == sorted(sections)  # each section once, its findings beneath it


def test_version_comes_from_the_installed_package():
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"handover {metadata.version('desktop-study-handover')}"


def test_every_option_of_every_subcommand_has_help():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    undocumented = [(name, a.dest) for name, sub in [("handover", parser), *commands.choices.items()]
                    for a in sub._actions if not a.help or a.help == argparse.SUPPRESS]
    assert not undocumented
    assert {c.dest for c in commands._choices_actions} == set(commands.choices)  # every subcommand has help
