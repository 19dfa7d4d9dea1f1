"""Periods as the snapshot writes them: a year, a quarter, a span of months or an as-of date.

Parsing lives here, free of Qt and of SQLite, so that the builder, the reader and the domain
layer agree on what ``2023-01/2023-11`` means.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# ASCII digits only: ``\d`` would also accept "٢٠٢١" or "２０２１", which int() reads as 2021.
YEAR_RE = r"(?P<y>[0-9]{4})"
QUARTER_RE = r"(?P<qy>[0-9]{4})Q(?P<q>[1-4])"
SPAN_RE = r"(?P<sy>[0-9]{4})-(?P<sm>[0-9]{2})/(?P<ey>[0-9]{4})-(?P<em>[0-9]{2})"
DATE_RE = r"(?P<dy>[0-9]{4})-(?P<dm>[0-9]{2})(?:-(?P<dd>[0-9]{2}))?"
# Used with fullmatch(): "$" would also match before a trailing newline ("2021\n").
PERIOD_PATTERN = re.compile(rf"(?:{YEAR_RE}|{QUARTER_RE}|{SPAN_RE}|{DATE_RE})")


class PeriodError(ValueError):
    """A period string that does not follow the grammar of docs/snapshot-format.md."""


@dataclass(frozen=True, order=True)
class Period:
    end: date
    start: date
    kind: str
    code: str

    @property
    def year(self) -> int:
        """The year used by the year selection: the year the period ends in."""
        return self.end.year

    def label(self, lang: str) -> str:
        """Human label: 2021年 / 2024年一季度 / 2023年1–11月 / 截至2024年9月."""
        zh = lang == "zh"
        if self.kind == "year":
            return f"{self.end.year}年" if zh else str(self.end.year)
        if self.kind == "quarter":
            q = (self.end.month - 1) // 3 + 1
            return f"{self.end.year}年第{q}季度" if zh else f"Q{q} {self.end.year}"
        if self.kind == "span":
            s, e = self.start, self.end
            if s.year == e.year:
                if zh:
                    return f"{e.year}年{s.month}–{e.month}月"
                return f"{_MONTHS[s.month]}–{_MONTHS[e.month]} {e.year}"
            if zh:
                return f"{s.year}年{s.month}月–{e.year}年{e.month}月"
            return f"{_MONTHS[s.month]} {s.year}–{_MONTHS[e.month]} {e.year}"
        # date
        has_day = len(self.code) == 10
        if zh:
            day = f"{self.end.day}日" if has_day else ""
            return f"截至{self.end.year}年{self.end.month}月{day}"
        day = f"{self.end.day} " if has_day else ""
        return f"as of {day}{_MONTHS[self.end.month]} {self.end.year}"

    def short_label(self, lang: str) -> str:
        """Compact label for chart axes: 2021, 2024Q1, 2023.1–11, 2024.9."""
        if self.kind == "year":
            return str(self.end.year)
        if self.kind == "quarter":
            return self.code
        if self.kind == "span":
            s, e = self.start, self.end
            if s.year == e.year:
                return f"{e.year}.{s.month}–{e.month}"
            return f"{s.year}.{s.month}–{e.year}.{e.month}"
        return f"{self.end.year}.{self.end.month}" + (
            f".{self.end.day}" if len(self.code) == 10 else ""
        )


_MONTHS = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(code: str) -> Period:
    """Parse a period string; raise PeriodError naming the problem."""
    if not isinstance(code, str):
        raise PeriodError(f"period {code!r} is not text")
    m = PERIOD_PATTERN.fullmatch(code)
    if not m:
        raise PeriodError(
            f"period {code!r} is not a year (2021), quarter (2024Q1), "
            "span (2023-01/2023-11) or date (2024-09 or 2024-09-27)"
        )
    g = m.groupdict()
    try:
        if g["y"]:
            y = int(g["y"])
            return Period(date(y, 12, 31), date(y, 1, 1), "year", code)
        if g["qy"]:
            y, q = int(g["qy"]), int(g["q"])
            return Period(_month_end(y, 3 * q), date(y, 3 * q - 2, 1), "quarter", code)
        if g["sy"]:
            start = date(int(g["sy"]), int(g["sm"]), 1)
            end = _month_end(int(g["ey"]), int(g["em"]))
            if end < start:
                raise PeriodError(f"period {code!r} ends before it starts")
            return Period(end, start, "span", code)
        y, mo = int(g["dy"]), int(g["dm"])
        d = date(y, mo, int(g["dd"])) if g["dd"] else _month_end(y, mo)
        return Period(d, d, "date", code)
    except ValueError as exc:  # month 13, 31 February …
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"period {code!r} is not a real date: {exc}") from None
