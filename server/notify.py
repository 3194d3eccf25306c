"""Tell CS about a submitted study: an email (the seed's template, filled) and a chat message.

Email goes through SMTP when HANDOVER_SMTP_HOST is set, otherwise into an outbox folder (the
local default). The chat message is a JSON POST to the configured webhook ({"text": ...},
which Slack and Google Chat incoming webhooks both accept). A notification that fails is
reported back; the study stays recorded.
"""
from __future__ import annotations

import logging
import smtplib
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import requests

from .generators.emails import TEMPLATES

log = logging.getLogger("handover.notify")


def cs_email(record: dict, sender: str, again: bool = False) -> tuple[str, str]:
    """(subject, body) of the email to CS, from the seed's template."""
    fields = {k: record.get(k, "") for k in ("customer", "study_id", "industry", "region", "presentation_date",
                                             "score", "readiness", "exception_requested", "top_flags",
                                             "presales_link", "doc_link", "crm_link")}
    text = TEMPLATES.get_template("cs_notification.txt.j2").render(sender=sender, again=again, **fields)
    subject, _, body = text.partition("\n\n")
    return subject.removeprefix("Subject: ").strip(), body


def chat_text(record: dict, sender: str, again: bool = False) -> str:
    verb = "updated" if again else "submitted"
    return (f"Desktop Study {verb}: {record.get('customer', '')} ({record.get('study_id', '')}), "
            f"score {record.get('score', '')}/100, {record.get('readiness', '')}, by {sender}. "
            f"Handover: {record.get('doc_link', '')}")


class Notifier:
    def __init__(self, to: tuple[str, ...], webhook: str = "", outbox: Path | None = None,
                 smtp_host: str = "", smtp_from: str = "handover@localhost", timeout: float = 10):
        self.to, self.webhook, self.outbox = tuple(to), webhook, outbox
        self.smtp_host, self.smtp_from, self.timeout = smtp_host, smtp_from, timeout

    @classmethod
    def from_config(cls, config, workspace_root: Path | None = None) -> "Notifier":
        return cls(to=config.cs_emails, webhook=config.chat_webhook,
                   outbox=(workspace_root / "outbox") if workspace_root else None,
                   smtp_host=config.smtp_host, smtp_from=config.smtp_from)

    def study_submitted(self, record: dict, sender: str, again: bool = False) -> tuple[list[str], list[str]]:
        """(what was sent, what failed) - never raises."""
        sent, failed = [], []
        if self.to:
            try:
                subject, body = cs_email(record, sender, again)
                self._email(subject, body)
                sent.append("email to CS")
            except Exception as exc:  # noqa: BLE001 - reported to the rep, the study is recorded
                failed.append(f"email to CS: {type(exc).__name__}")
                log.warning("email failed", extra={"study_id": record.get("study_id"), "error": type(exc).__name__})
        if self.webhook:
            try:
                self._post(chat_text(record, sender, again))
                sent.append("chat message")
            except Exception as exc:  # noqa: BLE001
                failed.append(f"chat message: {type(exc).__name__}")
                log.warning("chat webhook failed", extra={"study_id": record.get("study_id"), "error": type(exc).__name__})
        return sent, failed

    def _email(self, subject: str, body: str) -> None:
        msg = EmailMessage(policy=SMTP)
        msg["From"], msg["To"], msg["Subject"] = self.smtp_from, ", ".join(self.to), subject
        msg.set_content(body)
        if self.smtp_host:
            with smtplib.SMTP(self.smtp_host, timeout=self.timeout) as smtp:
                smtp.send_message(msg)
        elif self.outbox is not None:
            self.outbox.mkdir(parents=True, exist_ok=True)
            path = self.outbox / f"{time.strftime('%Y%m%d-%H%M%S')}-{abs(hash(subject)) % 10**8}.eml"
            path.write_bytes(msg.as_bytes())
        else:
            raise RuntimeError("no SMTP host and no outbox configured")

    def _post(self, message: str) -> None:
        for attempt in range(2):  # one retry for a blip; the webhook is not worth more
            try:
                response = requests.post(self.webhook, json={"text": message}, timeout=self.timeout)
                if response.status_code < 500:
                    response.raise_for_status()
                    return
            except requests.ConnectionError:
                if attempt:
                    raise
            time.sleep(0.2)
        raise RuntimeError("webhook kept failing")
