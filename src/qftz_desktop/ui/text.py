"""Helpers that keep snapshot strings plain text wherever Qt would guess rich text."""

from __future__ import annotations

import html

from ..render.text import counts_text, plain_label  # noqa: F401 - one home, re-exported


def plain_tooltip(lines: list[str]) -> str:
    """Tooltip markup built from escaped text: Qt auto-detects rich text in tooltips."""
    body = "<br>".join(html.escape(line) for line in lines if line)
    return f"<p style='white-space:pre-wrap; max-width:420px'>{body}</p>"
