"""The one chart-building path: the window, the slides, image export and the PDF all draw a
chart through :class:`ChartView`, so that they can never disagree.

Honesty is drawn, not only written: reported values are solid bars, derived values hatched bars
and targets dashed outlines; qualifiers ("over", "about", "at least") prefix the value labels.
All snapshot strings are set as plain text (pyqtgraph's axis labels take HTML, so they are
escaped).
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen, QResizeEvent

from ..domain.formatting import format_short
from ..domain.i18n import tr
from .change_marks import draw_change_marks
from .fonts import ui_font
from .theme import MARKERS, Theme

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec, SeriesData

pg.setConfigOptions(antialias=True, foreground="k", background="w")

MAX_VALUE_LABELS = 16
DENSE_LINE_POINTS = 120  # beyond this many points a line is drawn 1 px wide
LINE_MAX_POINTS = 4000  # line charts are downsampled beyond this many points per view
CATEGORY_LABELS_ALWAYS = 6  # up to this many bar categories, every label is drawn
CATEGORY_LABEL_FILL = 0.85  # beyond it, all labels only if they fill at most this much
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
    ):
        super().__init__(parent=parent, background=theme.background)
        self.spec = spec
        self.briefing = briefing
        self.theme = theme
        self.lang = lang
        self.interactive = interactive
        self.year_range: tuple[int, int] | None = year_range
        self._lines: dict[tuple[int, str], pg.PlotDataItem] = {}  # (series, status) -> item
        self._visible_statuses: frozenset[str] = spec.statuses
        self.focus_year: int | None = None
        self._categories: list = []
        self._focus_item: pg.LinearRegionItem | None = None
        self._hover_line: pg.InfiniteLine | None = None
        self._hover_text: pg.TextItem | None = None
        self._proxy = None
        # values changed since a compared snapshot, (metric, period, status): render/change_marks
        self.change_keys: frozenset[tuple[str, str, str]] = frozenset()
        self.bar_points: list[tuple[float, float, float, object]] = []  # x, height, width, point
        self.setMinimumHeight(200)
        self.plotItem.setMenuEnabled(False)
        self.plotItem.hideButtons()
        vb = self.plotItem.getViewBox()
        vb.setMouseEnabled(x=False, y=False)
        vb.setDefaultPadding(0.04)
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
        family = html.escape(ui_font().family())
        self.plotItem.getAxis("left").setLabel(
            html.escape(self.spec.unit_label(self.lang)),
            **{"color": t.text, "font-size": f"{t.tick_px}px", "font-family": family},
        )

    def set_spec(self, spec: ChartSpec, year_range: tuple[int, int] | None = None) -> None:
        """Draw another chart in this widget (the PDF reuses one view for all its charts)."""
        self.spec = spec
        self.year_range = year_range
        self.focus_year = None
        self._visible_statuses = spec.statuses
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

    def _in_range(self, year: int) -> bool:
        return self.year_range is None or self.year_range[0] <= year <= self.year_range[1]

    def rebuild(self) -> None:
        """(Re)draw everything from the spec for the current year range."""
        self.plotItem.clear()
        if self.plotItem.legend is not None:
            self.plotItem.legend.scene() and self.plotItem.legend.scene().removeItem(
                self.plotItem.legend
            )
            self.plotItem.legend = None
        self._focus_item = None
        self._hover_line = self._hover_text = None
        self._lines = {}
        self.bar_points = []
        if self.spec.kind == "bar":
            self._build_bars()
        else:
            self._build_lines()
        self._build_legend()
        self._apply_focus()
        draw_change_marks(self)

    def _series_pen(self, index: int, status: str) -> QPen:
        pen = pg.mkPen(self.theme.color(index), width=self.theme.line_width)
        if status == "target":
            pen.setStyle(Qt.PenStyle.DashLine)
        elif status == "derived" and self.spec.kind == "line":
            pen.setStyle(Qt.PenStyle.DotLine)  # bars show derived values hatched instead
        return pen

    def _series_brush(self, index: int, status: str) -> QBrush:
        color = _qcolor(self.theme.color(index))
        if status == "reported":
            return QBrush(color)
        if status == "derived":
            return QBrush(color, Qt.BrushStyle.BDiagPattern)
        return QBrush(Qt.BrushStyle.NoBrush)

    def _build_bars(self) -> None:
        cats = [p for p in self.spec.categories if self._in_range(p.year)]
        self._categories = cats
        index = {p.code: i for i, p in enumerate(cats)}
        # Each category holds one slot per value in it (a series may have a reported value and
        # a target for the same period: they stand side by side, never on top of each other).
        slots: dict[int, list[tuple[int, object]]] = {}
        for si, series in enumerate(self.spec.series):
            for p in series.points:
                if p.period.code in index:
                    slots.setdefault(index[p.period.code], []).append((si, p))
        per_category = max((len(v) for v in slots.values()), default=1)
        width = 0.8 / per_category
        self._visible_statuses = frozenset(p.status for v in slots.values() for _, p in v)
        labels = []
        ymax = ymin = 0.0
        bars: dict[int, tuple[list, list, list, list]] = {}
        for i, entries in slots.items():
            for j, (si, p) in enumerate(entries):
                x = i - 0.4 + width * (j + 0.5 + (per_category - len(entries)) / 2)
                xs, heights, pens, brushes = bars.setdefault(si, ([], [], [], []))
                xs.append(x)
                heights.append(p.value)
                self.bar_points.append((x, p.value, width * 0.92, p))
                pens.append(self._series_pen(si, p.status))
                brushes.append(self._series_brush(si, p.status))
                labels.append((x, p.value, format_short(p.value, p.qualifier), si))
                ymax = max(ymax, p.value)
                ymin = min(ymin, p.value)
        for si, (xs, heights, pens, brushes) in sorted(bars.items()):
            item = pg.BarGraphItem(
                x=np.array(xs),
                height=np.array(heights),
                width=width * 0.92,
                pens=pens,
                brushes=brushes,
            )
            item.setOpts(name=self.spec.series[si].metric.name(self.lang))
            self.plotItem.addItem(item)
        if len(labels) <= MAX_VALUE_LABELS:
            font = ui_font()
            font.setPixelSize(self.theme.label_px)
            for x, y, text, _si in labels:
                # above a bar, or below it when the value is negative
                anchor = (0.5, 1.0) if y >= 0 else (0.5, 0.0)
                label = pg.TextItem(text=text, color=self.theme.text, anchor=anchor)
                label.setFont(font)
                label.setPos(x, y)
                self.plotItem.addItem(label)
        axis = self.plotItem.getAxis("bottom")
        ticks = [(i, p.short_label(self.lang)) for i, p in enumerate(cats)]
        if len(ticks) > CATEGORY_LABELS_ALWAYS:
            # every other label on a second tick level, which pyqtgraph draws only when all
            # the labels fit: on a narrow chart (print, small window) they no longer overlap
            axis.setTicks([ticks[::2], ticks[1::2]])
            axis.setStyle(textFillLimits=[(0, CATEGORY_LABEL_FILL)])
        else:
            axis.setTicks([ticks])
        rows = self._legend_rows()
        top = ymax * (1.16 + 0.14 * rows) if ymax > 0 else 1.0
        self.plotItem.setXRange(-0.6, max(len(cats), 1) - 0.4, padding=0)
        # negative values (a fall in a growth rate) go below zero, with room for their labels
        bottom = ymin - 0.12 * (top - ymin) if ymin < 0 else 0.0
        self.plotItem.setYRange(bottom, top, padding=0)

    def _build_lines(self) -> None:
        self._categories = []
        parts = self._line_parts()
        xmin, xmax, ymin, ymax = math.inf, -math.inf, math.inf, -math.inf
        for x, y in parts.values():
            xmin, xmax = min(xmin, x.min()), max(xmax, x.max())
            ymin, ymax = min(ymin, np.nanmin(y)), max(ymax, np.nanmax(y))
        # the range first: items added to a fixed range are not re-clipped at every add
        self._set_line_ranges(xmin, xmax, ymin, ymax)
        for (si, status), (x, y) in parts.items():
            series = self.spec.series[si]
            pen = self._series_pen(si, status)
            if len(x) > DENSE_LINE_POINTS:
                # a long series drawn 1 px wide: a thick antialiased polyline of hundreds of
                # points costs ~18 ms to paint (Qt raster), a thin one a fraction of that
                pen.setWidthF(1.0)
            item = pg.PlotDataItem(
                x,
                y,
                pen=pen,
                symbol=MARKERS[si % len(MARKERS)] if len(x) <= 60 else None,
                symbolBrush=self._series_brush(si, status),
                symbolPen=pg.mkPen(self.theme.color(si)),
                name=series.metric.name(self.lang)
                + ("" if status == "reported" else f" ({tr(f'status.{status}', self.lang)})"),
            )
            self.plotItem.addItem(item)
            self._lines[(si, status)] = item
            # only once the item is in the plot: set before, pyqtgraph 0.14 looks for the
            # view range on the PlotWidget itself while adding it (AttributeError)
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)
        self.plotItem.getAxis("bottom").setTicks(None)
        self._visible_statuses = frozenset(status for _si, status in parts)

    def _set_line_ranges(self, xmin: float, xmax: float, ymin: float, ymax: float) -> None:
        if xmin < math.inf:
            self.plotItem.setXRange(xmin, xmax, padding=0.02)
            lo = 0.0 if ymin >= 0 else ymin
            self.plotItem.setYRange(lo, ymax * 1.1 if ymax > 0 else 1.0, padding=0)

    def _line_parts(self):
        """Per (series, status) in view: its x and y, for the current year range."""
        parts: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
        for si, series in enumerate(self.spec.series):
            x, y, statuses = self._visible(series)
            for status in ("reported", "derived", "target"):
                mask = statuses == status
                if mask.any():
                    parts[(si, status)] = (x[mask], y[mask])
        return parts

    def _update_lines(self) -> bool:
        """A new year range on a line chart: give the existing lines their new data.

        Much cheaper than a rebuild for long series. Only when the same (series, status) lines
        stay in view with the same marker choice; otherwise return False (rebuild instead).
        """
        if self.spec.kind != "line" or not self._lines:
            return False
        parts = self._line_parts()
        if parts.keys() != self._lines.keys():
            return False
        for key, (x, _y) in parts.items():
            item = self._lines[key]
            had_symbols = item.opts.get("symbol") is not None
            if had_symbols != (len(x) <= 60):
                return False
        xmin, xmax, ymin, ymax = math.inf, -math.inf, math.inf, -math.inf
        for key, (x, y) in parts.items():
            self._lines[key].setData(x, y)
            xmin, xmax = min(xmin, x.min()), max(xmax, x.max())
            ymin, ymax = min(ymin, np.nanmin(y)), max(ymax, np.nanmax(y))
        self._set_line_ranges(xmin, xmax, ymin, ymax)
        self._apply_focus()
        draw_change_marks(self)
        return True

    def _visible(self, series: SeriesData):
        x, y, st = series.x, series.values, series.statuses
        if self.year_range is not None:
            years = series.years
            mask = (years >= self.year_range[0]) & (years <= self.year_range[1])
            x, y, st = x[mask], y[mask], st[mask]
        return x, y, st

    def _legend_entries(self) -> int:
        statuses = self._visible_statuses
        if len(self.spec.series) < 2 and statuses == {"reported"}:
            return 0
        if len(self.spec.series) == 1:
            return len(statuses)
        return len(self.spec.series) + len(statuses - {"reported"})

    def _legend_columns(self) -> int:
        return max(1, min(self._legend_entries(), 2 if len(self.spec.series) > 1 else 3))

    def _legend_rows(self) -> int:
        n = self._legend_entries()
        return 0 if n == 0 else -(-n // self._legend_columns())

    def _build_legend(self) -> None:
        statuses = self._visible_statuses
        if self._legend_entries() == 0:
            return
        font_px = max(self.theme.tick_px - 1, 10)
        legend = self.plotItem.addLegend(
            offset=(8, 4),
            labelTextColor=self.theme.text,
            labelTextSize=f"{font_px}px",
            colCount=self._legend_columns(),
        )
        legend.setBrush(pg.mkBrush(_qcolor(self.theme.background, 215)))
        if self.spec.kind == "bar":
            entries: list[tuple[int, str, str]] = []  # (series index, status, label)
            if len(self.spec.series) == 1:
                # a single series: its name is the chart title; keep only the status keys
                # of the statuses it has (a chart of targets alone shows no "reported" key)
                for status in ("reported", "derived", "target"):
                    if status in statuses:
                        entries.append((0, status, tr(f"status.{status}", self.lang)))
            else:
                for si, series in enumerate(self.spec.series):
                    entries.append((si, "reported", series.metric.name(self.lang)))
                for status in ("derived", "target"):
                    if status in statuses:
                        entries.append((0, status, tr(f"status.{status}", self.lang)))
            for si, status, text in entries:
                pen, brush = self._series_pen(si, status), self._series_brush(si, status)
                if len(self.spec.series) > 1 and status != "reported":
                    # a status key of a multi-series chart belongs to no series: neutral grey
                    pen.setColor(_qcolor(self.theme.muted))
                    brush.setColor(_qcolor(self.theme.muted))
                sample = pg.BarGraphItem(x=[0], height=[1], width=1, pen=pen, brush=brush)
                legend.addItem(sample, html.escape(text))
        else:
            for item in self.plotItem.listDataItems():
                legend.addItem(item, html.escape(item.name() or ""))
        # legend labels are rich text in the application's font unless told otherwise: name
        # the bundled family, so a chart never depends on the app font (headless PDF export)
        family = ui_font().family()
        for _sample, label in legend.items:
            label.setText(label.text, family=family)
        legend.updateSize()

    # -- focus and interaction -------------------------------------------------------------
    def set_focus_year(self, year: int | None) -> None:
        if year != self.focus_year:
            self.focus_year = year
            self._apply_focus()

    def _focus_span(self) -> tuple[float, float] | None:
        year = self.focus_year
        if year is None:
            return None
        if self.spec.kind == "bar":
            idx = [i for i, p in enumerate(self._categories) if p.year == year]
            return (min(idx) - 0.48, max(idx) + 0.48) if idx else None
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
        if self.spec.kind == "bar":
            i = int(round(x))
            return self._categories[i].year if 0 <= i < len(self._categories) else None
        return int(math.floor(x))

    def _on_click(self, event) -> None:
        year = self._year_at(event.scenePos())
        if year is not None and event.button() == Qt.MouseButton.LeftButton:
            self.yearClicked.emit(year)

    def _on_move(self, args) -> None:
        pos = args[0]
        text = self.hover_text_at(pos)
        if text is None:
            if self._hover_line is not None:
                self._hover_line.setVisible(False)
                self._hover_text.setVisible(False)
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
            self.plotItem.addItem(self._hover_line, ignoreBounds=True)
            self.plotItem.addItem(self._hover_text, ignoreBounds=True)
        self._hover_line.setPos(x)
        self._hover_line.setVisible(True)
        self._hover_text.setText(body)
        vb = self.plotItem.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        anchor_right = x > (x0 + x1) / 2
        self._hover_text.setAnchor((1, 0) if anchor_right else (0, 0))
        self._hover_text.setPos(x, y1)
        self._hover_text.setVisible(True)

    def hover_text_at(self, scene_pos: QPointF) -> tuple[float, str] | None:
        """Exact values, period, status and source under the mouse (plain text)."""
        vb = self.plotItem.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        lines = []
        if self.spec.kind == "bar":
            i = int(round(x))
            if not 0 <= i < len(self._categories):
                return None
            code = self._categories[i].code
            for s in self.spec.series:
                for p in s.points:
                    if p.period.code == code:
                        lines.append(self._describe(s, p))
            return float(i), "\n".join(lines) if lines else None
        best = None
        for s in self.spec.series:
            xs, ys, st = self._visible(s)
            if not len(xs):
                continue
            j = int(np.argmin(np.abs(xs - x)))
            if best is None or abs(xs[j] - x) < best[0]:
                best = (abs(xs[j] - x), s, int(np.flatnonzero(s.x == xs[j])[0]))
        if best is None:
            return None
        _, s, j = best
        p = s.points[j]
        return float(s.x[j]), self._describe(s, p)

    def _describe(self, series: SeriesData, p) -> str:
        lang = self.lang
        src = self.briefing.sources.get(p.source_id)
        source = f"{src.publisher} {src.date}".strip() if src else p.source_id
        status = tr(f"status.{p.status}", lang)
        sep = "：" if lang == "zh" else ": "
        return (
            f"{series.metric.name(lang)}{sep}{p.value_text(series.metric, lang)}\n"
            f"{p.period.label(lang)} · {status} · {source}"
        )

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


def line_legend_rows(spec: ChartSpec, year_range: tuple[int, int] | None) -> int:
    """Rows of a line chart's legend, without drawing it (the PDF sizes charts by it)."""
    lines = 0
    statuses: set[str] = set()
    for series in spec.series:
        rows = series.rows_in(year_range)
        present = set(series.statuses[rows])
        lines += len(present)
        statuses |= present
    n_series = len(spec.series)
    if n_series < 2 and statuses == {"reported"} or not lines:
        return 0
    entries = len(statuses) if n_series == 1 else n_series + len(statuses - {"reported"})
    columns = max(1, min(entries, 2 if n_series > 1 else 3))
    return -(-lines // columns)
