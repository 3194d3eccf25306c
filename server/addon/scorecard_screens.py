"""The sidebar's scorecard and the answer to Submit, in a 300 px sidebar.

The score with the verdict beside it and what blocks it; the acceptance criteria by label with
their evidence; every finding grouped by section, quoting the text it is about, with the fix
written as plainly as the problem. Every finding is one click away: a section shows its worst
few and says "and N more", and "Show all" lists them page by page. Built from the cards module
only; it lays out what the scorecard says and never judges a document.
"""
from __future__ import annotations

from ..clip import clip
from ..flows import SubmitResult
from ..rubric import load_rubric
from ..validators.scorecard import NOT_READY_STATUSES, STATUS_WORDS, Criterion, Finding, Scorecard, SectionResult
from ..tracker_layout import tracker_layout
from . import cards as c

SEVERITY = {"error": ("Must fix", c.RED), "warning": ("Should fix", c.AMBER), "info": ("Worth fixing", "")}
PER_SECTION = 3  # findings a section shows on the scorecard; the rest are one click away
FIRST_CAUSES = 3  # causes listed under the score
PAGE = 40  # findings per card in the full list (Google draws at most 100 widgets a card)
QUOTE_CHARS = 120
MESSAGE_CHARS = 500  # a message or fix quoting a 50,000-character paste stays readable (and under 2,000)


def finding_widget(f: Finding) -> dict:
    """One finding: how much it matters, the quoted text, why, and the fix, at the same weight."""
    word, colour = SEVERITY.get(f.severity, ("To fix", ""))
    head = c.coloured(word, colour, strong=True) if colour else c.bold(word)
    points = f" · costs {f.points} points" if f.points else ""
    quote = c.esc(f"“{clip(f.text, QUOTE_CHARS)}”") if f.text.strip() else ""
    fix = c.bold("Fix:") + " " + c.esc(clip(f.suggestion, MESSAGE_CHARS)) if f.suggestion else ""
    why = c.esc(clip(f.message, MESSAGE_CHARS))
    return c.text(c.lines(head + points, f"<i>{quote}</i>" if quote else "", why, fix), raw=True)


def criterion_widget(cr: Criterion) -> dict:
    mark = c.coloured("Passes", c.GREEN, strong=True) if cr.passed else c.coloured("Fails", c.RED, strong=True)
    label = c.esc(cr.label or cr.id.replace("_", " "))
    return c.text(c.lines(f"{mark} {label}", c.esc(clip(cr.evidence, MESSAGE_CHARS))), raw=True)


def grouped(card: Scorecard, section: str = "") -> list[tuple[str, list[Finding]]]:
    """(section title, its findings) worst first: sections in the order of their worst finding."""
    groups: dict[str, list[Finding]] = {}
    for f in card.findings:
        if not section or f.section == section:
            groups.setdefault(f.section, []).append(f)
    return list(groups.items())


def group_header(title: str, count: int, results: dict[str, SectionResult]) -> str:
    """'SPICED: 0/100, reads as generic (11 to fix)'."""
    s = results.get(title)
    state = f": {s.score}/100, {STATUS_WORDS.get(s.status, s.status)}" if s else ""
    return f"{title}{state} ({count} to fix)"


def show_all_button(card: Scorecard, urls, section: str = "", count: int = 0) -> dict:
    label = f"Show all {count}" if section else f"Show all {len(card.findings)} findings"
    return c.button(label, urls.action("findings"), **({"section": section} if section else {}))


def summary_section(card: Scorecard, urls) -> dict:
    """The score and, on the same line, the verdict; then the first causes and the actions."""
    score = c.decorated(f"{c.bold(f'{card.score}/100')} · {c.esc(card.verdict())}", top="Score", raw=True,
                        icon="STAR" if card.ready else "DESCRIPTION")
    causes = card.blocking()
    first = None
    if causes:
        shown = [c.esc("• " + clip(line, QUOTE_CHARS)) for line in causes[:FIRST_CAUSES]]
        more = c.esc(f"and {len(causes) - FIRST_CAUSES} more, below") if len(causes) > FIRST_CAUSES else ""
        first = c.text(c.lines(c.bold("To fix before submitting:"), *shown, more), raw=True)
    return c.section([score, first, c.buttons(c.button("Check again", urls.action("check")),
                                              c.button("Submit for Desktop Study", urls.action("submit"), filled=True))])


def criteria_section(card: Scorecard) -> dict:
    failed = [cr for cr in card.criteria if not cr.passed]
    ordered = failed + [cr for cr in card.criteria if cr.passed]
    passed = len(card.criteria) - len(failed)
    header = (f"Acceptance criteria: all {passed} pass" if not failed
              else f"Acceptance criteria: {len(failed)} of {len(card.criteria)} fail")
    return c.section([criterion_widget(cr) for cr in ordered], header=header, collapsible=True,
                     uncollapsible=len(failed))


