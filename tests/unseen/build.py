"""Rebuild tests/unseen/*.docx from tests/unseen/src/ with the real producers.

Run:  cd /work/main && .venv/bin/python tests/unseen/build.py [stem ...]

A third set of handovers, written after tests/realworld/ by someone who had read neither those
documents nor the scorer, with verdicts (expected.toml) written from the sources before any scorer
saw them. The built .docx files are committed: `make bench` (benchmarks/corpora.py) measures the
scorer on them, and needs neither pandoc nor LibreOffice. Rebuild after editing a source and commit both.

Producers, chosen by the source's extension (the same tools as tests/realworld/build.py):

  .md     pandoc (tested with 2.17):  pandoc -f markdown -t docx -o NAME.docx src/NAME.md
          SOURCE_DATE_EPOCH is fixed so docProps carry a stable date.
  .fodt   LibreOffice Writer 7.x (a flat ODF document: real Writer tables, outline-numbered
  .html   headings, a table of contents) saved as 'docx:MS Word 2007 XML'. .html is opened with
  .txt    the "HTML (StarWriter)" import filter; .txt with "Text (encoded):UTF8,LF,..." so each
          line of a pasted email becomes one paragraph, as pasting plain text into Writer does.
          A private profile directory keeps the run away from any user's LibreOffice.
  .gdoc   tests/realworld/gdocs_export.py: the package Google Docs' File > Download > Microsoft
          Word (.docx) writes, from its line markup (see that module for the markup and sources).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "realworld"))

from build import main as build_all  # noqa: E402  (tests/realworld/build.py: the same producers, flags and writer)


if __name__ == "__main__":
    build_all(sys.argv[1:], HERE)
