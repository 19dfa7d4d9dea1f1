"""KPI cards, highlight cards and the chart panel (title, chart, source note, data button)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.captions import card_period_text, scope_unit_line, value_with_mark
from ..domain.caveats import MarkBook, brief_caveats, notes_of, point_notes
from ..render.fonts import ui_font
from ..render.theme import Theme
from ..text import tr
from .text import plain_label, plain_tooltip

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec, FigureCard, Highlight
    from ..render.chart_view import ChartView
    from ..render.selection import Selection


def card_tooltip(briefing: Briefing, card: FigureCard, point, lang: str) -> str:
    m = card.metric
    src = briefing.sources.get(point.source_id)
    sep = tr("punct.colon", lang)
    lines = [
        m.name(lang),
        f"{tr('label.value', lang)}{sep}{value_with_mark(point, m, lang)}",
        f"{tr('label.period', lang)}{sep}{point.period.label(lang)}",
        f"{tr('label.unit', lang)}{sep}{m.unit_label(lang)}",
        f"{tr('label.scope', lang)}{sep}{m.scope_label(lang)}",
        f"{tr('label.status', lang)}{sep}{tr(f'status.{point.status}', lang)}",
        f"{tr('label.source', lang)}{sep}{src.cite() if src else point.source_id}",
    ]
    if point.quote:
        lines.append(f"{tr('label.quote', lang)}{sep}{point.quote}")
    if point.formula:
        lines.append(f"{tr('label.formula', lang)}{sep}{point.formula}")
    # the note, an inferred or undated period, a bound: what the value's mark stands for
    lines += MarkBook(lang).lines(point_notes(point, m, lang))
    return plain_tooltip(lines)


class KpiCard(QFrame):
    """One figure: name, value with qualifier and unit, period and status; source on hover."""

    clicked = Signal(str)  # metric id

    def __init__(self, briefing: Briefing, card: FigureCard, lang: str, parent=None):
        super().__init__(parent)
        self.briefing = briefing
        self.card = card
        self.lang = lang
        self.setObjectName("kpiCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(4)
        self.name_label = plain_label(card.metric.name(lang), wrap=True, object_name="kpiName")
        self.value_label = plain_label("", wrap=True, object_name="kpiValue")
        self.period_label = plain_label("", wrap=True, object_name="kpiPeriod")
        self.scope_label = plain_label(
            card.metric.scope_label(lang), wrap=True, object_name="kpiScope"
        )
        big = ui_font(20, bold=True)
        self.value_label.setFont(big)
        for w in (self.name_label, self.value_label, self.period_label, self.scope_label):
            lay.addWidget(w)
        lay.addStretch(1)
        self.set_year(None)

    def set_year(self, year: int | None) -> None:
        point, exact = self.card.point_for(year)
        self.point = point
        lang = self.lang
        self.value_label.setText(value_with_mark(point, self.card.metric, lang))
        self.period_label.setText(card_period_text(point, lang, year, exact))
        self.setProperty("status", point.status)
        self.setProperty("focused", bool(year is not None and exact))
        self.style().unpolish(self)
        self.style().polish(self)
        self.setToolTip(card_tooltip(self.briefing, self.card, point, lang))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.card.metric.id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.card.metric.id)
            return
        super().keyPressEvent(event)


class HighlightCard(QFrame):
    """A qualitative fact, with its source."""

    def __init__(self, briefing: Briefing, highlight: Highlight, lang: str, parent=None):
        super().__init__(parent)
        self.setObjectName("highlightCard")
        self.highlight = highlight
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        title = plain_label(highlight.title(lang), wrap=True, object_name="highlightTitle")
        title.setFont(ui_font(11.5, bold=True))
        lay.addWidget(title)
        lay.addWidget(plain_label(highlight.text(lang), wrap=True, object_name="highlightText"))
        lay.addWidget(
            plain_label(
                briefing.source_note([highlight.source_id], lang),
                wrap=True,
                object_name="sourceNote",
            )
        )
        src = briefing.sources.get(highlight.source_id)
        sep = tr("punct.colon", lang)
        tip = [f"{tr('label.source', lang)}{sep}{src.cite() if src else highlight.source_id}"]
        if highlight.quote:
            tip.append(f"{tr('label.quote', lang)}{sep}{highlight.quote}")
        self.setToolTip(plain_tooltip(tip))


class ChartPanel(QFrame):
    """Title, scope line, the chart, and the one-line source note beneath it.

    Built lazily: until it is first painted (scrolled into view) the panel is an empty frame of
    fixed height that only stores the year range, focus and highlight it is given; its content
    and ChartView are made on the first paint (or by :meth:`ensure_chart`) and read that state.
    A tab of hundreds of charts thus paints at once, and scrolling builds the rest.
    """

    PLACEHOLDER_HEIGHT = 400
    dataRequested = Signal(object)  # ChartSpec
    noteRequested = Signal(object)  # ChartSpec: edit the presenter's note
    yearClicked = Signal(int)
    built = Signal()

    def __init__(
        self,
        briefing: Briefing,
        spec: ChartSpec,
        theme: Theme,
        lang: str,
        parent=None,
        lazy: bool = False,
        selection: Selection | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("chartPanel")
        self.briefing = briefing
        self.spec = spec
        self.theme = theme
        self.lang = lang
        self.chart: ChartView | None = None
        # the window's one Selection holds the year range and focus; a panel without one
        # (tests, tools) keeps its own
        self.selection = selection
        self._year_range: tuple[int, int] | None = None
        self._focus_year: int | None = None
        self.note = ""
        self._scheduled = False
        self.setMinimumHeight(self.PLACEHOLDER_HEIGHT)
        if not lazy:
            self.ensure_chart()

    @property
    def year_range(self) -> tuple[int, int] | None:
        sel = self.selection
        return (sel.year_from, sel.year_to) if sel is not None else self._year_range

    @property
    def focus_year(self) -> int | None:
        return self.selection.focus_year if self.selection is not None else self._focus_year

    @property
    def is_built(self) -> bool:
        return self.chart is not None

    @property
    def pending(self) -> bool:
        """Painted as a placeholder, its chart about to be built."""
        return self._scheduled and self.chart is None

    def ensure_chart(self) -> ChartView:
        """Build the content now if it was not yet; return the chart."""
        if self.chart is not None:
            return self.chart
        briefing, spec, theme, lang = self.briefing, self.spec, self.theme, self.lang
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 8)
        lay.setSpacing(4)
        head = QHBoxLayout()
        title = plain_label(spec.title(lang), wrap=True, object_name="chartTitle")
        title.setFont(ui_font(theme.title_pt, bold=True))
        head.addWidget(title, 1)
        self.data_button = QToolButton()
        self.data_button.setText(tr("cards.data", lang))
        self.data_button.setToolTip(tr("cards.show_copy_or_save", lang))
        self.data_button.clicked.connect(lambda: self.dataRequested.emit(self.spec))
        head.addWidget(self.data_button, 0, Qt.AlignmentFlag.AlignTop)
        self.note_button = QToolButton()  # the presenter's note (ui/notes_editor.py)
        self.note_button.setObjectName("noteButton")
        self.note_button.clicked.connect(lambda: self.noteRequested.emit(self.spec))
        head.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_note(self.note)
        lay.addLayout(head)
        # brief area: the chart's computed takeaway under its title (domain.brief.takeaway)
        # — or the presenter's own words, marked as theirs (✎ writes them; domain.notes)
        take_row = QHBoxLayout()
        self.takeaway_label = plain_label("", wrap=True, object_name="chartTakeaway")
        self.takeaway_label.setFont(ui_font(theme.title_pt - 1))
        take_row.addWidget(self.takeaway_label, 1)
        self.takeaway_button = QToolButton()
        self.takeaway_button.setObjectName("takeawayButton")
        self.takeaway_button.setText("✎")
        self.takeaway_button.setToolTip(tr("cards.write_chart_s_takeaway", lang))
        # the chart's notes dialog holds its own takeaway too (ui/notes_editor.py)
        self.takeaway_button.clicked.connect(lambda: self.noteRequested.emit(self.spec))
        take_row.addWidget(self.takeaway_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(take_row)
        self._update_takeaway()
        subtitle = scope_unit_line(spec, lang)
        lay.addWidget(plain_label(subtitle, wrap=True, object_name="chartSubtitle"))
        # pyqtgraph loads after the first paint, not before it
        from ..render.chart_view import ChartView

        chart = ChartView(spec, briefing, theme, lang, year_range=self.year_range)
        chart.set_focus_year(self.focus_year)
        chart.setMinimumHeight(260)
        chart.yearClicked.connect(self.yearClicked)
        self.chart = chart
        self._update_takeaway()  # numbered as the chart's labels now
        # right-click: copy as image, save as PNG / SVG; Ctrl+Shift+C copies it
        from .chart_menu import attach_picture_menu

        self.picture_actions = attach_picture_menu(
            self, chart, spec, briefing, lang, lambda: self.year_range
        )
        lay.addWidget(chart, 1)
        note = plain_label(
            briefing.source_note(spec.source_ids, lang), wrap=True, object_name="sourceNote"
        )
        note.setToolTip(
            plain_tooltip(
                [briefing.sources[s].cite() for s in spec.source_ids if s in briefing.sources]
            )
        )
        lay.addWidget(note)
        self.built.emit()
        return chart

    def _build_scheduled(self) -> None:
        self._scheduled = False
        # a paint before the grid laid the panels out is no sign of being in view: build only
        # if still seen now (else the next paint schedules it again)
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.ensure_chart()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.chart is None and not self._scheduled:
            # not in paint itself: widgets made while painting would miss this paint
            self._scheduled = True
            QTimer.singleShot(0, self, self._build_scheduled)

    def set_year_range(self, lo: int | None, hi: int | None) -> None:
        """The selection's range changed (or, without a selection, set it): redraw."""
        self._year_range = None if lo is None or hi is None else (min(lo, hi), max(lo, hi))
        if self.chart is not None:
            self.chart.set_year_range(*(self.year_range or (None, None)))
            self._update_takeaway()

    def _update_takeaway(self) -> None:
        """The takeaway of the years shown (latest value, change, distance to target)."""
        from ..domain.brief.takeaway import takeaway, takeaway_parts
        from ..domain.notes import marked_takeaway, own_takeaway

        label = getattr(self, "takeaway_label", None)
        if label is not None:
            # the values it cites carry the marks the chart's labels show; the notes on hover
            chart = getattr(self, "chart", None)
            book = chart.model.book if chart is not None and chart.model.book else None
            book = book or MarkBook(self.lang)
            parts = takeaway_parts(
                self.spec, self.lang, self.year_range, brief_caveats, mark=book.of_point
            )
            computed = parts.text
            own = own_takeaway(self.briefing, self.spec.id)
            label.setText(marked_takeaway(own, self.lang) if own else computed)
            label.setProperty("own", bool(own))  # styled apart: the presenter's words
            label.setStyleSheet(
                "background: #FFF6DD; border-left: 3px solid #E0B23A; padding: 2px 4px;"
                if own
                else ""
            )
            if own:  # the computed sentence it replaced (no marks: its notes are not shown)
                plain = takeaway(self.spec, self.lang, self.year_range)
                label.setToolTip(((tr("notes.computed", self.lang)) + plain) if plain else "")
            else:
                notes = dict.fromkeys(n for v in parts.values for n in notes_of(v, self.lang))
                label.setToolTip(plain_tooltip(book.lines(notes)) if notes else "")
            label.setVisible(bool(own or computed))

    def set_focus_year(self, year: int | None) -> None:
        self._focus_year = year
        if self.chart is not None:
            self.chart.set_focus_year(self.focus_year)

    def set_note(self, text: str) -> None:
        """Show whether the chart carries a presenter's note; its text as the tooltip."""
        self.note = text
        self._update_takeaway()  # the own takeaway travels with the notes
        button = getattr(self, "note_button", None)
        if button is None:
            return
        button.setText((tr("cards.note", self.lang)) if text else (tr("notes.note", self.lang)))
        button.setToolTip(text or (tr("cards.write_presenter_s_note", self.lang)))

    def set_highlighted(self, on: bool) -> None:
        if bool(self.property("highlighted")) == on:
            return
        self.setProperty("highlighted", on)
        self.style().unpolish(self)
        self.style().polish(self)


def section_title(text: str, parent: QWidget | None = None):
    label = plain_label(text, parent, object_name="sectionTitle")
    label.setFont(ui_font(13, bold=True))
    return label
