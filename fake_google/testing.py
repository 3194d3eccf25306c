"""Test helpers: a pytest fixture and google-api-python-client services for the fake.

In a test module::

    from fake_google.testing import fake_google_server  # noqa: F401  (a fixture)

    def test_something(fake_google_server):
        drive = drive_service(fake_google_server)

or make your own fixture with ``start_fake()``.
"""

import pytest

from .gspread_support import gspread_client
from .server import FakeGoogle


def fake_credentials(token="fake-token"):
    """OAuth credentials that only carry a bearer token (the fake accepts any)."""
    import google.oauth2.credentials

    return google.oauth2.credentials.Credentials(token=token)


def build_service(fake, name, version):
    """A real googleapiclient service for ("drive","v3"), ("docs","v1"), ("sheets","v4")."""
    from googleapiclient.discovery import build

    return build(name, version, credentials=fake_credentials(),
                 client_options={"api_endpoint": fake.base_url}, static_discovery=True,
                 cache_discovery=False)


def drive_service(fake):
    return build_service(fake, "drive", "v3")


def docs_service(fake):
    return build_service(fake, "docs", "v1")


def sheets_service(fake):
    return build_service(fake, "sheets", "v4")


def gspread_for(fake):
    return gspread_client(fake.base_url)


def start_fake(**options):
    """A started FakeGoogle (stop it yourself, or use it as a context manager)."""
    return FakeGoogle(**options).start()


@pytest.fixture
def fake_google_server():
    """A fresh FakeGoogle per test, stopped afterwards."""
    fake = FakeGoogle().start()
    try:
        yield fake
    finally:
        fake.stop()
