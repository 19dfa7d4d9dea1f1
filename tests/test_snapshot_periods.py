"""Periods: every kind and precision, labels in both languages, axis positions and errors.

Expected values are written down by hand from the grammar in docs/snapshot-format.md, not
computed with the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from qftz_desktop.snapshot.periods import (
    Period,
    PeriodError,
    decimal_year,
    needs_version_2,
    parse_period,
    required_version,
)

# code, kind, precision, start, end
PARSED = [
    ("2021", "year", "exact", "2021-01-01", "2021-12-31"),
    ("2024Q1", "quarter", "exact", "2024-01-01", "2024-03-31"),
    ("2024Q2", "quarter", "exact", "2024-04-01", "2024-06-30"),
    ("2023Q4", "quarter", "exact", "2023-10-01", "2023-12-31"),
    ("2023-01/2023-11", "span", "exact", "2023-01-01", "2023-11-30"),
    ("2024-02/2024-02", "span", "exact", "2024-02-01", "2024-02-29"),
    ("2022-12/2023-02", "span", "exact", "2022-12-01", "2023-02-28"),
    ("2019-08/2024-06", "span", "exact", "2019-08-01", "2024-06-30"),
    ("2024-09", "date", "exact", "2024-09-30", "2024-09-30"),
    ("2023-02", "date", "exact", "2023-02-28", "2023-02-28"),
    ("2024-09-27", "date", "exact", "2024-09-27", "2024-09-27"),
    ("2021?", "year", "inferred", "2021-01-01", "2021-12-31"),
    ("2022Q1?", "quarter", "inferred", "2022-01-01", "2022-03-31"),
    ("2021-01/2021-05?", "span", "inferred", "2021-01-01", "2021-05-31"),
    ("2023-09?", "date", "inferred", "2023-09-30", "2023-09-30"),
    ("2023-09-04?", "date", "inferred", "2023-09-04", "2023-09-04"),
    ("~2024", "year", "around", "2024-01-01", "2024-12-31"),
    ("~2024-06", "date", "around", "2024-06-30", "2024-06-30"),
    ("~2024-06-26", "date", "around", "2024-06-26", "2024-06-26"),
    ("<2019", "date", "before", "2018-12-31", "2018-12-31"),
    ("<2019-08", "date", "before", "2019-07-31", "2019-07-31"),
    ("<2020-03", "date", "before", "2020-02-29", "2020-02-29"),
    ("<2019-08-02", "date", "before", "2019-08-01", "2019-08-01"),
    ("<2020-01-01", "date", "before", "2019-12-31", "2019-12-31"),
]


@pytest.mark.parametrize(("code", "kind", "precision", "start", "end"), PARSED)
def test_parse(code, kind, precision, start, end):
    p = parse_period(code)
    assert (p.kind, p.precision, p.start.isoformat(), p.end.isoformat(), p.code) == (
        kind,
        precision,
        start,
        end,
        code,
    )
    assert p.is_precise is (precision == "exact")
    assert p.imprecise is (precision != "exact")
    assert p.year == int(end[:4])


# code, zh label, en label, zh short, en short
LABELS = [
    ("2021", "2021年", "2021", "2021", "2021"),
    ("2024Q1", "2024年第1季度", "Q1 2024", "2024Q1", "2024Q1"),
    ("2023Q4", "2023年第4季度", "Q4 2023", "2023Q4", "2023Q4"),
    ("2023-01/2023-11", "2023年1–11月", "Jan–Nov 2023", "2023.1–11", "2023.1–11"),
    ("2026-12/2026-12", "2026年12月", "Dec 2026", "2026.12", "2026.12"),
    ("2024-02/2024-02", "2024年2月", "Feb 2024", "2024.2", "2024.2"),
    (
        "2022-12/2023-02",
        "2022年12月–2023年2月",
        "Dec 2022–Feb 2023",
        "2022.12–2023.2",
        "2022.12–2023.2",
    ),
    ("2024-09", "截至2024年9月", "as of Sep 2024", "2024.9", "2024.9"),
    ("2024-09-27", "截至2024年9月27日", "as of 27 Sep 2024", "2024.9.27", "2024.9.27"),
    ("2021?", "2021年，年份为推断", "2021, year inferred", "2021?", "2021?"),
    ("2022Q1?", "2022年第1季度，时间为推断", "Q1 2022, period inferred", "2022Q1?", "2022Q1?"),
    (
        "2021-01/2021-05?",
        "2021年1–5月，时间为推断",
        "Jan–May 2021, period inferred",
        "2021.1–5?",
        "2021.1–5?",
    ),
    (
        "2021-12/2021-12?",
        "2021年12月，时间为推断",
        "Dec 2021, period inferred",
        "2021.12?",
        "2021.12?",
    ),
    (
        "2020-11/2021-02?",
        "2020年11月–2021年2月，时间为推断",
        "Nov 2020–Feb 2021, period inferred",
        "2020.11–2021.2?",
        "2020.11–2021.2?",
    ),
    (
        "2023-09?",
        "截至2023年9月，时间为推断",
        "as of Sep 2023, period inferred",
        "2023.9?",
        "2023.9?",
    ),
    ("~2024", "2024年前后", "around 2024", "约2024", "~2024"),
    ("~2024-06", "2024年6月前后", "around Jun 2024", "约2024.6", "~2024.6"),
    ("~2024-06-26", "2024年6月26日前后", "around 26 Jun 2024", "约2024.6.26", "~2024.6.26"),
    ("<2019", "2019年以前，未注明时间", "before 2019, undated", "2019前", "pre-2019"),
    (
        "<2019-08",
        "2019年8月以前，未注明时间",
        "before Aug 2019, undated",
        "2019.8前",
        "pre-2019.8",
    ),
    (
        "<2019-08-02",
        "2019年8月2日以前，未注明时间",
        "before 2 Aug 2019, undated",
        "2019.8.2前",
        "pre-2019.8.2",
    ),
]


@pytest.mark.parametrize(("code", "zh", "en", "zh_short", "en_short"), LABELS)
def test_labels_in_both_languages(code, zh, en, zh_short, en_short):
    p = parse_period(code)
    assert p.label("zh") == zh
    assert p.label("en") == en
    assert p.short_label("zh") == zh_short
    assert p.short_label("en") == en_short


def test_one_month_span_is_one_month_not_a_range():
    """Issue 10: '2026-12/2026-12' read 'Dec–Dec 2026' / '2026年12–12月'."""
    p = parse_period("2026-12/2026-12")
    assert p.is_month_span
    assert not parse_period("2026-11/2026-12").is_month_span
    assert not parse_period("2025-12/2026-12").is_month_span
    assert not parse_period("2026-12").is_month_span  # a date, not a span
    for lang in ("zh", "en"):
        assert "–" not in p.label(lang) and "–" not in p.short_label(lang)


@pytest.mark.parametrize(
    ("code", "base"),
    [("2021", "2021"), ("2021?", "2021"), ("~2024-06", "2024-06"), ("<2019-08", "2019-08")],
)
def test_base_code(code, base):
    assert parse_period(code).base_code == base


# code, position in decimal years (the middle of the period)
POSITIONS = [
    ("2021", 2021.5),
    ("2021?", 2021.5),
    ("~2024", 2024.5),
    ("2024Q1", 2024 + 91 / 366 / 2),  # 1 Jan - 31 Mar 2024 is 91 days of a leap year
    ("2023Q4", 2023 + (273 + 365) / 365 / 2),  # 1 Oct is day 274 (offset 273)
    ("2023-01/2023-12", 2023.5),
    ("2022-07/2023-06", (2022 + 181 / 365 + 2023 + 181 / 365) / 2),
    ("2024-09-27", 2024 + (270 + 0.5) / 366),  # 27 Sep 2024 is day 271 of 366
    ("2023-01-01", 2023 + 0.5 / 365),
    ("2023-12-31", 2023 + 364.5 / 365),
    ("<2020-01", 2019 + 364.5 / 365),  # placed on 31 Dec 2019
]


@pytest.mark.parametrize(("code", "position"), POSITIONS)
def test_position_is_the_middle_of_the_period(code, position):
    assert parse_period(code).position == pytest.approx(position, abs=1e-9)


def test_decimal_year():
    assert decimal_year(date(2021, 1, 1)) == 2021.0
    assert decimal_year(date(2021, 7, 2)) == pytest.approx(2021 + 182 / 365)
    assert decimal_year(date(2024, 7, 2)) == pytest.approx(2024 + 183 / 366)
    assert decimal_year(date(2023, 12, 31)) == pytest.approx(2023 + 364 / 365)


def test_a_year_sits_inside_its_year_and_a_date_at_its_day():
    """A year's value is drawn above that year, not at the start of the next one."""
    assert 2015 < parse_period("2015").position < 2016
    assert 2015 < parse_period("2015Q4").position < 2016
    assert 2025 < parse_period("2025-11-26").position < 2026


