"""Formulas as the fake computes them: a small part of Google Sheets' formula language.

Computed as Google computes them: numbers, "text", TRUE/FALSE, + - * / ^, unary minus,
postfix %, & (joins text), comparisons (= <> < > <= >=), parentheses, and the functions in
FUNCTIONS. Errors are values, as in Sheets: =1/0 is #DIV/0!, ="a"+1 is #VALUE!.

Never a guess: a formula the fake cannot compute (a cell reference, a range, another function)
is #ERROR! with a message that says so, never its own text, so a formula can never pass for
the text that was typed.
"""

import decimal
import operator
import re
from dataclasses import dataclass

ERROR_TEXT = {"ERROR": "#ERROR!", "DIVIDE_BY_ZERO": "#DIV/0!", "VALUE": "#VALUE!", "NUM": "#NUM!",
              "N_A": "#N/A"}


@dataclass(frozen=True)
class ErrorValue:
    """A formula's error result (Google's ErrorValue): type and message."""
    type: str
    message: str

    @property
    def text(self):
        """What the cell shows: #DIV/0!, #VALUE!, ..."""
        return ERROR_TEXT[self.type]


class NotComputed(Exception):
    """The formula uses something the fake does not compute."""


def evaluate(formula):
    """The result of "=..." : a number, text, a bool, or an ErrorValue. '=1+2' -> 3."""
    try:
        parser = _Parser(_tokens(formula[1:]))
        result = parser.comparison()
        if parser.peek() is not None:
            raise NotComputed(f"unexpected {parser.peek()[1]!r}")
    except NotComputed as why:
        return ErrorValue("ERROR", f"fake_google does not compute this formula ({why}); "
                                   "see fake_google/README.md")
    return _tidy(result)


