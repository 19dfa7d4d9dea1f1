"""The executive summary of the brief: headline figures and sentences made from the data.

Nothing here is written by hand about the zone: every sentence is produced by a rule from
observations in the snapshot, in the chosen language, and cites the periods it rests on.
Where a sentence computes something it says so ("derived" / "推算") and gives the formula, in
the numbers the sentence shows (CNY 58 bn ÷ CNY 100 bn reads "58 ÷ 100").

The rules — each one a refusal to say more than the data does:

1. **Like with like.** Two values are compared only within one metric (so one scope and one
   unit) and only when their periods are of the same kind *and* length: two years; the same
   quarter of two years; spans over the same months (Jan–Nov with Jan–Nov); two as-of dates
   (levels). A period the snapshot marks as imprecise ("before approval", undated) is never
   compared and never given a date: it is quoted with its own label only.
2. **Targets.** A target is compared with the actual of its *own* period (2022's trade with
   2022's target). A level (a metric whose actuals are all as-of dates: an amount invested so
   far, a count) may be compared with a target for a later year, as progress towards it
   ("under 58 % of the 2025 target"). Otherwise the latest actual and the next target are
   quoted side by side, clearly worded and without a ratio ("latest: 1,870 (2021); target for
   2022: 2,000") — never "93.5 % of the 2022 target" from a 2021 actual, and on monthly data
   never a month's actual against the next month's target. No ratio of percentages or ranks.
3. **Bounds.** "Over", "about" and "at least" values are intervals (:mod:`.bounds`): a ratio
   to an "over" target is an upper bound ("under 58 %" / "不到58%"), a value derived from an
   "about" is approximate, bounds are rounded outwards, precision follows the inputs, and a
   result that is no single statement gives no sentence.
4. **Trends.** A trend runs from the earliest to the *latest* value of its kind — the latest
   may be a bound ("to over 300 (Jun 2024)"), it is not skipped for an earlier exact value.
   Percentages change by percentage points; ranks only by position; other units by growth,
   said as a percentage below twice the base and as a multiple ("4.2 times") from there; a
   tiny, zero, negative or mixed base, or more than a hundredfold change, gives no sentence.
5. **One count.** A count (projects, measures, firms, people) is only as comparable as the
   counting: the two ends of a count's trend come from the same source — different sources
   count different things (创新成果 vs 创新举措). Amounts and volumes (yuan, TEU, tonnes, %)
   follow statistical definitions and may come from two sources.
6. **The zone first.** Sentences about the zone (scope ``ftz``) come first; its parks, the new
   area, the Shandong FTZ, the city, the province and the port follow as context.
7. **Caveats travel with the value.** A value cited in a sentence carries the marks of its
   notes right after it (:class:`.caveats.MarkBook`: "超过3,000万标准箱②（2023年）"), numbered
   by the surface the sentence is on; :attr:`Sentence.points` lists the cited values so that
   their notes go where the marks point (the footnotes of the same PDF page).
8. **Counts and age.** The first sentence says how much the brief covers (plural-aware), the
   data's as-of date and the date of the newest zone-wide figure.

This module is Qt-free so that tests, the PDF and any other output share the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..text import tr
from .age import latest_zone_wide_text, month_label
from .bounds import Bounded, Change, Said, difference, growth, ratio_pct
from .briefing import Briefing, Metric, Point, SeriesData
from .formatting import UNITS, count_phrase, format_number, format_value, scaled_numbers

YearRange = tuple[int, int] | None
# the marks of a cited value on the surface the sentence is on ('' for none): MarkBook.of_point
MarkOf = Callable[[Point, Metric], str]


def _no_marks(point: Point, metric: Metric) -> str:
    return ""


def cited(point: Point, metric: Metric, lang: str, mark: MarkOf | None) -> str:
    """A value as a sentence cites it: its text, then its marks ('超过3,000万标准箱②')."""
    return point.value_text(metric, lang) + (mark or _no_marks)(point, metric)


NON_RATIO_UNITS = ("pct", "rank")
# the zone first, then its context (rule 6); unknown scopes last
SCOPE_ORDER = ("ftz", "park", "new_area", "shandong_ftz", "city", "province", "port")


ZH_QUALIFIERS = ("超过", "约", "至少", "不到", "至多")


def zh_is(value_text: str) -> str:
    """'为580亿元' but '超过260种' (not '为超过260种'): a Chinese bound needs no 为.

    Public because the chart takeaways (brief/takeaway.py) follow the same wording rule."""
    return value_text if value_text.startswith(ZH_QUALIFIERS) else f"为{value_text}"


def _sentence(key: str, lang: str, **params: object) -> str:
    """The sentence ``key``; "{is1}"/"{is2}" are the values with 为 where Chinese
    wants it (see text/narrative.py)."""
    for i in ("1", "2"):
        if f"v{i}" in params:
            value = str(params[f"v{i}"])
            params[f"is{i}"] = zh_is(value) if lang == "zh" else value
    return tr(key, lang, **params)


def target_when(point: Point, lang: str) -> str:
    """The period a target is for: '2025' / '2025年'; a dated one 'Jun 2024' / '2024年6月'
    (never 'the target for as of Jun 2024')."""
    period = point.period
    if period.kind == "date" and not imprecise(point):
        return month_label(period.end, lang)
    return period.label(lang)


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
    points: tuple[Point, ...] = ()  # the values cited (their notes go with the sentence)


MakeSentence = Callable[[SeriesData, str, YearRange, "MarkOf | None"], "Sentence | None"]


@dataclass(frozen=True)
class HeadlineFigure:
    """A headline metric's value for the brief: the latest in the year range."""

    metric: Metric
    point: Point


