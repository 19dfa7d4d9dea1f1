"""What a chart draws, decided once for the window, the slides and the PDF (no Qt).

``render/chart_view.py`` only draws a :class:`ChartModel`; every choice that can mislead a
reader is made here, where it can be tested without pixels:

* **A time axis.** x is time in decimal years (1 January of Y is Y.0). A value sits where its
  period is: a year's value at Y + 0.5, over the tick labelled Y at the same place; a quarter
  or month inside its year; a date at its day (``Period.position``).
* **Bars only for whole, comparable periods.** The chart's most common whole kind (year,
  quarter or month) is drawn as bars; dates (a milestone "crossed 30 m TEU on 26 Nov 2025"),
  partial spans (Jan–Nov) and other kinds are points, labelled with their period, a span with
  a whisker over the months it covers. Several series at one single period (counts as of the
  same date) are compared as bars, the period named on the axis.
* **Status is drawn, not only written** (:data:`STATUS_STYLES`, one mapping for charts, cards
  and slides): reported solid, derived hatched / dotted, target outline / dashed.
* **Caveats travel with the value**: a label carries the value's caveat marks (①②…, from
  :class:`~.caveats.MarkBook`: the chart's own numbering, or the PDF page's when given), and
  the model keeps the book so that a tooltip lists the notes under the same numbers.
* Nothing clipped: the x range covers whole years around every mark, the y range leaves room
  for labels and the lowest marker (the legend is drawn above the plot, not in it).

Undated periods: :func:`axis_x` is the one hook that places a period. It returns None for a
period that has no place on a time axis; such a value is left off the plot and listed in
:attr:`ChartModel.off_axis` (drawn as a note under the chart) rather than given a date.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np

from ..snapshot.periods import BEFORE, Period, decimal_year
from ..text import tr
from .caveats import MarkBook
from .formatting import format_short

if TYPE_CHECKING:
    from .briefing import ChartSpec, Point, SeriesData

BAR, POINT = "bar", "point"
STATUSES = ("reported", "derived", "target")
MAX_VALUE_LABELS = 16  # beyond this many marks in view, values are read from the tooltip
LINE_MARKERS_MAX = 60  # a long series keeps its markers up to this many points in view
BAR_SHARE = 0.8  # share of its period a bar (or a group of bars) covers
CATEGORY_LABELS_ALWAYS = 6  # up to this many year ticks, every one is labelled
BEFORE_WHISKER = 0.5  # years: how far left an undated 'before …' value's whisker reaches

# Legend: a fixed height per row, in pixels at the target's resolution (the PDF sizes its charts
# by it; the view draws it). One definition for every output.
LEGEND_BASE_PX, LEGEND_ROW_PX, LEGEND_OFFSET_PX = 20, 28, 4


@dataclass(frozen=True)
class StatusStyle:
    """How a status is drawn: area fill (bars, markers) and line style (lines, outlines,
    whiskers, card stripes). The one mapping for charts, window cards and slide cards."""

    fill: str  # solid | hatched | none
    line: str  # solid | dotted | dashed


STATUS_STYLES: dict[str, StatusStyle] = {
    "reported": StatusStyle("solid", "solid"),
    "derived": StatusStyle("hatched", "dotted"),
    "target": StatusStyle("none", "dashed"),
}


def status_style(status: str) -> StatusStyle:
    return STATUS_STYLES.get(status, STATUS_STYLES["reported"])


def axis_x(period: Period) -> float | None:
    """Where a period sits on a time axis (decimal years), or None if it has no place.

    The one hook for placing periods: a new imprecise kind that cannot be placed honestly
    returns None here and is listed beside the chart instead of drawn at an invented date.
    """
    pos = getattr(period, "position", None)
    if pos is None:
        return None
    pos = float(pos)
    return pos if math.isfinite(pos) else None


def period_extent(period: Period) -> tuple[float, float]:
    """The period's first and last instant on the axis: [start, end + 1 day)."""
    return decimal_year(period.start), decimal_year(period.end + timedelta(days=1))


def whole_kind(period: Period) -> str | None:
    """'year', 'quarter' or 'month' for a whole period that may be a bar; else None.

    An inferred year is still a whole year (it carries a caveat mark); 'around' and 'before'
    are not periods of a known length.
    """
    if period.precision not in ("exact", "inferred"):
        return None
    if period.kind in ("year", "quarter"):
        return period.kind
    if period.kind == "span" and period.is_month_span:
        return "month"
    return None


