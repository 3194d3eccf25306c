"""A stateful fake of the HubSpot CRM endpoints the product calls, for tests: run by
`FakeHubSpot()` on localhost, reached by HubSpot's official Python client (hubspot-api-client)
with its host set to the fake's URL.

Modelled as HubSpot documents them (developers.hubspot.com, CRM objects v3):
- PATCH /crm/v3/objects/deals/{dealId}: a partial update; `dealstage` must be one of the deal
  pipeline's stage ids (400 VALIDATION_ERROR otherwise); 404 OBJECT_NOT_FOUND for an unknown deal.
- POST /crm/v3/objects/notes: `hs_timestamp` is required; associations to a deal use the
  HUBSPOT_DEFINED type 214 (note to deal), and the deal must exist.
- Every request needs `Authorization: Bearer <the private app's token>` (401 otherwise).
"""
from __future__ import annotations

import json
import re
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOTE_TO_DEAL = 214


class FakeHubSpot:
    def __init__(self, token: str = "pat-test-token", stages=("appointmentscheduled", "desktopstudy", "closedwon")):
        self.token, self.stages = token, tuple(stages)
        self.deals: dict[str, dict] = {}
        self.notes: list[dict] = []
        self.requests: list[tuple[str, str]] = []
        self.fail_next: list[int] = []  # statuses to answer the next requests with
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def add_deal(self, deal_id: str, stage: str = "appointmentscheduled", name: str = "A deal") -> None:
        self.deals[deal_id] = {"dealstage": stage, "dealname": name}

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    # --- the endpoints -----------------------------------------------------------------------
    def answer(self, method: str, path: str, headers, body: dict) -> tuple[int, dict]:
        with self._lock:
            self.requests.append((method, path))
            if self.fail_next:
                status = self.fail_next.pop(0)
                return status, _error(status, "INTERNAL_ERROR" if status >= 500 else "RATE_LIMITS", "fake failure")
            if headers.get("Authorization", "") != f"Bearer {self.token}":
                return 401, _error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.")
            deal = re.fullmatch(r"/crm/v3/objects/deals/(\w+)", path)
            if method == "PATCH" and deal:
                return self._update_deal(deal.group(1), body)
            if method == "POST" and path == "/crm/v3/objects/notes":
                return self._create_note(body)
            return 404, _error(404, "OBJECT_NOT_FOUND", f"No route for {method} {path}")

    def _update_deal(self, deal_id: str, body: dict) -> tuple[int, dict]:
        if deal_id not in self.deals:
            return 404, _error(404, "OBJECT_NOT_FOUND", "resource not found")
        properties = body.get("properties") or {}
        stage = properties.get("dealstage")
        if stage is not None and stage not in self.stages:
            return 400, _error(400, "VALIDATION_ERROR", f'Property values were not valid: [{{"isValid":false,'
                                                        f'"message":"{stage} was not one of the allowed options",'
                                                        f'"name":"dealstage"}}]')
        self.deals[deal_id].update(properties)
        return 200, _object(deal_id, self.deals[deal_id])

    def _create_note(self, body: dict) -> tuple[int, dict]:
        properties = body.get("properties") or {}
        if not properties.get("hs_timestamp"):
            return 400, _error(400, "VALIDATION_ERROR", "hs_timestamp is required")
        for association in body.get("associations") or []:
            to = (association.get("to") or {}).get("id", "")
            kinds = association.get("types") or []
            if not any(t.get("associationCategory") == "HUBSPOT_DEFINED" and t.get("associationTypeId") == NOTE_TO_DEAL
                       for t in kinds):
                return 400, _error(400, "VALIDATION_ERROR", "invalid association type for a note and a deal")
            if str(to) not in self.deals:
                return 400, _error(400, "VALIDATION_ERROR", f"No deal with id {to} to associate")
        note = {"id": str(len(self.notes) + 1), "properties": properties,
                "deals": [str((a.get("to") or {}).get("id")) for a in body.get("associations") or []]}
        self.notes.append(note)
        return 201, _object(note["id"], properties)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError:
                    status, answer = 400, _error(400, "VALIDATION_ERROR", "Invalid input JSON")
                else:
                    status, answer = fake.answer(self.command, self.path.split("?")[0], self.headers, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_PATCH = do_POST = do_GET = _serve

        return Handler


def _object(object_id: str, properties: dict) -> dict:
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {"id": object_id, "properties": dict(properties), "createdAt": now, "updatedAt": now, "archived": False}


def _error(status: int, category: str, message: str) -> dict:
    return {"status": "error", "message": message, "correlationId": str(uuid.uuid4()), "category": category}
