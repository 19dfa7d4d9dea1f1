"""The briefing: what each tab shows, built from a snapshot and nothing else.

Rules that decide the layout, so that any snapshot — the bundled one or another — is shown
completely and honestly:

* a metric (or a ``chart_group`` of metrics with the same unit and scope) with two or more
  observations becomes a chart on its sector's tab; one with a single observation becomes a
  figure card there — so every observation appears somewhere;
* metrics with a ``headline`` position also appear as KPI cards on the Overview;
* highlights become text cards on their sector's tab.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import overload

import numpy as np
import pandas as pd

from ..snapshot.model import Snapshot
from ..snapshot.periods import Period, parse_period
from ..text import pick, tr
from .formatting import format_value, qualifier_word, unit_label
from .tabs import SECTOR_TAB, TABS

STATUS_ORDER = {"reported": 0, "derived": 1, "target": 2}
BAR_CHART_MAX_POINTS = 12


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    note: str

    def cite(self) -> str:
        """'Publisher, 《Title》, 2024-06-26' — one line for notes and the sources page."""
        parts = [self.publisher, self.title, self.date]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Metric:
    id: str
    sector: str
    name_zh: str
    name_en: str
    unit: str
    unit_zh: str
    unit_en: str
    scope: str
    scope_zh: str
    scope_en: str
    chart_group: str
    headline: int | None
    description_zh: str
    description_en: str

    def name(self, lang: str) -> str:
        return pick(lang, self.name_zh, self.name_en)

    def unit_label(self, lang: str) -> str:
        """The stored unit as a reader names it (column and CSV headers, chart axes)."""
        return unit_label(self.unit, lang, pick(lang, self.unit_zh, self.unit_en))

    def scope_label(self, lang: str) -> str:
        return pick(lang, self.scope_zh, self.scope_en)

    def description(self, lang: str) -> str:
        return pick(lang, self.description_zh, self.description_en)

    @property
    def tab(self) -> str:
        return SECTOR_TAB[self.sector]


@dataclass(frozen=True)
class Point:
    obs_id: int
    metric_id: str
    period: Period
    value: float
    qualifier: str
    status: str
    source_id: str
    quote: str
    formula: str
    note: str
    ref: str

    @property
    def year(self) -> int:
        return self.period.year

    def value_text(self, metric: Metric, lang: str) -> str:
        return format_value(self.value, self.qualifier, metric.unit_label(lang), lang, metric.unit)


@dataclass(frozen=True, eq=False)
class SeriesData:
    """One metric's observations, kept as a frame so that huge series stay cheap."""

    metric: Metric
    frame: pd.DataFrame  # observation rows of this metric, sorted by period end
    periods: dict[str, Period] = field(repr=False)

    @cached_property
    def points(self) -> tuple[Point, ...]:
        """Every observation as a Point: for short series (cards, bar charts, tables); long
        ones are drawn and tabulated from the frame, see :meth:`point` and :meth:`rows_in`."""
        return tuple(self._point(i) for i in range(len(self.frame)))

    @cached_property
    def _columns(self) -> dict[str, np.ndarray]:
        """The frame's columns as arrays, taken once: a Point from a row is then a few array
        lookups (``itertuples`` on a slice costs a namedtuple class and a column copy per call,
        which the PDF's tables and charts paid hundreds of times per export)."""
        names = ("id", "period", "value", "qualifier", "status", "source_id")
        cols = {n: self.frame[n].to_numpy() for n in names}
        for n in ("quote", "formula", "note", "ref"):
            cols[n] = self.frame[n].to_numpy(dtype=object)
        return cols

    def _point(self, i: int) -> Point:
        c = self._columns
        return Point(
            obs_id=int(c["id"][i]),
            metric_id=self.metric.id,
            period=self.periods[c["period"][i]],
            value=float(c["value"][i]),
            qualifier=c["qualifier"][i],
            status=c["status"][i],
            source_id=c["source_id"][i],
            quote=_text(c["quote"][i]),
            formula=_text(c["formula"][i]),
            note=_text(c["note"][i]),
            ref=_text(c["ref"][i]),
        )

    def point(self, i: int) -> Point:
        """The observation in row ``i`` of the frame, without making all the others."""
        if "points" in self.__dict__:
            return self.points[i]
        return self._point(int(i))

    def points_at(self, rows: Iterable[int]) -> list[Point]:
        """The observations in these rows of the frame (in the order given)."""
        if "points" in self.__dict__:
            return [self.points[i] for i in rows]
        return [self._point(int(i)) for i in rows]

    def rows_in(self, years: tuple[int, int] | None) -> np.ndarray:
        """Row numbers of the observations in a year range (all when None)."""
        if years is None:
            return np.arange(len(self.frame))
        y = self.years
        return np.flatnonzero((y >= years[0]) & (y <= years[1]))

    @cached_property
    def end_days(self) -> np.ndarray:
        """Each period's end as days since 1970 (comparable numbers)."""
        end = self.frame["period_end"].to_numpy(dtype="datetime64[D]")
        return end.astype(np.int64)

    @cached_property
    def start_days(self) -> np.ndarray:
        start = self.frame["period_start"].to_numpy(dtype="datetime64[D]")
        return start.astype(np.int64)

    def headline_row(self, rows: np.ndarray) -> int:
        """The value that stands for the metric among ``rows`` (the headline rule).

        An actual beats a target (a target only when there is nothing else); then the latest
        period end; at the same end, reported beats derived (a reported 2015 value of 20 beats
        a value of 2 derived for December 2015); then a stated period beats an imprecise one
        (inferred, "around", "before"); then the later start (the shorter period); then the
        later row. The Overview card, the slides and the PDF's headline figures all
        use this rule.
        """
        order = self.status_order[rows]
        actual = rows[order != STATUS_ORDER["target"]]
        if len(actual):
            rows = actual
        end = self.end_days[rows]
        rows = rows[end == end.max()]
        order = self.status_order[rows]
        rows = rows[order == order.min()]
        if len(rows) > 1:  # a stated period beats an inferred, "around" or "before" one
            precise = np.array([self.periods[c].is_precise for c in self.period_codes[rows]])
            if precise.any():
                rows = rows[precise]
        start = self.start_days[rows]
        rows = rows[start == start.max()]
        return int(rows[-1])

    @cached_property
    def period_codes(self) -> np.ndarray:
        return self.frame["period"].to_numpy()

    @cached_property
    def _row_of_obs(self) -> dict[int, int]:
        return {int(obs_id): row for row, obs_id in enumerate(self.frame["id"].to_numpy())}

    def latest_of(self, points: Iterable[Point]) -> Point:
        """The headline rule (:meth:`headline_row`) among some of this series' points: the
        one "latest value" of the summary, the takeaways and the scorecard, so that they
        never pick different values for the same period (2021's 1,890 stated vs 1,870 with
        an inferred year)."""
        rows = np.array(sorted(self._row_of_obs[p.obs_id] for p in points), dtype=int)
        if not len(rows):
            raise ValueError("latest_of() needs at least one point")
        return self.point(self.headline_row(rows))

    @cached_property
    def status_order(self) -> np.ndarray:
        return self.frame["status"].map(STATUS_ORDER).to_numpy(dtype=int)

    @cached_property
    def years(self) -> np.ndarray:
        """Year of each period's end (computed once for all series by the Briefing)."""
        if "year" in self.frame.columns:
            return self.frame["year"].to_numpy()
        return self.frame["period_end"].str.slice(0, 4).astype(int).to_numpy()

    @cached_property
    def x(self) -> np.ndarray:
        """Each value's place on a time axis: the middle of its period, in decimal years
        (a year's value at Y + 0.5, under its tick). Charts place values through
        :func:`~qftz_desktop.domain.chart_model.positions`, which uses the same rule."""
        from .chart_model import positions

        return positions(self)

    @cached_property
    def values(self) -> np.ndarray:
        return self.frame["value"].to_numpy(dtype=float)

    @cached_property
    def statuses(self) -> np.ndarray:
        return self.frame["status"].to_numpy(dtype=object)

    def __len__(self) -> int:
        return len(self.frame)


