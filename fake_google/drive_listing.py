"""Helpers of files.list and drives.list: fields checks, ordering and page tokens."""

import base64
import json

from . import discovery
from .errors import ApiError, drive_error

FOLDER = "application/vnd.google-apps.folder"


def check_field_names(tree, schema):
    """400 for a fields selection naming a field the Drive schema does not have."""
    known = discovery.schema_properties("drive.v3", schema)
    if known is None or "*" in tree:
        return
    for name, sub in tree.items():
        if name not in known:
            raise ApiError(400, f"Invalid field selection {name}", api="drive",
                           reason="invalidParameter", location="fields",
                           location_type="parameter")
        if schema == "FileList" and name == "files" and sub:
            check_field_names(sub, "File")


def order_files(files, order_by):
    """Sort by an orderBy parameter such as "folder,name" or "modifiedTime desc"."""
    if not order_by:
        return list(files)
    result = list(files)
    for key in reversed([part.strip() for part in order_by.split(",") if part.strip()]):
        name, _, direction = key.partition(" ")
        reverse = direction.strip().lower() == "desc"
        if name == "folder":
            result.sort(key=lambda f: f["mimeType"] != FOLDER, reverse=reverse)
        elif name in ("name", "name_natural"):
            result.sort(key=lambda f: f["name"].lower(), reverse=reverse)
        elif name in ("createdTime", "modifiedTime", "modifiedByMeTime", "viewedByMeTime"):
            result.sort(key=lambda f: f.get(name, f.get("modifiedTime", "")), reverse=reverse)
        elif name in ("starred", "quotaBytesUsed", "recency", "sharedWithMeTime"):
            result.sort(key=lambda f: str(f.get(name, "")), reverse=reverse)
        else:
            raise drive_error(400, f"Invalid orderBy: {order_by}", "invalid", "orderBy")
    return result


def encode_page_token(offset, signature):
    raw = json.dumps([offset, signature]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_page_token(token, signature):
    if not token:
        return 0
    try:
        offset, token_signature = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
    except (ValueError, TypeError):
        offset, token_signature = None, None
    if not isinstance(offset, int) or token_signature != signature:
        raise drive_error(400, "Invalid Value", "invalid", "pageToken")
    return offset
