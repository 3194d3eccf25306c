"""Money as people type it into the create form: an amount and a currency, written one way.

price-parser reads the number and the currency mark (thousands separators of any country,
"AUD", "€", "US$"); this module adds what it leaves out: the "k" / "M" / "bn" people write
after a deal size, and which currency a bare "$" means. It never guesses an amount: text with
no number, or with two amounts ("150k-200k"), is refused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from price_parser import Price

from ..errors import MoneyError

SCALES = {"k": 1_000, "thousand": 1_000, "mil": 1_000,  # Spanish "95 mil" is 95,000
          "m": 1_000_000, "mm": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
          "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000}
SYMBOLS = {"€": "EUR", "£": "GBP", "A$": "AUD", "AU$": "AUD", "US$": "USD", "C$": "CAD", "CA$": "CAD",
           "NZ$": "NZD", "R$": "BRL", "CL$": "CLP", "MX$": "MXN", "R": "ZAR", "¥": "JPY", "₱": "PHP",
           "S/.": "PEN", "S/": "PEN"}
DOLLAR = "$"  # which dollars is the form's Currency field's call


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str = ""  # ISO code ('AUD'), '' when the rep gave none

    @property
    def amount_text(self) -> str:
        """'150,000', or '150,000.50' when there are cents."""
        return f"{self.amount:,.2f}" if self.amount != self.amount.to_integral_value() else f"{self.amount:,.0f}"

    def __str__(self) -> str:
        return " ".join(p for p in (self.currency, self.amount_text) if p)


def currency_code(text: str) -> str:
    """'aud' -> 'AUD', '€' -> 'EUR', 'A$' -> 'AUD'; '' when it names no currency."""
    text = text.strip()
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    return SYMBOLS.get(text.upper(), "")


def parse_money(text: str, currency: str = "") -> Money:
    """An amount as people write it, with `currency` (a code) for a bare '$' or no mark at all.

    '$150k' (currency AUD) -> AUD 150,000;   '150,000' -> AUD 150,000;   '150 000' -> AUD 150,000
    'AUD 1.2M' -> AUD 1,200,000;   '€80k' -> EUR 80,000;   'usd 95k' -> USD 95,000
    '80.000 €' -> EUR 80,000;   '1,5M' -> AUD 1,500,000;   'US$ 2bn' -> USD 2,000,000,000
    A currency written in the amount wins over `currency`. Raises MoneyError otherwise:
    'TBC', '0', '150k-200k'.
    """
    upper = " ".join(text.split()).upper()  # price-parser knows 'AUD' and 'EUR', not 'aud'
    price = Price.fromstring(upper)
    if price.amount is None or price.amount_text is None:
        raise MoneyError("write an amount")
    after = upper[upper.index(price.amount_text) + len(price.amount_text):]
    scale = re.match(r"\s*(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b", after, re.I)
    if scale:
        after = after[scale.end():]
    if re.search(r"\d", after):
        raise MoneyError("write one amount, not a range")
    amount = price.amount * SCALES.get(scale.group(1).lower(), 1) if scale else price.amount
    if amount <= 0:
        raise MoneyError("write an amount over 0")
    mark = (price.currency or "").strip()
    if not mark or mark == DOLLAR:
        return Money(amount, currency)
    code = currency_code(mark)
    if not code:
        raise MoneyError(f"write the currency '{mark}' as a code")
    return Money(amount, code)
