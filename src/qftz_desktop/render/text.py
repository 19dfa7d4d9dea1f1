"""Plain-text labels: snapshot strings never interpreted as HTML (screen, slides, handout)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..text import tr


def plain_label(text: str = "", parent=None, wrap: bool = False, object_name: str = "") -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    return label


def counts_text(snapshot, lang: str) -> str:
    """'166 项数据 · 30 条要点' / '166 figures · 30 highlights': the words and counts of the
    PDF brief's summary (figures are the numeric values; highlights are counted apart), in the
    window's status line and on the cover slide alike."""
    figures, highlights = len(snapshot.observations), len(snapshot.highlights)
    key = "ui.counts_one_highlight" if highlights == 1 else "ui.counts"
    return tr(key, lang, figures=figures, highlights=highlights)
