"""One line of quoted text, short enough to show: the cards, the terminal scorecard and the
criteria's evidence all quote the document this way."""
from __future__ import annotations


def clip(text, n: int = 120) -> str:
    """Whitespace folded, cut at a word before n characters with an ellipsis: a quote that
    reminds the reader where, not the whole paragraph. ('one  two three', 10) -> 'one two…'."""
    text = " ".join(str(text or "").split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[n // 2:] else cut).rstrip(" ,;:.") + "…"
