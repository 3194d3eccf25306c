"""A stateful fake of Google Drive v3, Docs v1 and Sheets v4, served on localhost.

    from fake_google import FakeGoogle, gspread_client

    with FakeGoogle() as fake:
        # google-api-python-client: client_options={"api_endpoint": fake.base_url}
        # gspread: gspread_client(fake.base_url)
        ...

See fake_google/testing.py for pytest fixtures and ready-made service builders.
"""

from .errors import ApiError
from .gspread_support import RewritingHttp, RewritingSession, gspread_client
from .server import FakeGoogle

__all__ = ["ApiError", "FakeGoogle", "RewritingHttp", "RewritingSession", "gspread_client"]
