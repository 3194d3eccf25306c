"""Pick the reader for a file: a .docx, or a saved Google Docs API `documents.get` JSON."""
from __future__ import annotations

from pathlib import Path

from .docs_json_reader import read_docs_json_file
from .docx_reader import read_docx
from ..errors import InputError
from .document import Document


def read_document(path: Path) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if path.suffix.lower() == ".json":
        return read_docs_json_file(path)
    return read_docx(path)
