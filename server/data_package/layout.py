"""The data package's words and settings (doc_templates/data_package.toml)."""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..paths import DOC_TEMPLATES

UNITS = re.compile(r"\((?:m|mts|metres|meters|metros|h|hrs|hours|horas)\)|\[[^\]]*\]")


@dataclass(frozen=True)
class DataLayout:
    billing_cycle: str
    header_rows: int
    headers: dict[str, tuple[str, ...]]  # plod column -> its names
    cycle_words: dict[str, tuple[str, ...]]  # fortnightly | weekly | monthly -> the words that say so
    cycle_near: tuple[str, ...]  # ... when one of these is near
    measure_headers: tuple[str, ...]  # days across: the column saying what a row counts


def ascii_lower(text) -> str:
    """'Período: Março' -> 'periodo: marco' (accents dropped, as people type them or not)."""
    return unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()


def plain_header(text) -> str:
    """'Metros Perforados (m)' -> 'metros perforados'; 'Fecha:' -> 'fecha'."""
    text = UNITS.sub(" ", ascii_lower(text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@lru_cache(maxsize=1)
def data_layout() -> DataLayout:
    raw = tomllib.loads((DOC_TEMPLATES / "data_package.toml").read_text(encoding="utf-8"))
    headers = {key: tuple(plain_header(n) for n in names) for key, names in raw["plod"]["headers"].items()}
    said = {kind: tuple(ascii_lower(w) for w in words) for kind, words in raw["cycle_words"].items()}
    near = said.pop("near")
    measures = tuple(plain_header(n) for n in raw["plod"]["measure_headers"])
    return DataLayout(raw["billing_cycle"], int(raw["header_rows_searched"]), headers, said, near, measures)
