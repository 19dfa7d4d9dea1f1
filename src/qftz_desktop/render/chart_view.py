"""The one chart-drawing path: the window, the slides, image export and the PDF all draw a
chart through :class:`ChartView`, so that they can never disagree.

It draws a :class:`~qftz_desktop.domain.chart_model.ChartModel` and decides nothing itself:
where a value sits on the time axis, bar or point, the status styles, labels with their caveat
marks, ticks, legend rows and ranges all come from the model. All snapshot strings are set as
plain text (pyqtgraph's axis labels take HTML, so they are escaped).
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPen, QResizeEvent

from ..domain.caveats import MarkBook, point_notes
from ..domain.chart_model import (
    BAR,
    ChartModel,
    Mark,
    build_chart_model,
    status_style,
)
from ..domain.label_layout import Box, LabelRequest, place_labels
from ..text import tr
from .change_marks import draw_change_marks
from .fonts import ui_font
from .theme import MARKERS, Theme

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec, SeriesData

pg.setConfigOptions(antialias=True, foreground="k", background="w")

DENSE_LINE_POINTS = 120  # beyond this many points a line is drawn 1 px wide
CATEGORY_LABEL_FILL = 0.85  # second-level tick labels only if all of them fit
POINT_SIZE = 9  # px, markers of single values (dates, partial spans)
LABEL_MARGIN = 1  # px around a value label's text (Qt's default 4 wastes a short chart's room)
LEGEND_ROW = 1  # the plot layout's row of the top axis (never shown): the legend goes there
FOOT_ROW = 4  # the plot layout's row under the bottom axis: labels written out there
DEFAULT_FILL_LIMITS = [(0, 0.8), (2, 0.6), (4, 0.4), (6, 0.2)]  # pyqtgraph's AxisItem default


def _qcolor(spec: str, alpha: int | None = None) -> QColor:
    """Colour from '#RRGGBB' or '#RRGGBBAA' (Qt alone would read 8 digits as #AARRGGBB)."""
    h = spec.lstrip("#")
    if len(h) == 8:
        c = QColor(f"#{h[:6]}")
        c.setAlpha(int(h[6:], 16))
    else:
        c = QColor(spec)
    if alpha is not None:
        c.setAlpha(alpha)
    return c


class ChartView(pg.PlotWidget):
    """A pyqtgraph plot of one ChartSpec, with focus band, crosshair and click-to-focus."""

    yearClicked = Signal(int)

    def __init__(
        self,
        spec: ChartSpec,
        briefing: Briefing,
        theme: Theme,
        lang: str,
        interactive: bool = True,
        parent=None,
        year_range: tuple[int, int] | None = None,
        marks: MarkBook | None = None,
    ):
        super().__init__(parent=parent, background=theme.background)
        # caveat marks: a PDF page's numbering (footnotes); None: the chart numbers its own
        self.marks: MarkBook | None = marks
        self.spec = spec
        self.briefing = briefing
        self.theme = theme
        self.lang = lang
        self.interactive = interactive
        self.year_range: tuple[int, int] | None = year_range
        self.model: ChartModel = build_chart_model(spec, lang, year_range, self.marks)
        self._lines: dict[tuple[int, str], pg.PlotDataItem] = {}  # (series, status) -> item
        self._labels: list[tuple[int, pg.TextItem]] = []  # (mark index, label)
        self._leaders: list[pg.PlotCurveItem] = []  # lines to labels moved off their mark
        self.focus_year: int | None = None
        self._focus_item: pg.LinearRegionItem | None = None
        self._hover_line: pg.InfiniteLine | None = None
        self._hover_text: pg.TextItem | None = None
        self._proxy = None
        # values changed since a compared snapshot, (metric, period, status): render/change_marks
        self.change_keys: frozenset[tuple[str, str, str]] = frozenset()
        self.bar_points: list[tuple[float, float, float, object]] = []  # x, height, width, point
        self._unit_item: pg.LabelItem | None = None  # the unit, above the value axis
        self._foot_item: pg.LabelItem | None = None  # labels with no room beside their mark
        self._foot_text = ""
        self._placing = False  # re-entry guard of _declutter_labels
        self.setMinimumHeight(200)
        self.plotItem.setMenuEnabled(False)
        self.plotItem.hideButtons()
        vb = self.plotItem.getViewBox()
        vb.setMouseEnabled(x=False, y=False)
        vb.setDefaultPadding(0.0)
        vb.sigResized.connect(self._fit_and_declutter)
        self._style_axes()
        self.rebuild()
        if interactive:
            self.scene().sigMouseClicked.connect(self._on_click)
            self._proxy = pg.SignalProxy(
                self.scene().sigMouseMoved, rateLimit=60, slot=self._on_move
            )

    # -- building ------------------------------------------------------------------------
    def _style_axes(self) -> None:
        t = self.theme
        tick_font = ui_font()
        tick_font.setPixelSize(t.tick_px)
        for name in ("left", "bottom"):
            axis = self.plotItem.getAxis(name)
            axis.setPen(pg.mkPen(t.muted, width=1))
            axis.setTextPen(pg.mkPen(t.text))
            axis.setStyle(tickFont=tick_font, tickTextOffset=6, autoExpandTextSpace=True)
        self.plotItem.showGrid(x=False, y=True, alpha=0.35)
        self._set_unit_title(self.spec.unit_label(self.lang))

    def _set_unit_title(self, unit: str) -> None:
        """The unit, written horizontally above the value axis (top left of the chart).

        Never as a rotated axis title: rotated Chinese glyphs read wrongly (a turned '个' looks
        like an arrow '←'), and a horizontal unit reads the same in both languages.
        """
        t = self.theme
        layout = self.plotItem.layout
        self.plotItem.getAxis("left").showLabel(False)
        if self._unit_item is None:
            # in the title's row, over the axis and the plot (a chart here has no title of its
            # own: the panel, slide or page names it), so it takes that cell
            layout.removeItem(self.plotItem.titleLabel)
            self.plotItem.titleLabel.setVisible(False)
            self._unit_item = pg.LabelItem("", justify="left")
            layout.addItem(self._unit_item, 0, 0, 1, 2)
        family = html.escape(ui_font().family())
        self._unit_item.setText(
            html.escape(unit), color=t.text, size=f"{t.tick_px}px", family=family
        )
        self._unit_item.setVisible(bool(unit))
        height = math.ceil(self._unit_item.item.boundingRect().height()) if unit else 0
        layout.setRowFixedHeight(0, height)
        self._unit_item.setMaximumHeight(height)

    def _set_foot_notes(self, notes: list[str], shrink: bool = True) -> None:
        """Labels with no room beside their mark, written out under the axis ('a 136* 2022.4'),
        their tags drawn beside the marks; wrapped to the chart's width, and the row is there
        only while it has something."""
        t = self.theme
        font = ui_font()
        font.setPixelSize(t.label_px)
        fm = QFontMetricsF(font)
        width = max(self.width() - 8, 40)
        lines: list[str] = []
        for note in notes:
            if lines and fm.horizontalAdvance(lines[-1] + "   " + note) <= width:
                lines[-1] += "   " + note
            else:
                lines.append(note)
        if not shrink and len(lines) < self._foot_rows():
            lines += [""] * (self._foot_rows() - len(lines))
        text = "\n".join(lines)
        if text == self._foot_text:
            return
        self._foot_text = text
        layout = self.plotItem.layout
        if self._foot_item is None:
            self._foot_item = pg.LabelItem("", justify="left")
            layout.addItem(self._foot_item, FOOT_ROW, 0, 1, 3)
        family = html.escape(ui_font().family())
        self._foot_item.setText(
            "<br>".join(html.escape(line) for line in lines),
            color=t.text,
            size=f"{t.label_px}px",
            family=family,
        )
        height = math.ceil(fm.lineSpacing() * len(lines) + 6) if lines else 0
        self._foot_item.setVisible(bool(lines))
        self._foot_item.setMaximumHeight(height)
        layout.setRowFixedHeight(FOOT_ROW, height)
        layout.invalidate()
        layout.activate()  # the plot's new height now, not on the next event

    def _foot_rows(self) -> int:
        return len(self._foot_text.split("\n")) if self._foot_text else 0

    @property
    def foot_notes(self) -> str:
        """The labels written out under the plot, one line per row (empty: none)."""
        return self._foot_text

    def set_spec(self, spec: ChartSpec, year_range: tuple[int, int] | None = None) -> None:
        """Draw another chart in this widget (the PDF reuses one view for all its charts)."""
        self.spec = spec
        self.year_range = year_range
        self.focus_year = None
        axis = self.plotItem.getAxis("bottom")
        axis.setStyle(textFillLimits=DEFAULT_FILL_LIMITS)
        self._style_axes()
        self.rebuild()

    def set_year_range(self, lo: int | None, hi: int | None) -> None:
        rng = None if lo is None or hi is None else (min(lo, hi), max(lo, hi))
        if rng != self.year_range:
            self.year_range = rng
            if not self._update_lines():
                self.rebuild()

    def rebuild(self) -> None:
        """(Re)draw everything from the chart model for the current year range."""
        self.model = build_chart_model(self.spec, self.lang, self.year_range, self.marks)
        self.plotItem.clear()
        self._place_legend_row(None)
        self._focus_item = None
        self._hover_line = self._hover_text = None
        self._lines = {}
        self._labels = []
        self._leaders = []
        self.bar_points = []
        m = self.model
        # the range first: items added to a fixed range are not re-clipped at every add
        self.plotItem.setXRange(*m.x_range, padding=0)
        self.plotItem.setYRange(*m.y_range, padding=0)
        self._build_runs()
        self._build_marks()
        self._build_ticks()
        self._build_legend()
        self._build_off_axis()
        self._apply_focus()
        self._declutter_labels()
        draw_change_marks(self)

    def _pen(self, index: int, status: str, width: float | None = None) -> QPen:
        colour = self.theme.muted if index < 0 else self.theme.color(index)
        pen = pg.mkPen(colour, width=self.theme.line_width if width is None else width)
        pen.setStyle(_PEN_STYLES[status_style(status).line])
        return pen

    def _bar_pen(self, index: int, status: str) -> QPen:
        """Bar outline: dashed for a target (an outline only), solid otherwise."""
        colour = self.theme.muted if index < 0 else self.theme.color(index)
        pen = pg.mkPen(colour, width=self.theme.line_width)
        if status_style(status).fill == "none":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _marker_pen(self, index: int, status: str) -> QPen:
        """A filled marker gets a ring in the background colour (it stays visible over a bar
        of its own colour); an outline or hatched one is drawn in the series colour."""
        if status_style(status).fill == "solid":
            return pg.mkPen(self.theme.background, width=1.5)
        return pg.mkPen(self.theme.color(index), width=1.5)

    def _brush(self, index: int, status: str) -> QBrush:
        color = _qcolor(self.theme.muted if index < 0 else self.theme.color(index))
        return QBrush(color, _BRUSH_STYLES[status_style(status).fill])

    def _build_marks(self) -> None:
        m = self.model
        bars: dict[int, list[Mark]] = {}
        points: dict[int, list[Mark]] = {}
        for mark in m.marks:
            (bars if mark.shape == BAR else points).setdefault(mark.series, []).append(mark)
        self.bar_points = [(k.x, k.value, k.width, k.point) for k in m.marks if k.shape == BAR]
        for si, marks in sorted(bars.items()):
            item = pg.BarGraphItem(
                x=np.array([k.x for k in marks]),
                height=np.array([k.value for k in marks]),
                width=np.array([k.width for k in marks]),
                pens=[self._bar_pen(si, k.status) for k in marks],
                brushes=[self._brush(si, k.status) for k in marks],
            )
            item.setOpts(name=self.spec.series[si].metric.name(self.lang))
            self.plotItem.addItem(item)
        for si, marks in sorted(points.items()):
            for k in marks:
                if k.whisker is not None:
                    status = "derived" if k.open_before else k.status  # undated: dotted
                    pen = self._pen(si, status, max(1.0, self.theme.line_width * 0.75))
                    whisker = pg.PlotDataItem([k.whisker[0], k.whisker[1]], [k.value, k.value])
                    whisker.setPen(pen)
                    self.plotItem.addItem(whisker)
            size = self._point_size()
            scatter = pg.ScatterPlotItem(
                x=np.array([k.x for k in marks]),
                y=np.array([k.value for k in marks]),
                symbol=MARKERS[si % len(MARKERS)],
                size=size,
                pen=[self._marker_pen(si, k.status) for k in marks],
                brush=[self._brush(si, k.status) for k in marks],
                name=self.spec.series[si].metric.name(self.lang),
            )
            self.plotItem.addItem(scatter)
        if not m.show_labels:
            return
        font = ui_font()
        font.setPixelSize(self.theme.label_px)
        backing = pg.mkBrush(_qcolor(self.theme.background, 200))
        for i, k in enumerate(m.labels):
            # a point's label on a light backing, so that it reads over a whisker or a grid
            # line; where each label goes is decided in _declutter_labels (label_layout)
            fill = None if k.shape == BAR else backing
            label = pg.TextItem(text=k.label, color=self.theme.text, anchor=(0, 0), fill=fill)
            label.textItem.document().setDocumentMargin(LABEL_MARGIN)
            label.setFont(font)
            label.setPos(k.x, k.value)
            label.setZValue(20)
            self.plotItem.addItem(label, ignoreBounds=True)
            self._labels.append((i, label))

    def _build_off_axis(self) -> None:
        """Values whose period has no place on the time axis: named in a line at the plot's
        foot, never dropped and never given a date (see ``chart_model.axis_x``)."""
        if not self.model.off_axis:
            return
        sep = tr("punct.semicolon", self.lang)
        head = tr("chart.undated", self.lang)
        body = sep.join(m.label.replace("\n", " ") for m in self.model.off_axis)
        font = ui_font()
        font.setPixelSize(self.theme.label_px)
        text = pg.TextItem(head + body, color=self.theme.muted, anchor=(0, 1))
        text.setFont(font)
        text.setPos(self.model.x_range[0], self.model.y_range[0])
        self.plotItem.addItem(text, ignoreBounds=True)

    def _build_runs(self) -> None:
        for run in self.model.runs:
            series = self.spec.series[run.series]
            pen = self._pen(run.series, run.status)
            if len(run.x) > DENSE_LINE_POINTS:
                # a long series drawn 1 px wide: a thick antialiased polyline of hundreds of
                # points costs ~18 ms to paint (Qt raster), a thin one a fraction of that
                pen.setWidthF(1.0)
            item = pg.PlotDataItem(
                run.x,
                run.y,
                pen=pen if run.joined else None,  # spans of different lengths: markers only
                symbol=MARKERS[run.series % len(MARKERS)] if run.markers else None,
                symbolBrush=self._brush(run.series, run.status),
                symbolPen=pg.mkPen(self.theme.color(run.series)),
                name=series.metric.name(self.lang)
                + (
                    ""
                    if run.status == "reported"
                    else f" ({tr(f'status.{run.status}', self.lang)})"
                ),
            )
            self.plotItem.addItem(item)
            self._lines[(run.series, run.status)] = item
            if self.model.kind == "line":
                # only once the item is in the plot: set before, pyqtgraph 0.14 looks for the
                # view range on the PlotWidget itself while adding it (AttributeError)
                item.setDownsampling(auto=True, method="peak")
                item.setClipToView(True)

    def _build_ticks(self) -> None:
        axis = self.plotItem.getAxis("bottom")
        levels = self.model.tick_levels()
        axis.setTicks(levels)
        if len(levels) > 1:
            # the second level is drawn only when all its labels fit (narrow print, small
            # window): they never overlap
            axis.setStyle(textFillLimits=[(0, CATEGORY_LABEL_FILL)])
        else:
            axis.setStyle(textFillLimits=DEFAULT_FILL_LIMITS)

    def _update_lines(self) -> bool:
        """A new year range on a line chart: give the existing lines their new data.

        Much cheaper than a rebuild for long series. Only when the same (series, status) lines
        stay in view with the same marker choice; otherwise return False (rebuild instead).
        """
        if self.spec.kind != "line" or not self._lines:
            return False
        model = build_chart_model(self.spec, self.lang, self.year_range, self.marks)
        runs = {(r.series, r.status): r for r in model.runs}
        if runs.keys() != self._lines.keys() or model.legend != self.model.legend:
            return False
        if model.labels or self._labels:
            return False  # a short line's value labels are placed anew
        for key, run in runs.items():
            if (self._lines[key].opts.get("symbol") is not None) != run.markers:
                return False
        self.model = model
        for key, run in runs.items():
            self._lines[key].setData(run.x, run.y)
        self.plotItem.setXRange(*model.x_range, padding=0)
        self.plotItem.setYRange(*model.y_range, padding=0)
        self._build_ticks()
        self._apply_focus()
        draw_change_marks(self)
        return True

    def _build_legend(self) -> None:
        rows = self.model.legend
        if not rows:
            return
        font_px = max(self.theme.tick_px - 1, 10)
        # above the plot, in the layout's row under the unit: never over a value or a label
        # (inside the plot, a short chart's legend covered its values)
        legend = pg.LegendItem(
            labelTextColor=self.theme.text,
            labelTextSize=f"{font_px}px",
            colCount=self.model.legend_columns,
        )
        self._place_legend_row(legend)
        for row in rows:
            if row.shape == BAR:
                sample = pg.BarGraphItem(
                    x=[0],
                    height=[1],
                    width=1,
                    pen=self._bar_pen(row.series, row.status),
                    brush=self._brush(row.series, row.status),
                )
            else:
                sample = self._lines[(row.series, row.status)]
            legend.addItem(sample, html.escape(row.text))
        # legend labels are rich text in the application's font unless told otherwise: name
        # the bundled family, so a chart never depends on the app font (headless PDF export)
        family = ui_font().family()
        for _sample, label in legend.items:
            label.setText(label.text, family=family)
        legend.updateSize()
        legend.layout.activate()
        rect = legend.boundingRect()
        # as wide as its entries, at the plot's left (stretched, its columns drifted apart)
        legend.setMaximumWidth(math.ceil(rect.width()))
        self.plotItem.layout.setAlignment(legend, Qt.AlignmentFlag.AlignLeft)
        self.plotItem.layout.setRowFixedHeight(LEGEND_ROW, math.ceil(rect.height()))

    def _place_legend_row(self, legend: pg.LegendItem | None) -> None:
        """Put ``legend`` (or nothing) in the layout's legend row, where the top axis was."""
        layout = self.plotItem.layout
        old = self.plotItem.legend
        if old is not None:
            layout.removeItem(old)
            if old.scene() is not None:
                old.scene().removeItem(old)
        top = self.plotItem.getAxis("top")
        if layout.itemAt(LEGEND_ROW, 1) is top:
            layout.removeItem(top)  # never shown on these charts
            top.setVisible(False)
        self.plotItem.legend = legend
        if legend is None:
            layout.setRowFixedHeight(LEGEND_ROW, 0)
            return
        layout.addItem(legend, LEGEND_ROW, 1)

    def _declutter_labels(self, *_args) -> None:
        """Place every value label where it is readable (domain.label_layout): inside the
        plot, over its own period, clear of bars, markers, whiskers, other labels and the
        legend; moved beside its mark or out on a leader line when its default place is taken,
        and written out in the foot line (a tag beside the mark) only when there is no room at
        all. No label is hidden: the picture keeps every value.

        Sizes are in pixels (a label does not scale with the plot), so this holds before the
        labels have moved themselves, and is redone whenever the plot changes size. Opening or
        closing the foot line changes the plot's height: the labels are placed once more then.
        """
        if self._placing:
            return  # the foot line's own resize, while labels are being placed
        self._placing = True
        try:
            for attempt in range(3):
                rows = self._foot_rows()
                self._fit_headroom()  # the foot line changes the plot's height
                self._reserve_tick_space()
                # after the first try the foot line may grow, never shrink: a label that
                # needs it on the shorter plot and not on the taller would flip it forever
                self._place_labels(shrink=attempt == 0)
                if self._foot_rows() == rows:
                    break
        finally:
            self._placing = False

    def _place_labels(self, shrink: bool = True) -> None:
        for item in self._leaders:
            self.plotItem.removeItem(item)
        self._leaders = []
        if not self._labels:
            self._set_foot_notes([], shrink)
            return
        vb = self.plotItem.getViewBox()
        scene = vb.sceneBoundingRect()
        if scene.width() <= 1 or scene.height() <= 1:
            return
        plot = Box(scene.left(), scene.top(), scene.right(), scene.bottom())
        marks = self.model.labels
        half = self._point_size() / 2

        def px(x: float, y: float) -> tuple[float, float]:
            p = vb.mapViewToScene(QPointF(x, y))
            return p.x(), p.y()

        requests: list[LabelRequest] = []
        order = sorted(
            self._labels,
            key=lambda t: (0, marks[t[0]].x) if marks[t[0]].shape == BAR else (1, -marks[t[0]].x),
        )
        for index, label in order:
            k = marks[index]
            label.setText(k.label)
            size = label.textItem.boundingRect().size()
            year = math.floor(k.x)
            (c0, _), (c1, _) = px(year, 0), px(year + 1, 0)
            whisker = None
            bar = None
            x, y = px(k.x, k.value)
            if k.shape == BAR:
                (bx0, by0), (bx1, by1) = px(k.x - k.width / 2, k.value), px(k.x + k.width / 2, 0)
                bar = Box(min(bx0, bx1), min(by0, by1), max(bx0, bx1), max(by0, by1))
            elif k.whisker is not None:
                (wx0, wy), (wx1, _) = px(k.whisker[0], k.value), px(k.whisker[1], k.value)
                whisker = Box(min(wx0, wx1), wy - 1, max(wx0, wx1), wy + 1)
            requests.append(
                LabelRequest(
                    key=index,
                    x=x,
                    y=y,
                    w=size.width(),
                    h=size.height(),
                    column=(min(c0, c1), max(c0, c1)),
                    bar=bar,
                    radius=0.0 if bar is not None else half,
                    negative=k.value < 0 and bar is not None,
                    whisker=whisker,
                )
            )
        obstacles = []
        legend = self.plotItem.legend
        if legend is not None and legend.isVisible():
            r = legend.sceneBoundingRect()  # above the plot: an obstacle only if it reaches in
            obstacles.append(Box(r.left(), r.top(), r.right(), r.bottom()))
        text_item = self._labels[0][1].textItem
        fm = QFontMetricsF(text_item.font())
        margin = 2 * text_item.document().documentMargin()
        tag_size = (fm.horizontalAdvance("m") + margin, fm.height() + margin)
        placements = place_labels(requests, plot, obstacles, tag_size)
        notes: list[str] = []
        by_key = dict(self._labels)
        pen = pg.mkPen(self.theme.muted, width=1)
        for place in placements:
            label = by_key[place.key]
            if place.tag:
                notes.append(f"{place.tag} {marks[place.key].label.replace(chr(10), ' ')}")
                label.setText(place.tag)
            label.setAnchor((0, 0))
            label.setPos(vb.mapSceneToView(QPointF(place.box.x0, place.box.y0)))
            label.setVisible(True)
            if place.leader is not None:
                x0, y0, x1, y1 = place.leader
                a, b = vb.mapSceneToView(QPointF(x0, y0)), vb.mapSceneToView(QPointF(x1, y1))
                line = pg.PlotCurveItem([a.x(), b.x()], [a.y(), b.y()], pen=pen)
                line.setZValue(19)
                self.plotItem.addItem(line, ignoreBounds=True)
                self._leaders.append(line)
        self._set_foot_notes(notes, shrink)

    def _point_size(self) -> float:
        return POINT_SIZE * max(1.0, self.theme.tick_px / 13)

    # -- focus and interaction -------------------------------------------------------------
    def set_focus_year(self, year: int | None) -> None:
        if year != self.focus_year:
            self.focus_year = year
            self._apply_focus()

    def _focus_span(self) -> tuple[float, float] | None:
        """The focused year's whole width on the time axis (every chart kind alike)."""
        year = self.focus_year
        if year is None:
            return None
        return (float(year), float(year + 1))

    def _apply_focus(self) -> None:
        span = self._focus_span()
        if span is None:
            if self._focus_item is not None:
                self._focus_item.setVisible(False)
            return
        if self._focus_item is None:
            self._focus_item = pg.LinearRegionItem(
                values=span,
                movable=False,
                brush=pg.mkBrush(_qcolor(self.theme.focus)),
                pen=pg.mkPen(None),
            )
            self._focus_item.setZValue(-10)
            self.plotItem.addItem(self._focus_item, ignoreBounds=True)
        else:
            self._focus_item.setRegion(span)
        self._focus_item.setVisible(True)

    def _year_at(self, scene_pos: QPointF) -> int | None:
        vb = self.plotItem.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        lo, hi = self.model.x_range
        return int(math.floor(x)) if lo <= x <= hi else None

    def _on_click(self, event) -> None:
        year = self._year_at(event.scenePos())
        if year is not None and event.button() == Qt.MouseButton.LeftButton:
            self.yearClicked.emit(year)

    def _hide_hover(self) -> None:
        if self._hover_line is not None and self._hover_text is not None:
            self._hover_line.setVisible(False)
            self._hover_text.setVisible(False)

    def leaveEvent(self, event) -> None:
        """The pointer left the chart: no crosshair or tooltip stays behind."""
        self._hide_hover()
        super().leaveEvent(event)

    def _on_move(self, args) -> None:
        pos = args[0]
        text = self.hover_text_at(pos)
        if text is None:
            self._hide_hover()
            return
        x, body = text
        if self._hover_line is None:
            self._hover_line = pg.InfiniteLine(
                angle=90, movable=False, pen=pg.mkPen(self.theme.muted, style=Qt.PenStyle.DotLine)
            )
            self._hover_text = pg.TextItem(
                color=self.theme.text,
                anchor=(0, 0),
                fill=pg.mkBrush(_qcolor(self.theme.background, 235)),
                border=pg.mkPen(self.theme.grid),
            )
            font = ui_font()
            font.setPixelSize(max(self.theme.label_px, 11))
            self._hover_text.setFont(font)
            self._hover_text.setZValue(100)
            self.plotItem.addItem(self._hover_line, ignoreBounds=True)
            self.plotItem.addItem(self._hover_text, ignoreBounds=True)
        assert self._hover_text is not None
        self._hover_line.setPos(x)
        self._hover_line.setVisible(True)
        self._hover_text.setText(body)
        self._place_hover_text(x)
        self._hover_text.setVisible(True)

    def _place_hover_text(self, x: float) -> None:
        """Beside the crosshair, on the side with more room, and always inside the plot."""
        assert self._hover_text is not None
        vb = self.plotItem.getViewBox()
        (x0, x1), (_y0, y1) = vb.viewRange()
        plot_px = max(vb.width(), 1.0)
        # a box wider than the plot wraps its lines to the plot's width
        self._hover_text.setTextWidth(-1)
        if self._hover_text.boundingRect().width() > plot_px - 4:
            self._hover_text.setTextWidth(max(plot_px - 4, 40.0))
        width_px = self._hover_text.boundingRect().width()
        width = width_px * (x1 - x0) / plot_px  # the box's width in data units
        left = x + (x1 - x0) * 0.01 if x <= (x0 + x1) / 2 else x - width - (x1 - x0) * 0.01
        left = max(x0, min(left, x1 - width))
        self._hover_text.setAnchor((0, 0))
        self._hover_text.setPos(left, y1)

    def hover_text_at(self, scene_pos: QPointF) -> tuple[float, str] | None:
        """Exact values, period, status, caveats and source under the mouse (plain text)."""
        vb = self.plotItem.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        if self.model.kind == "bar":
            marks = self.model.marks_near(x)
            if not marks:
                return None
            lines = [self._describe(self.spec.series[k.series], k.point) for k in marks]
            return marks[0].x if len(marks) == 1 else _mid(marks), "\n".join(lines)
        best = None
        for run in self.model.runs:
            if not len(run.x):
                continue
            j = int(np.argmin(np.abs(run.x - x)))
            d = abs(run.x[j] - x)
            if best is None or d < best[0]:
                best = (d, run, j)
        if best is None:
            return None
        _, run, j = best
        series = self.spec.series[run.series]
        return float(run.x[j]), self._describe(series, series.point(int(run.rows[j])))

    def _describe(self, series: SeriesData, p) -> str:
        lang = self.lang
        src = self.briefing.sources.get(p.source_id)
        source = f"{src.publisher} {src.date}".strip() if src else p.source_id
        status = tr(f"status.{p.status}", lang)
        sep = tr("punct.colon", lang)
        # the notes under the numbers the chart's labels show
        book = self.model.book or MarkBook(lang)
        notes = point_notes(p, series.metric, lang)
        value = p.value_text(series.metric, lang) + book.marks(notes)
        lines = [
            f"{series.metric.name(lang)}{sep}{value}",
            f"{p.period.label(lang)} · {status} · {source}",
            *book.lines(notes),
        ]
        return "\n".join(lines)

    # -- export ------------------------------------------------------------------------------
    def sync_geometry(self) -> None:
        """Lay the plot out for the widget's current size, even if it was never shown.

        A hidden widget gets its resize event only when shown, so after ``resize()`` alone the
        plot keeps pyqtgraph's default 640×480 and a print stretches it — and its text —
        unevenly into the target. On a shown widget the sizes already agree: nothing happens.
        """
        size = self.size()
        if self.plotItem.sceneBoundingRect().size() != QSizeF(size):
            self.resizeEvent(QResizeEvent(size, size))
        legend = self.plotItem.legend
        if legend is not None:
            # a layout is laid out on its next event: painted before that (export, PDF), the
            # last legend entries would sit on top of the first
            legend.layout.activate()
        self._fit_and_declutter()

    def _fit_and_declutter(self, *_args) -> None:
        self._fit_headroom()
        self._declutter_labels()

    def _fit_headroom(self) -> None:
        """Raise the top of the value range until the tallest value's label fits above it, under
        the legend (a fixed size in pixels) if there is one: the model's headroom is a share of
        the range, which a short chart (a PDF column, a small window) finds too small. Never
        lowers it; nothing else changes."""
        m = self.model
        legend = self.plotItem.legend
        values = [k.value for k in m.marks] + [float(np.nanmax(r.y)) for r in m.runs if len(r.y)]
        if not values or (legend is None and not self._labels):
            return
        vb = self.plotItem.getViewBox()
        plot_px = vb.height()
        label_px = 0.0
        if self._labels:
            tallest = max(label.textItem.boundingRect().height() for _i, label in self._labels)
            label_px = tallest + self._point_size() / 2 + 2
            if self._bar_labels_crowded() or self._points_on_bars():
                # room for a second row: neighbouring labels staggered, or a point's label
                # above the label of the bar it stands on
                label_px += tallest + 2
        needed = label_px + 4  # the legend is above the plot, not in it
        if plot_px <= 0 or needed >= plot_px * 0.8:
            return  # too short to help: keep the model's range
        bottom, top = m.y_range
        ymax = max(values)
        share = needed / plot_px
        want = (ymax - share * bottom) / (1 - share)
        current = vb.viewRange()[1][1]
        target = max(top, want)
        if abs(current - target) > 1e-9 * max(1.0, abs(target)):
            self.plotItem.setYRange(bottom, target, padding=0)

    def _reserve_tick_space(self) -> None:
        """Make the value axis as wide as its widest tick label before anything is painted.

        pyqtgraph widens an axis for its labels only while painting it, so a chart painted
        once (PDF, image) dropped the labels that did not fit ('30000' on a narrow axis)."""
        axis = self.plotItem.getAxis("left")
        vb = self.plotItem.getViewBox()
        lo, hi = vb.viewRange()[1]
        size = max(vb.height(), 1.0)
        font = ui_font()
        font.setPixelSize(self.theme.tick_px)
        fm = QFontMetricsF(font)
        widest = 0.0
        for spacing, values in axis.tickValues(lo, hi, size):
            for text in axis.tickStrings(values, 1.0, spacing):
                widest = max(widest, fm.horizontalAdvance(text))
        want = math.ceil(widest) + 2
        if want > axis.textWidth:
            axis._updateMaxTextSize(want)  # what its paint would do, only earlier
            self.plotItem.layout.activate()

    def _points_on_bars(self) -> bool:
        """True when a point (a date, a partial span) stands within a bar's year."""
        marks = self.model.labels
        bar_years = {math.floor(k.x) for k in marks if k.shape == BAR}
        return any(k.shape != BAR and math.floor(k.x) in bar_years for k in marks)

    def _bar_labels_crowded(self) -> bool:
        """True when a bar's label is wider than the space between two neighbouring bars."""
        bars = sorted((k.x, i) for i, k in enumerate(self.model.labels) if k.shape == BAR)
        if len(bars) < 2:
            return False
        vb = self.plotItem.getViewBox()
        (x0, x1), _ = vb.viewRange()
        px_per_year = vb.width() / max(x1 - x0, 1e-9)
        gap = min(b[0] - a[0] for a, b in zip(bars, bars[1:], strict=False)) * px_per_year
        labels = dict(self._labels)
        widest = max(labels[i].textItem.boundingRect().width() for _x, i in bars)
        return widest > gap - 2

    def render_to(self, painter, target: QRectF) -> None:
        """Paint the chart as vectors onto any QPainter (PDF, SVG, image).

        pyqtgraph items draw cosmetic and cached content differently on screen; export mode
        makes them paint real vectors (NOTES: scatter symbols otherwise become bitmaps).
        """
        self.sync_geometry()
        scene = self.scene()
        items = scene.items()
        for item in items:
            if hasattr(item, "setExportMode"):
                item.setExportMode(True, {"painter": painter, "antialias": True})
        try:
            source = self.plotItem.sceneBoundingRect()
            scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        finally:
            for item in items:
                if hasattr(item, "setExportMode"):
                    item.setExportMode(False)


def line_legend_rows(spec: ChartSpec, year_range: tuple[int, int] | None, lang: str = "en") -> int:
    """Rows of a chart's legend, without drawing it (the PDF sizes charts by it)."""
    return build_chart_model(spec, lang, year_range).legend_rows


def _mid(marks: list[Mark]) -> float:
    return (min(k.x for k in marks) + max(k.x for k in marks)) / 2


_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dotted": Qt.PenStyle.DotLine,
    "dashed": Qt.PenStyle.DashLine,
}
_BRUSH_STYLES = {
    "solid": Qt.BrushStyle.SolidPattern,
    "hatched": Qt.BrushStyle.BDiagPattern,
    "none": Qt.BrushStyle.NoBrush,
}