_WHOLE_ORDER = {"year": 0, "quarter": 1, "month": 2}


@dataclass(frozen=True)
class Mark:
    """One value to draw: a bar or a point, where, how, and its label."""

    series: int
    point: Point
    shape: str  # BAR | POINT
    x: float  # centre, decimal years
    width: float  # bar width in years; 0 for a point
    whisker: tuple[float, float] | None  # the span a point's period covers, drawn as a line
    open_before: bool  # an undated 'before …' value: sometime before x
    label: str  # as drawn: qualifier sign, number, caveat mark; a point adds its period

    @property
    def value(self) -> float:
        return self.point.value

    @property
    def status(self) -> str:
        return self.point.status

    @property
    def style(self) -> StatusStyle:
        return status_style(self.point.status)

    @property
    def left(self) -> float:
        lo = self.x - self.width / 2
        return min(lo, self.whisker[0]) if self.whisker else lo

    @property
    def right(self) -> float:
        hi = self.x + self.width / 2
        return max(hi, self.whisker[1]) if self.whisker else hi


@dataclass(frozen=True, eq=False)
class Run:
    """Values of one series and status drawn together: a long series, or stock values at
    dates (a cumulative count as of several days). ``rows`` index the series' frame.

    ``joined``: a line connects the values only when they are comparable — all whole periods
    of one kind (years, quarters, months) or all dates. Year-to-date spans of different
    lengths (Jan–May, Jan–Nov) are markers only: a line between them would draw a fall that
    is only a shorter span."""

    series: int
    status: str
    x: np.ndarray
    y: np.ndarray
    rows: np.ndarray
    markers: bool
    joined: bool = True


def comparable(periods: Iterable[Period]) -> bool:
    """True when values of these periods may be joined by a line (see :class:`Run`)."""
    kinds = set()
    for p in periods:
        kind = whole_kind(p) or ("date" if p.kind == "date" and p.is_precise else None)
        if kind is None:
            return False
        kinds.add(kind)
    return len(kinds) <= 1


@dataclass(frozen=True)
class LegendRow:
    series: int  # colour index; -1 for a status key of a multi-series chart (neutral colour)
    status: str
    shape: str  # BAR (a filled sample) or "line"
    text: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    level: int  # 0 always labelled; 1 labelled when there is room


