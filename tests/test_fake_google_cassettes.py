"""Replay real Google traffic against the fake and compare the answers' shapes.

The cassettes in tests/fixtures/gspread_cassettes were recorded by gspread's own
test suite against the real Sheets v4 and Drive v3 APIs (MIT, see LICENSE.txt
there). Each request is sent to the fake in order, with the ids Google
returned replaced by the ids the fake returned; the fake must answer with the
same status code and a JSON body of the same shape (same keys, recursively,
and compatible value types). Values may differ.
"""

import json
import pathlib

import pytest
import requests

from fake_google import FakeGoogle

CASSETTES = pathlib.Path(__file__).parent / "fixtures" / "gspread_cassettes"

HOSTS = ("https://www.googleapis.com/", "https://sheets.googleapis.com/")

# Keys whose values are ids: what the fake answers replaces what Google answered.
ID_KEYS = {"id", "spreadsheetId", "sheetId", "protectedRangeId", "namedRangeId", "documentId",
           "driveId"}

# Interactions whose answer deliberately differs from Google's, as
# (cassette file, interaction index, reason). They are still replayed, so the
# fake's state keeps in step, but their answers are not compared.
DELIBERATE_DIFFERENCES = [
    ("ClientTest.test_access_private_spreadsheet.json", 3,
     "the spreadsheet belongs to another Google account: Google answers 403 PERMISSION_DENIED; "
     "the fake has a single user and answers an id it does not hold with 404 NOT_FOUND"),
]


def cassette_names():
    return sorted(path.name for path in CASSETTES.glob("*.json"))


def value_kind(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return type(value).__name__


def shape_differences(recorded, actual, path="$"):
    """Where two JSON values differ in shape (keys, nesting, value kinds)."""
    if value_kind(recorded) != value_kind(actual):
        return [f"{path}: {value_kind(recorded)} in Google's answer, "
                f"{value_kind(actual)} in the fake's"]
    if isinstance(recorded, dict):
        problems = []
        for key in sorted(set(recorded) - set(actual)):
            problems.append(f"{path}.{key}: missing from the fake's answer")
        for key in sorted(set(actual) - set(recorded)):
            problems.append(f"{path}.{key}: not in Google's answer")
        for key in sorted(set(recorded) & set(actual)):
            problems.extend(shape_differences(recorded[key], actual[key], f"{path}.{key}"))
        return problems
    if isinstance(recorded, list):
        if bool(recorded) != bool(actual):
            return [f"{path}: {len(recorded)} items in Google's answer, {len(actual)} in the "
                    "fake's"]
        problems = []
        for position, (left, right) in enumerate(zip(recorded, actual)):
            problems.extend(shape_differences(left, right, f"{path}[{position}]"))
        return problems
    return []


class IdMap:
    """Recorded ids -> the fake's ids, learnt from answers as the replay goes."""

    def __init__(self):
        self.ids = {}

    def learn(self, recorded, actual):
        if isinstance(recorded, dict) and isinstance(actual, dict):
            for key in set(recorded) & set(actual):
                left, right = recorded[key], actual[key]
                if key in ID_KEYS and _is_id(left) and _is_id(right) and left != right:
                    self.ids[left] = right
                else:
                    self.learn(left, right)
        elif isinstance(recorded, list) and isinstance(actual, list):
            for left, right in zip(recorded, actual):
                self.learn(left, right)

    def rewrite_text(self, text):
        for old, new in self.ids.items():
            text = text.replace(str(old), str(new))
        return text

    def rewrite_json(self, value):
        if isinstance(value, dict):
            return {key: self.rewrite_json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.rewrite_json(item) for item in value]
        if not isinstance(value, bool) and value in self.ids:
            return self.ids[value]
        if isinstance(value, str):
            return self.rewrite_text(value)
        return value


def _is_id(value):
    """Ids long enough not to be confused with other numbers or strings (0 is not mapped)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 1000
    return isinstance(value, str) and len(value) >= 6


def replay_request(session, base_url, ids, request):
    url = request["uri"]
    for host in HOSTS:
        if url.startswith(host):
            url = base_url + url[len(host):]
    url = ids.rewrite_text(url)
    body = request.get("body")
    headers = {"Authorization": "Bearer replay-token"}
    content_type = (request.get("headers") or {}).get("Content-Type")
    if content_type:
        headers["Content-Type"] = content_type[0]
    if body:
        try:
            body = json.dumps(ids.rewrite_json(json.loads(body)))
        except ValueError:
            body = ids.rewrite_text(body)
        body = body.encode("utf-8")
    return session.request(request["method"], url, data=body, headers=headers)


@pytest.fixture(scope="module")
def fake():
    with FakeGoogle() as server:
        yield server


@pytest.mark.parametrize("cassette", cassette_names())
def test_fake_answers_like_google(fake, cassette):
    interactions = json.loads((CASSETTES / cassette).read_text())["interactions"]
    deliberate = {index: reason for name, index, reason in DELIBERATE_DIFFERENCES
                  if name == cassette}
    ids = IdMap()
    session = requests.Session()
    problems = []
    compared = 0
    for index, interaction in enumerate(interactions):
        request, recorded = interaction["request"], interaction["response"]
        response = replay_request(session, fake.base_url, ids, request)
        label = f"#{index} {request['method']} {request['uri'][:100]}"
        recorded_body = recorded["body"]["string"]
        recorded_json = json.loads(recorded_body) if recorded_body.strip() else None
        actual_json = response.json() if response.content.strip() else None
        if recorded_json is not None and actual_json is not None:
            ids.learn(recorded_json, actual_json)
        if index in deliberate:
            continue
        compared += 1
        if response.status_code != recorded["status"]["code"]:
            problems.append(f"{label}: status {response.status_code}, Google answered "
                            f"{recorded['status']['code']}: {response.text[:300]}")
            continue
        problems.extend(f"{label}: {problem}"
                        for problem in shape_differences(recorded_json, actual_json))
    assert compared > 0
    assert not problems, "\n".join(problems)


def test_deliberate_differences_name_real_interactions():
    names = set(cassette_names())
    for name, index, reason in DELIBERATE_DIFFERENCES:
        assert name in names, name
        assert index < len(json.loads((CASSETTES / name).read_text())["interactions"])
        assert reason


def test_shape_comparison_notices_differences():
    assert shape_differences({"a": [{"b": 1}]}, {"a": [{"b": 2}]}) == []
    assert shape_differences({"a": 1}, {"a": "1"}) == ["$.a: number in Google's answer, str in "
                                                       "the fake's"]
    assert shape_differences({"a": 1}, {}) == ["$.a: missing from the fake's answer"]
    assert shape_differences({}, {"b": 1}) == ["$.b: not in Google's answer"]
    assert shape_differences({"v": []}, {"v": [1]}) == ["$.v: 0 items in Google's answer, 1 in "
                                                        "the fake's"]
