"""A Google workspace wired to the local fake of Drive, Docs and Sheets, through the real
client libraries (only their endpoint is pointed at the fake)."""
from dataclasses import dataclass

import google.oauth2.credentials
import google_auth_httplib2

from fake_google import FakeGoogle, RewritingHttp, RewritingSession
from server.google_clients import GoogleClients, GoogleConnection, clients
from server.google_setup import upload_template
from server.workspace.google_drive import GoogleWorkspace
from server.workspace.retry import RetryPolicy
from server.workspace.sheets_tracker import SheetsTracker

FAST_RETRIES = RetryPolicy(attempts=5, base_delay=0.01, max_delay=0.05)
MANAGERS = ("maria.manager@example.com",)
SERVICE_ACCOUNT = "handover@project.iam.gserviceaccount.com"


def fake_clients(fake: FakeGoogle, token: str = "service-account", timeout: float = 30) -> GoogleClients:
    """The product's clients, each library pointed at the fake by its own transport: gspread's
    requests session and google-api-python-client's httplib2.Http, both sending Google's URLs to
    the fake (fake_google.RewritingSession and RewritingHttp)."""
    return clients(google.oauth2.credentials.Credentials(token=token), timeout,
                   session=RewritingSession(fake.base_url, token),
                   http=lambda timeout: RewritingHttp(fake.base_url, timeout=timeout))


@dataclass
class FakeConnection(GoogleConnection):
    """The app's way to Google, reaching the fake instead (create_app(google=...), cli.main(google=...))."""

    fake: FakeGoogle | None = None

    def service_account(self) -> GoogleClients:
        return fake_clients(self.fake, "service-account", self.timeout)

    def user_http(self, user_token: str):
        return google_auth_httplib2.AuthorizedHttp(google.oauth2.credentials.Credentials(token=user_token),
                                                   http=RewritingHttp(self.fake.base_url, timeout=self.timeout))


def google_workspace(fake: FakeGoogle, shared_drive: bool = False, timeout: float = 30):
    c = fake_clients(fake, "service-account-token", timeout)
    # the service account is a Content manager of the customers' shared drive (README, "identities")
    drive_id = fake.add_shared_drive("Customers", role="fileOrganizer") if shared_drive else None
    root = drive_id or fake.add_folder("Customers")
    template_id = upload_template(c.drive, policy=FAST_RETRIES)
    tracker = SheetsTracker(c.gc, managers=MANAGERS, editors=(SERVICE_ACCOUNT,), policy=FAST_RETRIES)
    tracker.setup()
    return GoogleWorkspace(c.drive, c.docs, tracker, template_id, root, shared_drive_id=drive_id, policy=FAST_RETRIES,
                           clients_factory=lambda: fake_clients(fake, "service-account-token", timeout))


def upload_docx(ws, data: bytes, name: str = "Good handover") -> str:
    """A .docx uploaded as a Google Doc (Drive converts it, as when a rep uploads one); its id."""
    from googleapiclient.http import MediaInMemoryUpload
    media = MediaInMemoryUpload(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return ws.drive.files().create(body={"name": name, "mimeType": "application/vnd.google-apps.document"},
                                   media_body=media, fields="id").execute()["id"]