def headline_figures(briefing: Briefing, years: YearRange = None) -> list[HeadlineFigure]:
    """Per headline metric: its value by the one headline rule (SeriesData.headline_row),
    among the values in the year range — the same value the Overview card shows."""
    out = []
    for card in briefing.headline:
        rows = card.series.rows_in(years)
        if not len(rows):
            continue
        out.append(HeadlineFigure(card.metric, card.series.point(card.series.headline_row(rows))))
    return out


def imprecise(point: Point) -> bool:
    """A period the snapshot marks as imprecise (undated, "before approval"): never compared."""
    return bool(getattr(point.period, "imprecise", False))


def comparable_key(point: Point) -> tuple[object, ...]:
    """Points with the same key measure the same kind and length of period (rule 1).

    Public because the chart takeaways compare by the same rule as the summary."""
    period = point.period
    if period.kind == "quarter":
        return ("quarter", period.end.month)
    if period.kind == "span":
        months = (period.end.year - period.start.year) * 12 + period.end.month
        return ("span", period.start.month, period.end.month, months - period.start.month)
    return (period.kind,)


def _points(series: SeriesData, years: YearRange) -> list[Point]:
    return series.points_at(series.rows_in(years))


def _value(p: Point) -> Bounded:
    return Bounded.of(p.value, p.qualifier)


def _said_text(said: Said, lang: str, suffix: str = "%") -> str:
    """'不到58%' / 'under 58%' — a computed result with its qualifier."""
    return format_value(said.value, said.qualifier, suffix, lang)


def _times_text(said: Said, lang: str) -> str:
    """'4.2倍' / '4.2 times'; a bound as '4.4倍以上' / 'over 4.4 times'."""
    bound = said.qualifier if said.qualifier in ("over", "at_least", "about") else "exact"
    return tr(f"narrative.times_{bound}", lang, n=format_number(said.value))


def _eq(said: Said, exact: float) -> str:
    """'=' when the shown result is the computation's value, '≈' when it was rounded."""
    return "=" if abs(said.value - exact) < 1e-9 * max(1.0, abs(exact)) else "≈"


def change_phrase(change: Change, lang: str) -> str:
    """'up 7.3%' / '增长7.3%', 'down 29%', '4.2 times' / '4.2倍' (the words, no subject)."""
    if change.kind == "times":
        return _times_text(change.said, lang)
    key = "narrative.change_up" if change.up else "narrative.change_down"
    return tr(key, lang, g=_said_text(change.said, lang))


# a fall's bound reads the other way: b − a "under −10" is a fall of over 10 points
_FALL_QUALIFIER = {"exact": "exact", "about": "about", "under": "over", "at_most": "at_least"}