def _tidy(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(r"""\s*(?:
    (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<text>"(?:[^"]|"")*")
  | (?P<op><=|>=|<>|[-+*/^&=<>%(),])
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
)""", re.X)


def _tokens(source):
    tokens, position = [], 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if not match:
            raise NotComputed(f"unsupported syntax at {source[position:position + 10]!r}")
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "number":
            tokens.append(("number", float(text)))
        elif kind == "text":
            tokens.append(("text", text[1:-1].replace('""', '"')))
        else:
            tokens.append((kind, text))
        position = match.end()
    return tokens


# ---------------------------------------------------------------- coercion

def _number(value, function, position):
    if isinstance(value, ErrorValue):
        return value
    if isinstance(value, (bool, int, float)):
        return float(value)  # TRUE is 1
    try:
        return float(value.strip() or 0)
    except ValueError:
        return ErrorValue("VALUE", f"Function {function} parameter {position} expects number "
                                   f"values. But '{value}' is a text and cannot be coerced to "
                                   "a number.")


def text_of(value):
    """A value as text, as & and text functions see it: TRUE, 3, 0.5."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        value = _tidy(float(value))
        return str(value) if isinstance(value, int) else f"{value:.15g}"
    return value


def _first_error(values):
    return next((v for v in values if isinstance(v, ErrorValue)), None)


# ---------------------------------------------------------------- operators

def _arithmetic(name, function):
    def apply(left, right):
        numbers = [_number(left, name, 1), _number(right, name, 2)]
        error = _first_error(numbers)
        if error:
            return error
        if name == "DIVIDE" and numbers[1] == 0:
            return ErrorValue("DIVIDE_BY_ZERO", "Function DIVIDE parameter 2 cannot be zero.")
        try:
            return float(function(*numbers))
        except (OverflowError, ZeroDivisionError, ValueError, TypeError):  # (-1)^0.5 is complex
            return ErrorValue("NUM", f"Function {name} cannot compute this result.")
    return apply


BINARY = {"+": _arithmetic("ADD", operator.add), "-": _arithmetic("MINUS", operator.sub),
          "*": _arithmetic("MULTIPLY", operator.mul), "/": _arithmetic("DIVIDE", operator.truediv),
          "^": _arithmetic("POW", operator.pow)}


def _rank(value):
    """Sheets orders numbers < text < booleans; text compares without case."""
    if isinstance(value, bool):
        return (2, value)
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, value.lower())


COMPARISONS = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt,
               "<=": operator.le, ">=": operator.ge}


def _compare(symbol, left, right):
    error = _first_error([left, right])
    return error or COMPARISONS[symbol](_rank(left), _rank(right))


def _join(left, right):
    return _first_error([left, right]) or text_of(left) + text_of(right)


# ---------------------------------------------------------------- functions

def _numbers_of(name, args):
    numbers = [_number(a, name, i + 1) for i, a in enumerate(args)]
    return numbers, _first_error(numbers)


def _aggregate(name, combine):
    def apply(*args):
        numbers, error = _numbers_of(name, args)
        if error:
            return error
        if not numbers:
            return ErrorValue("N_A", f"Wrong number of arguments to {name}.")
        return combine(numbers)
    return apply


def _round(value, places=0):
    numbers, error = _numbers_of("ROUND", [value, places])
    if error:
        return error
    step = decimal.Decimal(1).scaleb(-int(numbers[1]))
    # Sheets rounds halves away from zero (2.5 -> 3), not to even as Python's round() does.
    return float(decimal.Decimal(repr(numbers[0])).quantize(step, decimal.ROUND_HALF_UP))


def _text_function(name, function):
    def apply(value):
        return _first_error([value]) or function(text_of(value))
    return apply


def _join_all(*args):
    return _first_error(args) or "".join(text_of(a) for a in args)


def _if(condition, when_true=True, when_false=False):
    if isinstance(condition, ErrorValue):
        return condition
    if isinstance(condition, str):
        return ErrorValue("VALUE", f"Function IF parameter 1 expects boolean values. But "
                                   f"'{condition}' is a text and cannot be coerced to a boolean.")
    return when_true if condition else when_false


def _hyperlink(url, label=None):
    return _first_error([url, label]) or text_of(url if label is None else label)


def _single_number(name, function):
    def apply(value):
        number = _number(value, name, 1)
        return number if isinstance(number, ErrorValue) else function(number)
    return apply


FUNCTIONS = {
    "SUM": _aggregate("SUM", sum),
    "AVERAGE": _aggregate("AVERAGE", lambda ns: sum(ns) / len(ns)),
    "MIN": _aggregate("MIN", min),
    "MAX": _aggregate("MAX", max),
    "ABS": _single_number("ABS", abs),
    "ROUND": _round,
    "LEN": _text_function("LEN", len),
    "UPPER": _text_function("UPPER", str.upper),
    "LOWER": _text_function("LOWER", str.lower),
    "CONCATENATE": _join_all,
    "IF": _if,
    "HYPERLINK": _hyperlink,
}


# ---------------------------------------------------------------- parser

class _Parser:
    """Recursive descent, lowest precedence first: comparison, &, + -, * /, ^, %, unary -."""

    def __init__(self, tokens):
        self.tokens, self.position = tokens, 0

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, *ops):
        token = self.peek()
        if token and token[0] == "op" and token[1] in ops:
            self.position += 1
            return token[1]
        return None

    def expect(self, op):
        if not self.take(op):
            raise NotComputed(f"expected {op!r}")

    def _left_assoc(self, operand, ops, apply):
        value = operand()
        while True:
            symbol = self.take(*ops)
            if not symbol:
                return value
            value = apply(symbol, value, operand())

    def comparison(self):
        return self._left_assoc(self.concatenation, COMPARISONS, _compare)

    def concatenation(self):
        return self._left_assoc(self.additive, ("&",), lambda _, a, b: _join(a, b))

    def additive(self):
        return self._left_assoc(self.term, ("+", "-"), lambda s, a, b: BINARY[s](a, b))

    def term(self):
        return self._left_assoc(self.power, ("*", "/"), lambda s, a, b: BINARY[s](a, b))

    def power(self):
        return self._left_assoc(self.percent, ("^",), lambda s, a, b: BINARY[s](a, b))

    def percent(self):
        value = self.unary()
        while self.take("%"):
            value = BINARY["/"](value, 100.0)
        return value

    def unary(self):
        sign = self.take("-", "+")
        if sign:
            value = self.unary()
            return BINARY["*"](value, -1.0) if sign == "-" else value
        return self.primary()

    def primary(self):
        token = self.peek()
        if token is None:
            raise NotComputed("the formula ends too soon")
        self.position += 1
        kind, text = token
        if kind in ("number", "text"):
            return text
        if kind == "op" and text == "(":
            value = self.comparison()
            self.expect(")")
            return value
        if kind == "name":
            if self.take("("):
                return self.call(text.upper())
            if text.upper() in ("TRUE", "FALSE"):
                return text.upper() == "TRUE"
            raise NotComputed(f"a reference: {text}")
        raise NotComputed(f"unexpected {text!r}")

    def call(self, name):
        args = []
        if not self.take(")"):
            args.append(self.comparison())
            while self.take(","):
                args.append(self.comparison())
            self.expect(")")
        function = FUNCTIONS.get(name)
        if function is None:
            raise NotComputed(f"the function {name}")
        try:
            return function(*args)
        except TypeError:
            return ErrorValue("N_A", f"Wrong number of arguments to {name}.")
