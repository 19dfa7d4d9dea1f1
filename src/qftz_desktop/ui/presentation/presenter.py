"""The presenter view: on the laptop while the slides are on the projector.

It takes the main window's centre (through the window's public ``show_presenter_view``) and
shows where we are (slide number, elapsed time, the focused year), the current slide's title,
the speaker's notes and the caveats of the figures the audience sees, and the next slide small.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.caveats import value_caveat_lines
from ...render.slide_view import _font, _label
from ...text import tr
from ..notes_editor import presenter_note_button, presenter_note_text
from .bounded_label import BoundedLabel

if TYPE_CHECKING:
    from ...domain.deck import Slide
    from .audience import PresentationWindow

PREVIEW_W = 480  # the next slide's picture at full scale
DESIGN_W, DESIGN_H = 1920, 1000  # the view in a 1920×1080 window (menus and toolbar take the rest)
MIN_PX = 13  # the smallest type the view uses (captions and caveats on a 1280×720 laptop)


class PresenterView(QWidget):
    """On the laptop while the slides are on the projector: where we are, what comes next."""

    def __init__(self, presentation: PresentationWindow, parent=None):
        super().__init__(parent)
        self.setObjectName("presenterView")
        self.presentation = presentation
        self.started = time.monotonic()
        self.scale = 1.0
        self._preview_for: tuple[str, str, str, str] | None = None
        self._lay = lay = QHBoxLayout(self)
        self._left = left = QVBoxLayout()
        self.status_label = _label("", 22, bold=True, role="muted")
        self.number_label = _label("", 64, bold=True)
        self.current_caption = _label("", 20, role="muted")
        # a long title (three charts on one slide) gets smaller, then ends in "…" (tooltip)
        self.current_title = BoundedLabel(30, 16, bold=True, max_lines=2)
        self.current_title.setObjectName("currentTitle")
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
        # the presenter's notes of the current slide (ui/notes_editor.py, domain/notes.py):
        # with the current slide, where the widest column has its rest for them
        self.notes_caption = _label("", 20, role="muted")
        self.notes_label = BoundedLabel(24, 14)
        self.notes_label.setObjectName("speakerNotes")
        left.addSpacing(8)
        left.addWidget(self.notes_caption)
        left.addWidget(self.notes_label, 1)
        self.note_button = presenter_note_button(self)
        left.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(0)  # takes the room only while there is no note
        left.addWidget(self.keys_label)
        self._right = right = QVBoxLayout()
        self.next_caption = _label("", 20, role="muted")
        self.next_title = BoundedLabel(26, 14, bold=True, max_lines=2)
        self.next_title.setObjectName("nextTitle")
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #888888; background: #000000;")
        right.addWidget(self.next_caption)
        right.addWidget(self.preview)
        right.addWidget(self.next_title)
        # the caveats of the figures on the current slide (domain.caveats): the audience sees
        # the ①, the speaker has its note; under the preview, in what the column has left
        self.caveats_caption = _label("", 20, role="muted")
        self.caveats_label = BoundedLabel(18, 13)
        self.caveats_label.setObjectName("slideCaveats")
        right.addSpacing(8)
        right.addWidget(self.caveats_caption)
        right.addWidget(self.caveats_label, 1)
        right.addStretch(0)  # takes the room only while there are no caveats
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)
        self._rescale(QSize(1920, 1000))
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._preview_timer = QTimer(self)  # a new size: redraw the preview once it settles
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self.refresh_preview)
        presentation.slideChanged.connect(self.update_texts)
        presentation.blankChanged.connect(self.update_texts)
        self.update_texts()

    # -- size ---------------------------------------------------------------------------------
    def _rescale(self, size: QSize) -> None:
        """Type, spacing and preview follow the view's size: drawn for a 1920×1080 laptop
        window, smaller on a 1280×720 one, never below what reads at arm's length."""
        # type shrinks more slowly than the window: a laptop is read from nearer than a screen
        fit = min(1.0, size.width() / DESIGN_W, size.height() / DESIGN_H)
        scale = max(0.6, fit**0.5) if fit > 0 else 1.0
        self.scale = scale

        def s(n: float, floor: int = 0) -> int:
            return max(floor, round(n * scale))

        self._lay.setContentsMargins(s(32), s(24), s(32), s(24))
        self._lay.setSpacing(s(40))
        self._left.setSpacing(s(10))
        self._right.setSpacing(s(10))
        for label, base, bold in (
            (self.status_label, 22, True),
            (self.number_label, 64, True),
            (self.current_caption, 20, False),
            (self.elapsed_caption, 20, False),
            (self.elapsed_label, 56, True),
            (self.focus_label, 22, False),
            (self.keys_label, 17, False),
            (self.next_caption, 20, False),
            (self.notes_caption, 20, False),
            (self.caveats_caption, 20, False),
        ):
            label.setFont(_font(s(base, MIN_PX), bold))
        self.current_title.set_sizes(s(30, MIN_PX), MIN_PX + 2)
        self.next_title.set_sizes(s(26, MIN_PX), MIN_PX)
        self.notes_label.set_sizes(s(24, MIN_PX), MIN_PX)
        self.caveats_label.set_sizes(s(18, MIN_PX), MIN_PX)
        # the right column is 2/5 of what the margins and the gap leave
        column = (size.width() - s(32) * 2 - s(40)) * 2 // 5
        width = max(160, min(column, s(PREVIEW_W, 320)))
        if self.preview.width() != width:
            self.preview.setFixedSize(width, width * 9 // 16)
            self._preview_for = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        old = self.preview.size()
        self._rescale(event.size())
        if self.preview.size() != old:
            self._preview_timer.start()

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
        status = tr("slide.presenting", lang)
        if p.blank:
            status += " · " + (tr("slide.black_screen", lang))
            if p.blank == "white":
                status = status.replace("黑屏", "白屏").replace("black", "white")
        if p.year_mode:
            status += " · " + tr("slide.year_mode", lang)
        self.status_label.setText(status)
        self.number_label.setText(f"{p.index + 1} / {len(p.slides)}")
        self.current_caption.setText(tr("slide.current", lang))
        self.current_title.set_full_text(p.slides[p.index].title(lang))
        self.elapsed_caption.setText(tr("slide.elapsed", lang))
        self.elapsed_label.setText(self.elapsed_text())
        sel = p.selection
        focus = tr("slide.focus", lang, year=sel.focus_year) if sel.focus_year else ""
        years = f"{tr('label.period_range', lang)} {sel.year_from}–{sel.year_to}"
        self.focus_label.setText(" · ".join(x for x in (years, focus) if x))
        self.keys_label.setText(tr("slide.keys", lang))
        self.note_button.setText(presenter_note_text(lang))
        notes = getattr(p.main_window, "notes", None)
        said = notes.slide_notes(p.slides)[p.index].text() if notes is not None else ""
        self.notes_caption.setText((tr("slide.speaker_notes_slide", lang)) if said else "")
        self.notes_label.set_full_text(said)
        self.notes_caption.setVisible(bool(said))  # an empty box would take the caveats' room
        self.notes_label.setVisible(bool(said))
        slide = p.slides[p.index]
        # numbered as the slide numbers its values (Slide.marks): the audience's ① is this ①
        caveats = value_caveat_lines(
            self._slide_values(slide, sel), lang, limit=4, book=slide.marks(lang, sel.focus_year)
        )
        self.caveats_caption.setText((tr("slide.notes_on_slide_s", lang)) if caveats else "")
        self.caveats_label.set_full_text("\n".join(caveats))
        self.caveats_caption.setVisible(bool(caveats))
        self.caveats_label.setVisible(bool(caveats))
        nxt = self.next_slide()
        self.next_caption.setText(tr("slide.next", lang))
        self.next_title.set_full_text(nxt.title(lang) if nxt else tr("slide.last", lang))
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
