"""The Create handover form in the Docs sidebar, as the rep sees it: every problem at once beside
its field, everything typed kept, money read as people write it, the scope exception said early,
an honest "created", and Allow access above the fold."""
import docx
import pytest

from server.errors import DealError, MoneyError
from server.generators.deal import Deal
from server.generators.money import parse_money
from tests.addon_env import REP, Client
from tests.card_reading import plain, visible, widget_text, widgets
from tests.card_schema import cards_in

FORM = {"customer": "Kestrel Drilling", "industry": "mining", "segment": "Mid-Market", "deal_size": "$150k",
        "currency": "AUD", "crm_link": "https://app.hubspot.com/contacts/1/deal/2", "region": "Goldfields",
        "rigs": "4", "projects": "1"}


@pytest.fixture
def rep(app, mint) -> Client:
    return Client(app, mint, REP)


def create(rep: Client, **typed) -> dict:
    response = rep.post("/addon/action/create", form={**FORM, **typed}, file_id="any")
    assert response.status_code == 200
    return cards_in(response.get_json(), trigger=False)[0]


def text_above(card: dict, name: str) -> str:
    """The words shown just above the input called `name` ('' when the widget above is another input)."""
    shown = widgets(card)
    i = next(i for i, w in enumerate(shown) if name in (w.get("textInput", {}).get("name"),
                                                      w.get("selectionInput", {}).get("name")))
    above = shown[i - 1]
    return plain(above["textParagraph"]["text"]) if "textParagraph" in above else ""


def inputs(card: dict) -> dict:
    """Input name -> the value shown in it (the selected item for a dropdown)."""
    out = {}
    for w in widgets(card):
        if "textInput" in w:
            out[w["textInput"]["name"]] = w["textInput"].get("value", "")
        if "selectionInput" in w:
            out[w["selectionInput"]["name"]] = next(i["value"] for i in w["selectionInput"]["items"] if i["selected"])
    return out


def test_every_problem_is_shown_at_once_beside_its_field_in_the_reps_words(rep):
    card = create(rep, customer="", deal_size="TBC", rigs="six", projects="1.5", crm_link="hubspot deal 12")
    assert text_above(card, "customer") == "Customer: write the customer's name, e.g. Red Rock Drilling"
    assert text_above(card, "deal_size") == "Deal size: write an amount, e.g. AUD 150,000 or $150k"
    assert text_above(card, "rigs") == "Number of rigs: write a whole number, e.g. 4"
    assert text_above(card, "projects") == "Number of projects: write a whole number, e.g. 1"
    assert text_above(card, "crm_link").startswith("CRM deal link: paste the deal's web address")
    assert "Not created yet: 5 to fix below" in visible(card)
    assert "Cannot do that" not in visible(card) and "deal_size" not in visible(card)


def test_the_form_comes_back_with_everything_typed_kept(rep):
    card = create(rep, rigs="six")
    shown = inputs(card)
    assert {k: shown[k] for k in FORM} == {**FORM, "rigs": "six"}
    assert text_above(card, "region") == ""  # no message beside a field that is fine


@pytest.mark.parametrize("typed, written", [
    ("$150k", "AUD 150,000"), ("150,000", "AUD 150,000"), ("AUD 1.2M", "AUD 1,200,000"),
    ("150 000", "AUD 150,000"), ("€80k", "EUR 80,000"), ("usd 95k", "USD 95,000"), ("80.000 €", "EUR 80,000"),
    ("US$ 2.5m", "USD 2,500,000"), ("150,000.50", "AUD 150,000.50"),
])
def test_money_is_read_the_way_people_write_it(typed, written):
    assert str(parse_money(typed, "AUD")) == written
    assert Deal.from_input({"customer": "Acme", "industry": "mining", "deal_size": typed,
                            "currency": "AUD"}).deal_size_text == written


@pytest.mark.parametrize("typed", ["TBC", "0", "150k-200k", "about 150k to 200k"])
def test_text_that_is_not_one_amount_is_refused(typed):
    with pytest.raises(MoneyError):
        parse_money(typed, "AUD")
    with pytest.raises(DealError) as err:
        Deal.from_input({"customer": "Acme", "industry": "mining", "deal_size": typed})
    assert str(err.value).startswith("Deal size: write")


def test_the_deal_size_is_written_as_an_amount_and_a_currency_in_the_doc(rep, tmp_path):
    card = create(rep, deal_size="$150k")
    assert "Deal size: AUD 150,000" in visible(card)
    doc = docx.Document(next((tmp_path / "ws").rglob("Kestrel Drilling - Desktop Study Handover.docx")))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "AUD 150,000" in cells and not any("$150k" in c for c in cells)


def test_the_form_says_the_scope_limits_from_the_rubric(rep, rubric):
    response = rep.post("/addon/docs/home", file_id="doc1", has_scope=False)
    card = cards_in(response.get_json(), trigger=True)[0]
    hints = {w["textInput"]["name"]: w["textInput"].get("hintText", "") for w in widgets(card) if "textInput" in w}
    assert hints["rigs"] == f"At most {rubric.criteria['rigs']['max']} without a manager's exception"
    assert hints["projects"] == f"At most {rubric.criteria['projects']['max']} without a manager's exception"


def test_too_many_rigs_or_projects_are_flagged_on_the_form_before_anything_is_created(rep, rubric):
    rigs, projects = rubric.criteria["rigs"]["max"] + 1, rubric.criteria["projects"]["max"] + 1
    card = create(rep, customer="", rigs=str(rigs), projects=str(projects))
    assert text_above(card, "rigs").startswith(f"{rigs} rigs is over the limit of {rigs - 1}: "
                                               "the study will need a manager's exception")
    assert text_above(card, "projects").startswith(f"{projects} projects is over the limit of {projects - 1}")


def test_too_many_rigs_or_projects_are_flagged_on_the_created_card(rep, rubric):
    rigs, projects = rubric.criteria["rigs"]["max"] + 1, rubric.criteria["projects"]["max"] + 1
    text = visible(create(rep, rigs=str(rigs), projects=str(projects)))
    assert f"{rigs} rigs is over the limit of {rigs - 1}: the study will need a manager's exception" in text
    assert f"{projects} projects is over the limit of {projects - 1}" in text


def test_the_created_card_says_what_was_made_not_that_it_is_ready(rep):
    card = create(rep, region="")
    text = visible(card)
    assert card["header"]["title"] == "Handover created" and "ready" not in text.lower()
    assert "Handover created from the template: fill every section, then Check." in text
    assert "Region" in next(line for line in text.splitlines() if line.startswith("Still blank: "))
    again = create(rep)
    assert again["header"]["title"] == "Handover already exists" and "left as it was" in visible(again)


def test_allow_access_comes_first_on_the_docs_home(rep):
    response = rep.post("/addon/docs/home", file_id="doc1", has_scope=False)
    card = cards_in(response.get_json(), trigger=True)[0]
    first = card["sections"][0]
    assert first["header"] == "This document"
    assert any("Allow access to this document" in widget_text(w) for w in first["widgets"][:2])
    assert card["sections"][1]["header"] == "Create handover"