def points_change(said: Said) -> tuple[bool, Said] | None:
    """(up, size) of a change in percentage points, or None when the bound leaves open
    whether it rose or fell (b − a "over −10" may be either)."""
    if said.value == 0:
        return None  # no change: the trend says "unchanged" or nothing
    if said.value > 0:
        return (True, said) if said.qualifier in ("exact", "about", "over", "at_least") else None
    fall = _FALL_QUALIFIER.get(said.qualifier)
    return (False, Said(fall, -said.value)) if fall else None


def points_phrase(said: Said, lang: str) -> str:
    """'up 7 percentage points' / '提高7个百分点' (said.value signed: + up, − down); '' when
    the bounds do not say which way it went."""
    change = points_change(said)
    if change is None:
        return ""
    up, size = change
    number = format_value(size.value, size.qualifier, "", lang)
    key = "narrative.points_phrase_up" if up else "narrative.points_phrase_down"
    return tr(key, lang, d=number, pp=_pp(size, lang))


def _pp(size: Said, lang: str) -> str:
    """'个百分点' / 'percentage point(s)'."""
    return tr("narrative.pp_one" if size.value == 1 else "narrative.pp_many", lang)


def _is_count(metric: Metric) -> bool:
    return metric.unit not in UNITS and metric.unit not in NON_RATIO_UNITS


def _change_params(
    metric: Metric, first: Point, last: Point, lang: str, mark: MarkOf | None
) -> dict[str, object]:
    a, b = scaled_numbers([first.value, last.value], metric.unit, lang)
    return {
        "name": metric.name(lang),
        "v1": cited(first, metric, lang, mark),
        "v2": cited(last, metric, lang, mark),
        "p1": first.period.label(lang),
        "p2": last.period.label(lang),
        "a": a,
        "b": b,
    }


def _trend(
    metric: Metric, first: Point, last: Point, lang: str, mark: MarkOf | None = None
) -> tuple[str, dict, str] | None:
    """(template, params, formula) for a trend from ``first`` to ``last``, or None."""
    params = _change_params(metric, first, last, lang, mark)
    a, b = params["a"], params["b"]
    exact_pair = first.qualifier == last.qualifier == "exact"
    if metric.unit == "rank":
        if not exact_pair:
            return None
        if first.value == last.value:
            return "narrative.same", params, ""
        return (
            ("narrative.rank_up" if last.value < first.value else "narrative.rank_down"),
            params,
            "",
        )
    if exact_pair and first.value == last.value:
        return "narrative.same", params, ""
    if metric.unit == "pct":
        said = difference(_value(first), _value(last))
        moved = points_change(said) if said is not None else None
        if moved is None:
            return None
        up, size = moved
        raw = abs(last.value - first.value)
        r = format_number(size.value)
        eq = _eq(Said(size.qualifier, size.value), raw)
        params.update(d=_said_text(size, lang, ""), eq=eq, r=r, pp=_pp(size, lang))
        formula = f"{b} − {a} {eq} {r}" if up else f"{a} − {b} {eq} {r}"
        return ("narrative.points_up" if up else "narrative.points_down"), params, formula
    change = growth(_value(first), _value(last))
    if change is None:
        return None
    ratio = last.value / first.value
    params["g"] = (
        _times_text(change.said, lang) if change.kind == "times" else _said_text(change.said, lang)
    )
    if change.kind == "times":
        r = format_number(change.said.value)
        eq = _eq(change.said, ratio)
        params.update(eq=eq, r=r)
        return "narrative.times", params, f"{b} ÷ {a} {eq} {r}"
    exact = abs(ratio - 1.0) * 100.0
    r = format_number(change.said.value)
    eq = _eq(change.said, exact)
    params.update(eq=eq, r=r)
    if change.up:
        return "narrative.growth_up", params, f"({b} − {a}) ÷ {a} {eq} {r}%"
    return "narrative.growth_down", params, f"({a} − {b}) ÷ {a} {eq} {r}%"


