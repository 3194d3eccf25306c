"""Parsing of ``multipart/related`` upload bodies (Drive's uploadType=multipart).

The first part is the JSON metadata, the second the media. Parts are split by
hand rather than with the email package so binary media (a .docx is a zip)
comes through byte for byte.
"""

import email.parser
import json
import re

from .errors import ApiError


def _bad_request(message):
    return ApiError(400, message, api="drive", reason="badContent")


def boundary_of(content_type):
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise _bad_request("Missing boundary in multipart/related content type.")
    return match.group(1).encode("latin-1")


def split_parts(content_type, body):
    """Return [(headers, payload bytes)] for each part of the body."""
    delimiter = b"--" + boundary_of(content_type)
    chunks = body.split(delimiter)
    parts = []
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            break
        parts.append(_parse_part(chunk))
    return parts


def _parse_part(chunk):
    # The line break after the delimiter starts the part; the one before the
    # next delimiter belongs to that delimiter.
    if chunk.startswith(b"\r\n"):
        chunk = chunk[2:]
    elif chunk.startswith(b"\n"):
        chunk = chunk[1:]
    if chunk.endswith(b"\r\n"):
        chunk = chunk[:-2]
    elif chunk.endswith(b"\n"):
        chunk = chunk[:-1]
    match = re.search(rb"\r?\n\r?\n", chunk)
    blank_start = re.match(rb"\r?\n", chunk)
    if blank_start:
        header_block, payload = b"", chunk[blank_start.end():]
    elif match:
        header_block, payload = chunk[:match.start()], chunk[match.end():]
    else:
        header_block, payload = chunk, b""
    headers = email.parser.HeaderParser().parsestr(header_block.decode("latin-1"))
    return headers, payload


def parse_related(content_type, body):
    """Return (metadata dict, media bytes, media content type)."""
    parts = split_parts(content_type, body)
    if len(parts) != 2:
        raise _bad_request("Multipart upload must have exactly two parts: metadata and media.")
    (meta_headers, meta_payload), (media_headers, media_payload) = parts
    try:
        metadata = json.loads(meta_payload or b"{}")
    except ValueError:
        raise _bad_request("Invalid JSON in the metadata part.")
    media_type = " ".join((media_headers.get("Content-Type") or "").split())
    return metadata, media_payload, media_type or "application/octet-stream"
