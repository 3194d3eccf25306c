"""A deal as the rep enters it, checked, and the placeholder replacements it fills in.

Every problem is reported at once, by field, in the words the form uses ("Number of rigs:
write a whole number, e.g. 4"). Money is read the way people write it ("$150k", "€80k") and
written one way ("AUD 150,000"). The same replacements fill the local .docx and the Google Doc
(one Docs batchUpdate).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import partial

from ..errors import DealError, MoneyError
from ..rubric import Rubric, load_rubric
from ..validators.text import normalise
from .money import currency_code, parse_money

INDUSTRIES = load_rubric().industries  # "drilling" -> "Drilling contractor": [industries] in the rubric
MAX_FIELD_CHARS = 500
COUNT_EXAMPLES = {"rigs": 4, "projects": 1, "billing_cycles": 3}  # "write a whole number, e.g. 4"
OTHER_LABELS = {"currency": "Currency"}  # form fields that are not rows of the deal table


@dataclass
class Deal:
    customer: str
    industry: str  # drilling | mining
    segment: str = ""
    deal_size: str = ""  # the amount as written in the doc, e.g. "150,000"
    currency: str = ""  # its ISO code, e.g. "AUD"
    crm_link: str = ""
    region: str = ""
    rep: str = ""
    rigs: str = ""
    projects: str = ""
    billing_cycles: str = ""
    presentation_date: str = ""

    @classmethod
    def from_input(cls, raw: dict) -> "Deal":
        """Clean and check what the rep typed; raises DealError listing every problem."""
        values, problems = {}, {}
        for key in cls.__dataclass_fields__:
            text = _clean(raw.get(key))
            values[key] = text if len(text) <= MAX_FIELD_CHARS else ""
            if len(text) > MAX_FIELD_CHARS:
                problems[key] = f"keep it under {MAX_FIELD_CHARS} characters"
        for key, check in CHECKS:
            if key not in problems:
                try:
                    values.update(check(values))
                except ValueError as exc:
                    problems[key] = str(exc)
        if problems:
            raise DealError({key: f"{field_label(key)}: {why}" for key, why in problems.items()})
        return cls(**values)

    @property
    def industry_label(self) -> str:
        return INDUSTRIES[self.industry]

    @property
    def deal_size_text(self) -> str:
        """'AUD 150,000'."""
        return " ".join(p for p in (self.currency, self.deal_size) if p)

    def field_values(self) -> dict[str, str]:
        """Rubric field key -> the value to write ('' leaves the placeholder in)."""
        values = asdict(self)
        values["industry"] = self.industry_label
        values["deal_size"] = self.deal_size_text
        return values

    def replacements(self, rubric: Rubric | None = None) -> dict[str, str]:
        """Template placeholder -> value, for the fields this deal has."""
        rubric = rubric or load_rubric()
        values = self.field_values()
        return {f.placeholder: values[f.key] for f in rubric.fields if values.get(f.key)}

    def exceptions(self, rubric: Rubric | None = None) -> dict[str, str]:
        return scope_exceptions(asdict(self), rubric)


def field_label(key: str, rubric: Rubric | None = None) -> str:
    """The label people read for a form field: the rubric's deal-table label ('Number of rigs')."""
    if key in OTHER_LABELS:
        return OTHER_LABELS[key]
    try:
        return (rubric or load_rubric()).field(key).label
    except KeyError:
        return key.replace("_", " ").capitalize()


def scope_limit(key: str, rubric: Rubric | None = None) -> int | None:
    """The most of a deal field (rigs, projects) a study takes without a manager's exception:
    the max of the rubric's criterion that counts that field."""
    rule = next((r for r in (rubric or load_rubric()).criteria.values() if r.get("field") == key and "max" in r), {})
    return rule.get("max")