def change_sentence(
    series: SeriesData, lang: str, years: YearRange = None, mark: MarkOf | None = None
) -> Sentence | None:
    """A trend of one metric (rules 1, 3, 4, 5, 7), or None."""
    metric = series.metric
    usable = [p for p in _points(series, years) if p.status == "reported" and not imprecise(p)]
    groups: dict[tuple[object, ...], list[Point]] = {}
    for p in usable:
        groups.setdefault(comparable_key(p), []).append(p)
    candidates = [g for g in groups.values() if len({p.period.code for p in g}) >= 2]
    # the kind with the most periods first, then the most recent
    candidates.sort(key=lambda g: (len(g), max(p.period.end for p in g)), reverse=True)
    for group in candidates:
        group.sort(key=lambda p: (p.period.end, p.period.start))
        last = group[-1]  # rule 4: the latest value of its kind ends the trend
        if any(p.period.end == last.period.end and p is not last for p in group):
            continue  # two values for the latest period: no single end
        starts = [p for p in group if p.period.end < last.period.end]
        if _is_count(metric):
            starts = [p for p in starts if p.source_id == last.source_id]  # rule 5
        if not starts:
            continue
        first = starts[0]
        made = _trend(metric, first, last, lang, mark)
        if made is None:
            continue
        key, params, formula = made
        return Sentence(
            kind="change",
            text=_sentence(key, lang, **params),
            metric_id=metric.id,
            periods=(first.period.code, last.period.code),
            source_ids=tuple(dict.fromkeys((first.source_id, last.source_id))),
            derived=bool(formula),
            formula=formula,
            points=(first, last),
        )
    return None


def _is_level(points: list[Point]) -> bool:
    """A metric whose actuals are all as-of dates: a level (stock), not a flow."""
    kinds = {p.period.kind for p in points if p.status != "target"}
    return bool(kinds) and kinds <= {"date"}


def target_sentence(
    series: SeriesData, lang: str, years: YearRange = None, mark: MarkOf | None = None
) -> Sentence | None:
    """A target against the actual of its own period, or progress of a level towards a later
    year's target, or the latest actual beside the next target without a ratio (rules 2, 7)."""
    metric = series.metric
    points = _points(series, years)
    targets = sorted(
        (p for p in points if p.status == "target"), key=lambda p: (p.period.end, p.period.start)
    )
    actuals = [p for p in points if p.status == "reported"]
    if not targets or not actuals:
        return None
    ratio_ok = metric.unit not in NON_RATIO_UNITS
    # (a) a target with a reported actual of its own period: the latest such pair
    if ratio_ok:
        for target in reversed(targets):
            own = [p for p in actuals if p.period.code == target.period.code and not imprecise(p)]
            if own and not imprecise(target):
                made = _progress(metric, own[-1], target, lang, mark)
                if made is not None:
                    return made
    latest = series.latest_of(actuals)  # the one headline rule
    ahead = [t for t in targets if t.period.end >= latest.period.end or imprecise(t)]
    if not ahead:
        return None  # every target has passed without an actual of its period
    target = ahead[0]
    # (b) a level towards a later year's target
    if (
        ratio_ok
        and _is_level(points)
        and target.period.kind == "year"
        and not imprecise(target)
        and not imprecise(latest)
        and target.period.end.year > latest.period.end.year
    ):
        made = _progress(metric, latest, target, lang, mark)
        if made is not None:
            return made
    # (c) side by side, no ratio
    text = _sentence(
        "narrative.target_latest_undated" if imprecise(target) else "narrative.target_latest",
        lang,
        name=metric.name(lang),
        v1=cited(latest, metric, lang, mark),
        p1=latest.period.label(lang),
        v2=cited(target, metric, lang, mark),
        p2=target_when(target, lang),
    )
    return Sentence(
        kind="target",
        text=text,
        metric_id=metric.id,
        periods=(latest.period.code, target.period.code),
        source_ids=tuple(dict.fromkeys((latest.source_id, target.source_id))),
        points=(latest, target),
    )


