"""Wrapped text in a box it never spills out of: the presenter view's titles, notes, caveats.

A presenter glances at the laptop between sentences; a title cut in the middle of a line (what
a squeezed QLabel shows) reads as a different title. So the text first gets smaller, down to a
floor that stays readable, and what still does not fit ends with "…" at a whole line, the full
text in the tooltip. The box is either a fixed number of lines (titles: the layout does not jump
from slide to slide) or whatever height the layout leaves (notes and caveats share the rest).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy

from ...render.slide_view import _font

ELLIPSIS = "…"


def wrapped_height(text: str, width: int, font: QFont) -> int:
    """Height of ``text`` word-wrapped at ``width`` (as QLabel wraps it, CJK included)."""
    if not text:
        return 0
    rect = QFontMetrics(font).boundingRect(
        QRect(0, 0, max(width, 1), 1_000_000), Qt.TextFlag.TextWordWrap, text
    )
    return rect.height()


def elide_to_height(text: str, width: int, height: int, font: QFont) -> str:
    """The longest start of ``text`` that, with "…", wraps within ``height``."""
    lo, hi = 0, len(text)  # lo always fits (an ellipsis alone, or nothing when it does not)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if wrapped_height(text[:mid].rstrip() + ELLIPSIS, width, font) <= height:
            lo = mid
        else:
            hi = mid - 1
    shown = text[:lo].rstrip() + ELLIPSIS
    return shown if wrapped_height(shown, width, font) <= height else ""


class BoundedLabel(QLabel):
    """Plain wrapped text that shrinks from ``start_px`` to ``min_px``, then elides.

    ``max_lines`` fixes the box at that many lines of the starting size; without it the label
    takes the height its layout gives it (set a stretch factor) and asks for none.
    """

    def __init__(
        self,
        start_px: int,
        min_px: int,
        bold: bool = False,
        max_lines: int | None = None,
        role: str = "",
        parent=None,
    ):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role:
            self.setProperty("role", role)
        vertical = QSizePolicy.Policy.Fixed if max_lines else QSizePolicy.Policy.Ignored
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, vertical)
        # a wrapped QLabel asks its layout for the height of all its text (height for width),
        # as a minimum: a long note would push the column's other parts over each other
        policy.setHeightForWidth(False)
        self.setSizePolicy(policy)
        self.setMinimumWidth(1)
        self._full = ""
        self._bold = bold
        self._max_lines = max_lines
        self._start = self._min = 0
        self.set_sizes(start_px, min_px)

    def set_sizes(self, start_px: int, min_px: int) -> None:
        """The largest and smallest pixel sizes (the presenter view scales them with itself)."""
        self._start, self._min = start_px, min(min_px, start_px)
        if self._max_lines:
            line = QFontMetrics(_font(self._start, self._bold)).lineSpacing()
            self.setFixedHeight(line * self._max_lines + 2)
        self._refit()

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._refit()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def _refit(self) -> None:
        if not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            self.setFont(_font(self._start, self._bold))  # not laid out yet: no box to fit
            super().setText(self._full)
            return
        width, height = self.contentsRect().width(), self.contentsRect().height()
        text, size = self._full, self._start
        font = _font(size, self._bold)
        while size > self._min and wrapped_height(text, width, font) > height:
            size = max(self._min, size - 2)
            font = _font(size, self._bold)
        self.setFont(font)
        shown = text
        if wrapped_height(text, width, font) > height:
            shown = elide_to_height(text, width, height, font)
        super().setText(shown)
        self.setToolTip(text if shown != text else "")

    def hasHeightForWidth(self) -> bool:
        return False

    def heightForWidth(self, _width: int) -> int:
        return -1

    def minimumSizeHint(self) -> QSize:
        return QSize(1, self.height() if self._max_lines else 0)

    def sizeHint(self) -> QSize:
        line = QFontMetrics(_font(self._start, self._bold)).lineSpacing()
        return QSize(1, self.height() if self._max_lines else line * 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()
