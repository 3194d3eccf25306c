"""Pointing the client libraries at the fake, by their own transport.

gspread 6 has Google's hosts hard-coded (gspread.urls). ``RewritingSession``
is a ``requests.Session`` that sends those URLs to the fake instead and adds
a bearer token, so ``gspread.Client(None, session=RewritingSession(base))``
talks to the fake without any change to gspread.

google-api-python-client's batch requests go to the discovery document's
``rootUrl`` + ``batchPath`` whatever the ``api_endpoint`` (its issue #1107);
``RewritingHttp`` is an ``httplib2.Http`` that sends Google's hosts to the fake,
so a service built with ``http=AuthorizedHttp(credentials, RewritingHttp(base))``
reaches the fake for every call, batches included, at Google's own URLs.
"""

import httplib2
import requests

GOOGLE_HOSTS = (
    "https://sheets.googleapis.com/",
    "https://www.googleapis.com/",
    "https://docs.googleapis.com/",
)


class RewritingSession(requests.Session):
    """Rewrites Google API hosts to ``base_url`` and authenticates every request."""

    def __init__(self, base_url, token="fake-token"):
        super().__init__()
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.headers["Authorization"] = f"Bearer {token}"

    def rewrite(self, url):
        for host in GOOGLE_HOSTS:
            if url.startswith(host):
                return self.base_url + url[len(host):]
        return url

    def request(self, method, url, *args, **kwargs):
        return super().request(method, self.rewrite(url), *args, **kwargs)


class RewritingHttp(httplib2.Http):
    """An httplib2.Http sending requests for Google API hosts to ``base_url``."""

    def __init__(self, base_url, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    def request(self, uri, method="GET", *args, **kwargs):
        for host in GOOGLE_HOSTS:
            if uri.startswith(host):
                uri = self.base_url + uri[len(host):]
                break
        return super().request(uri, method, *args, **kwargs)


def gspread_client(base_url, token="fake-token"):
    """A real ``gspread.Client`` whose requests go to the fake at ``base_url``."""
    import gspread
    from google.auth.credentials import AnonymousCredentials

    return gspread.Client(AnonymousCredentials(), session=RewritingSession(base_url, token))
