"""The scorecard in the Docs sidebar, as the rep reads it: the verdict beside the score, criteria
by label with their evidence, every finding grouped by section with the quoted text and the fix,
nothing cut without "and N more", no internal ids, and nothing wider than a 300 px sidebar."""
import re
from pathlib import Path

import pytest

from server.addon import cards as c
from server.addon import scorecard_screens
from server.validators.readers import read_document
from server.validators.scorer import score_document
from tests.addon_env import REP, Client
from tests.card_reading import button, buttons, params, plain, visible, widget_text, widgets
from tests.card_schema import cards_in
from tests.handover_builder import GOOD, handover, set_field, to_docx

GENERIC = Path(__file__).resolve().parent.parent / "doc_templates" / "samples" / "Sample - generic handover.docx"


def put(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / "ws" / "Manual" / f"{name}.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"Manual/{name}.docx"


@pytest.fixture
def rep(app, mint) -> Client:
    return Client(app, mint, REP)


def click(rep: Client, doc_id: str, action: str, **args) -> dict:
    """The rep clicks `action` in a document; the card Google would show (the answer is checked against the schema)."""
    response = rep.post(f"/addon/action/{action}", file_id=doc_id, title="Handover", **args)
    assert response.status_code == 200
    return response.get_json()


def scorecard(rep: Client, doc_id: str) -> dict:
    return cards_in(click(rep, doc_id, "check"), trigger=False)[0]


def press(rep: Client, doc_id: str, b: dict) -> dict:
    """Press a button on a card: post its action with its parameters."""
    return click(rep, doc_id, b["onClick"]["action"]["function"].rsplit("/", 1)[1], params=params(b))


@pytest.fixture
def generic(tmp_path, rep):
    """The sample generic handover in the workspace: (its id, its scorecard object, the card the rep sees)."""
    doc_id = put(tmp_path, "generic", GENERIC.read_bytes())
    return doc_id, score_document(read_document(GENERIC)), scorecard(rep, doc_id)


def score_line(card: dict) -> str:
    return next(widget_text(w) for w in widgets(card) if w.get("decoratedText", {}).get("topLabel") == "Score")


def test_the_verdict_and_its_reason_sit_beside_the_score(tmp_path, rep):
    doc_id = put(tmp_path, "smb", to_docx(set_field(GOOD, "Segment", "SMB")))
    card = scorecard(rep, doc_id)
    line = score_line(card)
    assert re.search(r"\d+/100 · Not ready: 1 acceptance criterion fails", line), line
    assert "To fix before submitting:\n• Segment is Mid-Market or Enterprise: " in visible(card)


def test_a_ready_handover_says_so_on_the_score_line(tmp_path, rep):
    card = scorecard(rep, put(tmp_path, "good", to_docx(GOOD)))
    assert "/100 · Ready for submission" in score_line(card)
    assert "To fix before submitting" not in visible(card)


def test_criteria_are_shown_by_label_with_their_evidence_failures_first(generic):
    _, result, card = generic
    section = next(s for s in card["sections"] if s.get("header", "").startswith("Acceptance criteria"))
    shown = [plain(w["textParagraph"]["text"]) for w in section["widgets"]]
    failed = [c for c in result.criteria if not c.passed]
    expected = failed + [c for c in result.criteria if c.passed]
    assert [s.split("\n")[0] for s in shown] == [("Fails " if not c.passed else "Passes ") + c.label for c in expected]
    assert all(c.evidence[:60] in s for c, s in zip(expected, shown))
    assert section["collapsible"] and section["uncollapsibleWidgetsCount"] == len(failed)  # failures stay open


def test_each_finding_quotes_the_flagged_text_and_gives_the_fix_as_plainly_as_the_problem(generic):
    _, result, card = generic
    finding = next(f for f in result.findings if len(f.text) > 150)
    widget = next(w for w in widgets(card) if finding.message in plain(w.get("textParagraph", {}).get("text", ""))
                  and finding.text[:40] in plain(w["textParagraph"]["text"]))
    html_text = widget["textParagraph"]["text"]
    quote = re.search(r"“(.*)”", plain(html_text)).group(1)
    assert quote.endswith("…") and len(quote) <= 121 and finding.text.startswith(quote[:-1].rstrip())
    assert "<b>Fix:</b> " + c.esc(finding.suggestion) in html_text  # same size, same colour as the problem
    assert "decoratedText" not in widget  # no small grey label


def test_findings_are_grouped_by_section_each_in_a_collapsible_section(generic):
    _, result, card = generic
    by_section = {}
    for f in result.findings:
        by_section.setdefault(f.section, []).append(f)
    headers = {s["header"]: s for s in card["sections"] if "to fix)" in s.get("header", "")}
    for title, findings in by_section.items():
        header = next(h for h in headers if h.startswith(title + ":") or h.startswith(title + " ("))
        assert header.endswith(f"({len(findings)} to fix)")
        section = headers[header]
        if len(section["widgets"]) > 1:
            assert section["collapsible"] and section["uncollapsibleWidgetsCount"] == 1
    spiced = next(h for h in headers if h.startswith("SPICED: "))
    assert re.match(r"SPICED: \d+/100, ", spiced)  # the section's own score and state


def test_a_section_cut_short_says_how_many_more_and_shows_them(generic, rep):
    doc_id, result, card = generic
    title, count = max(((t, sum(1 for f in result.findings if f.section == t)) for t in {f.section for f in result.findings}),
                       key=lambda tc: tc[1])
    assert count > scorecard_screens.PER_SECTION
    more = f"and {count - scorecard_screens.PER_SECTION} more in this section"
    section = next(s for s in card["sections"] if s.get("header", "").startswith(title))
    assert more in widget_text(section["widgets"][-1])
    show = section["widgets"][-1]["decoratedText"]["button"]
    assert params(show) == {"section": title}
    pushed = press(rep, doc_id, show)
    assert "pushCard" in pushed["renderActions"]["action"]["navigations"][0]
    shown = cards_in(pushed, trigger=False)[0]
    assert sum(1 for w in widgets(shown) if "Fix:" in widget_text(w) or "costs" in widget_text(w)) == count


def test_show_all_reaches_every_finding_page_by_page(generic, rep):
    doc_id, result, card = generic
    assert len(result.findings) > scorecard_screens.PAGE, "the sample needs more findings than one page holds"
    show = button(card, f"Show all {len(result.findings)} findings")
    seen, answer = [], press(rep, doc_id, show)
    while True:
        page = cards_in(answer, trigger=False)[0]
        seen += [plain(w["textParagraph"]["text"]) for w in widgets(page)
                 if "Fix:" in widget_text(w) or " points" in widget_text(w)]
        turn = [b for b in buttons(page) if plain(b["text"]).startswith("Next ")]
        if not turn:
            break
        assert re.search(r"\nand \d+ more\n", visible(page))
        answer = press(rep, doc_id, turn[0])
        assert "updateCard" in answer["renderActions"]["action"]["navigations"][0]  # turning a page, not stacking
    assert len(seen) == len(result.findings)
    assert all(any(f.message in s and " ".join(f.text.split())[:30] in s for s in seen) for f in result.findings)


def test_the_first_causes_under_the_score_say_how_many_more(generic):
    _, result, card = generic
    causes = result.blocking()
    assert len(causes) > scorecard_screens.FIRST_CAUSES
    assert f"and {len(causes) - scorecard_screens.FIRST_CAUSES} more, below" in visible(card)


RAW_ID = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # use_cases_success_criteria, generic_sentence


def test_no_internal_id_reaches_the_rep(generic, rep, tmp_path):
    doc_id, result, card = generic
    thin = put(tmp_path, "thin", to_docx(handover(Business_case=[("p", "TBD")])))
    refused = cards_in(click(rep, thin, "submit"), trigger=False)[0]
    pushed = cards_in(press(rep, doc_id, button(card, "Show all")), trigger=False)[0]
    for shown in (card, refused, pushed):
        text = visible(shown)
        assert not RAW_ID.findall(text), RAW_ID.findall(text)
        assert not re.search(r"\((error|warning|info)\)|FAIL: ", text)  # severities and verdicts in words


def test_a_refused_submission_lists_every_reason_by_label(tmp_path, rep):
    doc_id = put(tmp_path, "thin", to_docx(handover(Business_case=[("p", "TBD")])))
    card = cards_in(click(rep, doc_id, "submit"), trigger=False)[0]
    text = visible(card)
    assert card["header"]["title"] == "Submission refused" and "Business case started\n" in text
    count = int(re.search(r"Not submitted: (\d+) things? to fix", text).group(1))
    assert count == len([w for w in widgets(card) if "<b>" in w.get("textParagraph", {}).get("text", "")])


def test_the_scorecard_fits_a_300_px_sidebar(generic):
    _, _, card = generic
    kinds = {k for w in widgets(card) for k in w}
    assert kinds <= {"textParagraph", "decoratedText", "buttonList"}  # no columns, grids or tables
    for w in widgets(card):
        quoted = re.findall(r"“([^”]*)”", widget_text(w))
        assert all(len(q) <= scorecard_screens.QUOTE_CHARS for q in quoted)


def test_plain_text_fields_show_what_was_typed_and_html_fields_escape_it():
    """Card v1 reads HTML only in paragraphs, decorated text's main line and section headers; a
    title, label, button, hint, dropdown item or toast shows its string as it is, so escaping
    there would show 'R&amp;D'."""
    from server.addon import cards as c
    name = "R&D <West> Drilling"
    card = c.card(name, [c.section([c.text(name), c.decorated(name, top=name, bottom=name),
                                    c.buttons(c.button(name, "https://h.example.com/addon/action/check")),
                                    c.text_input("reason", name, hint=name),
                                    c.dropdown("owner", name, [(name, "x")])], header=name)], subtitle=name)
    answer = c.render(card, notification=name)
    cards_in(answer, trigger=False)  # valid Card v1
    shown = widgets(card)
    assert card["header"] == {"title": name, "subtitle": name}
    assert shown[1]["decoratedText"]["topLabel"] == name and shown[1]["decoratedText"]["bottomLabel"] == name
    assert shown[2]["buttonList"]["buttons"][0]["text"] == name
    assert (shown[3]["textInput"]["label"], shown[3]["textInput"]["hintText"]) == (name, name)
    assert shown[4]["selectionInput"]["items"][0]["text"] == name and shown[4]["selectionInput"]["label"] == name
    assert answer["renderActions"]["action"]["notification"]["text"] == name
    escaped = "R&amp;D &lt;West&gt; Drilling"
    assert shown[0]["textParagraph"]["text"] == escaped and shown[1]["decoratedText"]["text"] == escaped
    assert card["sections"][0]["header"] == escaped


def test_the_customers_files_in_ds_data_are_shown_and_where_they_and_the_handover_differ(tmp_path, rep):
    import shutil
    from server.workspace.local import ensure_tree
    customer = ensure_tree(tmp_path / "ws", "Red Rock Drilling Pty Ltd")
    doc = customer / "PreSales/Desktop Study/DS Handover Doc/Handover.docx"
    doc.write_bytes(to_docx(GOOD))  # says 3 billing cycles
    corpus = Path(__file__).resolve().parent / "data_packages"
    for name in ("plod_shifts_en.csv", "invoice_register.xlsx", "schedule_of_rates.csv"):
        shutil.copy(corpus / name, customer / "PreSales/Desktop Study/DS Data" / name)
    card = scorecard(rep, doc.relative_to(tmp_path / "ws").as_posix())
    shown = visible(card)
    data = next(s for s in card["sections"] if s.get("header", "").startswith("Data package"))
    assert data["header"] == "Data package: complete"
    assert ("The files and the handover differ:\n• The handover says 3 billing cycles; plod data in DS Data covers "
            "1 Jan - 28 Feb 2026: 2 billing cycles.") in shown
    assert "Period: 1 Jan - 28 Feb 2026 (2 billing cycles: 2026-01, 2026-02)" in shown
    assert "Schedule of rates: schedule_of_rates.csv (metre rates by depth, hourly rates, standby, mobilisation)" in shown
