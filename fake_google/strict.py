"""Requests checked against Google's discovery documents, as Sheets and Docs check them.

Both APIs sit behind Google's API front end, which binds a request to its proto message before
any work is done: a query parameter or JSON field the method does not have, a value of the wrong
type or outside an enum, is answered 400 and nothing is changed. A misspelt key ("SHEETID",
"valuesX") is therefore an error, never silently ignored. The messages are Google's:

  Invalid JSON payload received. Unknown name "SHEETID" at 'requests[0].update_sheet_properties.properties': Cannot find field.
  Invalid JSON payload received. Unknown name "x": Cannot bind query parameter. Field 'x' could not be found in request message.
  Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "RAWX"
  Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), "X"   (recorded)

Drive is checked for the values of the parameters it has (enums, types) and for its JSON bodies at
any depth, with its own error shape (an ``errors`` list). A query parameter Drive does not have is
ignored, as Google's Drive did in the recorded traffic (files.get with includeItemsFromAllDrives
answered 200). Whether Drive refuses an unknown body key or drops it is not documented: the fake
refuses it, since a misspelt key the product sends is a bug either way, and says so. Drive's
``fields`` masks are checked by the Drive store itself ("Invalid field selection X", spaces
allowed), not here.
"""
from __future__ import annotations

import functools
import re

from . import discovery
from .errors import ApiError
from .fields import parse_fields

CHECKED_APIS = {"sheets": "sheets.v4", "docs": "docs.v1", "drive": "drive.v3"}
_INT_FORMATS = {"int32": "TYPE_INT32", "int64": "TYPE_INT64", "uint32": "TYPE_UINT32", "uint64": "TYPE_UINT64"}


