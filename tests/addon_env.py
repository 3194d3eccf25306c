"""Google's side of an add-on call, for tests: ID tokens signed by a test key whose
certificates the verifier fetches from a local URL, and event JSON built like Google's."""
from __future__ import annotations

import datetime
import http.server
import json
import threading
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt

BASE_URL = "https://handover.example.com"
ADDON_SA = "service-123456@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
MANAGER = "maria.manager@example.com"
CS = "chris.cs@example.com"
REP = "sam.rep@example.com"
CLIENT_ID = "addon-client"  # the audience of users' ID tokens (Config.oauth_client_id)


def _key_and_cert(common_name: str):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2)).sign(key, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return pem_key, cert.public_bytes(serialization.Encoding.PEM).decode()


class TokenMint:
    """Signs ID tokens like Google and serves the matching certificates on localhost."""

    def __init__(self):
        self.key, self.cert = _key_and_cert("google-test")
        self.kid = "test-key-1"
        self.other_key, _ = _key_and_cert("forger")  # a key Google never published
        self.cert_failures = 0  # how many next certificate fetches get Google's JSON error page
        self.cert_delay = 0.0  # seconds the next certificate fetch waits before answering
        certs = json.dumps({self.kid: self.cert}).encode()
        error_page = json.dumps({"error": {"code": 503, "message": "Backend Error"}}).encode()
        mint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                delay, mint.cert_delay = mint.cert_delay, 0.0
                time.sleep(delay)
                failing = mint.cert_failures > 0
                if failing:
                    mint.cert_failures -= 1
                self.send_response(503 if failing else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(error_page if failing else certs)

            def log_message(self, *args):
                pass
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.certs_url = f"http://127.0.0.1:{self.server.server_port}/oauth2/v1/certs"

    def stop(self):
        self.server.shutdown()

    def token(self, email: str, audience: str, forged: bool = False, expired: bool = False,
              issuer: str = "https://accounts.google.com", claims: dict | None = None) -> str:
        """A signed ID token; `claims` overrides the usual ones (a None value leaves that claim out)."""
        now = int(time.time()) - (7200 if expired else 0)
        payload = {"iss": issuer, "aud": audience, "email": email, "email_verified": True,
                   "sub": str(abs(hash(email))), "iat": now, "exp": now + 3600}
        payload = {k: v for k, v in {**payload, **(claims or {})}.items() if v is not None}
        signer = crypt.RSASigner.from_string(self.other_key if forged else self.key, self.kid)
        return jwt.encode(signer, payload).decode()


def event(host: str = "DOCS", file_id: str = "", title: str = "", has_scope: bool = True, form: dict | None = None,
          params: dict | None = None, user_id_token: str = "", oauth_token: str = "user-oauth-token") -> dict:
    """An add-on event object as Google sends it."""
    common = {"hostApp": host, "platform": "WEB", "userLocale": "en", "timeZone": {"id": "Australia/Perth", "offset": 28800000}}
    if form:
        common["formInputs"] = {k: {"stringInputs": {"value": [v]}} for k, v in form.items()}
    if params:
        common["parameters"] = dict(params)
    body = {"commonEventObject": common,
            "authorizationEventObject": {"userOAuthToken": oauth_token, "userIdToken": user_id_token,
                                         "systemIdToken": "unused-by-http-addons"}}
    body[host.lower()] = {"id": file_id, "title": title, "addonHasFileScopePermission": has_scope}
    return body


class Client:
    """Posts events to the Flask app the way Google does for one user."""

    def __init__(self, app, mint: TokenMint, user: str):
        self.http, self.mint, self.user = app.test_client(), mint, user

    def prepare(self, path: str, host: str = "DOCS", headers: dict | None = None, system_email: str = ADDON_SA,
                audience: str | None = None, **event_args) -> tuple[dict, dict]:
        """(event body, headers) as Google would send them to this path."""
        user_token = self.mint.token(self.user, audience=CLIENT_ID)
        body = event(host=host, user_id_token=user_token, **event_args)
        system = self.mint.token(system_email, audience=audience or BASE_URL + path)
        return body, {"Authorization": f"Bearer {system}", **(headers or {})}

    def post(self, path: str, **args):
        body, headers = self.prepare(path, **args)
        return self.http.post(path, json=body, headers=headers)
