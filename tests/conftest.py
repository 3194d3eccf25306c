import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests derandomised: the same examples every run, so a red CI is a real
# regression, not a new random find (run locally without CI=true to keep exploring).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

from server.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(autouse=True)
def a_fresh_process():
    """What a process remembers of the Sheets it has met (the History and Pipeline sheets) and of the data
    files it has read starts empty in each test: every test's fake reuses the same ids, as a fresh deployment would not."""
    from server.data_package import cache
    from server.workspace import sheets_tracker
    cache.forget()
    sheets_tracker._HISTORY_SHEETS.clear()
    sheets_tracker._PIPELINE_SHEETS.clear()


@pytest.fixture
def ws(tmp_path):
    """A local workspace (folders of .docx and an .xlsx tracker) with its tracker set up."""
    from server.workspace.local import LocalWorkspace
    w = LocalWorkspace(tmp_path)
    w.tracker.setup()
    return w


@pytest.fixture
def fake():
    """Google's Drive, Docs and Sheets: a fresh stateful fake on localhost (fake_google/), reached
    through the real client libraries (tests/google_env.py builds the product's clients for it)."""
    from fake_google import FakeGoogle
    with FakeGoogle() as server:
        yield server


@pytest.fixture(scope="session")
def rubric():
    return load_rubric()


@pytest.fixture(scope="session")
def mint():
    """Signs ID tokens like Google (tests/addon_env.py) and serves their certificates on localhost."""
    from tests.addon_env import TokenMint
    m = TokenMint()
    yield m
    m.stop()


@pytest.fixture
def app(tmp_path, mint):
    """The add-on on the local default: a workspace folder in tmp_path/ws, Google's tokens from `mint`.
    A document's id is its path in that folder (tests put handovers under Manual/)."""
    from server.app import create_app
    from server.config import Config
    from tests.addon_env import ADDON_SA, BASE_URL
    return create_app(Config(mode="local", workspace=str(tmp_path / "ws"), addon_service_account=ADDON_SA,
                             public_base_url=BASE_URL, certs_url=mint.certs_url))
