"""Google API clients: google-api-python-client for Drive and Docs, gspread for Sheets.

In production `endpoint` is None and the libraries talk to Google. Tests point them at the
project's fake (fake_google/) on localhost; nothing else changes.
"""
from __future__ import annotations

from dataclasses import dataclass

import google_auth_httplib2
import gspread
import httplib2
import requests
from googleapiclient.discovery import build

HTTP_TIMEOUT_S = 30

# Scopes of the service account (set-up, tracker, folder tree, scheduled refresh).
SERVICE_ACCOUNT_SCOPES = (
    "https://www.googleapis.com/auth/drive",
    "https://www.googleapis.com/auth/documents",
    "https://www.googleapis.com/auth/spreadsheets",
)


@dataclass
class GoogleClients:
    drive: object
    docs: object
    gc: gspread.Client


def _service(name: str, version: str, credentials, endpoint: str | None, timeout: float):
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=timeout))
    options = {"api_endpoint": endpoint} if endpoint else None
    return build(name, version, http=http, client_options=options, static_discovery=True, cache_discovery=False)


class _EndpointSession(requests.Session):
    """Sends gspread's fixed Google URLs to another endpoint (the local fake)."""

    def __init__(self, endpoint: str):
        super().__init__()
        self.endpoint = endpoint.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        for prefix in ("https://sheets.googleapis.com", "https://www.googleapis.com"):
            if url.startswith(prefix):
                url = self.endpoint + url[len(prefix):]
        kwargs.setdefault("timeout", HTTP_TIMEOUT_S)
        return super().request(method, url, *args, **kwargs)


def clients(credentials, endpoint: str | None = None, timeout: float = HTTP_TIMEOUT_S) -> GoogleClients:
    """Drive, Docs and a gspread client acting with these credentials."""
    if endpoint:
        session = _EndpointSession(endpoint)
        session.headers["Authorization"] = f"Bearer {credentials.token}"
        gc = gspread.Client(auth=credentials, session=session)
    else:
        gc = gspread.authorize(credentials)
    return GoogleClients(_service("drive", "v3", credentials, endpoint, timeout),
                         _service("docs", "v1", credentials, endpoint, timeout), gc)


def docs_for_user(user_token: str, endpoint: str | None = None, timeout: float = HTTP_TIMEOUT_S):
    """A Docs service acting as the rep, with the OAuth token the add-on event carries."""
    import google.oauth2.credentials

    return _service("docs", "v1", google.oauth2.credentials.Credentials(token=user_token), endpoint, timeout)
