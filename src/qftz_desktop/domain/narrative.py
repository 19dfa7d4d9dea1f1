"""The executive summary of the PDF brief: headline figures and sentences made from the data.

Nothing here is written by hand about the zone: every sentence is produced by a rule from
observations in the snapshot, in the chosen language, and says which periods it rests on.
Where a sentence computes something, it says so ("derived" / "推算") and gives the formula.

The rules, and what they refuse to do:

* **change** — a metric's earliest and latest *reported*, *exact* values in the year range whose
  periods are comparable (both years; the same quarter of two years; spans over the same
  months; two as-of dates). Percentages give the change in percentage points (B − A), ranks
  only the two positions, other units the growth (B − A) ÷ A. Values with a qualifier ("over",
  "about", "at least") are never used in a computation.
* **target** — the latest reported value of a metric that ended no later than that metric's
  target, divided by the target (progress). Not for percentages or ranks, where a ratio of two
  rates or positions would mean nothing. The qualifier of the reported value carries over
  ("over 26%"); the target is quoted with its own qualifier.
* **counts** — how many figures, metrics, highlights and sources the brief covers.

This module is Qt-free so that tests, the PDF and any other output share the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .briefing import Briefing, Metric, Point, SeriesData
from .formatting import format_number
from .i18n import tr

YearRange = tuple[int, int] | None

NON_RATIO_UNITS = ("pct", "rank")
RESULT_QUALIFIER = {"exact": "", "about": "about", "over": "over", "at_least": "at_least"}

TEMPLATES: dict[str, tuple[str, str]] = {
    "growth_up": (
        "{name}由{v1}（{p1}）增至{v2}（{p2}），增长{g}%（推算：({b} − {a}) ÷ {a} = {g}%）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), up {g}% (derived: ({b} − {a}) ÷ {a} = {g}%).",
    ),
    "growth_down": (
        "{name}由{v1}（{p1}）降至{v2}（{p2}），下降{g}%（推算：({a} − {b}) ÷ {a} = {g}%）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), down {g}% (derived: ({a} − {b}) ÷ {a} = {g}%).",
    ),
    "same": (
        "{name}为{v1}（{p1}），{p2}仍为{v2}。",
        "{name}: {v1} ({p1}), unchanged at {v2} ({p2}).",
    ),
    "points_up": (
        "{name}由{v1}（{p1}）升至{v2}（{p2}），提高{d}个百分点（推算：{b} − {a} = {d}）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), up {d} percentage points "
        "(derived: {b} − {a} = {d}).",
    ),
    "points_down": (
        "{name}由{v1}（{p1}）降至{v2}（{p2}），下降{d}个百分点（推算：{a} − {b} = {d}）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), down {d} percentage points "
        "(derived: {a} − {b} = {d}).",
    ),
    "rank": (
        "{name}由{v1}（{p1}）变为{v2}（{p2}）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}).",
    ),
    "target": (
        "{name}为{v1}（{p1}），达到目标（{v2}，{p2}）的{q}{r}%（推算：{a} ÷ {b} = {r}%）。",
        "{name}: {v1} ({p1}), {q}{r}% of the target ({v2}, {p2}) (derived: {a} ÷ {b} = {r}%).",
    ),
    "counts": (
        "本简报收录{metrics}个指标的{figures}项数据（公开报道{reported}项、推算{derived}项、"
        "目标{targets}项）和{highlights}条要点，引用{sources}个来源；年份范围{y1}–{y2}年，"
        "数据截至{as_of}。",
        "This brief covers {figures} figures for {metrics} metrics ({reported} reported, "
        "{derived} derived, {targets} targets) and {highlights} highlights from {sources} "
        "sources, for {y1}–{y2}; data as of {as_of}.",
    ),
}
QUALIFIER_PREFIX = {
    "about": ("约", "about "),
    "over": ("超过", "over "),
    "at_least": ("至少", "at least "),
    "at_most": ("至多", "at most "),
}


def _ratio_qualifier(numerator: str, denominator: str) -> str | None:
    """How exact ``numerator ÷ denominator`` is, from the two values' qualifiers.

    A target of "over 1,000" makes 580 ÷ 1,000 an upper bound ("at most 58%"); "over" on both
    sides bounds nothing, so no sentence is made.
    """
    bigger = ("over", "at_least")
    if denominator in bigger:
        return "at_most" if numerator in ("exact",) else None
    if denominator == "about":
        return "about" if numerator in ("exact", "about") else None
    return RESULT_QUALIFIER.get(numerator, "")


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = TEMPLATES[key]
    return (zh if lang == "zh" else en).format(**params)


@dataclass(frozen=True)
class Sentence:
    """One generated sentence and what it rests on."""

    kind: str  # "change", "target" or "counts"
    text: str
    metric_id: str = ""
    periods: tuple[str, ...] = ()  # period codes cited
    source_ids: tuple[str, ...] = ()
    derived: bool = False  # True when the sentence computes a value
    formula: str = ""  # the computation, plain numbers, when derived


@dataclass(frozen=True)
class HeadlineFigure:
    """A headline metric's value for the brief: the latest in the year range."""

    metric: Metric
    point: Point