def snake(name: str) -> str:
    """A JSON name as Google's messages spell the proto field: sheetId -> sheet_id."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@functools.lru_cache(maxsize=None)
def _methods(api: str) -> dict:
    """Method id ("sheets.spreadsheets.values.update") -> its discovery entry."""
    out: dict = {}

    def walk(resource):
        for method in resource.get("methods", {}).values():
            out[method["id"]] = method
        for child in resource.get("resources", {}).values():
            walk(child)
    walk(discovery.document(api) or {})
    return out


# Where a method binds its JSON body to one field of the request message, Google's paths start
# with that field's name. Recorded: values.update answers "Invalid value at 'data.values'".
# Methods not listed bind the whole body ("body: *"); their paths start at the body's own fields.
BODY_FIELDS = {"sheets.spreadsheets.values.update": "data"}


def check(route_name: str, args, body) -> None:
    """Raise Google's 400 for what the method named `route_name` would not bind.

    Every violation is reported, as Google does: the message joins them with newlines and the
    details list each one with the field it was found at.
    """
    api = CHECKED_APIS.get(route_name.split(".")[0])
    method = _methods(api).get(route_name) if api else None
    if method is None:
        return
    violations: list = []
    parameters = {**discovery.document(api).get("parameters", {}), **method.get("parameters", {})}
    for name in args:
        spec = parameters.get(name)
        if spec is None and api == "drive.v3":
            continue
        if spec is None:
            violations.append(("", f"Invalid JSON payload received. Unknown name \"{name}\": Cannot bind "
                                   f"query parameter. Field '{name}' could not be found in request message."))
            continue
        for value in args.getlist(name):
            _check_value(api, spec, value, snake(name), violations, from_query=True)
    if "fields" in args and api != "drive.v3":
        _check_fields(api, method, args.get("fields"), violations)
    request = method.get("request", {}).get("$ref")
    if request and body is not None:
        _check_value(api, {"$ref": request}, body, BODY_FIELDS.get(route_name, ""), violations,
                     from_query=False)
    if violations:
        raise ApiError(400, "\n".join(description for _, description in violations),
                       api=route_name.split(".")[0], details=[{
                           "@type": "type.googleapis.com/google.rpc.BadRequest",
                           "fieldViolations": [{"field": field, "description": description} if field
                                               else {"description": description}
                                               for field, description in violations]}])


def _check_fields(api: str, method: dict, mask: str, violations: list) -> None:
    """A `fields` mask must name fields of the method's response. Sheets and Docs do not skip
    spaces in it, as Drive does ("properties, sheets.properties" is refused)."""
    response = method.get("response", {}).get("$ref")
    try:
        tree = None if " " in mask else parse_fields(mask)
    except ValueError:
        tree = None
    if tree is None:
        violations.append(("fields", "Request contains an invalid argument."))
        return
    if response:
        unknown = _unknown_fields(api, {"$ref": response}, tree, "")
        violations.extend(("fields", f"Invalid field mask: '{name}' is not a field of "
                                     f"{response}.") for name in unknown)


def _unknown_fields(api: str, spec: dict, tree: dict, prefix: str) -> list[str]:
    while "$ref" in spec or spec.get("type") == "array":
        spec = discovery.document(api)["schemas"][spec["$ref"]] if "$ref" in spec else spec.get("items", {})
    properties = spec.get("properties")
    if properties is None or "*" in tree:
        return []
    out = []
    for name, sub in tree.items():
        if name not in properties:
            out.append(prefix + name)
        elif sub:
            out += _unknown_fields(api, properties[name], sub, f"{prefix}{name}.")
    return out


def _check_value(api: str, spec: dict, value, path: str, violations: list, from_query: bool,
                 element: bool = False) -> None:
    """Add to `violations` what Google would not bind; `element` is true inside a list."""
    if "$ref" in spec:
        schema = discovery.document(api)["schemas"][spec["$ref"]]
        return _check_value(api, schema, value, path, violations, from_query)
    kind = spec.get("type", "any")
    if kind == "object":
        if not isinstance(value, dict):
            violations.append((path, f"Invalid value at '{path}' ({_type_name(api, spec, kind, path)}), "
                               f"{_shown(value)}" if path else "Invalid JSON payload received. Expected an object."))
            return
        properties, extra = spec.get("properties", {}), spec.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                _check_value(api, properties[key], item, _join(path, snake(key)), violations, from_query)
            elif extra is not None:
                _check_value(api, extra, item, f"{path}[{key}]", violations, from_query)
            else:
                where = f" at '{path}'" if path else ""
                violations.append((path, f"Invalid JSON payload received. Unknown name \"{key}\"{where}: "
                                         "Cannot find field."))
    elif kind == "array":
        items = spec.get("items", {})
        if isinstance(value, list):
            for i, item in enumerate(value):
                _check_value(api, items, item, f"{path}[{i}]", violations, from_query, element=True)
        elif from_query:  # a repeated query parameter arrives one value at a time
            _check_value(api, items, value, path, violations, from_query)
        elif value is not None:
            # A list inside a list is a ListValue; a repeated field given one value is named by
            # its element type (recorded: values.update with "values": "X" -> ListValue).
            shown_type = spec if element else items
            violations.append((path, f"Invalid value at '{path}' "
                                     f"({_type_name(api, shown_type, shown_type.get('type', 'any'), path)}), "
                                     f"{_shown(value)}"))
    elif value is not None and not _fits(spec, kind, value, from_query):
        violations.append((path, f"Invalid value at '{path}' ({_type_name(api, spec, kind, path)}), "
                                 f"{_shown(value)}"))


def _fits(spec: dict, kind: str, value, from_query: bool) -> bool:
    if "enum" in spec:
        return value in spec["enum"]
    if kind == "string":
        return isinstance(value, str) if spec.get("format") not in _INT_FORMATS else _is_int(value)
    if kind == "integer":
        return _is_int(value)
    if kind == "number":
        return (isinstance(value, (int, float)) and not isinstance(value, bool)) or _is_number_text(value)
    if kind == "boolean":
        # query text: recorded gspread traffic sends "False" and Google accepts it
        return isinstance(value, bool) or (from_query and str(value).lower() in ("true", "false", "1", "0"))
    return True  # "any"


def _is_int(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return True
    return isinstance(value, str) and re.fullmatch(r"-?\d+", value) is not None


def _is_number_text(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True


_PACKAGES = {"sheets.v4": "google.apps.sheets.v4", "docs.v1": "google.apps.docs.v1"}


def _type_name(api: str, spec: dict, kind: str, path: str) -> str:
    if "enum" in spec:  # discovery does not name enum types; the field's name stands in
        field = path.rsplit(".", 1)[-1].split("[")[0]
        return f"type.googleapis.com/{_PACKAGES[api]}.{''.join(p.title() for p in field.split('_'))}"
    if spec.get("format") in _INT_FORMATS:
        return _INT_FORMATS[spec["format"]]
    if "$ref" in spec:
        return f"type.googleapis.com/{_PACKAGES[api]}.{spec['$ref']}"
    return {"string": "TYPE_STRING", "number": "TYPE_DOUBLE", "boolean": "TYPE_BOOL",
            "array": "type.googleapis.com/google.protobuf.ListValue",
            "any": "type.googleapis.com/google.protobuf.Value"}.get(kind, "TYPE_MESSAGE")


def _shown(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
