"""The HTTP add-on deployment manifest (addon_manifest/deployment.json.j2) for a base URL.

Scopes, the fewest that work: `userinfo.email` (Google then sends the user's ID token, which
names the caller) and `drive.file` (granted per document when the rep clicks "Allow access";
the rep's token then reads that one document with the Docs API). Everything else is done by
the service account, so reps need no wider access.
"""
from __future__ import annotations

import json
import re

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..paths import ROOT

MANIFEST_DIR = ROOT / "addon_manifest"
USER_EMAIL = "https://www.googleapis.com/auth/userinfo.email"
DRIVE_FILE = "https://www.googleapis.com/auth/drive.file"
REQUIRED_SCOPES = {"DOCS": (USER_EMAIL, DRIVE_FILE), "SHEETS": (USER_EMAIL,)}


def render_manifest(base_url: str, logo_url: str = "") -> dict:
    base_url = base_url.rstrip("/")
    if not re.match(r"^https://[^/\s]+(/[^\s]*)?$", base_url):
        raise ValueError("the base URL must be https://... (Google only calls HTTPS endpoints)")
    env = Environment(loader=FileSystemLoader(MANIFEST_DIR), undefined=StrictUndefined, autoescape=False)
    text = env.get_template("deployment.json.j2").render(
        base_url=base_url, logo_url=logo_url or "https://www.gstatic.com/images/icons/material/system/1x/assignment_black_48dp.png")
    return json.loads(text)


def missing_scopes(host: str, authorized: tuple[str, ...]) -> list[str]:
    """Scopes this host needs that the user has not granted (granular consent). Events that
    carry no authorizedScopes list predate granular consent: nothing is missing then."""
    if not authorized:
        return []
    return [s for s in REQUIRED_SCOPES.get(host, (USER_EMAIL,)) if s not in authorized]