def data_section(card: Scorecard) -> dict | None:
    """What the customer's files in DS Data hold, as the criteria read them; where they and the
    handover disagree, first. None when there are no files to show."""
    package = card.data
    if package is None:
        return None
    from ..data_package.described import found_lines
    notes = [c.esc("• " + clip(n, QUOTE_CHARS)) for n in card.data_notes]
    widgets = [c.text(c.lines(c.bold("The files and the handover differ:"), *notes), raw=True)] if notes else []
    widgets += [c.text(c.esc(clip(line.strip(), QUOTE_CHARS))) for line in found_lines(package)]
    if package.folder.startswith("https://"):
        widgets.append(c.buttons(c.link_button("Open DS Data", package.folder)))
    verdict = "complete" if package.ready else f"{len(package.problems)} to follow up"
    return c.section(widgets, header=f"Data package: {verdict}", collapsible=len(widgets) > 3,
                     uncollapsible=len(notes and widgets[:1]) + 2)


def finding_sections(card: Scorecard, urls) -> list[dict]:
    """One collapsible section per section with findings: its worst few, then 'and N more'."""
    results = {s.title: s for s in card.sections}
    out = []
    for title, findings in grouped(card):
        widgets = [finding_widget(f) for f in findings[:PER_SECTION]]
        if len(findings) > PER_SECTION:
            widgets.append(c.decorated(f"and {len(findings) - PER_SECTION} more in this section",
                                       end_button=show_all_button(card, urls, title, len(findings))))
        out.append(c.section(widgets, header=group_header(title, len(findings), results),
                             collapsible=len(widgets) > 1, uncollapsible=1))
    return out


def scorecard_card(card: Scorecard, urls, title: str = "", study: dict | None = None, user: str = "") -> dict:
    """The scorecard; above it, for a submitted handover, where its study stands (study_section)."""
    count = "1 finding" if len(card.findings) == 1 else f"{len(card.findings)} findings"
    intro = [c.text(f"{count}, grouped by section, worst first. Each quotes the text and says what to write instead.")]
    if any(len(fs) > PER_SECTION for _, fs in grouped(card)):
        intro.append(c.buttons(show_all_button(card, urls)))
    fine = [s.title for s in card.sections if s.status not in NOT_READY_STATUSES and not s.findings]
    sections = [study_section(study, user, urls) if study else None, summary_section(card, urls), criteria_section(card),
                data_section(card),
                c.section(intro if card.findings else [c.text("Nothing to fix.")], header="What to fix"),
                *finding_sections(card, urls),
                c.section([c.text(", ".join(fine))], header=f"Nothing to fix in {len(fine)} sections") if fine else None]
    return c.card(title or "Handover scorecard", [s for s in sections if s])


def study_section(study: dict, user: str, urls) -> dict:
    """Where the submitted study stands: its stage, the last decision with its reason, the
    owner; Withdraw for whoever submitted it while it waits; the history a click away."""
    flow = tracker_layout().workflow
    sid = study["study_id"]
    widgets = [c.decorated(study.get("stage", ""), top=f"Study {sid}",
                           bottom=f"Submitted {short_time(study.get('submitted_at', ''))}")]
    if study.get("decision"):
        reason = f": {study['decision_reason']}" if study.get("decision_reason") else ""
        widgets.append(c.text(c.bold(study["decision"]) + c.esc(f"{reason} ({study.get('decided_by', '')}, "
                                                                f"{short_time(study.get('decided_at', ''))})"), raw=True))
    if study.get("cs_owner"):
        widgets.append(c.decorated(study["cs_owner"], top="CS owner"))
    actions = [c.button("History", urls.action("history"), study_id=sid)]
    if study.get("stage") == flow.submitted and user and user.lower() == study.get("submitted_by", "").lower():
        actions.append(c.button("Withdraw submission", urls.action("withdraw"), study_id=sid))
    widgets.append(c.buttons(*actions))
    return c.section(widgets, header="Desktop Study")


def history_card(study_id: str, events: list[dict]) -> dict:
    """A study's history, newest first."""
    widgets = []
    for e in reversed(events):
        moved = f"{e['stage_before'] or 'new'} → {e['stage_after']}" if e["stage_before"] != e["stage_after"] else ""
        detail = " · ".join(p for p in (moved, f"score {e['score']}" if e.get("score") else "", e["reason"]) if p)
        widgets.append(c.decorated(e["event"], top=f"{short_time(e['when'])} · {e['who']}", bottom=detail))
    return c.card(f"History of {study_id}", [c.section(widgets or [c.text("Nothing recorded yet.")])])


