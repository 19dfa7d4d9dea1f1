"""The presenter view: on the laptop while the slides are on the projector.

It takes the main window's centre (through the window's public ``show_presenter_view``) and
shows where we are (slide number, elapsed time, the focused year), the current slide's title,
the speaker's notes and the caveats of the figures the audience sees, and the next slide small.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.caveats import value_caveat_lines
from ...render.slide_view import _label, ui_text
from ...text import tr

if TYPE_CHECKING:
    from ...domain.deck import Slide
    from .audience import PresentationWindow

PREVIEW_W = 480


class PresenterView(QWidget):
    """On the laptop while the slides are on the projector: where we are, what comes next."""

    def __init__(self, presentation: PresentationWindow, parent=None):
        super().__init__(parent)
        self.setObjectName("presenterView")
        self.presentation = presentation
        self.started = time.monotonic()
        self._preview_for: tuple[str, str, str, str] | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(40)
        left = QVBoxLayout()
        left.setSpacing(10)
        self.status_label = _label("", 22, bold=True, role="muted")
        self.number_label = _label("", 64, bold=True)
        self.current_caption = _label("", 20, role="muted")
        self.current_title = _label("", 30, bold=True)
        self.elapsed_caption = _label("", 20, role="muted")
        self.elapsed_label = _label("00:00", 56, bold=True)
        self.focus_label = _label("", 22)
        self.keys_label = _label("", 17, role="muted")
        for w in (
            self.status_label,
            self.number_label,
            self.current_caption,
            self.current_title,
            self.elapsed_caption,
            self.elapsed_label,
            self.focus_label,
        ):
            left.addWidget(w)
        left.addStretch(1)
        left.addWidget(self.keys_label)
        right = QVBoxLayout()
        right.setSpacing(10)
        self.next_caption = _label("", 20, role="muted")
        self.next_title = _label("", 26, bold=True)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_W * 9 // 16)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #888888; background: #000000;")
        right.addWidget(self.next_caption)
        right.addWidget(self.preview)
        right.addWidget(self.next_title)
        # the presenter's notes of the current slide (ui/notes_editor.py, domain/notes.py):
        # under the preview, where the column has room for a paragraph or two
        self.notes_caption = _label("", 20, role="muted")
        self.notes_label = _label("", 24)
        self.notes_label.setObjectName("speakerNotes")
        self.notes_label.setMaximumWidth(PREVIEW_W)
        right.addSpacing(16)
        right.addWidget(self.notes_caption)
        right.addWidget(self.notes_label)
        # the caveats of the figures on the current slide (domain.caveats): the audience sees
        # the '*', the speaker has its note
        self.caveats_caption = _label("", 20, role="muted")
        self.caveats_label = _label("", 18)
        self.caveats_label.setObjectName("slideCaveats")
        self.caveats_label.setMaximumWidth(PREVIEW_W)
        right.addSpacing(12)
        right.addWidget(self.caveats_caption)
        right.addWidget(self.caveats_label)
        from ..notes_editor import presenter_note_button

        self.note_button = presenter_note_button(self)
        right.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addStretch(1)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        presentation.slideChanged.connect(self.update_texts)
        presentation.blankChanged.connect(self.update_texts)
        self.update_texts()

    def elapsed_text(self) -> str:
        seconds = int(time.monotonic() - self.started)
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"

    def _tick(self) -> None:
        self.elapsed_label.setText(self.elapsed_text())

    def next_slide(self) -> Slide | None:
        p = self.presentation
        return p.slides[p.index + 1] if p.index + 1 < len(p.slides) else None

    def update_texts(self, *_args) -> None:
        p, lang = self.presentation, self.presentation.lang
        if not p.slides:
            return
        status = ui_text("presenting", lang)
        if p.blank:
            status += " · " + ("黑屏" if lang == "zh" else "black screen")
            if p.blank == "white":
                status = status.replace("黑屏", "白屏").replace("black", "white")
        if p.year_mode:
            status += " · " + ui_text("year_mode", lang)
        self.status_label.setText(status)
        self.number_label.setText(f"{p.index + 1} / {len(p.slides)}")
        self.current_caption.setText(ui_text("current", lang))
        self.current_title.setText(p.slides[p.index].title(lang))
        self.elapsed_caption.setText(ui_text("elapsed", lang))
        self.elapsed_label.setText(self.elapsed_text())
        sel = p.selection
        focus = ui_text("focus", lang, year=sel.focus_year) if sel.focus_year else ""
        years = f"{tr('label.period_range', lang)} {sel.year_from}–{sel.year_to}"
        self.focus_label.setText(" · ".join(x for x in (years, focus) if x))
        self.keys_label.setText(ui_text("keys", lang))
        notes = getattr(p.main_window, "notes", None)
        said = notes.slide_notes(p.slides)[p.index].text() if notes is not None else ""
        self.notes_caption.setText(
            ("本页演示者备注" if lang == "zh" else "Speaker notes, this slide") if said else ""
        )
        self.notes_label.setText(said)
        caveats = value_caveat_lines(self._slide_values(p.slides[p.index], sel), lang, limit=4)
        self.caveats_caption.setText(
            ("本页数值的说明" if lang == "zh" else "Notes on this slide's figures")
            if caveats
            else ""
        )
        self.caveats_label.setText("\n".join(caveats))
        nxt = self.next_slide()
        self.next_caption.setText(ui_text("next", lang))
        self.next_title.setText(nxt.title(lang) if nxt else ui_text("last", lang))
        if nxt is None:
            self.preview.clear()
            self._preview_for = None

    @staticmethod
    def _slide_values(slide: Slide, sel) -> list:
        """(point, metric) of every value the audience sees on the slide: a chart's values in
        the year range, a card's value for the focused year (as the card shows it)."""
        values = []
        if slide.chart is not None:
            years = (sel.year_from, sel.year_to)
            for s in slide.chart.series:
                values += [(pt, s.metric) for pt in s.points_at(s.rows_in(years))]
        for card in slide.cards:
            point, _exact = card.point_for(sel.focus_year)
            values.append((point, card.metric))
        return values

    def refresh_preview(self) -> None:
        """Draw the next slide small (after the slide change, so that stays quick)."""
        p = self.presentation
        nxt = self.next_slide()
        if nxt is None:
            self.preview.clear()
            return
        key = (nxt.id, p.theme_name, p.lang, str(p.selection.focus_year))
        if key == self._preview_for:
            return
        view = p.view(p.index + 1)
        pixmap = render_view(view)
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self._preview_for = key


def render_view(view: QWidget) -> QPixmap:
    """A picture of a widget that is not on screen (a slide in the stack, or built alone)."""
    lay = view.layout()
    if lay is not None:
        lay.activate()
    return view.grab()
