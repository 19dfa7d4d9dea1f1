"""Helpers that keep snapshot strings plain text wherever Qt would guess rich text."""

from __future__ import annotations

import html

from ..render.text import plain_label  # noqa: F401 - one home, re-exported


def plain_tooltip(lines: list[str]) -> str:
    """Tooltip markup built from escaped text: Qt auto-detects rich text in tooltips."""
    body = "<br>".join(html.escape(line) for line in lines if line)
    return f"<p style='white-space:pre-wrap; max-width:420px'>{body}</p>"


def counts_text(snapshot, lang: str) -> str:
    """'166 项数据 · 30 条要点' / '166 figures · 30 highlights': the words and counts of the
    PDF brief's summary (figures are the numeric values; highlights are counted apart)."""
    figures, highlights = len(snapshot.observations), len(snapshot.highlights)
    if lang == "zh":
        return f"{figures} 项数据 · {highlights} 条要点"
    return f"{figures} figures · {highlights} highlight{'s' if highlights != 1 else ''}"
