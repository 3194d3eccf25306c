"""Google's error JSON, per API family.

Drive v3 answers errors in the classic shape, with an ``errors`` list carrying a
``reason``; Sheets v4 and Docs v1 answer the newer shape without it (as the
recorded Sheets traffic in tests/fixtures/gspread_cassettes shows)::

    drive:  {"error": {"code": 404, "message": "File not found: X.",
                       "errors": [{"message": ..., "domain": "global",
                                   "reason": "notFound", ...}],
                       "status": "NOT_FOUND"}}
    sheets: {"error": {"code": 404, "message": "Requested entity was not found.",
                       "status": "NOT_FOUND"}}
"""

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}

DEFAULT_REASONS = {
    400: "badRequest",
    401: "required",
    403: "forbidden",
    404: "notFound",
    409: "conflict",
    429: "rateLimitExceeded",
    500: "backendError",
    501: "notImplemented",
    503: "backendError",
}


class ApiError(Exception):
    """An error answered to the client with Google's error JSON.

    ``api`` is "drive", "docs" or "sheets"; it decides the JSON shape.
    """

    def __init__(self, code, message, *, api="sheets", reason=None, domain="global",
                 location=None, location_type=None, details=None, headers=None,
                 item_message=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.api = api
        self.reason = reason or DEFAULT_REASONS.get(code, "unknown")
        self.domain = domain
        self.location = location
        self.location_type = location_type
        self.details = details
        self.headers = headers or {}
        self.item_message = item_message or message

    def body(self):
        """The JSON body Google would send for this error."""
        error = {"code": self.code, "message": self.message}
        if self.api == "drive":
            item = {"message": self.item_message, "domain": self.domain, "reason": self.reason}
            if self.location:
                item["location"] = self.location
                item["locationType"] = self.location_type or "parameter"
            error["errors"] = [item]
        error["status"] = STATUS_NAMES.get(self.code, "UNKNOWN")
        if self.details:
            error["details"] = self.details
        return {"error": error}


def file_not_found(file_id):
    """Drive's 404 for a file id that does not exist or is not visible."""
    return ApiError(404, f"File not found: {file_id}.", api="drive",
                    reason="notFound", location="fileId", location_type="parameter")


def drive_error(code, message, reason, location=None):
    """A Drive error with its reason (and the parameter at fault, if any)."""
    return ApiError(code, message, api="drive", reason=reason, location=location,
                    location_type="parameter" if location else None)


def entity_not_found(api):
    """Sheets' and Docs' 404 for an unknown spreadsheet or document."""
    return ApiError(404, "Requested entity was not found.", api=api)


def invalid_argument(api, message, details=None):
    return ApiError(400, message, api=api, reason="badRequest", details=details)


def request_error(api, index, kind, message):
    """Google's 400 for one request of a batchUpdate: "Invalid requests[2].insertText: ..."."""
    return invalid_argument(api, f"Invalid requests[{index}].{kind}: {message}")


def unauthenticated(api):
    """401 for a request without an OAuth bearer token."""
    message = ("Request is missing required authentication credential. Expected OAuth 2 "
               "access token, login cookie or other valid authentication credential. See "
               "https://developers.google.com/identity/sign-in/web/devconsole-project.")
    return ApiError(401, message, api=api, reason="required", location="Authorization",
                    location_type="header", item_message="Login Required.",
                    headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'})


INJECTED_MESSAGES = {
    429: "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user'.",
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}

INJECTED_DRIVE = {
    429: ("usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded"),
    500: ("global", "backendError", "Internal Error"),
    503: ("global", "backendError", "Backend Error"),
}


def injected_error(api, code):
    """The error answered by fault injection (``FakeGoogle.fail_next``)."""
    if api == "drive" and code in INJECTED_DRIVE:
        domain, reason, message = INJECTED_DRIVE[code]
        return ApiError(code, message, api=api, domain=domain, reason=reason)
    message = INJECTED_MESSAGES.get(code, f"Injected error {code}.")
    return ApiError(code, message, api=api)
