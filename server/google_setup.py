"""`handover setup --google`: upload the template as a Google Doc, create or adopt the
tracker Sheet, and print the configuration for the deployed app."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from googleapiclient.http import MediaInMemoryUpload

from .generators.template_doc import template_bytes
from .google_clients import GoogleClients
from .paths import TEMPLATE_PATH
from .tracker_layout import UTC
from .workspace.drive_folders import q_string
from .workspace.google_drive import TEMPLATE_KEY
from .workspace.retry import DEFAULT_POLICY, RetryPolicy, call
from .workspace.sheets_tracker import SheetsTracker

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GOOGLE_DOC = "application/vnd.google-apps.document"
TEMPLATE_NAME = "Desktop Study Handover - template"


def upload_template(drive, parent_id: str | None = None, policy: RetryPolicy = DEFAULT_POLICY) -> str:
    """Upload the .docx template converted to a Google Doc (or replace the content of the one
    uploaded before, found by its appProperties); returns its file id."""
    data = TEMPLATE_PATH.read_bytes() if TEMPLATE_PATH.exists() else template_bytes()
    media = MediaInMemoryUpload(data, mimetype=DOCX_MIME, resumable=False)
    q = f"appProperties has {{ key={q_string(TEMPLATE_KEY)} and value='1' }} and trashed = false"
    if parent_id:
        q += f" and {q_string(parent_id)} in parents"
    found = call("find the template", lambda: drive.files().list(
        q=q, fields="files(id)", supportsAllDrives=True, includeItemsFromAllDrives=True).execute(), policy)
    if found.get("files"):
        file_id = found["files"][0]["id"]
        call("update the template", lambda: drive.files().update(
            fileId=file_id, media_body=media, supportsAllDrives=True, fields="id").execute(), policy)
        return file_id
    body = {"name": TEMPLATE_NAME, "mimeType": GOOGLE_DOC, "appProperties": {TEMPLATE_KEY: "1"}}
    if parent_id:
        body["parents"] = [parent_id]
    made = call("upload the template", lambda: drive.files().create(
        body=body, media_body=media, supportsAllDrives=True, fields="id").execute(), policy)
    return made["id"]


def setup_google(c: GoogleClients, customers_root: str, shared_drive: str = "", tracker_id: str = "",
                 managers: str = "", service_account: str = "", cs_team: str = "",
                 zone: ZoneInfo = UTC) -> list[str]:
    """Set up as the service account `c` acts for; the lines for app.yaml's env_variables."""
    manager_list = tuple(m.strip() for m in managers.split(",") if m.strip())
    team = tuple(dict.fromkeys(m.strip() for m in cs_team.split(",") if m.strip())) + manager_list
    template_id = upload_template(c.drive, parent_id=customers_root or None)
    tracker = SheetsTracker(c.gc, spreadsheet_id=tracker_id or None, managers=manager_list,
                            editors=(service_account,) if service_account else (), folder_id=customers_root or None,
                            team=tuple(dict.fromkeys(team)), zone=zone)
    tracker_id = tracker.setup()
    return [f"HANDOVER_TEMPLATE_ID: {template_id}", f"HANDOVER_TRACKER_ID: {tracker_id}",
            f"HANDOVER_CUSTOMERS_ROOT_ID: {customers_root}", f"HANDOVER_SHARED_DRIVE_ID: {shared_drive}",
            f"HANDOVER_MANAGERS: {','.join(manager_list)}", f"HANDOVER_CS_TEAM: {cs_team}",
            f"HANDOVER_TIME_ZONE: {zone.key}"]
