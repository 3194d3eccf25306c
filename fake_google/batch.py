"""Drive's batch endpoint, ``POST /batch/drive/v3``: several Drive calls in one HTTP request.

The body is multipart/mixed, one ``application/http`` part per call (its request line, headers
and JSON body, as google-api-python-client's BatchHttpRequest writes them); the answer is
multipart/mixed too, one part per call in the same order, each an HTTP response whose
Content-ID is ``<response-`` + the request's Content-ID. Each part is routed, authenticated,
counted against quotas and checked as if it came alone; the batch is one round trip. As Google
documents: at most 100 calls, only Drive calls, no batch inside a batch, and the parts may run
in any order (the fake runs them in order; nothing may depend on it).
"""
from __future__ import annotations

import email.parser
import urllib.parse
import uuid

from flask import Response
from werkzeug.datastructures import Headers, MultiDict

from .errors import ApiError

MAX_CALLS = 100


def run(fake, incoming, in_batch: bool) -> Response:
    from .routes import Incoming, dispatch, error_response
    if in_batch:
        return error_response(ApiError(400, "A batch request cannot contain another batch request.", api="drive"))
    try:
        parts = _parts(incoming.body, incoming.content_type)
    except ValueError as problem:
        return error_response(ApiError(400, str(problem), api="drive"))
    if len(parts) > MAX_CALLS:
        return error_response(ApiError(400, f"A batch request may contain at most {MAX_CALLS} calls; "
                                            f"this one has {len(parts)}.", api="drive"))
    answers = []
    for content_id, (method, target, headers, body) in parts:
        path, _, query = target.partition("?")
        if not path.startswith("/drive/v3/"):
            answer = error_response(ApiError(400, f"Only Drive v3 calls can be batched here, not {path}.", api="drive"))
        else:
            headers.setdefault("Authorization", incoming.headers.get("Authorization", ""))
            answer = dispatch(fake, Incoming(method, path, MultiDict(urllib.parse.parse_qsl(query, keep_blank_values=True)),
                                             Headers(headers), body, headers.get("Content-Type", ""),
                                             incoming.host_url), in_batch=True)
        answers.append((content_id, answer))
    return _multipart(answers)


def _parts(body: bytes, content_type: str) -> list[tuple[str, tuple[str, str, dict, bytes]]]:
    if not content_type.startswith("multipart/mixed") or "boundary=" not in content_type:
        raise ValueError("A batch request must be multipart/mixed with a boundary.")
    message = email.parser.BytesParser().parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    parts = []
    for part in message.get_payload():
        if part.get_content_type() != "application/http":
            raise ValueError("Each part of a batch request must be application/http.")
        content_id = " ".join((part.get("Content-ID") or "").split())  # unfolded: a long header is wrapped
        parts.append((content_id, _http_request(part.get_payload(decode=False))))
    return parts


def _http_request(text: str) -> tuple[str, str, dict, bytes]:
    """(method, path with query, headers, body) of one serialised HTTP request."""
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    request_line, *header_lines = head.split("\n")
    method, target, _version = request_line.split(" ", 2)
    headers = {}
    for line in header_lines:
        key, _, value = line.partition(":")
        headers[key.strip()] = value.strip()
    return method, target, headers, body.encode("utf-8")


def _multipart(answers: list[tuple[str, Response]]) -> Response:
    boundary = f"batch_{uuid.uuid4().hex}"
    chunks = []
    for content_id, answer in answers:
        inner = answer.get_data(as_text=True)
        reason = answer.status.split(" ", 1)[1] if " " in answer.status else ""
        chunks.append(f"--{boundary}\r\nContent-Type: application/http\r\n"
                      f"Content-ID: <response-{content_id.strip('<>')}>\r\n\r\n"
                      f"HTTP/1.1 {answer.status_code} {reason}\r\n"
                      f"Content-Type: {answer.content_type}\r\n\r\n{inner}\r\n")
    chunks.append(f"--{boundary}--\r\n")
    return Response("".join(chunks), status=200, content_type=f"multipart/mixed; boundary={boundary}")
