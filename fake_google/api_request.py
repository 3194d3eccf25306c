"""The parts of an HTTP request that endpoint handlers need."""

import json

from .errors import ApiError


class ApiRequest:
    """One call to the fake, already routed.

    ``args`` is a werkzeug MultiDict of query parameters, ``path`` holds the
    values taken from the URL path (already percent-decoded).
    """

    def __init__(self, method, args, path, body=b"", content_type="", api="drive",
                 headers=None, base_url=""):
        self.method = method
        self.args = args
        self.path = path
        self.body = body or b""
        self.content_type = content_type or ""
        self.api = api
        self.headers = headers or {}
        self.base_url = base_url

    def header(self, name):
        return self.headers.get(name)

    def param(self, name, default=None):
        return self.args.get(name, default)

    def params(self, name):
        return self.args.getlist(name)

    def flag(self, name, default=False):
        """A boolean query parameter: "true"/"True"/"1" are true."""
        value = self.args.get(name)
        if value is None:
            return default
        return value.strip().lower() in ("true", "1")

    def int_param(self, name, default):
        value = self.args.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise ApiError(400, f"Invalid value '{value}'. Values must match the following "
                           "regular expression: '-?\\d+'", api=self.api, reason="invalidParameter",
                           location=name)

    def json(self):
        """The JSON body as a dict ({} when the body is empty)."""
        if not self.body.strip():
            return {}
        try:
            value = json.loads(self.body)
        except ValueError:
            raise ApiError(400, "Invalid JSON payload received. Unexpected token.", api=self.api,
                           reason="parseError")
        if not isinstance(value, dict):
            raise ApiError(400, "Invalid JSON payload received. Expected an object.",
                           api=self.api, reason="parseError")
        return value