def in_range(point: Point, years: YearRange) -> bool:
    return years is None or years[0] <= point.year <= years[1]


def _points(series: SeriesData, years: YearRange) -> list[Point]:
    return series.points_at(series.rows_in(years))


def headline_figures(briefing: Briefing, years: YearRange = None) -> list[HeadlineFigure]:
    """Per headline metric: its latest non-target value in range, else its latest target."""
    out = []
    for card in briefing.headline:
        points = _points(card.series, years)
        if not points:
            continue
        actual = [p for p in points if p.status != "target"]
        pool = actual or points
        best = max(pool, key=lambda p: (p.period.end, p.period.start, -_status_rank(p.status)))
        out.append(HeadlineFigure(card.metric, best))
    return out


def _status_rank(status: str) -> int:
    return {"reported": 0, "derived": 1, "target": 2}.get(status, 3)


def _comparable_key(point: Point) -> tuple[object, ...]:
    """Points with the same key measure the same kind of period and can be compared."""
    period = point.period
    if period.kind == "quarter":
        return ("quarter", period.end.month)
    if period.kind == "span":
        months = (period.end.year - period.start.year) * 12 + period.end.month
        return ("span", period.start.month, period.end.month, months - period.start.month)
    return (period.kind,)


def _num(value: float) -> str:
    return format_number(value)


def _pct(value: float) -> str:
    return format_number(round(value, 1))


def change_sentence(series: SeriesData, lang: str, years: YearRange = None) -> Sentence | None:
    """Earliest vs latest comparable reported exact values of one metric, or None."""
    metric = series.metric
    usable = [
        p for p in _points(series, years) if p.status == "reported" and p.qualifier == "exact"
    ]
    groups: dict[tuple[object, ...], list[Point]] = {}
    for p in usable:
        groups.setdefault(_comparable_key(p), []).append(p)
    candidates = [g for g in groups.values() if len({p.period.code for p in g}) >= 2]
    if not candidates:
        return None
    group = max(candidates, key=lambda g: (len(g), max(p.period.end for p in g)))
    group.sort(key=lambda p: (p.period.end, p.period.start))
    first, last = group[0], group[-1]
    a, b = first.value, last.value
    params: dict[str, object] = {
        "name": metric.name(lang),
        "v1": first.value_text(metric, lang),
        "v2": last.value_text(metric, lang),
        "p1": first.period.label(lang),
        "p2": last.period.label(lang),
        "a": _num(a),
        "b": _num(b),
    }
    derived, formula = False, ""
    if metric.unit == "rank":
        key = "rank" if a != b else "same"
    elif a == b:
        key = "same"
    elif metric.unit == "pct":
        d = abs(b - a)
        params["d"] = _pct(d)
        key = "points_up" if b > a else "points_down"
        derived = True
        formula = (
            f"{_num(b)} − {_num(a)} = {_pct(d)}" if b > a else f"{_num(a)} − {_num(b)} = {_pct(d)}"
        )
    else:
        if a <= 0:
            return None
        g = abs(b - a) / a * 100.0
        params["g"] = _pct(g)
        key = "growth_up" if b > a else "growth_down"
        derived = True
        formula = (
            f"({_num(b)} − {_num(a)}) ÷ {_num(a)} = {_pct(g)}%"
            if b > a
            else f"({_num(a)} − {_num(b)}) ÷ {_num(a)} = {_pct(g)}%"
        )
    return Sentence(
        kind="change",
        text=_t(key, lang, **params),
        metric_id=metric.id,
        periods=(first.period.code, last.period.code),
        source_ids=tuple(dict.fromkeys((first.source_id, last.source_id))),
        derived=derived,
        formula=formula,
    )