@dataclass(frozen=True, eq=False)
class ChartModel:
    kind: str  # 'bar' (discrete values, labelled) or 'line' (long series)
    marks: tuple[Mark, ...]
    runs: tuple[Run, ...]
    ticks: tuple[Tick, ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    legend: tuple[LegendRow, ...]
    legend_columns: int
    statuses: frozenset[str]
    show_labels: bool
    off_axis: tuple[Mark, ...] = field(default=())
    # the values that carry a label: a bar chart's marks; a short line's points (a line of
    # a few year-to-date spans or dates says nothing without them on paper, with no tooltip)
    labels: tuple[Mark, ...] = field(default=())
    book: MarkBook | None = field(default=None, compare=False)  # the labels' caveat marks

    @property
    def legend_rows(self) -> int:
        n = len(self.legend)
        return 0 if n == 0 else -(-n // self.legend_columns)

    def tick_levels(self) -> list[list[tuple[float, str]]]:
        levels: list[list[tuple[float, str]]] = [[], []]
        for t in self.ticks:
            levels[t.level].append((t.x, t.label))
        return [lv for lv in levels if lv]

    def marks_near(self, x: float) -> list[Mark]:
        """The marks under x: those of the period nearest to it (for the tooltip)."""
        if not self.marks:
            return []

        def distance(m: Mark) -> float:
            if m.left <= x <= m.right:
                return 0.0
            return min(abs(x - m.left), abs(x - m.right))

        best = min(self.marks, key=lambda m: (distance(m), abs(x - m.x)))
        if distance(best) > 0.6:
            return []
        return [m for m in self.marks if m.point.period.code == best.point.period.code]


_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def positions(series: SeriesData) -> np.ndarray:
    """Every observation's place on the time axis (NaN where it has none), computed once."""
    x = _POSITIONS.get(series)
    if x is None:
        places = {code: axis_x(series.periods[code]) for code in series.frame["period"].unique()}
        x = (
            series.frame["period"]
            .map(lambda c: math.nan if places[c] is None else places[c])
            .to_numpy(dtype=float)
        )
        _POSITIONS[series] = x
    return x


def _rows(series: SeriesData, year_range: tuple[int, int] | None) -> np.ndarray:
    return series.rows_in(year_range)


def _point_label(point: Point, shape: str, lang: str, marks: str = "") -> str:
    text = format_short(point.value, point.qualifier) + marks
    if shape == POINT:
        text += "\n" + point.period.short_label(lang)
    return text


def build_chart_model(
    spec: ChartSpec,
    lang: str,
    year_range: tuple[int, int] | None = None,
    marks: MarkBook | None = None,
) -> ChartModel:
    """The model of one chart for a year range (None: every year). ``marks``: the surface's
    caveat numbering (a PDF's); None numbers the chart's own, from ① in the order drawn."""
    book = marks if marks is not None else MarkBook(lang)
    if spec.kind == "line":
        return _line_model(spec, lang, year_range, book)
    return _bar_model(spec, lang, year_range, book)


def _bar_model(
    spec: ChartSpec, lang: str, year_range: tuple[int, int] | None, book: MarkBook
) -> ChartModel:
    entries: list[tuple[int, Point]] = []
    for si, series in enumerate(spec.series):
        entries.extend((si, p) for p in series.points_at(_rows(series, year_range)))
    placed = [(si, p) for si, p in entries if axis_x(p.period) is not None]
    codes = {p.period.code for _si, p in placed}
    kinds = Counter(k for _si, p in placed if (k := whole_kind(p.period)) is not None)
    single = len(codes) == 1
    bar_kind = (
        min(kinds, key=lambda k: (-kinds[k], _WHOLE_ORDER[k])) if kinds and not single else None
    )
    if bar_kind is not None and kinds[bar_kind] < 2 and sum(kinds.values()) < len(placed):
        bar_kind = None  # one whole period among dates and spans: nothing to compare it with

    def is_bar(p: Point) -> bool:
        return single or (bar_kind is not None and whole_kind(p.period) == bar_kind)

    # bars of one period stand side by side (a reported value and a target of the same year,
    # or several series): one slot each, the same slot width across the chart
    slots: dict[str, list[tuple[int, Point]]] = {}
    for si, p in placed:
        if is_bar(p):
            # by the period's place, not its code: "2021" and an inferred "2021?" from another
            # source (a conflict kept side by side) share the year and must not hide each other
            slots.setdefault(p.period.base_code, []).append((si, p))
    per_period = max((len(v) for v in slots.values()), default=1)
    marks: list[Mark] = []
    for group in slots.values():
        period = group[0][1].period
        if single:
            # one period only: the series are compared side by side in the middle of its
            # year, the tick names the period itself
            centre, total = period.year + 0.5, BAR_SHARE
        else:
            centre, total = axis_x(period) or 0.0, BAR_SHARE * _span_years(period)
        width = total / per_period
        for j, (si, p) in enumerate(group):
            x = centre - total / 2 + width * (j + 0.5 + (per_period - len(group)) / 2)
            marks.append(Mark(si, p, BAR, x, width * 0.92, None, False, _point_label(p, BAR, lang)))
    for si, p in placed:
        if is_bar(p):
            continue
        x = axis_x(p.period) or 0.0  # placed: never None here
        before = p.period.precision == BEFORE
        whisker: tuple[float, float] | None
        if before:
            whisker = (x - BEFORE_WHISKER, x)
        elif p.period.kind == "date":
            whisker = None
        else:
            whisker = period_extent(p.period)
        marks.append(Mark(si, p, POINT, x, 0.0, whisker, before, _point_label(p, POINT, lang)))
    off_axis = tuple(
        Mark(si, p, POINT, math.nan, 0.0, None, False, _point_label(p, POINT, lang))
        for si, p in entries
        if axis_x(p.period) is None
    )
    marks.sort(key=lambda m: (m.x, m.series))
    # the caveat marks numbered left to right, as a reader meets them
    marks = [_with_marks(m, spec, lang, book) for m in marks]
    off_axis = tuple(_with_marks(m, spec, lang, book) for m in off_axis)
    runs = _stock_runs(spec, marks)
    statuses = frozenset(m.status for m in marks)
    legend, columns = _bar_legend(spec, statuses, lang)
    x_range = _x_range(marks)
    ticks = _single_tick(marks, lang) if single and marks else _year_ticks(x_range)
    show_labels = len(marks) <= MAX_VALUE_LABELS
    y_range = _bar_y_range(marks, show_labels)
    return ChartModel(
        "bar",
        tuple(marks),
        runs,
        ticks,
        x_range,
        y_range,
        legend,
        columns,
        statuses,
        show_labels,
        off_axis,
        tuple(marks) if show_labels else (),
        book,
    )


def _with_marks(mark: Mark, spec: ChartSpec, lang: str, book: MarkBook) -> Mark:
    """The mark with its label's caveat marks (the value's notes, numbered by ``book``)."""
    notes = book.of_point(mark.point, spec.series[mark.series].metric)
    return replace(mark, label=_point_label(mark.point, mark.shape, lang, notes)) if notes else mark


def _span_years(period: Period) -> float:
    lo, hi = period_extent(period)
    return hi - lo


def _stock_runs(spec: ChartSpec, marks: list[Mark]) -> tuple[Run, ...]:
    """Lines through a series' values at dates, when it has nothing else: a stock over time.

    Never through bars or spans (a year's flow and a count on a day are different things).
    """
    runs = []
    for si in range(len(spec.series)):
        own = [m for m in marks if m.series == si]
        if any(m.shape == BAR or m.point.period.kind != "date" for m in own) or not comparable(
            m.point.period for m in own
        ):
            continue  # only precise dates: an undated or approximate value is never joined
        for status in STATUSES:
            pts = [m for m in own if m.status == status]
            if len(pts) >= 2:
                runs.append(
                    Run(
                        si,
                        status,
                        np.array([m.x for m in pts]),
                        np.array([m.value for m in pts]),
                        np.array([], dtype=int),
                        markers=False,  # the marks draw the markers
                    )
                )
    return tuple(runs)


def _x_range(marks: list[Mark]) -> tuple[float, float]:
    """Whole years around every mark, and a margin so that no marker is cut at the edge."""
    if not marks:
        return (0.0, 1.0)
    lo = math.floor(min(m.left for m in marks))
    hi = math.floor(max(m.right for m in marks) - 1e-9) + 1
    pad = 0.03 * (hi - lo)
    return (lo - pad, hi + pad)


def _year_ticks(x_range: tuple[float, float]) -> tuple[Tick, ...]:
    """A tick per year at mid-year, labelled with the year: under that year's values.

    Beyond :data:`CATEGORY_LABELS_ALWAYS` years every other label (the latest year always)
    moves to a second level, drawn only when all fit.
    """
    first = math.ceil(x_range[0] - 0.5)
    last = math.floor(x_range[1] - 0.5)
    years = list(range(first, last + 1))
    if not years:
        return ()
    n = len(years)
    stride = 1 if n <= CATEGORY_LABELS_ALWAYS else 2 if n <= 16 else 5 if n <= 40 else 10
    latest = years[-1]
    return tuple(Tick(y + 0.5, str(y), 0 if (latest - y) % stride == 0 else 1) for y in years)


def _single_tick(marks: list[Mark], lang: str) -> tuple[Tick, ...]:
    period = marks[0].point.period
    return (Tick(period.year + 0.5, period.short_label(lang), 0),)


def _bar_y_range(marks: list[Mark], labels: bool) -> tuple[float, float]:
    values = [m.value for m in marks]
    ymax = max([0.0, *values])
    ymin = min([0.0, *values])
    two_lines = labels and any(m.shape == POINT for m in marks)
    # the legend is drawn above the plot (render/chart_view), so it takes no headroom here
    head = 1.16 + (0.12 if two_lines else 0.0)
    top = ymax * head if ymax > 0 else 1.0
    # negative values (a fall in a growth rate) go below zero, with room for their labels
    bottom = ymin - 0.12 * (top - ymin) if ymin < 0 else 0.0
    lowest_point = min((m.value for m in marks if m.shape == POINT), default=None)
    if lowest_point is not None and lowest_point - bottom < 0.04 * (top - bottom):
        bottom -= 0.05 * (top - bottom)  # a marker on the axis is drawn whole
    return (bottom, top)


def _bar_legend(
    spec: ChartSpec, statuses: frozenset[str], lang: str
) -> tuple[tuple[LegendRow, ...], int]:
    multi = len(spec.series) > 1
    if not multi and statuses <= {"reported"}:
        return (), 1
    rows: list[LegendRow] = []
    if not multi:
        # a single series: its name is the chart title; keep only the status keys of the
        # statuses it has (a chart of targets alone shows no "reported" key)
        rows = [
            LegendRow(0, st, BAR, tr(f"status.{st}", lang)) for st in STATUSES if st in statuses
        ]
    else:
        rows = [
            LegendRow(si, "reported", BAR, s.metric.name(lang)) for si, s in enumerate(spec.series)
        ]
        rows += [
            LegendRow(-1, st, BAR, tr(f"status.{st}", lang))
            for st in ("derived", "target")
            if st in statuses
        ]
    columns = max(1, min(len(rows), 2 if multi else 3))
    return tuple(rows), columns


def _line_model(
    spec: ChartSpec, lang: str, year_range: tuple[int, int] | None, book: MarkBook
) -> ChartModel:
    runs: list[Run] = []
    for si, series in enumerate(spec.series):
        rows = _rows(series, year_range)
        x_all = positions(series)[rows]
        keep = np.isfinite(x_all)
        rows, x_all = rows[keep], x_all[keep]
        st = series.statuses[rows]
        y_all = series.values[rows]
        codes = series.frame["period"].to_numpy()[rows]
        for status in STATUSES:
            mask = st == status
            if mask.any():
                joined = comparable(series.periods[c] for c in set(codes[mask]))
                runs.append(
                    Run(
                        si,
                        status,
                        x_all[mask],
                        y_all[mask],
                        rows[mask],
                        markers=int(mask.sum()) <= LINE_MARKERS_MAX or not joined,
                        joined=joined,
                    )
                )
    statuses = frozenset(r.status for r in runs)
    legend: tuple[LegendRow, ...] = ()
    multi = len(spec.series) > 1
    if multi or statuses != {"reported"}:
        legend = tuple(
            LegendRow(
                r.series,
                r.status,
                "line",
                spec.series[r.series].metric.name(lang)
                + ("" if r.status == "reported" else f" ({tr(f'status.{r.status}', lang)})"),
            )
            for r in runs
        )
    columns = max(1, min(len(legend), 2 if multi else 3))
    x_range: tuple[float, float] = (0.0, 1.0)
    y_range: tuple[float, float] = (0.0, 1.0)
    if runs:
        xmin = min(float(r.x.min()) for r in runs)
        xmax = max(float(r.x.max()) for r in runs)
        ymin = min(float(np.nanmin(r.y)) for r in runs)
        ymax = max(float(np.nanmax(r.y)) for r in runs)
        first, last = float(math.floor(xmin)), math.floor(xmax) + 1.0
        pad = 0.02 * (last - first)
        x_range = (first - pad, last + pad)
        lo = min(0.0, ymin)
        hi = ymax * 1.1 if ymax > 0 else 1.0
        if ymin - lo < 0.04 * (hi - lo):
            lo -= 0.05 * (hi - lo)  # the lowest point's marker is drawn whole
        y_range = (lo, hi)
    # caveat marks numbered left to right, as on a bar chart's labels
    labels = tuple(_with_marks(m, spec, lang, book) for m in _line_labels(spec, runs, lang))
    return ChartModel(
        "line",
        (),
        tuple(runs),
        _year_ticks(x_range),
        x_range,
        y_range,
        legend,
        columns,
        statuses,
        bool(labels),
        labels=labels,
        book=book,
    )


def _line_labels(spec: ChartSpec, runs: list[Run], lang: str) -> tuple[Mark, ...]:
    """A label for each point of a line with few points in view (none for a long series,
    read from the tooltip and the data table). A whole year's value needs no period in its
    label (the axis names it); a span or a date does."""
    if not 0 < sum(len(r.x) for r in runs) <= MAX_VALUE_LABELS:
        return ()
    out = []
    for r in runs:
        points = spec.series[r.series].points_at(r.rows)
        for x, p in zip(r.x, points, strict=True):
            shape = BAR if whole_kind(p.period) == "year" else POINT
            out.append(
                Mark(r.series, p, POINT, float(x), 0.0, None, False, _point_label(p, shape, lang))
            )
    return tuple(sorted(out, key=lambda m: (m.x, m.series)))
