"""The Overview and the sector tabs. Each observes the shared Selection and writes to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from ..domain.age import latest_zone_wide_text
from ..domain.formatting import count_phrase
from ..render.selection import Selection
from ..render.theme import Theme
from ..text import tr
from .cards import ChartPanel, HighlightCard, KpiCard, section_title
from .text import counts_text, plain_label

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, TabSpec


class ReflowGrid(QWidget):
    """A grid whose column count follows the available width (cards, charts)."""

    def __init__(self, min_column_width: int, max_columns: int, parent=None):
        super().__init__(parent)
        self.min_column_width = min_column_width
        self.max_columns = max_columns
        self.items: list[QWidget] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(12)
        self._columns = 0

    def add(self, widget: QWidget) -> None:
        self.items.append(widget)
        self._place(force=True)

    def extend(self, widgets: list[QWidget]) -> None:
        """Add many at once (placing after each add costs quadratic time)."""
        self.items.extend(widgets)
        self._place(force=True)

    def _wanted_columns(self) -> int:
        width = max(self.width(), 1)
        return max(1, min(self.max_columns, width // self.min_column_width))

    def _place(self, force: bool = False) -> None:
        cols = self._wanted_columns()
        if cols == self._columns and not force:
            return
        self._columns = cols
        for w in self.items:
            self.grid.removeWidget(w)
        for i, w in enumerate(self.items):
            self.grid.addWidget(w, i // cols, i % cols)
        for c in range(self.max_columns):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()


class _Body(QWidget):
    """The scrolled page; tells the tab when it has painted once."""

    firstPainted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._painted = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()


class BriefingTab(QScrollArea):
    """A scrollable page of KPI cards, charts and highlight cards for one TabSpec."""

    dataRequested = Signal(object)
    cardClicked = Signal(str)
    noteRequested = Signal(object)  # ChartSpec (presenter's notes)

    def __init__(
        self,
        briefing: Briefing,
        spec: TabSpec,
        selection: Selection,
        theme: Theme,
        parent=None,
        defer_charts: bool = False,
    ):
        super().__init__(parent)
        self._charts_pending = True
        self._defer_charts = defer_charts
        self.briefing = briefing
        self.spec = spec
        self.selection = selection
        self.theme = theme
        self.lang = selection.lang
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.cards: list[KpiCard] = []
        self.panels: list[ChartPanel] = []
        body = _Body()
        body.setObjectName("tabBody")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # QSS paints a subclass
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(18, 14, 18, 18)
        self.body_layout.setSpacing(12)
        self._build()
        self.body_layout.addStretch(1)
        self.setWidget(body)
        if self._defer_charts:  # cards first; chart panels once the page has painted
            body.firstPainted.connect(
                lambda: QTimer.singleShot(0, self, lambda: self.complete(build_all=False))
            )
        selection.rangeChanged.connect(self._on_range)
        selection.focusChanged.connect(self._on_focus)
        selection.metricHighlighted.connect(self._on_highlight)
        self._on_range(selection.year_from, selection.year_to)
        self._on_focus(selection.focus_year)

    # -- content ------------------------------------------------------------------------
    def _card_specs(self):
        return self.spec.cards

    def _build(self) -> None:
        lang = self.lang
        cards = self._card_specs()
        if cards:
            self.body_layout.addWidget(section_title(self._cards_title()))
            grid = ReflowGrid(260, 4)
            for c in cards:
                card = KpiCard(self.briefing, c, lang)
                card.clicked.connect(self.cardClicked)
                self.cards.append(card)
                grid.add(card)
            self.body_layout.addWidget(grid)
        self._chart_slot = self.body_layout.count()
        if not self._defer_charts:
            self.complete(build_all=False)
        if self.spec.highlights:
            self.body_layout.addWidget(section_title(tr("label.highlights", lang)))
            grid = ReflowGrid(420, 3)
            for h in self.spec.highlights:
                grid.add(HighlightCard(self.briefing, h, lang))
            self.body_layout.addWidget(grid)
        if self.spec.is_empty and not cards:
            self.body_layout.addWidget(plain_label(tr("tabs.snapshot_has_no_figures", lang)))

    def complete(self, build_all: bool = True) -> None:
        """Place the chart panels, and (``build_all``) build every chart in them now.

        The window places the panels after the cards painted (``defer_charts``) without
        building their charts: each panel builds its chart when it is first painted, i.e.
        scrolled into view. ``complete()`` with ``build_all`` gives every panel its chart, for
        callers that need them all (tests, navigation to a chart).
        """
        if self._charts_pending:
            self._charts_pending = False
            self._place_panels()
        if build_all:
            for panel in self.panels:
                panel.ensure_chart()

    def _place_panels(self) -> None:
        charts = self._chart_specs()
        if not charts:
            return
        grid = ReflowGrid(620, 2)
        sel = self.selection
        for chart in charts:
            panel = ChartPanel(
                self.briefing, chart, self.theme, self.lang, lazy=True, selection=sel
            )
            panel.dataRequested.connect(self.dataRequested)
            panel.noteRequested.connect(self.noteRequested)
            panel.set_note(self.note_lookup(chart))
            panel.yearClicked.connect(self.selection.set_focus)
            self.panels.append(panel)
        grid.extend(list(self.panels))
        self.body_layout.insertWidget(self._chart_slot, section_title(self._charts_title()))
        self.body_layout.insertWidget(self._chart_slot + 1, grid)
        if self.selection.highlighted_metric:
            self._on_highlight(self.selection.highlighted_metric)

    @staticmethod
    def note_lookup(_chart) -> str:
        """The presenter's note of a chart; the window replaces this with its notes' lookup."""
        return ""

    def refresh_notes(self) -> None:
        for panel in self.panels:
            panel.set_note(self.note_lookup(panel.spec))

    def charts_in_view_built(self, require_some: bool = False) -> bool:
        """Every chart panel in view has its chart (start-up probe, screenshots).

        ``require_some``: also false while no panel is in view yet, e.g. right after the chart
        grid was inserted and before it was laid out.
        """
        if self.busy():
            return False
        in_view = [p for p in self.panels if not p.visibleRegion().isEmpty()]
        return (bool(in_view) or not require_some) and all(p.is_built for p in in_view)

    def busy(self) -> bool:
        """Whether charts are still to be placed or built for what is in view."""
        return self._charts_pending or any(p.pending for p in self.panels)

    def _cards_title(self) -> str:
        return tr("label.key_figures", self.lang)

    def _chart_specs(self):
        return self.spec.charts

    def _charts_title(self) -> str:
        return tr("label.charts", self.lang)

    # -- selection -----------------------------------------------------------------------
    def _on_range(self, lo: int, hi: int) -> None:
        for panel in self.panels:
            panel.set_year_range(lo, hi)

    def _on_focus(self, year) -> None:
        for panel in self.panels:
            panel.set_focus_year(year)
        for card in self.cards:
            card.set_year(year)

    def _on_highlight(self, metric_id: str) -> None:
        target = None
        for panel in self.panels:
            on = metric_id in {m.id for m in panel.spec.metrics}
            panel.set_highlighted(on)
            target = target or (panel if on else None)
        for card in self.cards:
            on = card.card.metric.id == metric_id
            card.setProperty("highlighted", on)
            card.style().unpolish(card)
            card.style().polish(card)
            target = target or (card if on else None)
        if target is not None:
            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(target, 0, 40))

    def widget_for_metric(self, metric_id: str) -> QWidget | None:
        for panel in self.panels:
            if metric_id in {m.id for m in panel.spec.metrics}:
                return panel
        for card in self.cards:
            if card.card.metric.id == metric_id:
                return card
        return None


class OverviewTab(BriefingTab):
    """Headline KPI cards; a click opens the tab that explains the figure."""

    def _card_specs(self):
        return self.briefing.headline

    def _cards_title(self) -> str:
        return tr("label.headline", self.lang)

    def _chart_specs(self):
        return self.briefing.trend_charts()

    def _charts_title(self) -> str:
        return tr("label.trends", self.lang)

    def _build(self) -> None:
        snap = self.briefing.snapshot
        lang = self.lang
        header = plain_label(snap.title(lang), object_name="overviewTitle")
        from ..render.fonts import ui_font

        header.setFont(ui_font(18, bold=True))
        self.body_layout.addWidget(header)
        sep = tr("punct.colon", lang)
        # the data's age: its as-of date and its newest zone-wide figure (domain.age)
        newest = latest_zone_wide_text(self.briefing, lang)
        n_sources = len(self.briefing.sources)
        sources = count_phrase(n_sources, tr("noun.sources", lang), lang)
        info = " · ".join(
            part
            for part in (
                snap.zone(lang),
                f"{tr('label.as_of', lang)}{sep}{snap.as_of}",
                newest,
                counts_text(snap, lang),
                sources,
            )
            if part
        )
        self.body_layout.addWidget(plain_label(info, wrap=True, object_name="overviewInfo"))
        legend = tr("tabs.every_figure_says_what", lang)
        self.body_layout.addWidget(plain_label(legend, wrap=True, object_name="overviewHint"))
        super()._build()
        self.setAlignment(Qt.AlignmentFlag.AlignTop)
