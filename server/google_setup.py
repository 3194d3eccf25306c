"""`handover setup --google`: upload the template as a Google Doc, create or adopt the
tracker Sheet, and print the configuration for the deployed app."""
from __future__ import annotations

import google.auth
import google.oauth2.credentials

from .google_clients import SERVICE_ACCOUNT_SCOPES, clients
from .setup import upload_template
from .workspace.sheets_tracker import SheetsTracker


def setup_google(customers_root: str, shared_drive: str = "", tracker_id: str = "", managers: str = "",
                 service_account: str = "", endpoint: str = "") -> list[str]:
    if endpoint:  # the local fake accepts any token
        credentials = google.oauth2.credentials.Credentials(token="setup")
    else:
        credentials, _ = google.auth.default(scopes=list(SERVICE_ACCOUNT_SCOPES))
    c = clients(credentials, endpoint=endpoint or None)
    manager_list = tuple(m.strip() for m in managers.split(",") if m.strip())
    template_id = upload_template(c.drive, parent_id=customers_root or None)
    tracker = SheetsTracker(c.gc, spreadsheet_id=tracker_id or None, managers=manager_list,
                            editors=(service_account,) if service_account else (), folder_id=customers_root or None)
    tracker_id = tracker.setup()
    return [f"HANDOVER_TEMPLATE_ID: {template_id}", f"HANDOVER_TRACKER_ID: {tracker_id}",
            f"HANDOVER_CUSTOMERS_ROOT_ID: {customers_root}", f"HANDOVER_SHARED_DRIVE_ID: {shared_drive}",
            f"HANDOVER_MANAGERS: {','.join(manager_list)}"]
