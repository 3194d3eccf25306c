"""The CRM step of the seed's process: on submission the HubSpot deal moves into the Desktop
Study stage and gets a note with the study's links, through HubSpot's official Python client.

On when HANDOVER_HUBSPOT_TOKEN (a private app's token, with crm.objects.deals.write) and
HANDOVER_HUBSPOT_STAGE (the internal id of the pipeline's Desktop Study stage) are set; off
otherwise. The deal is the one the handover's CRM link names. A CRM failure never blocks the
submission: the rep is told what did not happen, the operator's log says why (never the token).
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone

from hubspot import HubSpot
from hubspot.crm.deals import SimplePublicObjectInput
from hubspot.crm.objects.notes import SimplePublicObjectInputForCreate
from urllib3.util.retry import Retry

log = logging.getLogger("handover.crm")

# https://app.hubspot.com/contacts/PORTAL/deal/123 and the newer .../record/0-3/123 (0-3: deals)
DEAL_LINK = re.compile(r"hubspot\.com/\S*?/(?:deal|record/0-3)/(\d+)")
NOTE_TO_DEAL = 214  # HubSpot's HUBSPOT_DEFINED association type from a note to a deal


def deal_id(crm_link: str) -> str:
    """The deal's id in a HubSpot deal link; "" when the link names no HubSpot deal."""
    found = DEAL_LINK.search(crm_link or "")
    return found.group(1) if found else ""


class HubSpotCrm:
    def __init__(self, token: str, stage: str, host: str = "", timeout: float = 10):
        settings = {"access_token": token, "retry": Retry(total=3, backoff_factor=0.5,
                                                          status_forcelist=(429, 500, 502, 503, 504),
                                                          allowed_methods=None)}
        if host:
            settings["host"] = host
        self.client, self.stage, self.timeout = HubSpot(**settings), stage, timeout

    @classmethod
    def from_config(cls, config) -> "HubSpotCrm | None":
        if not (config.hubspot_token and config.hubspot_stage):
            return None
        return cls(config.hubspot_token, config.hubspot_stage, config.hubspot_host)

    def study_submitted(self, record: dict) -> tuple[list[str], list[str]]:
        """Move the deal to the Desktop Study stage and note the links on it: (done, not done)."""
        deal = deal_id(record.get("crm_link", ""))
        if not deal:
            return [], ["CRM: the handover's CRM deal link is not a HubSpot deal link"]
        try:
            self.client.crm.deals.basic_api.update(
                deal, SimplePublicObjectInput(properties={"dealstage": self.stage}), _request_timeout=self.timeout)
            self.client.crm.objects.notes.basic_api.create(SimplePublicObjectInputForCreate(
                properties={"hs_note_body": note_body(record),
                            "hs_timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds")},
                associations=[{"to": {"id": deal}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                                               "associationTypeId": NOTE_TO_DEAL}]}]),
                _request_timeout=self.timeout)
        except Exception as exc:  # noqa: BLE001 - the client raises ApiException and urllib3's errors
            status = getattr(exc, "status", 0)
            log.warning("crm step failed", extra={"study_id": record.get("study_id"), "deal": deal, "status": status,
                                                  "error": type(exc).__name__})
            return [], [f"CRM: {_said(status)}"]
        log.info("crm deal moved", extra={"study_id": record.get("study_id"), "deal": deal})
        return ["CRM deal moved to Desktop Study, with a note"], []


def note_body(record: dict) -> str:
    """The note on the deal: the study, its score, and where everything is (HubSpot notes are HTML)."""
    from html import escape
    links = [(label, record.get(key, "")) for key, label in (("doc_link", "Handover"),
                                                             ("snapshot_link", "Submitted version"),
                                                             ("presales_link", "PreSales folder"))]
    lines = [f"Desktop Study {escape(record.get('study_id', ''))} submitted, score {escape(str(record.get('score', '')))}/100."]
    lines += [f'{label}: <a href="{escape(url)}">{escape(url)}</a>' for label, url in links
              if url.startswith("https://")]
    return "<br>".join(lines)


def _said(status: int) -> str:
    return {401: "HubSpot refused the app's token (ask an admin to check the private app)",
            403: "the app's HubSpot token may not edit deals",
            404: "the deal in the handover's CRM link was not found in HubSpot",
            400: "HubSpot refused the change (is HANDOVER_HUBSPOT_STAGE a stage of the deal's pipeline?)"}.get(
        status, "HubSpot did not answer; move the deal yourself")
