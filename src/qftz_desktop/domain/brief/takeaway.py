"""One computed sentence per chart: the latest value, the change, the distance to target.

Shown as the PDF caption, the slide's subtitle and under the chart's title in the window.
The honesty rules are the summary's (:mod:`..narrative`):

* **latest** — the chart's headline metric (else its first) with an actual (reported or
  derived) value in the year range; its latest period, reported before derived at the same period;
* **change** — against the previous value of the *same kind of period* (a year with the year
  before it that the data has, Q2 with an earlier Q2, Jan–Nov with Jan–Nov, as-of dates with
  as-of dates), both exact: percentages in percentage points, ranks as positions, other units
  as growth, with :mod:`..bounds`' precision (twice the base or more as "N times", none from a
  tiny base). No change when either value is a bound ("over 3,000");
* **target** — the metric's next target not before the latest value; progress only when the
  two measure the same thing (a level, or the target's own period), with its bounds (a ratio
  to an "over" target is an upper bound), from :mod:`.scorecard`.

A chart with only targets says so; a chart with no value in the range gives "".

Every value the sentence cites carries its caveat marks right after it (``mark``, the chart's
or the page's :class:`..caveats.MarkBook`), like its label on the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...text import tr
from ..bounds import Bounded, difference, growth
from ..briefing import ChartSpec, Point, SeriesData
from ..formatting import format_number
from ..narrative import MarkOf, cited, comparable_key, zh_is
from .model import Value
from .scorecard import NO_RATIO_UNITS, bounds, is_stock, progress_text
from .values import CaveatsOf, value_of


def _bare(p: Point, lang: str) -> str:
    """A period as the object of 'from': '2019年7月' rather than '截至2019年7月'."""
    label = p.period.label(lang)
    return label.removeprefix(tr("period.as_of", lang, point=""))


def _w(key: str, lang: str, **kw: object) -> str:
    return tr("punct.end" if key == "end" else f"takeaway.{key}", lang, **kw)


def _when(p: Point, lang: str) -> str:
    """A period that leads its phrase ('2022年目标…', 'target for 2022: …'), its qualifier in
    brackets ('2022年（年份为推断）目标', 'target for 2022 (year inferred)'): '2022年，年份为
    推断目标为' runs two phrases into one."""
    label = p.period.label(lang)
    sep = tr("punct.comma", lang)
    if sep not in label:
        return label
    head, _, tail = label.partition(sep)
    return head + tr("punct.in_parens", lang, text=tail)


def _target_text(t: Point, series: SeriesData, lang: str, mark: MarkOf | None) -> str:
    """The target's value as it follows '目标': '超过1,000亿元', not '为超过1,000亿元'."""
    text = cited(t, series.metric, lang, mark)
    return zh_is(text) if lang == "zh" else text


@dataclass(frozen=True)
class Takeaway:
    text: str
    values: tuple[Value, ...] = ()
    metric_id: str = ""


def _in_range(p: Point, years: tuple[int, int] | None) -> bool:
    return years is None or years[0] <= p.year <= years[1]


def _change(
    series: SeriesData, last: Point, before: list[Point], lang: str, mark: MarkOf | None = None
) -> tuple[str, Point | None]:
    metric = series.metric
    key = comparable_key(last)
    same = [p for p in before if comparable_key(p) == key and p.period.end < last.period.end]
    if not same:
        return "", None
    prev = series.latest_of(same)
    if last.qualifier != "exact" or prev.qualifier != "exact":
        return "", None
    a, b = prev.value, last.value

    def said(key: str, **kw: object) -> tuple[str, Point | None]:
        # the earlier value is marked only once the sentence is sure to cite it
        v0 = cited(prev, metric, lang, mark)
        return _w(key, lang, p0=_bare(prev, lang), v0=v0, **kw), prev

    if a == b:
        return said("same")
    if metric.unit == "rank":
        return said("rank")
    if metric.unit == "pct":
        diff = difference(Bounded.of(a), Bounded.of(b))
        if diff is None:
            return "", None
        return said("pp_up" if b > a else "pp_down", d=format_number(abs(diff.value)))
    change = growth(Bounded.of(a), Bounded.of(b))
    if change is None or change.said.qualifier != "exact":
        return "", None  # a tiny or unlike base: no growth is said (domain.bounds)
    if change.kind == "times":
        return said("times", n=format_number(change.said.value))
    return said("up" if change.up else "down", g=format_number(change.said.value))


