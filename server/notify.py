"""Send notices (server/notices.py says who hears what): email, and a line in the team's chat.

Email goes through SMTP when HANDOVER_SMTP_HOST is set (Google Workspace's SMTP relay, or any
mail provider), otherwise into the workspace's outbox folder (the local default). Not the Gmail
API: a service account has no mailbox, so it could only send as a person through domain-wide
delegation, which would let it act as anyone in the domain; SMTP needs one sender address.
The chat line is a JSON POST of {"text": ...} to the configured incoming webhook (Slack's
format; Google Chat's webhooks accept it too). A notice that fails is reported back and logged,
never raised: the change it announces is recorded already.
"""
from __future__ import annotations

import itertools
import logging
import smtplib
import time
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import requests

from .notices import Notice

log = logging.getLogger("handover.notify")
_SENT = itertools.count()


class Notifier:
    def __init__(self, webhook: str = "", outbox: Path | None = None, smtp_host: str = "",
                 smtp_from: str = "handover@localhost", timeout: float = 10, managers=(), cs_emails=()):
        """managers and cs_emails: who hears of submissions and of approvals (notices.py)."""
        self.webhook, self.outbox = webhook, outbox
        self.smtp_host, self.smtp_from, self.timeout = smtp_host, smtp_from, timeout
        self.managers, self.cs_emails = tuple(managers), tuple(cs_emails)

    @classmethod
    def from_config(cls, config, workspace_root: Path | None = None) -> "Notifier":
        return cls(webhook=config.chat_webhook, outbox=(workspace_root / "outbox") if workspace_root else None,
                   smtp_host=config.smtp_host, smtp_from=config.smtp_from, managers=config.managers,
                   cs_emails=config.cs_emails)

    def send(self, notices: list[Notice]) -> tuple[list[str], list[str]]:
        """(what was sent, what failed), each as its label: never raises."""
        sent, failed = [], []
        for notice in notices:
            if notice.to:
                self._try(notice.label, notice.study_id, lambda: self._email(notice), sent, failed)
            if notice.chat and self.webhook:
                self._try("chat message", notice.study_id, lambda: self._post(notice.chat), sent, failed)
        return sent, failed

    @staticmethod
    def _try(label: str, study_id: str, send, sent: list, failed: list) -> None:
        try:
            send()
            sent.append(label)
        except Exception as exc:  # noqa: BLE001 - reported, the change is recorded
            failed.append(f"{label}: {type(exc).__name__}")
            log.warning("notice not sent", extra={"study_id": study_id, "notice": label, "error": type(exc).__name__})

    def _email(self, notice: Notice) -> None:
        msg = EmailMessage(policy=SMTP)
        msg["From"], msg["To"], msg["Subject"] = self.smtp_from, ", ".join(notice.to), notice.subject
        msg.set_content(notice.body)
        msg.add_alternative(notice.html, subtype="html")  # mail readers show the HTML, others the text
        if self.smtp_host:
            with smtplib.SMTP(self.smtp_host, timeout=self.timeout) as smtp:
                smtp.send_message(msg)
        elif self.outbox is not None:
            self.outbox.mkdir(parents=True, exist_ok=True)
            path = self.outbox / f"{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}-{next(_SENT):06d}.eml"  # in order
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
