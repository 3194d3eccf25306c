"""URL routing and the Flask app.

Each route names its endpoint the way Google's discovery documents do
("drive.files.create", "sheets.spreadsheets.values.append", ...); the name is
what ``FakeGoogle.calls`` counts and what fault injection matches.

Paths are matched against the raw (still percent-encoded) request path, so a
sheet title containing "/" or ":" cannot confuse the routing. Drive answers
both at ``/drive/v3/...`` (Google's real path, used by gspread) and at
``/...`` (what google-api-python-client requests when ``api_endpoint`` is the
bare base URL).
"""

import json
import re
import time
import urllib.parse
from dataclasses import dataclass

from flask import Flask, Response, request

from . import batch, strict
from .api_request import ApiRequest
from .errors import ApiError, injected_error, unauthenticated

DRIVE = r"(?:/drive/v3)?"
UPLOAD = r"/upload(?:/drive/v3)?"
FILE = r"(?P<fileId>[^/]+)"
SHEET = r"/v4/spreadsheets/(?P<spreadsheetId>[^/:]+)"
RANGE = r"(?P<range>[^/]+?)"


@dataclass
class Route:
    method: str
    pattern: re.Pattern
    name: str
    api: str
    handler: str  # "store.method" on the State


def _route(method, pattern, name, handler):
    return Route(method, re.compile("^" + pattern + "/?$"), name, name.split(".")[0], handler)


ROUTES = [
    # Drive v3
    _route("POST", r"/batch/drive/v3", "drive.batch", "batch"),
    _route("POST", UPLOAD + r"/files", "drive.files.create", "uploads.files_upload"),
    _route("PUT", UPLOAD + r"/files", "drive.files.upload", "uploads.resumable_chunk"),
    _route("PATCH", UPLOAD + r"/files/" + FILE, "drive.files.update",
           "uploads.files_upload_update"),
    _route("PUT", UPLOAD + r"/files/" + FILE, "drive.files.upload", "uploads.resumable_chunk"),
    _route("POST", DRIVE + r"/files", "drive.files.create", "drive.files_create"),
    _route("GET", DRIVE + r"/files", "drive.files.list", "drive.files_list"),
    _route("GET", DRIVE + r"/files/" + FILE, "drive.files.get", "drive.files_get"),
    _route("PATCH", DRIVE + r"/files/" + FILE, "drive.files.update", "drive.files_update"),
    _route("DELETE", DRIVE + r"/files/" + FILE, "drive.files.delete", "drive.files_delete"),
    _route("POST", DRIVE + r"/files/" + FILE + "/copy", "drive.files.copy", "drive.files_copy"),
    _route("GET", DRIVE + r"/files/" + FILE + "/export", "drive.files.export",
           "drive.files_export"),
    _route("GET", DRIVE + r"/files/" + FILE + "/comments", "drive.comments.list",
           "drive.comments_list"),
    # Docs v1
    _route("POST", r"/v1/documents", "docs.documents.create", "docs.create"),
    _route("POST", r"/v1/documents/(?P<documentId>[^/:]+):batchUpdate",
           "docs.documents.batchUpdate", "docs.batch_update"),
    _route("GET", r"/v1/documents/(?P<documentId>[^/:]+)", "docs.documents.get", "docs.get"),
    # Sheets v4
    _route("POST", r"/v4/spreadsheets", "sheets.spreadsheets.create", "sheets.create"),
    _route("POST", SHEET + r":batchUpdate", "sheets.spreadsheets.batchUpdate",
           "sheets.batch_update"),
    _route("GET", SHEET, "sheets.spreadsheets.get", "sheets.get"),
    _route("GET", SHEET + r"/values:batchGet", "sheets.spreadsheets.values.batchGet",
           "sheets.values_batch_get"),
    _route("POST", SHEET + r"/values:batchUpdate", "sheets.spreadsheets.values.batchUpdate",
           "sheets.values_batch_update"),
    _route("POST", SHEET + r"/values:batchUpdateByDataFilter",
           "sheets.spreadsheets.values.batchUpdateByDataFilter", "sheets.values_batch_update_by_data_filter"),
    _route("POST", SHEET + r"/values:batchClear", "sheets.spreadsheets.values.batchClear",
           "sheets.values_batch_clear"),
    _route("POST", SHEET + r"/values/" + RANGE + ":append", "sheets.spreadsheets.values.append",
           "sheets.values_append"),
    _route("POST", SHEET + r"/values/" + RANGE + ":clear", "sheets.spreadsheets.values.clear",
           "sheets.values_clear"),
    _route("GET", SHEET + r"/values/" + RANGE, "sheets.spreadsheets.values.get",
           "sheets.values_get"),
    _route("PUT", SHEET + r"/values/" + RANGE, "sheets.spreadsheets.values.update",
           "sheets.values_update"),
]


