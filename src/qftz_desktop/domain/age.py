"""How old the data is: the snapshot's as-of date and the date of its newest figures.

A snapshot "as of 2026-01-22" may hold no zone-wide figure newer than June 2024; a reader
deciding on it must see both. The newest figure is the latest period end of a *reported* or
*derived* value (targets are not news), skipping periods the snapshot marks as imprecise
(an undated figure has no date to be newest by).

The brief's own date (the day it is exported; ``--date`` and ``SOURCE_DATE_EPOCH`` fix it) is
:func:`qftz_desktop.domain.brief.options.export_day`: one home, not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..snapshot.periods import month_text
from ..text import tr
from .briefing import Briefing, SeriesData
from .tabs import TABS

ZONE_SCOPE = "ftz"


def as_of(briefing: Briefing) -> str:
    """The snapshot's as-of date as it stores it ('2026-01-22'), or '' when it has none."""
    return briefing.snapshot.as_of


def newest_end(series: Iterable[SeriesData], years: tuple[int, int] | None = None) -> date | None:
    """The latest period end of an actual (reported or derived, precise) value, or None."""
    best: date | None = None
    for s in series:
        rows = s.rows_in(years)
        if not len(rows):
            continue
        statuses = s.statuses[rows]
        for i in rows[statuses != "target"]:
            period = s.periods[s.frame["period"].iat[int(i)]]
            if getattr(period, "imprecise", False):
                continue
            if best is None or period.end > best:
                best = period.end
    return best


def month_label(day: date, lang: str) -> str:
    """'Jun 2024' / '2024年6月' — the month is as precise as the age of data needs to be; written
    as every period label writes a month (snapshot.periods.month_text)."""
    return month_text(day.year, day.month, lang)


def newest_zone_wide(briefing: Briefing, years: tuple[int, int] | None = None) -> date | None:
    """The end of the newest zone-wide (scope ``ftz``) actual value."""
    return newest_end((s for s in briefing.series.values() if s.metric.scope == ZONE_SCOPE), years)


def newest_by_tab(
    briefing: Briefing, years: tuple[int, int] | None = None
) -> dict[str, date | None]:
    """Per tab id (Overview excluded): the end of the newest actual value it shows."""
    out: dict[str, date | None] = {}
    for tab_id, _sectors in TABS:
        if tab_id == "overview":
            continue
        tab = briefing.tab(tab_id)
        shown: dict[str, SeriesData] = {}
        for chart in tab.charts:
            for s in chart.series:
                shown[s.metric.id] = s
        for card in tab.cards:
            shown[card.metric.id] = card.series
        out[tab_id] = newest_end(shown.values(), years)
    return out


def latest_zone_wide_text(
    briefing: Briefing, lang: str, years: tuple[int, int] | None = None
) -> str:
    """'latest zone-wide figure: June 2024' / '片区最新数据：2024年6月' ('' when none)."""
    end = newest_zone_wide(briefing, years)
    if end is None:
        return ""
    return tr("age.latest_zone_wide", lang, when=month_label(end, lang))


def latest_in_tab_text(briefing: Briefing, tab_id: str, lang: str) -> str:
    """'latest figure: June 2024' / '最新数据：2024年6月' for one tab ('' when none)."""
    end = newest_by_tab(briefing).get(tab_id)
    if end is None:
        return ""
    return tr("age.latest_in_tab", lang, when=month_label(end, lang))