def target_sentence(series: SeriesData, lang: str, years: YearRange = None) -> Sentence | None:
    """Progress of a metric's latest reported value towards its own target, or None."""
    metric = series.metric
    if metric.unit in NON_RATIO_UNITS:
        return None
    points = _points(series, years)
    targets = [p for p in points if p.status == "target" and p.value > 0]
    if not targets:
        return None
    # the first target not yet passed by the data, else the latest one
    for target in sorted(targets, key=lambda p: (p.period.end, p.period.start)):
        before = [p for p in points if p.status == "reported" and p.period.end <= target.period.end]
        if before:
            break
    else:
        return None
    actual = max(before, key=lambda p: (p.period.end, p.period.start))
    ratio = actual.value / target.value * 100.0
    q = _ratio_qualifier(actual.qualifier, target.qualifier)
    if q is None:
        return None  # e.g. "over A" of "over B": the share could be anything
    prefix = QUALIFIER_PREFIX[q][0 if lang == "zh" else 1] if q else ""
    r = _pct(ratio)
    text = _t(
        "target",
        lang,
        name=metric.name(lang),
        v1=actual.value_text(metric, lang),
        p1=actual.period.label(lang),
        v2=target.value_text(metric, lang),
        p2=target.period.label(lang),
        q=prefix,
        r=r,
        a=_num(actual.value),
        b=_num(target.value),
    )
    return Sentence(
        kind="target",
        text=text,
        metric_id=metric.id,
        periods=(actual.period.code, target.period.code),
        source_ids=tuple(dict.fromkeys((actual.source_id, target.source_id))),
        derived=True,
        formula=f"{_num(actual.value)} ÷ {_num(target.value)} = {r}%",
    )


def counts_sentence(briefing: Briefing, lang: str, years: YearRange = None) -> Sentence:
    """How much the brief covers, within the year range."""
    # from the frames' columns: a large snapshot would otherwise make a Point per observation
    metrics = figures = 0
    counts = {"reported": 0, "derived": 0, "target": 0}
    sources = {h.source_id for h in briefing.highlights}
    for s in briefing.series.values():
        rows = s.rows_in(years)
        if not len(rows):
            continue
        metrics += 1
        figures += len(rows)
        statuses = s.statuses[rows]
        for status in counts:
            counts[status] += int((statuses == status).sum())
        sources.update(s.frame["source_id"].to_numpy()[rows])
    y1, y2 = years if years is not None else (briefing.year_min, briefing.year_max)
    text = _t(
        "counts",
        lang,
        metrics=metrics,
        figures=figures,
        reported=counts["reported"],
        derived=counts["derived"],
        targets=counts["target"],
        highlights=len(briefing.highlights),
        sources=len(sources),
        y1=y1,
        y2=y2,
        as_of=briefing.snapshot.as_of or "—",
    )
    return Sentence(kind="counts", text=text)


def _metric_order(briefing: Briefing) -> list[SeriesData]:
    """Headline metrics first (in their order), then every tab's charts and cards."""
    order: dict[str, SeriesData] = {}
    for card in briefing.headline:
        order.setdefault(card.metric.id, card.series)
    for tab in briefing.tabs:
        for chart in tab.charts:
            for s in chart.series:
                order.setdefault(s.metric.id, s)
        for card in tab.cards:
            order.setdefault(card.metric.id, card.series)
    for metric_id, series in briefing.series.items():
        order.setdefault(metric_id, series)
    return list(order.values())


def summary_sentences(
    briefing: Briefing, lang: str, years: YearRange = None, limit: int = 10
) -> list[Sentence]:
    """The counts sentence, then up to ``limit`` target and change sentences, headline first."""
    out = [counts_sentence(briefing, lang, years)]
    found: list[Sentence] = []
    for series in _metric_order(briefing):
        for make in (target_sentence, change_sentence):
            sentence = make(series, lang, years)
            if sentence is not None:
                found.append(sentence)
        if len(found) >= limit:
            break
    return out + found[:limit]


def cited_sources(sentences: Iterable[Sentence]) -> tuple[str, ...]:
    ids: dict[str, None] = {}
    for s in sentences:
        for sid in s.source_ids:
            ids.setdefault(sid, None)
    return tuple(ids)


def status_word(status: str, lang: str) -> str:
    return tr(f"status.{status}", lang)
