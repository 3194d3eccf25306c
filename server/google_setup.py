"""`handover setup --google`: upload the template as a Google Doc, create or adopt the
tracker Sheet, and print the configuration for the deployed app."""
from __future__ import annotations

from .google_clients import GoogleClients
from .setup import upload_template
from .workspace.sheets_tracker import SheetsTracker


def setup_google(c: GoogleClients, customers_root: str, shared_drive: str = "", tracker_id: str = "",
                 managers: str = "", service_account: str = "") -> list[str]:
    """Set up as the service account `c` acts for; the lines for app.yaml's env_variables."""
    manager_list = tuple(m.strip() for m in managers.split(",") if m.strip())
    template_id = upload_template(c.drive, parent_id=customers_root or None)
    tracker = SheetsTracker(c.gc, spreadsheet_id=tracker_id or None, managers=manager_list,
                            editors=(service_account,) if service_account else (), folder_id=customers_root or None)
    tracker_id = tracker.setup()
    return [f"HANDOVER_TEMPLATE_ID: {template_id}", f"HANDOVER_TRACKER_ID: {tracker_id}",
            f"HANDOVER_CUSTOMERS_ROOT_ID: {customers_root}", f"HANDOVER_SHARED_DRIVE_ID: {shared_drive}",
            f"HANDOVER_MANAGERS: {','.join(manager_list)}"]
