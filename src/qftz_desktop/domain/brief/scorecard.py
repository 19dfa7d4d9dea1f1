"""The target scorecard: every target in the snapshot, judged against the data (no Qt).

For each observation with status ``target`` the scorecard says what, by when, the latest
*comparable* actual, the progress with its bounds, and a status as of a date (the brief's).

Rules — each one a refusal to guess:

1. **Comparable actual.** Only a *reported* or *derived* value of the same metric (hence the
   same scope and unit) counts. No conversion between metrics (a target in US dollars is not
   judged against yuan actuals) unless the snapshot reports one as a value of the same metric.
   Periods must measure the same thing:

   * a *flow* target (a year, quarter or span) is compared only with an actual of the same
     kind and length — a year with a year, Q2 with Q2, Jan–Nov with Jan–Nov;
   * a *stock* metric (its actuals are as-of dates: a count, an amount invested so far) is a
     level: a target for year Y or date D means the level at the end of it, so every as-of
     actual of the metric is comparable with it.

   Actuals dated after the brief's date are ignored (the brief cannot know them yet).
2. **Bounds.** A value is an interval: exact or "about" v is [v, v] (about stays "about"),
   "over"/"at least" v is [v, ∞). A target is reached when the actual's lower bound reaches
   the target's value ("over T": exceeds T). It is not reached when the actual's upper bound
   stays below T. Otherwise the comparison is undecided. Ranks are better when lower.
3. **Progress** is actual ÷ target as an interval, for amounts and counts only (a ratio of two
   percentages or ranks means nothing), and for a flow only with the actual of the target's own
   period (2021's trade is not "94% of" 2022's target; the row shows it as the latest
   actual): a ratio to an "over" target is an upper bound
   ("under 58%"), an "over" actual makes it a lower bound, both together say nothing.
4. **Status**, as of the brief's date:

   * ``met`` — an actual at or before the deadline (for a flow: of the target's own period)
     reaches the target;
   * ``missed`` — the deadline has passed and the actual of the deadline's own period (flow:
     the same period; stock: as of the deadline's month) falls short;
   * ``on_track`` / ``behind`` — the deadline is still ahead and the straight line through
     the two latest comparable exact (or "about") actuals, extended to the deadline, reaches
     / falls short of the target. A straight line is the plainest path a reader can check by
     hand; it is not a forecast, and the reason column says so;
   * ``unknown`` — anything else: no comparable actual, a deadline passed with no actual for
     it, one actual only (no path), bounds that decide nothing, or a target with no deadline
     that is not yet met. The reason says which.

   A passed deadline is always judged (met, missed or unknown with its reason) — never left
   "in progress".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ...text import tr
from ..bounds import Bounded, ratio_pct
from ..briefing import Briefing, Metric, Point, SeriesData
from ..formatting import format_number
from .model import SCORE_STATUSES, ScorecardRow
from .values import CaveatsOf, value_of

INF = math.inf
NO_RATIO_UNITS = ("pct", "rank")
FLOW_KINDS = ("year", "quarter", "span")


def status_text(status: str, lang: str) -> str:
    return tr(f"scorecard.status_{status}", lang)


# -- intervals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    """A value as an interval; ``open_low`` when the lower bound itself is excluded ("over")."""

    low: float
    high: float
    open_low: bool = False
    about: bool = False


def bounds(value: float, qualifier: str) -> Bounds:
    if qualifier == "over":
        return Bounds(value, INF, open_low=True)
    if qualifier == "at_least":
        return Bounds(value, INF)
    return Bounds(value, value, about=qualifier == "about")


def _reaches(actual: Bounds, target: Bounds, lower_is_better: bool) -> bool | None:
    """True: surely reached; False: surely not; None: the bounds do not decide."""
    if lower_is_better:  # ranks: the target is a position to reach or beat
        if actual.high <= target.low:
            return True
        if actual.low > target.low:
            return False
        return None
    if target.open_low:  # "over T": must exceed T
        if actual.low > target.low or (actual.low == target.low and actual.open_low):
            return True
        return False if actual.high <= target.low else None
    if actual.low >= target.low:
        return True
    return False if actual.high < target.low else None


def progress_bounds(actual: Bounds, target: Bounds) -> tuple[float | None, float | None]:
    """actual ÷ target as (low, high); None for an end that is unbounded or unknown."""
    if target.low <= 0:
        return None, None
    low = actual.low / target.high if math.isfinite(target.high) else 0.0
    high = actual.high / target.low if math.isfinite(actual.high) else None
    if low == 0.0 and high is None:
        return None, None
    return (low if low > 0 else None), high


def progress_text(actual: Bounds, target: Bounds, lang: str) -> str:
    """'58%', '约58%', '不到58%' ('under 58%'), '超过75%' — or '' when the bounds say nothing.

    The arithmetic and rounding are :mod:`..bounds`' (bounds rounded outwards, precision of
    the inputs), so that the scorecard and the summary say a ratio the same way."""
    said = ratio_pct(_bounded(actual), _bounded(target))
    if said is None:
        return ""
    number = format_number(said.value)
    if said.qualifier == "exact":
        return f"{number}%"
    word = tr(f"qualifier.{said.qualifier}", lang)
    return tr("scorecard.progress_bound", lang, word=word, n=number)


def _bounded(b: Bounds) -> Bounded:
    if b.high == INF:
        return Bounded.of(b.low, "over" if b.open_low else "at_least")
    return Bounded.of(b.low, "about" if b.about else "exact")


# -- comparability ---------------------------------------------------------------------------


def _same_period_shape(a: Point, b: Point) -> bool:
    """Two flow periods of the same kind and length (and the same months for spans)."""
    pa, pb = a.period, b.period
    if pa.kind != pb.kind:
        return False
    if pa.kind == "quarter":
        return pa.end.month == pb.end.month
    if pa.kind == "span":
        la = (pa.end.year - pa.start.year) * 12 + pa.end.month - pa.start.month
        lb = (pb.end.year - pb.start.year) * 12 + pb.end.month - pb.start.month
        return la == lb and pa.start.month == pb.start.month
    return pa.kind == "year"


def is_stock(series: SeriesData) -> bool:
    """A metric whose actuals are as-of dates: a level, not a flow over a period."""
    kinds = {p.period.kind for p in series.points if p.status != "target"}
    return bool(kinds) and kinds <= {"date"}


def comparable_actuals(series: SeriesData, target: Point, as_of: date) -> list[Point]:
    """The actuals a target may be judged against, oldest first (rule 1)."""
    actual = [
        p for p in series.points if p.status in ("reported", "derived") and p.period.end <= as_of
    ]
    if is_stock(series):
        keep = actual
    elif target.period.kind in FLOW_KINDS:
        keep = [p for p in actual if _same_period_shape(p, target)]
    else:
        keep = []  # a dated target on a flow metric: nothing measures the same thing
    return sorted(keep, key=lambda p: (p.period.end, p.period.start, p.status != "reported"))


# -- judging ---------------------------------------------------------------------------------


def _with_period(point: Point, metric: Metric, lang: str) -> str:
    return point.value_text(metric, lang) + tr(
        "punct.in_parens", lang, text=point.period.label(lang)
    )


def has_deadline(target: Point) -> bool:
    """Targets carry their deadline as their period. A period the snapshot gives as "around"
    or "before" a date (a goal with no stated deadline) has none; an inferred year has one."""
    return getattr(target.period, "precision", "exact") in ("exact", "inferred")


@dataclass(frozen=True)
class Judgement:
    status: str
    actual: Point | None
    reason_key: str
    reason: dict[str, str]


def judge(series: SeriesData, target: Point, as_of: date, lang: str = "en") -> Judgement:
    """Rule 4 for one target; see the module docstring."""
    metric = series.metric
    lower_better = metric.unit == "rank"
    tb = bounds(target.value, target.qualifier)
    actuals = comparable_actuals(series, target, as_of)
    deadline = target.period.end
    stock = is_stock(series)
    fmt = {"deadline": target.period.label(lang)}
    if not actuals:
        if any(p.status != "target" for p in series.points):
            latest = series.latest_of(p for p in series.points if p.status != "target")
            if deadline < as_of and has_deadline(target):
                fmt["latest"] = _with_period(latest, metric, lang)
                return Judgement("unknown", None, "no_actual_for_deadline", fmt)
            return Judgement("unknown", None, "not_yet_flow", fmt)
        return Judgement("unknown", None, "no_actual", fmt)
    # met: an actual at or before the deadline reaches it (flows: of the target's period)
    if stock:
        in_time = [p for p in actuals if p.period.end <= deadline or not has_deadline(target)]
    else:
        in_time = [p for p in actuals if p.period.code == target.period.code]
    for p in reversed(in_time):
        if _reaches(bounds(p.value, p.qualifier), tb, lower_better):
            fmt["actual"] = _with_period(p, metric, lang)
            return Judgement("met", p, "met", fmt)
    latest = series.latest_of(actuals)  # the one headline rule, as in the summary
    fmt["latest"] = _with_period(latest, metric, lang)
    if not has_deadline(target):
        return Judgement("unknown", latest, "no_deadline", fmt)
    if deadline < as_of:
        # missed: the actual of the deadline's own period falls short
        if stock:
            at_deadline = [
                p
                for p in actuals
                if (p.period.end.year, p.period.end.month) == (deadline.year, deadline.month)
            ]
        else:
            at_deadline = [p for p in actuals if p.period.code == target.period.code]
        if not at_deadline:
            return Judgement("unknown", latest, "no_actual_for_deadline", fmt)
        p = at_deadline[-1]
        fmt["actual"] = _with_period(p, metric, lang)
        verdict = _reaches(bounds(p.value, p.qualifier), tb, lower_better)
        if verdict is False:
            return Judgement("missed", p, "missed", fmt)
        return Judgement("unknown", p, "bound", fmt)
    # deadline ahead: a straight line through the two latest exact or "about" actuals
    exact = [p for p in actuals if p.qualifier in ("exact", "about")]
    if len(exact) < 2 or exact[-1].period.end == exact[-2].period.end:
        key = "bound" if len(exact) < len(actuals) and len(actuals) >= 2 else "one_actual"
        return Judgement("unknown", latest, key, fmt)
    a, b = exact[-2], exact[-1]
    days = (b.period.end - a.period.end).days
    slope = (b.value - a.value) / days
    projected = b.value + slope * (deadline - b.period.end).days
    fmt["a"] = _with_period(a, metric, lang)
    fmt["b"] = _with_period(b, metric, lang)
    verdict = _reaches(Bounds(projected, projected), tb, lower_better)
    return Judgement(
        "on_track" if verdict else "behind", b, "on_track" if verdict else "behind", fmt
    )


def score_target(
    briefing: Briefing,
    series: SeriesData,
    target: Point,
    as_of: date,
    lang: str,
    caveats_of: CaveatsOf | None = None,
) -> ScorecardRow:
    """One scorecard row. ``caveats_of(point, metric, lang)`` gives a value's caveats."""
    metric = series.metric
    j = judge(series, target, as_of, lang)

    target_value = value_of(target, metric, lang, caveats_of)
    actual_value = value_of(j.actual, metric, lang, caveats_of) if j.actual else None
    progress, low, high = "", None, None
    like_with_like = j.actual is not None and (
        is_stock(series) or j.actual.period.code == target.period.code
    )  # a flow's progress only against its own period: never 2021's actual ÷ 2022's target
    if j.actual is not None and like_with_like and metric.unit not in NO_RATIO_UNITS:
        ab = bounds(j.actual.value, j.actual.qualifier)
        tb = bounds(target.value, target.qualifier)
        progress = progress_text(ab, tb, lang)
        low, high = progress_bounds(ab, tb)
    sources = [target.source_id] + ([j.actual.source_id] if j.actual else [])
    return ScorecardRow(
        metric_id=metric.id,
        what=metric.name(lang),
        deadline=target.period.label(lang) if has_deadline(target) else "—",
        target=target_value,
        actual=actual_value,
        progress=progress,
        progress_low=low,
        progress_high=high,
        status=j.status,
        status_text=status_text(j.status, lang),
        reason=tr(f"scorecard.reason_{j.reason_key}", lang, **j.reason),
        source_ids=tuple(dict.fromkeys(sources)),
        reason_key=j.reason_key,
    )


def scorecard_rows(
    briefing: Briefing,
    as_of: date,
    lang: str,
    years: tuple[int, int] | None = None,
    caveats_of: CaveatsOf | None = None,
) -> list[ScorecardRow]:
    """Every target in the snapshot (in the year range, if any), by deadline then name."""
    rows: list[tuple[tuple, ScorecardRow]] = []
    for series in briefing.series.values():
        for p in series.points:
            if p.status != "target":
                continue
            if years is not None and not years[0] <= p.year <= years[1]:
                continue
            row = score_target(briefing, series, p, as_of, lang, caveats_of)
            order = (p.period.end, SCORE_STATUSES.index(row.status), series.metric.id)
            rows.append((order, row))
    return [r for _, r in sorted(rows, key=lambda x: x[0])]


def rules_line(lang: str, as_of: str) -> str:
    """One line under the scorecard: how to read it."""
    return tr("scorecard.rules", lang, as_of=as_of)
