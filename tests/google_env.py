"""A Google workspace wired to the local fake of Drive, Docs and Sheets, through the real
client libraries (only their endpoint is pointed at the fake)."""
import google.oauth2.credentials
import pytest

from fake_google import FakeGoogle
from server.google_clients import clients
from server.setup import upload_template
from server.workspace.google_drive import GoogleWorkspace
from server.workspace.retry import RetryPolicy
from server.workspace.sheets_tracker import SheetsTracker

FAST_RETRIES = RetryPolicy(attempts=5, base_delay=0.01, max_delay=0.05)
MANAGERS = ("maria.manager@example.com",)
SERVICE_ACCOUNT = "handover@project.iam.gserviceaccount.com"


def google_workspace(fake: FakeGoogle, shared_drive: bool = False, timeout: float = 30):
    creds = google.oauth2.credentials.Credentials(token="service-account-token")
    c = clients(creds, endpoint=fake.base_url, timeout=timeout)
    drive_id = fake.add_shared_drive("Customers") if shared_drive else None
    root = drive_id or fake.add_folder("Customers")
    template_id = upload_template(c.drive, policy=FAST_RETRIES)
    tracker = SheetsTracker(c.gc, managers=MANAGERS, editors=(SERVICE_ACCOUNT,), policy=FAST_RETRIES)
    tracker.setup()
    return GoogleWorkspace(c.drive, c.docs, tracker, template_id, root, shared_drive_id=drive_id, policy=FAST_RETRIES,
                           docs_factory=lambda: clients(creds, endpoint=fake.base_url, timeout=timeout).docs)


@pytest.fixture
def fake():
    server = FakeGoogle().start()
    try:
        yield server
    finally:
        server.stop()