def test_sorting_is_time_order_with_imprecise_periods():
    codes = ["2024-06", "<2019-08", "2021?", "2019-08/2024-06", "2020", "~2024-06", "2024Q1"]
    ordered = [p.code for p in sorted(parse_period(c) for c in codes)]
    assert ordered == [
        "<2019-08",  # 31 Jul 2019
        "2020",
        "2021?",
        "2024Q1",
        "2019-08/2024-06",  # ends 30 Jun 2024 like the next two, but starts earlier
        "2024-06",
        "~2024-06",  # same day as 2024-06: the code breaks the tie
    ]


def test_sort_key_orders_by_end_then_start_then_code():
    a, b, c = parse_period("2019-08/2024-06"), parse_period("2024-06"), parse_period("~2024-06")
    assert a.sort_key == (date(2024, 6, 30), date(2019, 8, 1), "2019-08/2024-06")
    assert sorted([c, b, a], key=lambda p: p.sort_key) == [a, b, c]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2021-13", "not a real date"),
        ("2023-02-29", "not a real date"),
        ("2024-11/2024-02", "ends before it starts"),
        ("2024Q5", "is not a year (2021)"),
        ("21", "is not a year (2021)"),
        ("２０２１", "is not a year (2021)"),
        ("2021\n", "is not a year (2021)"),
        (" 2021", "is not a year (2021)"),
        ("", "is not a year (2021)"),
        ("?", "is not a year (2021)"),
        ("~", "is not a year (2021)"),
        ("<", "is not a year (2021)"),
        ("2021??", "is not a year (2021)"),
        ("~~2021", "is not a year (2021)"),
        ("<~2021", "is not a year (2021)"),
        ("2021~", "is not a year (2021)"),
        ("~2021?", "more than one precision marker"),
        ("<2021?", "more than one precision marker"),
        ("~2024Q1", "'~' applies to a year or a date"),
        ("<2024Q1", "'<' applies to a year or a date"),
        ("~2023-01/2023-11", "not to a span"),
        ("<2023-01/2023-11", "not to a span"),
        ("<2019-13", "not a real date"),
        ("2024-04-31?", "not a real date"),
    ],
)
def test_errors_name_the_problem(code, message):
    with pytest.raises(PeriodError) as info:
        parse_period(code)
    assert message in str(info.value)
    assert repr(code) in str(info.value)


