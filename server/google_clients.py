"""Google API clients: google-api-python-client for Drive and Docs, gspread for Sheets.

`GoogleConnection` is how the deployed app reaches Google: the service account through
Application Default Credentials, and a rep's OAuth token (from the add-on event) for reading the
open document. Tests hand the app a connection whose clients reach the project's fake; this
module has no branch for them.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Callable

import google.auth
import google.oauth2.credentials
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


_RESOURCES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def resource(service, name: str):
    """`service.files()`, `service.documents()`, made once per service: google-api-python-client
    writes every method's docstring from the discovery schema each time a resource is made,
    100 to 250 ms for Docs' documents(), more than the call itself."""
    made = _RESOURCES.setdefault(service, {})
    if name not in made:
        made[name] = getattr(service, name)()
    return made[name]


@dataclass
class GoogleClients:
    drive: object
    docs: object
    gc: gspread.Client


def _service(name: str, version: str, credentials, http: httplib2.Http):
    return build(name, version, http=google_auth_httplib2.AuthorizedHttp(credentials, http=http),
                 static_discovery=True, cache_discovery=False)


def clients(credentials, timeout: float = HTTP_TIMEOUT_S, session: requests.Session | None = None,
            http: Callable[..., httplib2.Http] = httplib2.Http) -> GoogleClients:
    """Drive, Docs and a gspread client acting with these credentials, each call given up after
    `timeout` seconds. `session` and `http` are the libraries' own transports: the requests
    session gspread sends through, and what makes the httplib2.Http each Google API service
    sends through (called with `timeout=`)."""
    gc = gspread.Client(auth=credentials, session=session)
    gc.http_client.set_timeout(timeout)
    return GoogleClients(_service("drive", "v3", credentials, http(timeout=timeout)),
                         _service("docs", "v1", credentials, http(timeout=timeout)), gc)


@dataclass
class GoogleConnection:
    """The deployed app's way to Google."""

    timeout: float = HTTP_TIMEOUT_S
    _credentials: object = field(default=None, init=False, repr=False)

    def service_account(self) -> GoogleClients:
        """New clients acting as the app's service account (set-up, tracker, folders, refresh);
        its credentials are found once and shared (they refresh themselves)."""
        if self._credentials is None:
            self._credentials, _ = google.auth.default(scopes=list(SERVICE_ACCOUNT_SCOPES))
        return clients(self._credentials, self.timeout)

    def user_http(self, user_token: str) -> httplib2.Http:
        """An HTTP client acting as the rep, with the OAuth token the add-on event carries (a
        request built from any service is sent through it: `request.execute(http=...)`)."""
        return google_auth_httplib2.AuthorizedHttp(google.oauth2.credentials.Credentials(token=user_token),
                                                   http=httplib2.Http(timeout=self.timeout))
