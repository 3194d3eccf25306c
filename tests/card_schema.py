"""Check add-on responses the way Google reads them: the wrapper for the entry point, and
every card against Google's Card v1 schema (google-apps-card)."""
from google.apps import card_v1
from google.protobuf import json_format

WRAPPERS = {"action", "renderActions"}


def validate_card(card: dict) -> None:
    json_format.ParseDict(card, card_v1.Card.pb()())  # raises on unknown fields or wrong types
    assert card.get("sections"), "a card needs at least one section"
    for section in card["sections"]:
        assert section.get("widgets"), "a section needs widgets"
    assert sum(len(s["widgets"]) for s in card["sections"]) <= 100, "Google renders at most 100 widgets"


def cards_in(response: dict, trigger: bool) -> list[dict]:
    """The cards inside a response; asserts the wrapper fits the entry point
    (`action` for homepage triggers, `renderActions` for clicks)."""
    assert set(response) <= WRAPPERS and len(response) == 1, response.keys()
    if trigger:
        assert "action" in response, "homepage triggers answer with {'action': ...}"
        navigations = response["action"].get("navigations", [])
    else:
        assert "renderActions" in response, "clicks answer with {'renderActions': ...}"
        render = response["renderActions"]
        if "hostAppAction" in render:
            assert render["hostAppAction"] == {"editorAction": {"requestFileScopeForActiveDocument": {}}}
            return []
        navigations = render["action"].get("navigations", [])
    found = []
    for nav in navigations:
        assert len(nav) == 1 and set(nav) <= {"pushCard", "updateCard", "popCard", "popToRoot"}
        for key in ("pushCard", "updateCard"):
            if key in nav:
                validate_card(nav[key])
                found.append(nav[key])
    return found
