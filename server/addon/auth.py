"""Who is calling: every add-on request is checked before any work is done.

Google signs a system ID token for the add-on's service account and sends it as
`Authorization: Bearer ...`; its audience is the endpoint's public URL (the service's base
URL is accepted too: Google's docs call it "the service URL"). The user is taken from the
user ID token in the event, verified the same way, with the add-on's OAuth client id
(`gcloud workspace-add-ons get-authorization`) as its audience when configured. A request that fails either
check gets 401 and a log line saying why (never the token itself).

A local mode without Google tokens exists for the preview and the tests; it is on only when
HANDOVER_LOCAL_AUTH=1 is configured, never by default.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import requests
from google.auth import exceptions as google_exceptions
from google.auth import jwt

from ..config import Config
from ..errors import AuthError
from .events import Event

log = logging.getLogger("handover.auth")
ISSUERS = ("https://accounts.google.com", "accounts.google.com")
CERTS_TTL_S = 3600
CLOCK_SKEW_S = 10
LOCAL_USER_HEADER = "X-Handover-User"


@dataclass
class Caller:
    email: str
    oauth_token: str  # the user's token, to act as them (never logged)


class CertCache:
    """Google's public certificates, fetched from the configured URL and kept for an hour; a fetch
    that takes longer than the Google timeout is given up (the request is refused, not held)."""

    def __init__(self, url: str, timeout: float):
        self.url, self.timeout = url, timeout
        self._certs: dict | None = None
        self._fetched = 0.0
        self._lock = threading.Lock()

    def get(self) -> dict:
        with self._lock:
            if self._certs is None or time.monotonic() - self._fetched > CERTS_TTL_S:
                response = requests.get(self.url, timeout=self.timeout)
                response.raise_for_status()
                self._certs, self._fetched = response.json(), time.monotonic()
            return self._certs


class Verifier:
    def __init__(self, config: Config):
        self.config = config
        self.certs = CertCache(config.certs_url, config.google_timeout)

    def decode(self, token: str, audience: str | None) -> dict:
        try:
            claims = jwt.decode(token, certs=self.certs.get(), audience=audience, clock_skew_in_seconds=CLOCK_SKEW_S)
        except (ValueError, google_exceptions.GoogleAuthError) as exc:
            raise AuthError(f"token rejected ({_why(exc)})") from None  # the message may quote the token: never logged
        except requests.RequestException as exc:
            raise AuthError(f"could not fetch Google's certificates: {type(exc).__name__}") from None
        if claims.get("iss") not in ISSUERS:
            raise AuthError(f"token issuer is not Google: {claims.get('iss')!r}")
        return claims

    def system(self, authorization: str, endpoint_url: str) -> None:
        """The request comes from Google for this add-on (the system ID token in the header), or
        AuthError. Checked before the body is read, so a stranger's request costs no parsing."""
        if self.config.local_auth:
            return
        if not authorization.startswith("Bearer ") or not authorization[7:].strip():
            raise AuthError("missing Authorization: Bearer header")
        base = self.config.public_base_url
        system = self.decode(authorization[7:].strip(), audience=[endpoint_url] + ([base] if base else []))
        expected = self.config.addon_service_account
        if not expected or system.get("email", "").lower() != expected or not _verified(system):
            raise AuthError("system ID token is not from the add-on's service account")

    def caller(self, event: Event, headers) -> Caller:
        """The person the event is for (the user ID token's verified email), or AuthError."""
        if self.config.local_auth:
            email = (headers.get(LOCAL_USER_HEADER) or "").strip().lower()
            if not email:
                raise AuthError(f"local mode: no {LOCAL_USER_HEADER} header")
            return Caller(email=email, oauth_token=event.user_oauth_token)
        if not event.user_id_token:
            raise AuthError("event has no userIdToken")
        user = self.decode(event.user_id_token, audience=self.config.oauth_client_id or None)
        email = str(user.get("email", "")).lower()
        if not email or not _verified(user):
            raise AuthError("user ID token has no verified email")
        return Caller(email=email, oauth_token=event.user_oauth_token)


def _why(exc: Exception) -> str:
    """A fixed reason for a rejected token, without any of the token's text."""
    text = str(exc).lower()
    for words, reason in ((("expired", "too late", "exp"), "expired"), (("audience",), "wrong audience"),
                          (("signature", "verify"), "bad signature"), (("segments", "decode", "padding"), "malformed")):
        if any(w in text for w in words):
            return reason
    return type(exc).__name__


def _verified(claims: dict) -> bool:
    """Google's ID tokens say email_verified: true; anything else ('false', missing) is not."""
    return claims.get("email_verified") in (True, "true")