def scope_exceptions(values: dict, rubric: Rubric | None = None) -> dict[str, str]:
    """Rigs or projects over the rubric's limits, in words, by field:
    {'rigs': "6 rigs is over the limit of 5: the study will need a manager's exception (...)"}.
    Values that are not whole numbers are left to the form's checks."""
    out = {}
    for rule in (rubric or load_rubric()).criteria.values():
        key, limit = rule.get("field"), rule.get("max")
        text = str(values.get(key) or "").strip() if key and rule.get("exception") else ""
        if text.isdigit() and int(text) > limit:
            count = int(text)
            out[key] = (f"{count} {rule['noun'] + ('' if count == 1 else 's')} is over the limit of {limit}: the "
                        "study will need a manager's exception (submit it as an exception request).")
    return out


# --- the checks, one per field, in form order; each returns the cleaned values ----------------

def _customer(values: dict) -> dict:
    if not values["customer"]:
        raise ValueError("write the customer's name, e.g. Red Rock Drilling")
    if not re.search(r"\w", values["customer"]):
        raise ValueError("write the name with at least one letter or digit")
    return {}


def _industry(values: dict) -> dict:
    industry = values["industry"].lower()
    industry = {label.lower(): key for key, label in INDUSTRIES.items()}.get(industry, industry)
    if industry not in INDUSTRIES:
        raise ValueError("choose " + " or ".join(label.lower() for label in INDUSTRIES.values()))
    return {"industry": industry}


def _segment(values: dict) -> dict:
    if not values["segment"]:
        return {}
    segments = load_rubric().segments
    written = normalise(values["segment"])
    segment = next((name for name, pattern in segments.items() if re.fullmatch(pattern, written)), None)
    if segment is None:
        raise ValueError(f"choose {load_rubric().segment_choices}")
    return {"segment": segment}


def _currency(values: dict) -> dict:
    if not values["currency"]:
        return {}
    code = currency_code(values["currency"])
    if not code:
        raise ValueError("write a currency code, e.g. AUD or USD")
    return {"currency": code}


def _deal_size(values: dict) -> dict:
    if not values["deal_size"]:
        return {}
    try:
        money = parse_money(values["deal_size"], currency_code(values["currency"]))
    except MoneyError as exc:
        raise ValueError(f"{exc}, e.g. AUD 150,000 or $150k") from None
    return {"deal_size": money.amount_text, "currency": money.currency}


def _crm_link(values: dict) -> dict:
    if values["crm_link"] and not re.match(r"^https?://\S+$", values["crm_link"]):
        raise ValueError("paste the deal's web address, starting with https://")
    return {}


def _count(key: str, values: dict) -> dict:
    text = values[key].replace(" ", "")
    if not text:
        return {}
    if not re.fullmatch(r"\d{1,4}", text):
        raise ValueError(f"write a whole number, e.g. {COUNT_EXAMPLES[key]}")
    return {key: str(int(text))}


CHECKS = (("customer", _customer), ("industry", _industry), ("segment", _segment), ("currency", _currency),
          ("deal_size", _deal_size), ("crm_link", _crm_link), ("rigs", partial(_count, "rigs")),
          ("projects", partial(_count, "projects")), ("billing_cycles", partial(_count, "billing_cycles")))


def _clean(value) -> str:
    if value is None:
        return ""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", str(value)).strip()


FOLDER_NAME_BYTES = 120  # file systems allow 255 bytes a name; the handover's file name adds about 40


def safe_folder_name(name: str) -> str:
    """A customer name usable as one folder name on any OS and in Drive: no separators or
    reserved characters, at most FOLDER_NAME_BYTES bytes of UTF-8 (80 x '界' is 240 bytes)."""
    cleaned = re.sub(r"\s+", " ", re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "-", name)).strip(" .-")
    return cut_bytes(cleaned, FOLDER_NAME_BYTES).rstrip(" .-") or "Customer"


def cut_bytes(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 takes at most `limit` bytes, cut between characters."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def name_clash(folder: str, recorded: str, customer: str) -> str:
    """The refusal when a folder already holds another customer whose name reads the same as a
    folder name ('A/B' and 'A:B' are both 'A-B')."""
    return (f"The folder '{folder}' already holds the customer '{recorded}', whose name reads the same as "
            f"'{customer}' as a folder name. Write this customer's name so it differs (its legal name, say); "
            "nothing was created.")
