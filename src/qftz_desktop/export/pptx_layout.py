"""Estimated text extents for laying out the PowerPoint deck (no python-pptx, no Qt).

PowerPoint measures text itself when it opens the file; the exporter only needs to choose a
title size that fits one line and to break long tables and lists across slides before they run
into the footer. A generous estimate does that without font files.
"""

from __future__ import annotations


def _is_wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def text_width(text: str, size: float) -> float:
    """Rough width in points (Chinese 1 em, Latin ~0.55 em): enough to choose a size and to
    break tables across slides, never to position glyphs."""
    return sum(size if _is_wide(ch) else size * 0.53 for ch in text)


def lines_needed(text: str, size: float, width_pt: float) -> int:
    total = 0
    for para in text.split("\n") or [""]:
        total += max(1, -int(-text_width(para, size) // max(width_pt, 1.0)))
    return total


def fit_size(text: str, width_pt: float, start: float, smallest: float) -> float:
    """The largest size from ``start`` down to ``smallest`` at which ``text`` is one line."""
    size = start
    while size > smallest and text_width(text, size) > width_pt:
        size -= 2
    return size
