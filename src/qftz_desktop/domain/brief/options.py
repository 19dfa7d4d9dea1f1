"""What a brief is asked to be: its kind, language, years, paper, date and the presenter's notes.

One home for the checks of these options — the ``--from``/``--to`` year range above all, which
the command line, the export dialog and the composer used to check each in their own way.
Qt-free, so a command can refuse a bad range before any window system starts.

The brief's own date (printed on the cover, written into the PDF's metadata) is the day it is
made: ``--date`` fixes it, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today. It is
never the data's as-of date, which the cover shows separately (issue 10, point 9).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ... import __version__
from ...text import tr

KINDS = ("meeting", "full")
PAPERS = ("A4", "Letter")
LANGS = ("zh", "en")

YearRange = tuple[int, int] | None


class YearRangeError(ValueError):
    """--from/--to that cannot be used; the message says why (English and Chinese)."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        asked = params.pop("asked", None)
        if isinstance(asked, tuple):  # the range asked for, said in ``lang`` too
            params["asked"] = tr(asked[0], lang, **asked[1])
        return tr(self.key, lang, **params)


def check_year_range(
    year_from: int | None,
    year_to: int | None,
    covered: tuple[int, int] | None = None,
) -> None:
    """Raise YearRangeError for a reversed range, or — when ``covered`` (the snapshot's first
    and last year) is given — for a range with no data at all. The only such check."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise YearRangeError("years.reversed", start=year_from, end=year_to)
    if covered is None:
        return
    lo, hi = covered
    a = lo if year_from is None else year_from
    b = hi if year_to is None else year_to
    if b < lo or a > hi or a > b:
        # name what was asked, never a range made of one given and one default year
        # ("--from 2035" once printed "2035–2027")
        if year_to is None:
            asked = ("years.from_on", {"year": year_from})
        elif year_from is None:
            asked = ("years.up_to", {"year": year_to})
        else:
            asked = ("years.span", {"a": a, "b": b})
        raise YearRangeError("years.no_data", asked=asked, lo=lo, hi=hi)


def is_iso_date(text: str) -> bool:
    """'2026-01-22' — the only date format ``--date`` accepts."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def export_day(environ: Mapping[str, str] | None = None, today: date | None = None) -> str:
    """The day a brief is made: ``SOURCE_DATE_EPOCH`` (seconds, UTC) when set, else today.

    A malformed ``SOURCE_DATE_EPOCH`` is ignored rather than trusted (it would silently print
    1970 on a brief)."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        return datetime.fromtimestamp(int(raw), UTC).date().isoformat()
    return (today or date.today()).isoformat()


@dataclass(frozen=True)
class BriefOptions:
    """What to export.

    ``kind``: ``meeting`` (2–4 pages: the zone, headline figures, target scorecard, key charts
    with takeaways, what the data cannot say, sources) or ``full`` (the data book).
    ``brief_date`` (YYYY-MM-DD) fixes the brief's own date; see :meth:`date`.
    ``notes``: the presenter's notes of this snapshot, keyed by target as in
    :mod:`..notes` (``"cover"``, ``"tab:trade"``, ``"chart:trade/chart:ftz_trade_value"``).
    They are printed marked as the presenter's remarks, never mixed with the data.
    ``charts``: the meeting brief's charts chosen by the user (chart ids, in order).
    """

    lang: str = "zh"
    year_from: int | None = None
    year_to: int | None = None
    paper: str = "A4"
    brief_date: str | None = None
    app_version: str = __version__
    kind: str = "meeting"
    notes: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    # the meeting brief's charts as the user chose them (deck dialog, --charts): chart ids in
    # order; None for the rules' choice (domain.brief.compose.key_charts)
    charts: tuple[str, ...] | None = None

    def validate(self) -> None:
        """ValueError naming the bad option (programming errors: the CLI checks user input)."""
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
        if self.lang not in LANGS:
            raise ValueError("lang must be 'zh' or 'en'")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        if self.brief_date is not None and not is_iso_date(self.brief_date):
            raise ValueError(f"brief_date {self.brief_date!r} is not YYYY-MM-DD")
        check_year_range(self.year_from, self.year_to)

    def years_for(self, year_min: int, year_max: int) -> YearRange:
        """The year range to show, or None for all years."""
        if self.year_from is None and self.year_to is None:
            return None
        lo = year_min if self.year_from is None else self.year_from
        hi = year_max if self.year_to is None else self.year_to
        return (min(lo, hi), max(lo, hi))

    def years(self, briefing) -> YearRange:
        return self.years_for(briefing.year_min, briefing.year_max)

    def check(self, briefing) -> None:
        """YearRangeError when the range is reversed or outside the snapshot's years."""
        check_year_range(self.year_from, self.year_to, (briefing.year_min, briefing.year_max))

    def date(self, briefing=None, environ: Mapping[str, str] | None = None) -> str:
        """The brief's own date: ``brief_date``, else SOURCE_DATE_EPOCH, else today."""
        return self.brief_date or export_day(environ)

    def note(self, key: str) -> str:
        text = self.notes.get(key, "") if self.notes else ""
        return text.strip() if isinstance(text, str) else ""

    def key(self, briefing) -> str:
        """Everything the output depends on, as one string (for the PDF's document id)."""
        years = self.years(briefing)
        notes = "|".join(f"{k}={v}" for k, v in sorted(self.notes.items())) if self.notes else ""
        return "|".join(
            [
                "qftz-brief",
                briefing.snapshot.content_id,
                self.kind,
                self.lang,
                f"{years[0]}-{years[1]}" if years else "all",
                self.paper,
                self.date(briefing),
                self.app_version,
                notes,
                ",".join(self.charts) if self.charts is not None else "",
            ]
        )