@dataclass(frozen=True, eq=False)
class ChartSpec:
    id: str
    tab: str
    series: tuple[SeriesData, ...]

    @property
    def kind(self) -> str:
        return "bar" if max(len(s) for s in self.series) <= BAR_CHART_MAX_POINTS else "line"

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return tuple(s.metric for s in self.series)

    def title(self, lang: str) -> str:
        names = [m.name(lang) for m in self.metrics]
        return names[0] if len(names) == 1 else (" · ".join(names))

    def unit_label(self, lang: str) -> str:
        return self.metrics[0].unit_label(lang)

    def scope_label(self, lang: str) -> str:
        return self.metrics[0].scope_label(lang)

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.series:
            for sid in s.frame["source_id"].unique():
                seen.setdefault(sid, None)
        return tuple(seen)

    @cached_property
    def categories(self) -> tuple[Period, ...]:
        """The distinct periods of all series, in time order: the bar chart's x categories."""
        codes: dict[str, Period] = {}
        for s in self.series:
            for code in s.frame["period"].unique():
                codes[code] = s.periods[code]
        return tuple(sorted(codes.values(), key=lambda p: (p.end, p.start)))

    @cached_property
    def statuses(self) -> frozenset[str]:
        return frozenset(st for s in self.series for st in s.frame["status"].unique())

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({int(y) for s in self.series for y in s.years}))