def _progress(
    metric: Metric, actual: Point, target: Point, lang: str, mark: MarkOf | None
) -> Sentence | None:
    said = ratio_pct(_value(actual), _value(target))
    if said is None:
        return None  # no ratio to zero, or bounds that say nothing
    a, b = scaled_numbers([actual.value, target.value], metric.unit, lang)
    exact = actual.value / target.value * 100.0
    eq = _eq(said, exact)
    rr = format_number(said.value)
    text = _sentence(
        "narrative.target_progress",
        lang,
        name=metric.name(lang),
        v1=cited(actual, metric, lang, mark),
        p1=actual.period.label(lang),
        v2=cited(target, metric, lang, mark),
        p2=target_when(target, lang),
        r=_said_text(said, lang),
        a=a,
        b=b,
        eq=eq,
        rr=rr,
    )
    return Sentence(
        kind="target",
        text=text,
        metric_id=metric.id,
        periods=(actual.period.code, target.period.code),
        source_ids=tuple(dict.fromkeys((actual.source_id, target.source_id))),
        derived=True,
        formula=f"{a} ÷ {b} {eq} {rr}%",
        points=(actual, target),
    )


def counts_sentence(briefing: Briefing, lang: str, years: YearRange = None) -> Sentence:
    """How much the brief covers, within the year range, and how old its data is."""
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
            counts[status] += int(np.sum(statuses == status))
        sources.update(s.frame["source_id"].to_numpy()[rows])
    span: tuple[int, int] | None = years
    if span is None and figures:
        span = (briefing.year_min, briefing.year_max)
    # no figures: no year range to state (none is invented)
    years_text = (
        tr("narrative.counts_years", lang, y1=span[0], y2=span[1]) if span is not None else ""
    )
    age = latest_zone_wide_text(briefing, lang, years)
    counted = {
        "metrics": metrics,
        "figures": figures,
        "targets": counts["target"],
        "highlights": len(briefing.highlights),
        "sources": len(sources),
    }
    params: dict[str, object] = {
        name: count_phrase(n, tr(f"noun.{name}", lang), lang) for name, n in counted.items()
    }
    sep = tr("punct.semicolon", lang)
    text = _sentence(
        "narrative.counts",
        lang,
        years=years_text,
        as_of=briefing.snapshot.as_of or "—",
        age=f"{sep}{age}" if age else "",
        reported=counts["reported"],
        derived=counts["derived"],
        **params,
    )
    return Sentence(kind="counts", text=text)


def _scope_rank(metric: Metric) -> int:
    scope = metric.scope
    return SCOPE_ORDER.index(scope) if scope in SCOPE_ORDER else len(SCOPE_ORDER)


def _metric_order(briefing: Briefing) -> list[SeriesData]:
    """The zone first (rule 6); within a scope, headline metrics first (in their order), then
    every tab's charts and cards."""
    order: dict[str, SeriesData] = {}
    for card in briefing.headline:
        order.setdefault(card.metric.id, card.series)
    for tab in briefing.tabs:
        for chart in tab.charts:
            for s in chart.series:
                order.setdefault(s.metric.id, s)
        for card in tab.cards:
            order.setdefault(card.metric.id, card.series)
    # (every metric with a value is on a tab, as a chart or a card: no other loop is needed)
    ranked = list(order.values())
    return sorted(ranked, key=lambda s: _scope_rank(s.metric))  # stable: keeps the order within


def summary_sentences(
    briefing: Briefing,
    lang: str,
    years: YearRange = None,
    limit: int = 10,
    mark: MarkOf | None = None,
) -> list[Sentence]:
    """The counts sentence, then up to ``limit`` target and change sentences, the zone first.

    ``mark`` gives a cited value's marks on the surface the sentences go on (rule 7). The
    sentences are chosen first and marked after, so that a book numbers only what is printed.
    """
    out = [counts_sentence(briefing, lang, years)]
    found: list[tuple[Sentence, MakeSentence, SeriesData]] = []
    makers: tuple[MakeSentence, ...] = (target_sentence, change_sentence)
    for series in _metric_order(briefing):
        for make in makers:
            sentence = make(series, lang, years, None)
            if sentence is not None:
                found.append((sentence, make, series))
        if len(found) >= limit:
            break
    for sentence, make, series in found[:limit]:
        marked = make(series, lang, years, mark) if mark is not None else None
        out.append(marked or sentence)
    return out
