"""Rebuild tests/realworld/*.docx from tests/realworld/src/ with the real producers.

Run:  cd /work/main && .venv/bin/python tests/realworld/build.py [stem ...]

The built .docx files are committed: the test (tests/test_realworld.py) only reads them, so CI
needs neither pandoc nor LibreOffice. Rebuild after editing a source and commit both.
The verdicts in expected.toml were written from the sources, before any scorer saw them.

Producers, chosen by the source's extension:

  .md     pandoc (tested with 2.17):  pandoc -f markdown -t docx -o NAME.docx src/NAME.md
          SOURCE_DATE_EPOCH is fixed so docProps carry a stable date.
  .fodt   LibreOffice Writer (7.x, `apt-get install libreoffice-writer-nogui`):
  .html     soffice --headless --convert-to 'docx:MS Word 2007 XML' [--infilter=...] src/NAME.ext
  .txt      .html is opened with the "HTML (StarWriter)" import filter (a Writer document, not
            Writer/Web, which cannot export .docx); .txt with "Text (encoded):UTF8,LF,..." so each
            line of a pasted email becomes one paragraph, as pasting plain text into Writer does.
            A private profile directory keeps the run away from any user's LibreOffice.
  .gdoc   gdocs_export.write(): the package Google Docs' File > Download > Microsoft Word (.docx)
          writes, from a line markup (see gdocs_export.py; written with zipfile, not python-docx,
          so no python-docx default style such as "List Bullet" leaks in). What Google writes was
          taken from public descriptions of real exports: two test-fixture writers that reproduce
          Google/Takeout exports (styles.xml, numbering.xml, run and paragraph properties, tables),
          https://github.com/dogatana/docx2md/pull/7 (Google Workspace exports use style ids
          "Heading1", "Heading2" ...), GroupDocs' note that Google Docs writes <w:rtl w:val="0"/>
          on runs and no <w:bidi/>, and pressbooks/pressbooks#1881 and ONLYOFFICE/DocumentServer#3074
          (importers that miss Google's heading styles).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import gdocs_export

HERE = Path(__file__).resolve().parent
LIBREOFFICE_FILTERS = {
    ".fodt": None,
    ".html": "HTML (StarWriter)",
    ".txt": "Text (encoded):UTF8,LF,Liberation Mono,en-US",
}


def build_pandoc(source: Path, target: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(target), str(source)],
                   check=True, env=env)


def build_libreoffice(source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        command = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless"]
        infilter = LIBREOFFICE_FILTERS[source.suffix]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(source)]
        subprocess.run(command, check=True, capture_output=True)
        shutil.move(Path(tmp) / f"{source.stem}.docx", target)


PRODUCERS = {".md": build_pandoc, ".gdoc": gdocs_export.write, **{ext: build_libreoffice for ext in LIBREOFFICE_FILTERS}}


def main(stems: list[str], folder: Path = HERE) -> None:
    """Build every source in folder/src (or only `stems`) into folder/<stem>.docx."""
    sources = sorted(p for p in (folder / "src").iterdir() if p.suffix in PRODUCERS)
    for source in sources:
        if stems and source.stem not in stems:
            continue
        target = folder / f"{source.stem}.docx"
        PRODUCERS[source.suffix](source, target)
        print(f"{source.name:50s} -> {target.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
