"""Where the product's data files are: the rubric, the template, the tracker's layout, the
samples and the add-on manifest's template all live under the repository root."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC_TEMPLATES = ROOT / "doc_templates"
RUBRIC_PATH = DOC_TEMPLATES / "rubric.toml"
TEMPLATE_PATH = DOC_TEMPLATES / "desktop_study_handover.docx"
TRACKER_LAYOUT_PATH = DOC_TEMPLATES / "tracker.toml"
PIPELINE_PATH = DOC_TEMPLATES / "pipeline.toml"
SAMPLES = DOC_TEMPLATES / "samples"
