"""A deal as the rep enters it, checked, and the placeholder replacements it fills in.

The same replacements fill the local .docx and the Google Doc (one Docs batchUpdate).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..rubric import Rubric, load_rubric

INDUSTRIES = {"drilling": "Drilling contractor", "mining": "Mining company"}
SEGMENTS = {"smb": "SMB", "mid-market": "Mid-Market", "midmarket": "Mid-Market", "mid market": "Mid-Market",
            "mm": "Mid-Market", "enterprise": "Enterprise", "ent": "Enterprise"}
MAX_FIELD_CHARS = 500


class DealError(ValueError):
    """Bad deal input: the message says which field and why."""


@dataclass
class Deal:
    customer: str
    industry: str  # drilling | mining
    segment: str = ""
    deal_size: str = ""  # amount as typed, e.g. "120000" or "120k"
    currency: str = ""
    crm_link: str = ""
    region: str = ""
    rep: str = ""
    rigs: str = ""
    projects: str = ""
    billing_cycles: str = ""
    presentation_date: str = ""

    @classmethod
    def from_input(cls, raw: dict) -> "Deal":
        """Clean and check user input; raises DealError naming the field."""
        values = {k: _clean(raw.get(k)) for k in cls.__dataclass_fields__}
        if not values["customer"]:
            raise DealError("customer: required")
        if not re.search(r"\w", values["customer"]):
            raise DealError("customer: needs at least one letter or digit")
        industry = values["industry"].lower()
        if industry in ("drilling contractor",):
            industry = "drilling"
        if industry in ("mining company",):
            industry = "mining"
        if industry not in INDUSTRIES:
            raise DealError("industry: must be 'drilling' or 'mining'")
        values["industry"] = industry
        if values["segment"]:
            segment = SEGMENTS.get(values["segment"].lower())
            if segment is None:
                raise DealError("segment: must be SMB, Mid-Market or Enterprise")
            values["segment"] = segment
        if values["deal_size"] and not re.search(r"\d", values["deal_size"]):
            raise DealError("deal size: must be an amount, e.g. 120000 or 120k")
        for key in ("rigs", "projects", "billing_cycles"):
            if values[key] and not re.fullmatch(r"\d{1,4}", values[key]):
                raise DealError(f"{key.replace('_', ' ')}: must be a whole number")
        if values["crm_link"] and not re.match(r"^https?://", values["crm_link"]):
            raise DealError("CRM deal link: must start with http:// or https://")
        return cls(**values)

    @property
    def industry_label(self) -> str:
        return INDUSTRIES[self.industry]

    @property
    def deal_size_text(self) -> str:
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


def _clean(value) -> str:
    if value is None:
        return ""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", str(value)).strip()
    if len(text) > MAX_FIELD_CHARS:
        raise DealError(f"a field is longer than {MAX_FIELD_CHARS} characters")
    return text


def safe_folder_name(name: str) -> str:
    """A customer name usable as one folder name on any OS and in Drive."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "-", name).strip(" .-")
    return re.sub(r"\s+", " ", cleaned)[:120] or "Customer"
