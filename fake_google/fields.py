"""Google's partial-response ``fields`` parameter.

Syntax: ``a,b/c,d(e,f)``; both "/" and "." separate path parts (Sheets accepts
``sheets.properties.title``). ``*`` selects everything.

A parsed selection is a tree: {name: None (whole value) or {sub-tree}}.
"""

from .errors import ApiError


def parse_fields(text):
    """Parse a fields string into a selection tree. Raises ValueError on bad syntax."""
    parser = _Parser(text.replace(" ", ""))
    tree = parser.parse_list()
    if parser.pos != len(parser.text):
        raise ValueError(f"Invalid field selection {text}")
    return tree


class _Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def parse_list(self):
        tree = {}
        while True:
            _merge(tree, self.parse_item())
            if self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
                continue
            return tree

    def parse_item(self):
        path = [self.parse_name()]
        while self.pos < len(self.text) and self.text[self.pos] in "/.":
            self.pos += 1
            path.append(self.parse_name())
        sub = None
        if self.pos < len(self.text) and self.text[self.pos] == "(":
            self.pos += 1
            sub = self.parse_list()
            if self.pos >= len(self.text) or self.text[self.pos] != ")":
                raise ValueError("Unbalanced parentheses in fields")
            self.pos += 1
        for name in reversed(path):
            sub = {name: sub}
        return sub

    def parse_name(self):
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in ",/.()":
            self.pos += 1
        if self.pos == start:
            raise ValueError("Empty field name")
        return self.text[start:self.pos]


def _merge(tree, addition):
    for name, sub in addition.items():
        if name in tree and tree[name] is None:
            continue
        if sub is None or name not in tree:
            tree[name] = sub
        else:
            _merge(tree[name], sub)


def apply_fields(value, tree):
    """Keep only the selected parts of a JSON value (lists are filtered item by item)."""
    if tree is None or "*" in tree:
        return value
    if isinstance(value, list):
        return [apply_fields(item, tree) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for name, sub in tree.items():
        if name in value:
            result[name] = apply_fields(value[name], sub)
    return result


def select(value, fields_param, api):
    """Apply a raw ``fields`` query parameter (None or "" keeps everything)."""
    if not fields_param:
        return value
    return apply_fields(value, parse_or_error(fields_param, api))


def parse_or_error(fields_param, api):
    try:
        return parse_fields(fields_param)
    except ValueError:
        raise ApiError(400, f"Invalid field selection {fields_param}", api=api,
                       reason="invalidParameter", location="fields")