def match_route(method, raw_path):
    """(route, decoded path values) or (None, {})."""
    for route in ROUTES:
        if route.method != method:
            continue
        found = route.pattern.match(raw_path)
        if found:
            values = {k: urllib.parse.unquote(v) for k, v in found.groupdict().items()}
            return route, values
    return None, {}


def guess_api(raw_path):
    if raw_path.startswith("/v4/"):
        return "sheets"
    if raw_path.startswith("/v1/"):
        return "docs"
    return "drive"


def json_response(status, body, headers=None):
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/json; charset=UTF-8")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def error_response(error):
    return json_response(error.code, error.body(), error.headers)


def to_response(result):
    """Handlers return a JSON dict, or (status, body bytes or dict, headers)."""
    if isinstance(result, dict):
        return json_response(200, result)
    status, body, headers = result
    if isinstance(body, dict):
        return json_response(status, body, headers)
    response = Response(body, status=status)
    for key, value in headers.items():
        response.headers[key] = value
    return response


def _has_bearer_token(headers):
    value = headers.get("Authorization", "")
    scheme, _, token = value.partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


def _raw_path():
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if raw:
        path = raw.split("?", 1)[0]
        if "://" in path:  # an absolute URI in the request line
            path = "/" + path.split("://", 1)[1].split("/", 1)[-1]
        return path
    return urllib.parse.quote(request.path)


@dataclass
class Incoming:
    """One HTTP request to the fake: from the wire, or one part of a batch."""
    method: str
    raw_path: str
    args: object  # a werkzeug MultiDict
    headers: object
    body: bytes
    content_type: str
    host_url: str


def dispatch(fake, incoming, in_batch=False):
    """Route, authenticate, fault, count against quotas, check and run one request; a Response.
    A batch's parts share its round trip: no latency of their own."""
    route, path_values = match_route(incoming.method, incoming.raw_path)
    name = route.name if route else "unknown"
    api = route.api if route else guess_api(incoming.raw_path)
    fake._record_call(name)
    if not _has_bearer_token(incoming.headers):
        return error_response(unauthenticated(api))
    delay = 0 if in_batch else fake._delay_for(name)
    if delay:
        time.sleep(delay)
    failure = fake._failure_for(name)
    if failure:
        return error_response(injected_error(api, failure))
    if route is not None and route.handler == "batch":  # its calls count against quotas, not the envelope
        return batch.run(fake, incoming, in_batch)
    exhausted = fake.quotas.check(name, incoming.headers.get("Authorization", ""))
    if exhausted:
        return error_response(exhausted)
    if route is None:
        return error_response(ApiError(404, f"Method not found: {incoming.method} {incoming.raw_path}", api=api))
    req = ApiRequest(incoming.method, incoming.args, path_values, incoming.body, incoming.content_type, api,
                     incoming.headers, incoming.host_url)
    if api in strict.CHECKED_APIS:
        try:
            json_body = req.body.strip() and "json" in req.content_type  # not an upload's media
            strict.check(name, incoming.args, req.json() if json_body else None)
        except ApiError as error:
            return error_response(error)
    store_name, method_name = route.handler.split(".")
    with fake.state.lock:
        handler = getattr(getattr(fake.state, store_name), method_name)
        try:
            result = handler(req)
        except ApiError as error:
            return error_response(error)
    return to_response(result)


def create_app(fake):
    """The Flask app serving ``fake`` (a FakeGoogle)."""
    app = Flask("fake_google")
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    @app.route("/", defaults={"path": ""}, methods=methods)
    @app.route("/<path:path>", methods=methods)
    def handle(path):
        return dispatch(fake, Incoming(request.method, _raw_path(), request.args, request.headers, request.get_data(),
                                       request.content_type, request.host_url))

    return app
