"""Find a section no heading names by what its text says.

"Who we spoke to", "Why they're buying", "Commercials": reps rename headings. When a rubric
section is missing and some content sits under a heading the rubric does not know, each such
group is scored against each missing section: words in its heading (the section's
`heading_cues`), distinct words in its text (`cues`), and how much of its text echoes the
section's guidance and suggestion. The best pairs above a threshold are claimed, one group per
section, best first. Nothing here judges quality; it only decides where text belongs.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..rubric import Rubric, Section
from .document import Block
from .text import normalise, stems

MIN_FIT = 3.0  # a heading cue (3) plus a content cue, or three content cues
MAX_CUES = 5  # distinct content cues counted per group


def best_claims(missing: list[Section], groups: list[tuple[str, list[Block]]]) -> list[tuple[Section, int]]:
    """(section, index of the group it is read from), best fit first; each at most once."""
    scored = sorted(((fit(s, heading, blocks), i, s) for s in missing for i, (heading, blocks) in enumerate(groups)),
                    key=lambda t: -t[0])
    claims: list[tuple[Section, int]] = []
    taken_sections: set[str] = set()
    taken_groups: set[int] = set()
    for score, i, section in scored:
        if score < MIN_FIT or section.key in taken_sections or i in taken_groups:
            continue
        claims.append((section, i))
        taken_sections.add(section.key)
        taken_groups.add(i)
    return claims


def fit(section: Section, heading: str, blocks: list[Block]) -> float:
    """How well a group of blocks fits a section: 0 when it has no content cue at all."""
    text = normalise(" ".join(_text(b) for b in blocks))
    heading_cues, cues, guidance = _patterns(section)
    content = len({c for c in cues if c.search(text)})
    in_heading = any(c.search(normalise(heading)) for c in heading_cues)
    if content < (1 if in_heading else 3):
        return 0.0
    score = min(content, MAX_CUES) + (3.0 if in_heading else 0.0)
    own = stems(text)
    if own:
        score += 2.0 * sum(1 for w in own if w in guidance) / len(own)
    return score


@lru_cache(maxsize=64)
def _patterns(section: Section):
    def compile_all(words):
        return tuple(re.compile(rf"(?<!\w){re.escape(normalise(w))}(?!\w)") for w in words if normalise(w))
    guidance = frozenset(stems(" ".join(section.guidance) + " " + section.suggestion))
    names = (section.title, *section.aliases)  # "Have we started a business case?" names it
    return compile_all((*section.heading_cues, *names)), compile_all(section.cues), guidance


def _text(block: Block) -> str:
    return block.text if block.kind != "table" else " ".join(" ".join(r) for r in block.rows)


def missing_sections(found: dict, rubric: Rubric) -> list[Section]:
    return [s for s in rubric.sections if s.key not in found]
