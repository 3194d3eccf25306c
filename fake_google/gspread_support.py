"""Pointing gspread at the fake.

gspread 6 has Google's hosts hard-coded (gspread.urls). ``RewritingSession``
is a ``requests.Session`` that sends those URLs to the fake instead and adds
a bearer token, so ``gspread.Client(None, session=RewritingSession(base))``
talks to the fake without any change to gspread.
"""

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


def gspread_client(base_url, token="fake-token"):
    """A real ``gspread.Client`` whose requests go to the fake at ``base_url``."""
    import gspread
    from google.auth.credentials import AnonymousCredentials

    return gspread.Client(AnonymousCredentials(), session=RewritingSession(base_url, token))
