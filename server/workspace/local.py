"""The local embedded default: a folder of customer folders with .docx handovers.

Works with no Google account. The folder tree is the seed's (rubric [folders]).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..generators.deal import Deal, safe_folder_name
from ..generators.handover_doc import filled_handover
from ..rubric import Rubric, load_rubric

DEFAULT_WORKSPACE = Path("workspace")


def workspace_root(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("HANDOVER_WORKSPACE") or DEFAULT_WORKSPACE)


@dataclass
class CreatedHandover:
    path: Path
    customer_folder: Path
    presales_folder: Path
    created: bool  # False when the handover already existed and was left untouched


def ensure_tree(root: Path, customer: str, rubric: Rubric | None = None) -> Path:
    """Create the customer's folder tree where missing; returns the customer folder."""
    rubric = rubric or load_rubric()
    folder = Path(root) / safe_folder_name(customer)
    for sub in rubric.folders["tree"]:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return folder


def create_handover(root: Path, deal: Deal, rubric: Rubric | None = None) -> CreatedHandover:
    """Copy the template into PreSales/Desktop Study/DS Handover Doc with the deal filled in.
    Running it again keeps the existing document (no second copy, no lost edits)."""
    rubric = rubric or load_rubric()
    folder = ensure_tree(root, deal.customer, rubric)
    name = rubric.folders["doc_name"].format(customer=safe_folder_name(deal.customer)) + ".docx"
    path = folder / rubric.folders["handover"] / name
    created = not path.exists()
    if created:
        tmp = path.with_suffix(".docx.tmp")
        tmp.write_bytes(filled_handover(deal))
        os.replace(tmp, path)
    return CreatedHandover(path, folder, folder / rubric.folders["presales"], created)