@dataclass(frozen=True, eq=False)
class FigureCard:
    """A metric shown as a card: the value for the focused year, else the latest one."""

    series: SeriesData

    @property
    def metric(self) -> Metric:
        return self.series.metric

    def point_for(self, year: int | None) -> tuple[Point, bool]:
        """(point, matches_year): the focused year's headline value, else the latest one.

        Both use the one headline rule, :meth:`SeriesData.headline_row` (also used by the
        PDF's headline figures), on the rows of the year or on all rows.
        """
        s = self.series
        if year is not None:
            rows = np.flatnonzero(s.years == year)
            if len(rows):
                return s.point(s.headline_row(rows)), True
        return s.point(s.headline_row(np.arange(len(s)))), False


@dataclass(frozen=True)
class Highlight:
    id: str
    sector: str
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    source_id: str
    quote: str
    ref: str

    def title(self, lang: str) -> str:
        return pick(lang, self.title_zh, self.title_en)

    def text(self, lang: str) -> str:
        return pick(lang, self.text_zh, self.text_en)


@dataclass(frozen=True, eq=False)
class TabSpec:
    id: str
    sectors: tuple[str, ...]
    cards: tuple[FigureCard, ...]
    charts: tuple[ChartSpec, ...]
    highlights: tuple[Highlight, ...]

    def title(self, lang: str) -> str:
        return tr(f"tab.{self.id}", lang)

    @property
    def is_empty(self) -> bool:
        return not (self.cards or self.charts or self.highlights)


