"""The corpus: handover documents written like reps write them, with the outcome a careful
reviewer expects (tests/corpus/expected.toml, written independently of the scorer)."""
import tomllib
from pathlib import Path

import pytest

from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cards():
    return {}


def card_for(name, cards):
    if name not in cards:
        cards[name] = score_document(read_docx(CORPUS / f"{name}.docx"))
    return cards[name]


def test_every_corpus_document_has_an_expectation():
    docs = {p.stem for p in CORPUS.glob("*.docx")}
    assert docs == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_readiness(name, cards):
    assert card_for(name, cards).ready is EXPECTED[name]["ready"], EXPECTED[name]["notes"]


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "failed_criteria" in e))
def test_failed_criteria_exactly(name, cards):
    card = card_for(name, cards)
    assert sorted(card.failed_criteria()) == sorted(EXPECTED[name]["failed_criteria"]), \
        {c.id: c.evidence for c in card.criteria if not c.passed}


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "must_fail" in e or "must_pass" in e))
def test_criteria_that_certainly_pass_or_fail(name, cards):
    failed = set(card_for(name, cards).failed_criteria())
    assert set(EXPECTED[name].get("must_fail", [])) <= failed
    assert not set(EXPECTED[name].get("must_pass", [])) & failed


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e.get("statuses")))
def test_section_statuses(name, cards):
    card = card_for(name, cards)
    got = {s.key: s.status for s in card.sections}
    wrong = {k: (v, got[k]) for k, v in EXPECTED[name]["statuses"].items() if got[k] != v}
    assert not wrong, f"(expected, got): {wrong}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_score_range(name, cards):
    e = EXPECTED[name]
    assert e.get("score_min", 0) <= card_for(name, cards).score <= e.get("score_max", 100)
