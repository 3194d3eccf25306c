"""Who hears what, and when (README: "Who hears what"). Pure: a study's row before and after a
change becomes the notices to send; server/notify.py sends them.

- A submission (or resubmission): the managers, with what they need to decide; the chat channel.
- A decision: whoever submitted, with the reason; on approval, CS too (to assign), and the channel.
- An owner assigned, a stage moved: whoever submitted.
- The scheduled refresh: one reminder per person of what has waited too long (working days).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .generators.email_html import html_body
from .generators.emails import TEMPLATES
from .rubric import load_rubric
from .tracker_layout import tracker_layout


@dataclass(frozen=True)
class Notice:
    to: tuple[str, ...]  # email addresses
    subject: str
    body: str
    label: str  # what it is, as the sender reports it: "email to the managers"
    chat: str = ""  # a line for the team's channel as well ("" for none)
    study_id: str = ""

    @property
    def html(self) -> str:
        """The email's HTML part, laid out from its text (generators/email_html.py)."""
        return html_body(self.subject, self.body)


def _render(template: str, **fields) -> tuple[str, str]:
    text = TEMPLATES.get_template(template).render(**fields)
    subject, _, body = text.partition("\n\n")
    return subject.removeprefix("Subject: ").strip(), body.strip() + "\n"


def _labels(ids: str) -> str:
    rubric = load_rubric()
    return "; ".join(rubric.criterion_label(i.strip()) for i in ids.split(",") if i.strip())


def _deal_size(record: dict) -> str:
    return " ".join(p for p in (record.get("currency", ""), record.get("deal_size", "")) if p)


def _people(*groups) -> tuple[str, ...]:
    """Addresses once each, in order, empty ones dropped."""
    seen: dict[str, str] = {}
    for group in groups:
        for person in group:
            if person and person.lower() not in seen:
                seen[person.lower()] = person
    return tuple(seen.values())


def submitted(record: dict, submitter: str, managers, changed: str = "") -> list[Notice]:
    """To the managers (but not to a manager who submitted it themselves): decide this."""
    again = bool(changed)
    subject, body = _render("submitted.txt.j2", again=again, changed=changed, submitter=submitter,
                            failed=_labels(record.get("failed_criteria", "")), deal_size=_deal_size(record),
                            **_fields(record))
    to = tuple(m for m in _people(managers) if m.lower() != submitter.lower())
    verb = "resubmitted" if again else "submitted"
    score = f", score {record['score']}/100" if record.get("score") else ""
    chat = (f"Desktop Study {verb}: {record.get('customer') or record.get('study_id')} ({record.get('study_id')})"
            f"{score}, by {submitter}. {record.get('doc_link', '')}").strip()
    return [Notice(to, subject, body, "email to the managers", chat, record.get("study_id", ""))]


def decided(record: dict, cs_emails) -> list[Notice]:
    """To whoever submitted, with the reason; on approval also to CS, to assign an owner."""
    flow = tracker_layout().workflow
    if not record.get("decision"):
        return []  # nothing was decided: nothing to say
    fields = {**_fields(record), "decision": record.get("decision", ""), "reason": record.get("decision_reason", ""),
              "decided_by": record.get("decided_by", ""), "approving": flow.approving}
    subject, body = _render("decided.txt.j2", **fields)
    out = [Notice(_people([record.get("submitted_by", "")]), subject, body, "email to the submitter",
                  study_id=record.get("study_id", ""))]
    if record.get("decision") in flow.approving:
        subject, body = _render("approved_for_cs.txt.j2", submitter=record.get("submitted_by", "") or "not recorded",
                                **fields)
        chat = (f"Desktop Study approved: {record.get('customer') or record.get('study_id')} "
                f"({record.get('study_id')}) needs a CS owner. {record.get('doc_link', '')}").strip()
        out.append(Notice(_people(cs_emails), subject, body, "email to CS", chat, record.get("study_id", "")))
    return out


def progressed(before: dict, after: dict) -> list[Notice]:
    """To whoever submitted: an owner took the study, or it moved stage."""
    owner_changed = before.get("cs_owner", "") != after.get("cs_owner", "")
    if owner_changed:
        what = f"owned by {after['cs_owner']}" if after.get("cs_owner") else "no CS owner now"
    else:
        what = f"now {after['stage']}" if after.get("stage") else "stage changed"
    subject, body = _render("cs_progress.txt.j2", what=what, owner_changed=owner_changed,
                            stage_before=before.get("stage", ""), **_fields(after))
    return [Notice(_people([after.get("submitted_by", "")]), subject, body, "email to the submitter",
                   study_id=after.get("study_id", ""))]


def _fields(record: dict) -> dict:
    keys = ("study_id", "customer", "segment", "rep", "score", "readiness", "exception_requested", "industry",
            "region", "presentation_date", "doc_link", "presales_link", "crm_link", "stage", "cs_owner",
            "data_complete", "data_cycles", "data_rigs", "gap_analysis_link")
    return {k: record.get(k, "") for k in keys}


# --- reminders -------------------------------------------------------------------------------

def working_days(since: str, today: date) -> int | None:
    """Monday-to-Friday days from `since` (ISO) to `today`; None when `since` is no time."""
    try:
        start = datetime.fromisoformat(since).astimezone(timezone.utc).date()
    except ValueError:
        return None
    days, day = 0, start
    while day < today:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def overdue(rows: list[dict], today: date, after: int) -> dict[str, list[dict]]:
    """Studies waited on for more than `after` working days and not reminded of today:
    {"decision": [...], "owner": [...]}, each with its `days`."""
    flow = tracker_layout().workflow
    out: dict[str, list[dict]] = {"decision": [], "owner": []}
    for r in rows:
        if r.get("reminded_at", "")[:10] == today.isoformat():
            continue
        if r.get("stage") == flow.submitted:
            kind, since = "decision", r.get("submitted_at", "")
        elif r.get("stage") == flow.approved and not r.get("cs_owner"):
            kind, since = "owner", r.get("decided_at", "")
        else:
            continue
        days = working_days(since, today)
        if days is not None and days > after:
            out[kind].append({"study_id": r.get("study_id", ""), "customer": r.get("customer", ""),
                              "doc_link": r.get("doc_link", ""), "submitted_by": r.get("submitted_by", ""),
                              "days": days})
    return out


def reminders(late: dict[str, list[dict]], managers, cs_emails) -> list[Notice]:
    """One digest per person: each manager the decisions waiting (not their own submissions),
    the CS list the approved studies with no owner."""
    out = []
    for manager in _people(managers):
        mine = [s for s in late["decision"] if s.get("submitted_by", "").lower() != manager.lower()]
        if mine:
            subject, body = _render("reminder.txt.j2", kind="decision", studies=mine)
            out.append(Notice((manager,), subject, body, f"reminder to {manager}"))
    if late["owner"] and _people(cs_emails):
        subject, body = _render("reminder.txt.j2", kind="owner", studies=late["owner"])
        out.append(Notice(_people(cs_emails), subject, body, "reminder to CS"))
    return out
