"""Update masks: the ``fields`` of Docs and Sheets update requests.

``apply_mask(target, source, "a,b.c")`` copies the named fields from source to
target; a named field missing from source is cleared. ``*`` names every field
of source (and clears the target's other fields). Sheets also accepts "/" as
the path separator (gspread sends ``gridProperties/frozenRowCount``).
"""


def mask_paths(fields):
    """Split a mask into paths: "a,b.c" -> [["a"], ["b", "c"]]."""
    paths = []
    for item in (fields or "").split(","):
        item = item.strip()
        if item:
            paths.append(item.replace("/", ".").split("."))
    return paths


def apply_mask(target, source, fields):
    """Copy the masked fields from ``source`` into ``target`` (both dicts)."""
    paths = mask_paths(fields)
    if ["*"] in paths:
        target.clear()
        target.update(_deep_copy(source))
        return
    for path in paths:
        _copy_path(target, source, path)


def _copy_path(target, source, path):
    head, rest = path[0], path[1:]
    if not rest:
        if isinstance(source, dict) and source.get(head) is not None:
            target[head] = _deep_copy(source[head])
        else:
            target.pop(head, None)
        return
    sub_source = source.get(head, {}) if isinstance(source, dict) else {}
    sub_target = target.setdefault(head, {})
    _copy_path(sub_target, sub_source, rest)


def _deep_copy(value):
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value
