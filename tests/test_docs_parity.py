"""The same content scores the same whether read from .docx or from the Docs API JSON of
that .docx uploaded to Drive as a Google Doc (through the real client, against the fake)."""
from pathlib import Path

import pytest
from googleapiclient.http import MediaInMemoryUpload

from fake_google import FakeGoogle
from server.validators.docs_json_reader import read_docs_json
from server.validators.docx_reader import read_docx
from server.validators.scorer import score_document
from tests.google_env import google_workspace

HERE = Path(__file__).resolve().parent
DOCS = sorted((HERE / "corpus").glob("*.docx")) + sorted((HERE / "holdout").glob("*.docx"))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def ws():
    with FakeGoogle() as fake:
        yield google_workspace(fake)


def summary(card):
    return ([(s.title, s.status, s.score) for s in card.sections], card.failed_criteria(), card.score, card.ready)


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_docx_and_docs_json_score_the_same(ws, path):
    data = path.read_bytes()
    made = ws.drive.files().create(body={"name": path.stem, "mimeType": "application/vnd.google-apps.document"},
                                   media_body=MediaInMemoryUpload(data, mimetype=DOCX), fields="id").execute()
    as_json = ws.docs.documents().get(documentId=made["id"], includeTabsContent=True).execute()
    assert summary(score_document(read_docs_json(as_json))) == summary(score_document(read_docx(data)))