def _target(
    series: SeriesData, last: Point | None, lang: str, mark: MarkOf | None = None
) -> tuple[str, Point | None]:
    metric = series.metric
    targets = [p for p in series.points if p.status == "target"]
    if last is not None:
        targets = [p for p in targets if p.period.end >= last.period.end]
    if not targets:
        return "", None
    t = min(targets, key=lambda p: (p.period.end, p.period.start))
    kw = {"deadline": _when(t, lang), "target": _target_text(t, series, lang, mark)}
    if last is None:
        return "", t
    like = is_stock(series) or last.period.code == t.period.code
    progress = ""
    if like and metric.unit not in NO_RATIO_UNITS:
        progress = progress_text(
            bounds(last.value, last.qualifier), bounds(t.value, t.qualifier), lang
        )
    if progress:
        return _w("target_progress", lang, progress=progress, **kw), t
    return _w("target", lang, **kw), t


def takeaway_parts(
    chart: ChartSpec,
    lang: str,
    years: tuple[int, int] | None = None,
    caveats_of: CaveatsOf | None = None,
    mark: MarkOf | None = None,
) -> Takeaway:
    """The takeaway and the values it states (see the module docstring); ``mark`` gives a
    cited value's marks (none when None)."""
    multi = len(chart.series) > 1
    sep = tr("punct.colon", lang)
    # the chart's headline metric first (a group may lead with a context series)
    ordered = sorted(
        chart.series, key=lambda s: s.metric.headline if s.metric.headline is not None else 10**6
    )
    for series in ordered:
        points = [p for p in series.points if _in_range(p, years)]
        actual = [p for p in points if p.status != "target"]
        if not actual:
            continue
        metric = series.metric
        who = f"{metric.name(lang)}{sep}" if multi else ""
        last = series.latest_of(actual)
        text = _w(
            "latest",
            lang,
            who=who,
            period=_when(last, lang) if lang == "zh" else last.period.label(lang),
            value=zh_is(cited(last, metric, lang, mark))
            if lang == "zh"
            else cited(last, metric, lang, mark),
        )
        change, prev = _change(series, last, actual, lang, mark)
        target_text, target = _target(series, last, lang, mark)
        text += change + target_text + _w("end", lang)
        used = [p for p in (last, prev, target) if p is not None]
        return Takeaway(text, tuple(value_of(p, metric, lang, caveats_of) for p in used), metric.id)
    for series in chart.series:  # only targets in range
        metric = series.metric
        targets = [p for p in series.points if p.status == "target" and _in_range(p, years)]
        if targets:
            t = min(targets, key=lambda p: (p.period.end, p.period.start))
            who = f"{metric.name(lang)}{sep}" if multi else ""
            text = _w(
                "targets_only",
                lang,
                who=who,
                deadline=_when(t, lang),
                target=_target_text(t, series, lang, mark),
            ) + _w("end", lang)
            text = text[:1].upper() + text[1:]  # 'Target only: …' when no name leads
            return Takeaway(text, (value_of(t, metric, lang, caveats_of),), metric.id)
    return Takeaway("")


def takeaway(
    chart: ChartSpec,
    lang: str,
    years: tuple[int, int] | None = None,
    mark: MarkOf | None = None,
) -> str:
    """The chart's computed takeaway sentence in ``lang`` ('' when it has no value), its
    values marked by ``mark`` (e.g. the chart's own MarkBook, as its labels are)."""
    return takeaway_parts(chart, lang, years, mark=mark).text
