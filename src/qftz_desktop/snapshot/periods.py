"""Periods as the snapshot writes them: a year, a quarter, a span of months or an as-of date,
each either precise or honestly imprecise.

Parsing lives here, free of Qt and of SQLite, so that the builder, the reader, the domain
layer and the charts agree on what ``2023-01/2023-11`` or ``<2019-08`` means, how it is
labelled in each language, and where it sits on a time axis.

Imprecise periods (format version 2) exist because sources often give no date: "获批前"
(before approval), "提高到" (has risen to — now), or an undated web page whose year is read
from the context. Storing an invented precise date there makes every output claim more than
the source says. Three markers keep the code sortable and plottable while the label says what
is known:

- ``2021?`` — the period is **inferred** (any kind): "2021, year inferred".
- ``~2024-06`` — **around** a year, month or day: "around Jun 2024".
- ``<2019-08`` — **before** a year, month or day, undated: "before Aug 2019, undated";
  placed on the last day before it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..text import tr

# ASCII digits only: ``\d`` would also accept "٢٠٢١" or "２０２１", which int() reads as 2021.
YEAR_RE = r"(?P<y>[0-9]{4})"
QUARTER_RE = r"(?P<qy>[0-9]{4})Q(?P<q>[1-4])"
SPAN_RE = r"(?P<sy>[0-9]{4})-(?P<sm>[0-9]{2})/(?P<ey>[0-9]{4})-(?P<em>[0-9]{2})"
DATE_RE = r"(?P<dy>[0-9]{4})-(?P<dm>[0-9]{2})(?:-(?P<dd>[0-9]{2}))?"
# Used with fullmatch(): "$" would also match before a trailing newline ("2021\n").
PERIOD_PATTERN = re.compile(rf"(?:{YEAR_RE}|{QUARTER_RE}|{SPAN_RE}|{DATE_RE})")

EXACT = "exact"
INFERRED = "inferred"
AROUND = "around"
BEFORE = "before"
PRECISIONS = (EXACT, INFERRED, AROUND, BEFORE)

# marker -> (precision, the base kinds it may qualify)
_Marker = tuple[str, tuple[str, ...]]
_PREFIXES: dict[str, _Marker] = {"~": (AROUND, ("year", "date")), "<": (BEFORE, ("year", "date"))}
_SUFFIXES: dict[str, _Marker] = {"?": (INFERRED, ("year", "quarter", "span", "date"))}

GRAMMAR_HINT = (
    "a year (2021), quarter (2024Q1), span (2023-01/2023-11) or date (2024-09 or 2024-09-27), "
    "optionally inferred (2021?), around (~2024-06) or before (<2019-08)"
)


class PeriodError(ValueError):
    """A period string that does not follow the grammar of docs/snapshot-format.md."""


@dataclass(frozen=True, order=True)
class Period:
    """One period. Sorting Period objects sorts by end, then start (time order).

    ``end`` decides the year selection; ``position`` places the value on a time axis.
    For a ``before`` period, start and end are both the last day before the reference.
    """

    end: date
    start: date
    kind: str
    code: str
    precision: str = EXACT

    @property
    def year(self) -> int:
        """The year used by the year selection: the year the period ends in."""
        return self.end.year

    @property
    def is_precise(self) -> bool:
        """True when the source states this period; False for inferred, around, before."""
        return self.precision == EXACT

    @property
    def imprecise(self) -> bool:
        return not self.is_precise

    @property
    def base_code(self) -> str:
        """The code without its precision marker: ``<2019-08`` -> ``2019-08``."""
        code = self.code
        if code[:1] in _PREFIXES:
            code = code[1:]
        if code[-1:] in _SUFFIXES:
            code = code[:-1]
        return code

    @property
    def is_month_span(self) -> bool:
        """A span of exactly one month (``2026-12/2026-12``)."""
        return self.kind == "span" and (self.start.year, self.start.month) == (
            self.end.year,
            self.end.month,
        )

    @property
    def position(self) -> float:
        """Where the value sits on a time axis, in decimal years: the middle of the period.

        A year is at Y + 0.5 (under a tick placed at Y + 0.5), a quarter or month inside its
        year, a date at that day. Imprecise periods sit where their code places them.
        """
        return (decimal_year(self.start) + decimal_year(self.end + timedelta(days=1))) / 2

    @property
    def sort_key(self) -> tuple[date, date, str]:
        """Time order (end, then start), ties broken by the code: stable across runs."""
        return (self.end, self.start, self.code)

    def label(self, lang: str) -> str:
        """Human label: 2021年 / 2024年第1季度 / 2023年1–11月 / 截至2024年9月 /
        2019年8月以前，未注明时间 / 2024年6月前后 / 2021年，年份为推断.

        No parentheses: sentences put a period in parentheses ("16%（2019年8月以前，未注明时间）"),
        and nested ones read badly.
        """
        if self.precision in (BEFORE, AROUND):
            point = _point_text(self.base_code, lang)
            key = "period.before" if self.precision == BEFORE else "period.around"
            return tr(key, lang, point=point)
        text = self._exact_label(lang)
        if self.precision == INFERRED:
            key = "period.year_inferred" if self.kind == "year" else "period.period_inferred"
            return text + tr(key, lang)
        return text

    def _exact_label(self, lang: str) -> str:
        s, e = self.start, self.end
        if self.kind == "year":
            return tr("date.year", lang, y=e.year)
        if self.kind == "quarter":
            return tr("date.quarter", lang, y=e.year, q=(e.month - 1) // 3 + 1)
        if self.kind == "span":
            if self.is_month_span:
                return month_text(e.year, e.month, lang)
            m1, m2 = _month_name(s.month, lang), _month_name(e.month, lang)
            if s.year == e.year:
                return tr("date.months_in_year", lang, y=e.year, m1=m1, m2=m2)
            return tr("date.months_across", lang, y1=s.year, m1=m1, y2=e.year, m2=m2)
        return tr("period.as_of", lang, point=_point_text(self.base_code, lang))

    def short_label(self, lang: str) -> str:
        """Compact label for chart axes: 2021, 2024Q1, 2023.1–11, 2024.9, 2026.12,
        2021?, ~2024.6 (zh 约2024.6), pre-2019.8 (zh 2019.8前)."""
        if self.precision == BEFORE:
            return tr("period.short_before", lang, point=_dotted(self.base_code))
        if self.precision == AROUND:
            return tr("period.short_around", lang, point=_dotted(self.base_code))
        suffix = "?" if self.precision == INFERRED else ""
        if self.kind == "quarter":
            return self.base_code + suffix
        if self.kind == "span":
            s, e = self.start, self.end
            if self.is_month_span:
                return f"{e.year}.{e.month}{suffix}"
            if s.year == e.year:
                return f"{e.year}.{s.month}–{e.month}{suffix}"
            return f"{s.year}.{s.month}–{e.year}.{e.month}{suffix}"
        return _dotted(self.base_code) + suffix  # a year or a date: 2021, 2024.9, 2024.9.27


def _parts(point: str) -> list[int]:
    """'2024', '2024-06' or '2024-06-26' as [year], [year, month] or [year, month, day]."""
    return [int(p) for p in point.split("-")]


def _month_name(month: int, lang: str) -> str:
    """A month as a date writes it: 6 in Chinese ('2024年6月'), Jun in English."""
    return tr(f"date.month_{month}", lang)


def month_text(year: int, month: int, lang: str) -> str:
    """'2024年6月' / 'Jun 2024': the one way a month is written, in labels and sentences."""
    return tr("date.month", lang, y=year, m=_month_name(month, lang))


def _point_text(point: str, lang: str) -> str:
    """A year, month or day code as text: '2019年8月' / 'Aug 2019', '2024年6月26日' /
    '26 Jun 2024'."""
    parts = _parts(point)
    if len(parts) == 1:
        return tr("date.year", lang, y=parts[0])
    if len(parts) == 2:
        return month_text(parts[0], parts[1], lang)
    return tr("date.day", lang, y=parts[0], m=_month_name(parts[1], lang), d=parts[2])


def _dotted(point: str) -> str:
    return ".".join(str(n) for n in _parts(point))


def decimal_year(d: date) -> float:
    """A date as a decimal year: 1 January of Y is Y.0, so a whole year spans [Y, Y + 1)."""
    days = 366 if calendar.isleap(d.year) else 365
    return d.year + (d.timetuple().tm_yday - 1) / days


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _split_marker(code: str) -> tuple[str, str, tuple[str, ...]]:
    """(precision, base code, kinds the marker allows) for a code with at most one marker."""
    prefix, suffix = code[:1], code[-1:]
    if prefix in _PREFIXES and suffix in _SUFFIXES:
        raise PeriodError(f"period {code!r} has more than one precision marker")
    if prefix in _PREFIXES:
        precision, kinds = _PREFIXES[prefix]
        return precision, code[1:], kinds
    if suffix in _SUFFIXES:
        precision, kinds = _SUFFIXES[suffix]
        return precision, code[:-1], kinds
    return EXACT, code, ("year", "quarter", "span", "date")


def parse_period(code: str) -> Period:
    """Parse a period string; raise PeriodError naming the problem."""
    if not isinstance(code, str):
        raise PeriodError(f"period {code!r} is not text")
    precision, base, kinds = _split_marker(code)
    end, start, kind = _parse_exact(base, code)
    if kind not in kinds:
        marker = "~" if precision == AROUND else "<"
        raise PeriodError(
            f"period {code!r}: '{marker}' applies to a year or a date (2024, 2024-06, "
            f"2024-06-26), not to a {kind}"
        )
    if precision == BEFORE:
        parts = _parts(base) + [1, 1]  # the first day of the year, month or day referred to
        last = date(parts[0], parts[1], parts[2]) - timedelta(days=1)
        return Period(last, last, "date", code, BEFORE)
    return Period(end, start, kind, code, precision)


def _parse_exact(base: str, code: str) -> tuple[date, date, str]:
    """(end, start, kind) of a code without marker; ``code`` (with it) names it in errors."""
    m = PERIOD_PATTERN.fullmatch(base)
    if not m:
        raise PeriodError(f"period {code!r} is not {GRAMMAR_HINT}")
    g = m.groupdict()
    try:
        if g["y"]:
            y = int(g["y"])
            return date(y, 12, 31), date(y, 1, 1), "year"
        if g["qy"]:
            y, q = int(g["qy"]), int(g["q"])
            return _month_end(y, 3 * q), date(y, 3 * q - 2, 1), "quarter"
        if g["sy"]:
            start = date(int(g["sy"]), int(g["sm"]), 1)
            end = _month_end(int(g["ey"]), int(g["em"]))
            if end < start:
                raise PeriodError(f"period {code!r} ends before it starts")
            return end, start, "span"
        y, mo = int(g["dy"]), int(g["dm"])
        if g["dd"]:
            d = date(y, mo, int(g["dd"]))
            return d, d, "date"
        d = _month_end(y, mo)
        return d, d, "date"
    except ValueError as exc:  # month 13, 31 February …
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"period {code!r} is not a real date: {exc}") from None


def needs_version_2(code: str) -> bool:
    """True for a code with a precision marker: version-1 files cannot hold it."""
    return code[:1] in _PREFIXES or code[-1:] in _SUFFIXES


def required_version(codes: Iterable[str]) -> int:
    """The lowest format version that can hold these period codes: 2 once one is imprecise.

    The builder writes version 1 when it can, so that older apps still open the file.
    """
    return 2 if any(needs_version_2(c) for c in codes) else 1