def short_time(iso: str) -> str:
    """'2026-12-04T20:18:25+00:00' -> '2026-12-04 20:18 UTC' ('' stays '')."""
    return f"{iso[:10]} {iso[11:16]} UTC" if len(iso) >= 16 else iso


def findings_card(card: Scorecard, urls, section: str = "", start: int = 0) -> dict:
    """Every finding (or one section's), PAGE at a time, grouped by section."""
    findings = [f for _, fs in grouped(card, section) for f in fs]
    start = max(0, min(start, max(len(findings) - 1, 0)))
    page = findings[start:start + PAGE]
    results = {s.title: s for s in card.sections}
    counts = {t: len(fs) for t, fs in grouped(card, section)}
    body, current = [], None
    for f in page:
        if f.section != current:
            current = f.section
            body.append(c.section([], header=group_header(current, counts[current], results)))
        body[-1]["widgets"].append(finding_widget(f))
    where = f"{start + 1}-{start + len(page)} of {len(findings)}" if findings else "none"
    nav = [c.decorated(f"Findings {where}")]
    params = {"section": section} if section else {}
    turns = []
    if start > 0:
        turns.append(c.button(f"Previous {PAGE}", urls.action("findings"), start=max(0, start - PAGE), turn=1, **params))
    if start + PAGE < len(findings):
        more = len(findings) - start - PAGE
        nav.append(c.text(f"and {more} more"))
        turns.append(c.button(f"Next {min(PAGE, more)}", urls.action("findings"), start=start + PAGE, turn=1,
                              **params))
    if turns:
        nav.append(c.buttons(*turns))
    title = f"{section}: all findings" if section else f"All {len(findings)} findings"
    return c.card(title, [c.section(nav)] + (body or [c.section([c.text("Nothing to fix.")])]),
                  subtitle=f"Score {card.score}/100 · {card.verdict()}")


# --- Submit ----------------------------------------------------------------------------------

def refusal_lines(result: SubmitResult) -> list[str]:
    """Why Submit refused, by label, in the order to fix: the criteria (less those put to a
    manager as an exception), then the sections not ready."""
    card = result.card
    lines = [c.lines(c.bold(cr.label or cr.id.replace("_", " ")), c.esc(clip(cr.evidence, MESSAGE_CHARS)))
             for cr in card.criteria if not cr.passed and cr.id not in result.exception]
    lines += [c.lines(c.bold(s.title), c.esc(clip(STATUS_WORDS.get(s.status, s.status).capitalize()
                                                    + (f": {s.findings[0].message}" if s.findings else ""),
                                                    MESSAGE_CHARS)))
              for s in card.sections if s.status in NOT_READY_STATUSES]
    return lines


def submit_card(result: SubmitResult, urls) -> dict:
    if not result.recorded:
        return refused_card(result, urls)
    r = result.record
    widgets = [c.decorated(result.study_id, top="Recorded in the tracker", bottom=f"Stage: {r.get('stage', '')}"),
               c.decorated(f"{r.get('score')}/100", top="Score", bottom=r.get("readiness", ""))]
    if result.exception:
        labels = [cr.label or cr.id for cr in result.card.criteria if cr.id in result.exception]
        widgets.append(c.text("Exception requested for: " + "; ".join(labels) + ". A manager decides."))
    if result.notified:
        widgets.append(c.text("Sent: " + ", ".join(result.notified)))
    if result.notify_errors:
        widgets.append(c.text("Not sent (the study is recorded; tell the managers yourself): "
                              + ", ".join(result.notify_errors)))
    return c.card("Submitted for Desktop Study", [c.section(widgets)])


def refused_card(result: SubmitResult, urls) -> dict:
    lines = refusal_lines(result)
    things = "1 thing" if len(lines) == 1 else f"{len(lines)} things"
    widgets = [c.text(f"Not submitted: {things} to fix, then submit again.")]
    widgets += [c.text(line, raw=True) for line in lines]
    failed = set(result.card.failed_criteria())
    if failed and failed <= set(load_rubric().exception_criteria):
        widgets.append(c.text("Over the rig or project limit on purpose? Ask a manager for an exception."))
        widgets.append(c.buttons(c.button("Submit as an exception request", urls.action("submit"), exception="1")))
    widgets.append(c.buttons(c.button("Check again", urls.action("check")),
                             show_all_button(result.card, urls) if result.card.findings else None))
    return c.card("Submission refused", [c.section(widgets)],
                  subtitle=f"Score {result.card.score}/100 · {result.card.verdict()}")