def test_error_lists_the_grammar_with_the_markers():
    with pytest.raises(PeriodError) as info:
        parse_period("last year")
    text = str(info.value)
    for example in ("2021", "2024Q1", "2023-01/2023-11", "2024-09-27", "2021?", "~2024-06"):
        assert example in text
    assert "<2019-08" in text


@pytest.mark.parametrize("value", [2021, None, 2021.0, b"2021"])
def test_not_text(value):
    with pytest.raises(PeriodError, match="is not text"):
        parse_period(value)


@pytest.mark.parametrize(
    ("codes", "version"),
    [
        (["2021", "2024Q1", "2024-09", "2023-01/2023-11"], 1),
        ([], 1),
        (["2021", "2021?"], 2),
        (["~2024-06"], 2),
        (["2020", "<2019-08"], 2),
    ],
)
def test_required_version(codes, version):
    assert required_version(codes) == version


@pytest.mark.parametrize(
    ("code", "needs"),
    [("2021", False), ("2021?", True), ("~2021", True), ("<2021", True), ("2024-09-27", False)],
)
def test_needs_version_2(code, needs):
    assert needs_version_2(code) is needs


def test_period_default_is_precise():
    p = Period(date(2021, 12, 31), date(2021, 1, 1), "year", "2021")
    assert p.precision == "exact" and p.is_precise


@pytest.mark.parametrize(
    ("month", "name"),
    list(
        enumerate(
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
        )
    ),
)
def test_every_month_name(month, name):
    assert parse_period(f"2023-{month:02d}").label("en") == f"as of {name} 2023"
    assert parse_period(f"2023-{month:02d}").label("zh") == f"截至2023年{month}月"
    assert parse_period(f"2023-{month:02d}/2023-{month:02d}").label("en") == f"{name} 2023"


def test_a_period_is_immutable_and_hashable():
    """Periods are dictionary keys (one parse per distinct code) and must not change."""
    import dataclasses

    p = parse_period("2021?")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.code = "2022"  # type: ignore[misc]
    assert {p: 1}[parse_period("2021?")] == 1