class Briefing:
    """Everything the window, the slides and the PDF draw, derived from one snapshot."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.sources: dict[str, Source] = {
            r.id: Source(
                r.id,
                _text(r.title),
                _text(r.publisher),
                _text(r.date),
                _text(r.url),
                _text(r.note),
            )
            for r in snapshot.sources.itertuples(index=False)
        }
        self.metrics: dict[str, Metric] = {}
        for r in snapshot.metrics.itertuples(index=False):
            headline = None if pd.isna(r.headline) else int(r.headline)
            self.metrics[r.id] = Metric(
                r.id,
                r.sector,
                _text(r.name_zh),
                _text(r.name_en),
                _text(r.unit),
                _text(r.unit_zh),
                _text(r.unit_en),
                _text(r.scope),
                _text(r.scope_zh),
                _text(r.scope_en),
                _text(r.chart_group),
                headline,
                _text(r.description_zh),
                _text(r.description_en),
            )
        obs = snapshot.observations
        periods = {code: parse_period(code) for code in obs["period"].unique()}
        ordered = obs.sort_values(["metric_id", "period_end", "period_start", "id"], kind="stable")
        # one vectorised pass instead of one per series: start-up and large snapshots
        ordered = ordered.assign(year=ordered["period_end"].str.slice(0, 4).astype(int))
        self.series: dict[str, SeriesData] = {}
        for metric_id, frame in ordered.groupby("metric_id", sort=False):
            self.series[str(metric_id)] = SeriesData(
                self.metrics[str(metric_id)], frame.reset_index(drop=True), periods
            )
        self.highlights = tuple(
            Highlight(
                r.id,
                r.sector,
                _text(r.title_zh),
                _text(r.title_en),
                _text(r.text_zh),
                _text(r.text_en),
                r.source_id,
                _text(r.quote),
                _text(r.ref),
            )
            for r in snapshot.highlights.itertuples(index=False)
        )
        self._all_groups = self._groups()
        self.tabs = tuple(self._tab(tab_id, sectors) for tab_id, sectors in TABS)
        self.headline = tuple(
            FigureCard(self.series[m.id])
            for m in sorted(self.metrics.values(), key=lambda m: (m.headline or 0, m.id))
            if m.headline is not None and m.id in self.series
        )
        self._chart_of: dict[str, ChartSpec] = {
            s.metric.id: chart for tab in self.tabs for chart in tab.charts for s in chart.series
        }
        self._tab_of: dict[str, str] = {
            s.metric.id: tab.id for tab in self.tabs for chart in tab.charts for s in chart.series
        }
        # no observations: the year of the data's as-of date, not an invented range (issue 10)
        empty_year = int(snapshot.as_of[:4]) if snapshot.as_of[:4].isdigit() else date.today().year
        self.year_min = int(ordered["year"].min()) if len(ordered) else empty_year
        self.year_max = int(ordered["year"].max()) if len(ordered) else empty_year

    def _groups(self) -> dict[str, list[SeriesData]]:
        """Metrics drawn together: same chart_group, unit and scope (across sectors too)."""
        groups: dict[str, list[SeriesData]] = {}
        for metric in self.metrics.values():
            if metric.id not in self.series:
                continue
            key = metric.id
            if metric.chart_group:
                key = f"{metric.chart_group}|{metric.unit}|{metric.scope}"
            groups.setdefault(key, []).append(self.series[metric.id])
        return groups

    def _tab(self, tab_id: str, sectors: tuple[str, ...]) -> TabSpec:
        cards: list[FigureCard] = []
        charts: list[ChartSpec] = []
        for key, members in self._all_groups.items():
            if members[0].metric.sector not in sectors:
                continue  # a group lives on the tab of its first metric
            if sum(len(s) for s in members) >= 2:
                charts.append(ChartSpec(f"chart:{key}", tab_id, tuple(members)))
            else:
                cards.extend(FigureCard(s) for s in members)
        highlights = tuple(h for h in self.highlights if h.sector in sectors)
        return TabSpec(tab_id, sectors, tuple(cards), tuple(charts), highlights)

    def trend_charts(self, limit: int = 4) -> tuple[ChartSpec, ...]:
        """For the Overview: per tab, the chart with the most reported full-year values.

        Full years come first because they compare like with like; year-to-date spans of
        different lengths make a poor trend. A chart needs reported values for at least 3 periods.
        """

        def score(chart: ChartSpec) -> tuple[int, int, int]:
            frames = [s.frame[s.frame["status"] == "reported"] for s in chart.series]
            periods = {
                (p, k) for f in frames for p, k in zip(f["period"], f["period_kind"], strict=True)
            }
            years = sum(1 for _, k in periods if k == "year")
            return years, len(periods), -len(chart.series)

        picked = []
        for tab in self.tabs:
            best = max(tab.charts, key=score, default=None)
            if best is not None and score(best)[1] >= 3:
                picked.append(best)
        return tuple(picked[:limit])

    # lookups --------------------------------------------------------------------------
    def tab(self, tab_id: str) -> TabSpec:
        return next(t for t in self.tabs if t.id == tab_id)

    def tab_of(self, metric_id: str) -> str:
        """The tab that shows a metric (a grouped chart lives on its first metric's tab)."""
        return self._tab_of.get(metric_id) or self.metrics[metric_id].tab

    def chart_of(self, metric_id: str) -> ChartSpec | None:
        return self._chart_of.get(metric_id)

    def source_note(self, source_ids: Iterable[str], lang: str, limit: int = 2) -> str:
        """'来源：青岛日报 2024-06-26；…等 3 个来源' — one line under a chart."""
        ids = list(dict.fromkeys(source_ids))
        cited = []
        for sid in ids[:limit]:
            src = self.sources.get(sid)
            cited.append(f"{src.publisher} {src.date}".strip() if src else sid)
        text = tr("punct.semicolon", lang).join(cited)
        if len(ids) > limit:
            text += " " + tr("label.more_sources", lang, n=len(ids) - limit)
        return f"{tr('label.source', lang)}{tr('punct.colon', lang)}{text}"

    def used_source_ids(self) -> tuple[str, ...]:
        ids: dict[str, None] = {}
        for s in self.series.values():
            for sid in s.frame["source_id"].unique():
                ids.setdefault(sid, None)
        for h in self.highlights:
            ids.setdefault(h.source_id, None)
        return tuple(sorted(ids, key=lambda i: (self.sources[i].date or "9999", i)))

    def rows(self, chart: ChartSpec, lang: str) -> ChartRows:
        """The numbers behind a chart, as shown in its data table and exported as CSV.

        A sequence of dicts (one per observation, the same keys in the same order), made from
        the frames' columns at once and a row's dict only when asked for: a series of tens of
        thousands of values opens its table at once.
        """
        keys = [
            tr("label.metric", lang),
            tr("label.period", lang),
            tr("label.value", lang),
            tr("label.unit", lang),
            "qualifier",
            tr("label.status", lang),
            tr("label.scope", lang),
            tr("label.source", lang),
            tr("label.quote", lang),
            tr("label.formula", lang),
            tr("label.note", lang),
        ]
        columns: list[list[str]] = [[] for _ in keys]
        for s in chart.series:
            f = s.frame
            n = len(f)
            labels = {code: s.periods[code].label(lang) for code in f["period"].unique()}
            cites = {}
            for sid in f["source_id"].unique():
                src = self.sources.get(sid)
                cites[sid] = src.cite() if src else sid
            qualifiers = {q: qualifier_word(q, lang) or "=" for q in f["qualifier"].unique()}
            statuses = {st: tr(f"status.{st}", lang) for st in f["status"].unique()}
            parts = [
                [s.metric.name(lang)] * n,
                [labels[c] for c in f["period"]],
                [_plain_number(v) for v in s.values],
                [s.metric.unit_label(lang)] * n,
                [qualifiers[q] for q in f["qualifier"]],
                [statuses[st] for st in f["status"]],
                [s.metric.scope_label(lang)] * n,
                [cites[sid] for sid in f["source_id"]],
                [_text(v) for v in f["quote"]],
                [_text(v) for v in f["formula"]],
                [_text(v) for v in f["note"]],
            ]
            for column, part in zip(columns, parts, strict=True):
                column.extend(part)
        return ChartRows(keys, columns)


class ChartRows(Sequence[dict[str, str]]):
    """Rows of a chart's data table, kept as columns; ``rows[i]`` is a dict of row ``i``."""

    def __init__(self, keys: list[str], columns: list[list[str]]):
        self.keys = keys
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @overload
    def __getitem__(self, i: int) -> dict[str, str]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, str]]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return {k: col[i] for k, col in zip(self.keys, self.columns, strict=True)}

    def cell(self, row: int, column: int) -> str:
        return self.columns[column][row]


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def load_briefing(path: str | os.PathLike[str]) -> Briefing:
    """Open, validate and lay out a snapshot. Qt-free, so it may run on any thread."""
    from ..snapshot.reader import open_snapshot

    return Briefing(open_snapshot(path))
