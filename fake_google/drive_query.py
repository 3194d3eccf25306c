"""Drive v3 search queries (the ``q`` parameter of files.list).

Supported terms, combined with ``and``, ``or``, ``not`` and parentheses:

    name = 'x'   name != 'x'   name contains 'x'
    mimeType = 'x'   mimeType != 'x'   mimeType contains 'x'
    fullText contains 'x'            (searches names and document text)
    trashed = true|false   starred = true|false   sharedWithMe = true|false
    'ID' in parents      parents in 'ID'      ('root' names My Drive's root)
    'me' in owners       'a@b' in owners
    modifiedTime > '2024-01-01T00:00:00'   (also createdTime; = != < <= > >=)
    appProperties has { key='k' and value='v' }   (also properties)

Strings may use single or double quotes; ``\\'`` and ``\\\\`` are escapes.
"""

import re

from .errors import ApiError

_KEYWORDS = {"and", "or", "not", "in", "has", "contains", "true", "false"}
_OPERATORS = ["!=", "<=", ">=", "=", "<", ">"]
_FIELDS = {"name", "mimeType", "fullText", "trashed", "starred", "sharedWithMe", "parents",
           "owners", "modifiedTime", "createdTime", "appProperties", "properties",
           "viewedByMeTime", "writers", "readers", "visibility"}


def invalid_query(q):
    return ApiError(400, "Invalid Value", api="drive", reason="invalid",
                    location="q", location_type="parameter")


def tokenize(q):
    """Split a query into (kind, value) tokens: str, name, op, punct, bool, keyword."""
    tokens = []
    i = 0
    while i < len(q):
        ch = q[i]
        if ch.isspace():
            i += 1
        elif ch in "'\"":
            value, i = _read_string(q, i)
            tokens.append(("str", value))
        elif ch in "(){}":
            tokens.append(("punct", ch))
            i += 1
        elif any(q.startswith(op, i) for op in _OPERATORS):
            op = next(op for op in _OPERATORS if q.startswith(op, i))
            tokens.append(("op", op))
            i += len(op)
        else:
            match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", q[i:])
            if not match:
                raise invalid_query(q)
            word = match.group(0)
            i += len(word)
            if word in ("true", "false"):
                tokens.append(("bool", word == "true"))
            elif word in _KEYWORDS:
                tokens.append(("keyword", word))
            else:
                tokens.append(("name", word))
    return tokens


def _read_string(q, i):
    quote = q[i]
    i += 1
    chars = []
    while i < len(q):
        ch = q[i]
        if ch == "\\" and i + 1 < len(q):
            chars.append(q[i + 1])
            i += 2
        elif ch == quote:
            return "".join(chars), i + 1
        else:
            chars.append(ch)
            i += 1
    raise invalid_query(q)


def parse_query(q):
    """Parse ``q`` into a predicate: a function taking a ``FileView``."""
    parser = _QueryParser(q, tokenize(q))
    predicate = parser.parse_or()
    if parser.pos != len(parser.tokens):
        raise invalid_query(q)
    return predicate


class _QueryParser:
    def __init__(self, q, tokens):
        self.q = q
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        token = self.peek()
        wrong_kind = kind is not None and token[0] != kind
        wrong_value = value is not None and token[1] != value
        if token[0] is None or wrong_kind or wrong_value:
            raise invalid_query(self.q)
        self.pos += 1
        return token

    def parse_or(self):
        terms = [self.parse_and()]
        while self.peek() == ("keyword", "or"):
            self.pos += 1
            terms.append(self.parse_and())
        return terms[0] if len(terms) == 1 else (lambda f: any(t(f) for t in terms))

    def parse_and(self):
        terms = [self.parse_not()]
        while self.peek() == ("keyword", "and"):
            self.pos += 1
            terms.append(self.parse_not())
        return terms[0] if len(terms) == 1 else (lambda f: all(t(f) for t in terms))

    def parse_not(self):
        if self.peek() == ("keyword", "not"):
            self.pos += 1
            inner = self.parse_not()
            return lambda f: not inner(f)
        if self.peek() == ("punct", "("):
            self.pos += 1
            inner = self.parse_or()
            self.take("punct", ")")
            return inner
        return self.parse_term()

    def parse_term(self):
        kind, value = self.take()
        if kind == "str":
            # 'value' in collection
            self.take("keyword", "in")
            field = self.take_field()
            return _membership(field, value)
        if kind != "name" or value not in _FIELDS:
            raise invalid_query(self.q)
        field = value
        op_kind, op = self.take()
        if op_kind == "keyword" and op == "in":
            # parents in 'ID' (the form gspread sends)
            return _membership(field, self.take("str")[1])
        if op_kind == "keyword" and op == "has":
            return self.parse_has(field)
        if op_kind == "keyword" and op == "contains":
            return _contains(field, self.take("str")[1])
        if op_kind != "op":
            raise invalid_query(self.q)
        operand_kind, operand = self.take()
        if operand_kind not in ("str", "bool"):
            raise invalid_query(self.q)
        return _comparison(field, op, operand)

    def take_field(self):
        kind, value = self.take("name")
        if value not in _FIELDS:
            raise invalid_query(self.q)
        return value

    def parse_has(self, field):
        if field not in ("appProperties", "properties"):
            raise invalid_query(self.q)
        self.take("punct", "{")
        self.take("name", "key")
        self.take("op", "=")
        key = self.take("str")[1]
        self.take("keyword", "and")
        self.take("name", "value")
        self.take("op", "=")
        wanted = self.take("str")[1]
        self.take("punct", "}")
        return lambda f: (f.resource.get(field) or {}).get(key) == wanted


def _membership(field, value):
    if field == "parents":
        return lambda f: f.has_parent(value)
    if field == "owners":
        return lambda f: f.is_owned_by(value)
    if field in ("writers", "readers"):
        return lambda f: f.is_owned_by(value)
    return lambda f: False


def _contains(field, text):
    needle = text.lower()
    if field == "name":
        return lambda f: _word_prefix_match(f.resource.get("name", ""), needle)
    if field == "fullText":
        return lambda f: (_word_prefix_match(f.resource.get("name", ""), needle)
                          or needle in f.full_text().lower())
    if field == "mimeType":
        return lambda f: needle in f.resource.get("mimeType", "").lower()
    return lambda f: False


def _word_prefix_match(name, needle):
    """Drive's ``name contains`` matches at the start of the name or of a word."""
    haystack = name.lower()
    start = haystack.find(needle)
    while start != -1:
        if start == 0 or not haystack[start - 1].isalnum():
            return True
        start = haystack.find(needle, start + 1)
    return False


_COMPARE = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _comparison(field, op, operand):
    compare = _COMPARE[op]
    if field in ("modifiedTime", "createdTime", "viewedByMeTime"):
        wanted = _normalise_time(operand)
        return lambda f: compare(_normalise_time(f.resource.get(field, "")), wanted)
    if field in ("trashed", "starred"):
        return lambda f: compare(bool(f.resource.get(field, False)), operand)
    if field == "sharedWithMe":
        return lambda f: compare(False, operand)
    return lambda f: compare(f.resource.get(field), operand)


def _normalise_time(value):
    """Make RFC 3339 strings comparable: drop the zone marker and pad milliseconds."""
    value = str(value).rstrip("Z")
    if "." not in value and "T" in value:
        value += ".000"
    return value
