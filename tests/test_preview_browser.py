"""The local preview in a real browser (Debian's chromium, driven by Playwright): a rep creates,
checks and submits, a manager approves, CS assign and move the stage; the page and the tracker
file show it. Screenshots of each sidebar state go to tests/artifacts/."""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from server.tracker_layout import tracker_layout

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed (CI installs it)")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("preview-ws")
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "demo", "--workspace", str(workspace), "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    url, seen, deadline = None, [], time.time() + 60
    while time.time() < deadline and url is None:
        line = proc.stdout.readline()
        seen.append(line)
        m = re.search(r"Sidebar preview: (http://\S+/)", line)
        url = m.group(1) if m else None
    assert url, "".join(seen)
    yield url, workspace
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(preview):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1100, "height": 900})
        pg.set_default_timeout(20_000)
        pg.goto(preview[0])
        yield pg
        browser.close()


def sidebar(page):
    return page.locator("aside.sidebar")


def wait_text(page, text):
    sidebar(page).get_by_text(text).first.wait_for()


def select_doc(page, contains):
    values = page.eval_on_selector_all("#doc option", "els => els.map(e => e.value)")
    page.select_option("#doc", value=next(v for v in values if contains in v))


def open_sidebar(page):
    """Open the sidebar again and wait for its new card (typing into the old one would be lost)."""
    page.eval_on_selector("#trace", "e => { e.textContent = ''; }")
    page.click("#open")
    page.wait_for_function("() => document.querySelector('#trace').textContent.startsWith('POST')")


def shot(page, name):
    sidebar(page).screenshot(path=str(ARTIFACTS / f"{name}.png"))


def tracker_rows(workspace):
    sheet = openpyxl.load_workbook(workspace / "Desktop Study tracker.xlsx")["Studies"]
    keys = tracker_layout().keys
    return [dict(zip(keys, ["" if v is None else str(v) for v in r])) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]


def test_allow_access_is_above_the_fold_of_a_300_by_800_sidebar(page):
    page.set_viewport_size({"width": 1100, "height": 800})
    page.uncheck("#scope")
    open_sidebar(page)
    grant = sidebar(page).get_by_role("button", name="Allow access to this document")
    grant.wait_for()
    side, box = sidebar(page).bounding_box(), grant.bounding_box()
    assert side["width"] == 300
    assert box["y"] + box["height"] <= side["y"] + min(side["height"], 800 - side["y"])  # seen without scrolling
    page.set_viewport_size({"width": 1100, "height": 900})


def test_rep_creates_a_handover_from_the_sidebar(page, preview):
    page.uncheck("#scope")
    open_sidebar(page)
    side = sidebar(page)
    side.get_by_label("Customer").fill("Kestrel Test Drilling")
    side.get_by_label("Deal size").fill("$150k")
    side.get_by_label("Number of rigs").fill("six")
    shot(page, "01-create-form")
    side.get_by_role("button", name="Create handover").click()
    wait_text(page, "Number of rigs: write a whole number, e.g. 4")
    assert side.get_by_label("Customer").input_value() == "Kestrel Test Drilling"  # nothing typed is lost
    assert side.get_by_label("Deal size").input_value() == "$150k"
    shot(page, "01b-create-form-problems")
    side.get_by_label("Number of rigs").fill("6")
    side.get_by_role("button", name="Create handover").click()
    wait_text(page, "Handover created from the template")
    text = side.inner_text()
    assert "Kestrel Test Drilling - Desktop Study Handover" in text and "Deal size: AUD 150,000" in text
    assert "6 rigs is over the limit of 5" in text
    shot(page, "02-created")
    made = preview[1] / "Kestrel Test Drilling/PreSales/Desktop Study/DS Handover Doc/Kestrel Test Drilling - Desktop Study Handover.docx"
    assert made.is_file()


def test_rep_checks_and_submits_the_specific_handover(page, preview):
    page.check("#scope")
    page.click("#open")  # reloads the document list
    select_doc(page, "Redback")
    wait_text(page, "Ready for submission")
    side = sidebar(page)
    assert "99/100" in side.inner_text() or "100/100" in side.inner_text()
    shot(page, "03-scorecard-specific")
    side.get_by_role("button", name="Submit for Desktop Study").click()
    wait_text(page, "Recorded in the tracker")
    shot(page, "04-submitted")
    rows = tracker_rows(preview[1])
    assert len(rows) == 1 and rows[0]["stage"] == "Submitted" and rows[0]["customer"].startswith("Redback")


def test_generic_handover_shows_what_to_fix_and_submit_is_refused(page, preview):
    select_doc(page, "Ironclad")
    wait_text(page, "To fix before submitting")
    side = sidebar(page)
    assert re.search(r"\d+/100 · Not ready: ", side.inner_text()) and "Fix: " in side.inner_text()
    shot(page, "05-scorecard-generic")
    side.get_by_role("button", name="Submit for Desktop Study").click()
    wait_text(page, "Submission refused")
    shot(page, "06-refused")
    assert len(tracker_rows(preview[1])) == 1


def test_manager_approves_from_the_tracker(page, preview):
    page.select_option("#persona", "manager")
    wait_text(page, "Waiting for your decision")
    shot(page, "07-manager-tracker")
    sidebar(page).get_by_role("button", name="Approve", exact=True).click()
    wait_text(page, "No study is waiting for a decision")
    row = tracker_rows(preview[1])[0]
    assert row["stage"] == "Approved" and row["decided_by"] == "maria.manager@example.com" and row["decided_at"]


def test_cs_assign_an_owner_and_move_the_stage(page, preview):
    page.select_option("#persona", "cs")
    page.wait_for_function("() => { const t = document.querySelector('aside.sidebar').innerText;"
                           " return t.includes('Unassigned') && !t.includes('No study is waiting'); }")  # CS's card, not the manager's
    side = sidebar(page)
    assert "Waiting for your decision" not in side.inner_text()  # CS never see decisions
    side.get_by_label("CS owner").select_option("chris.cs@example.com")
    side.get_by_role("button", name="Assign").click()
    wait_text(page, "Owner: chris.cs@example.com")
    side.get_by_label("Move to").select_option("Scoping")
    side.get_by_role("button", name="Move stage").click()
    wait_text(page, "moved to Scoping")
    shot(page, "08-cs-tracker")
    row = tracker_rows(preview[1])[0]
    assert (row["stage"], row["cs_owner"]) == ("Scoping", "chris.cs@example.com")
    page.locator("#tracker-table").get_by_text("Scoping").wait_for()  # the page's view of the tracker
    page.screenshot(path=str(ARTIFACTS / "09-tracker-page.png"))
