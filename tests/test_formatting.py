"""Numbers and units as each language writes them (domain.formatting): expected texts written
down by hand from the stored values, in both languages."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from qftz_desktop.domain.formatting import (
    amount_text,
    count_phrase,
    format_number,
    format_short,
    format_value,
    scaled_numbers,
    singular,
    unit_label,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1758, "1,758"),
        (1758.0, "1,758"),
        (9.7, "9.7"),
        (0.333, "0.333"),
        (0.0004, "0.0004"),  # was "0"
        (1.23456, "1.23456"),  # was "1.235": the source's digits are kept
        (9117.2, "9,117.2"),
        (16200, "16,200"),
        (1e9, "1,000,000,000"),
        (1e20, "100,000,000,000,000,000,000"),  # no exponent
        (0.001, "0.001"),
        (1e-7, "0.0000001"),
        (-5.9, "-5.9"),
        (-1234.5, "-1,234.5"),
        (0, "0"),
        (-0.0, "0"),  # no sign on zero
        (100, "100"),
        (1000000, "1,000,000"),
        (70.64, "70.64"),
        (float("nan"), "—"),
        (float("inf"), "—"),
        (-math.inf, "—"),
    ],
)
def test_format_number_keeps_what_the_source_gave(value, text):
    assert format_number(value) == text


# value, qualifier, unit_zh, unit_en, unit code, Chinese, English
UNIT_CASES = [
    (580, "exact", "亿元", "CNY 100 m", "cny_100m", "580亿元", "CNY 58 bn"),
    (1870, "exact", "亿元", "CNY 100 m", "cny_100m", "1,870亿元", "CNY 187 bn"),
    (9117.2, "exact", "亿元", "CNY 100 m", "cny_100m", "9,117.2亿元", "CNY 911.72 bn"),
    (1133.3, "about", "亿元", "CNY 100 m", "cny_100m", "约1,133.3亿元", "about CNY 113.33 bn"),
    (1000, "over", "亿元", "CNY 100 m", "cny_100m", "超过1,000亿元", "over CNY 100 bn"),
    (16200, "exact", "亿元", "CNY 100 m", "cny_100m", "1.62万亿元", "CNY 1.62 tn"),
    (0.5, "exact", "亿元", "CNY 100 m", "cny_100m", "5,000万元", "CNY 50 m"),
    (3090, "exact", "万标准箱", "10k TEU", "teu_10k", "3,090万标准箱", "30.9 m TEU"),
    (3000, "at_least", "万标准箱", "10k TEU", "teu_10k", "至少3,000万标准箱", "at least 30 m TEU"),
    (767, "exact", "万标准箱", "10k TEU", "teu_10k", "767万标准箱", "7.67 m TEU"),
    (7.12, "exact", "亿吨", "100 m t", "t_100m", "7.12亿吨", "712 m t"),
    (1.72, "exact", "亿吨", "100 m t", "t_100m", "1.72亿吨", "172 m t"),
    (7, "over", "亿吨", "100 m t", "t_100m", "超过7亿吨", "over 700 m t"),
    (141, "exact", "百万美元", "USD m", "usd_1m", "1.41亿美元", "US$141 m"),
    (70.64, "exact", "百万美元", "USD m", "usd_1m", "7,064万美元", "US$70.64 m"),
    (310, "over", "亿美元", "USD 100 m", "usd_100m", "超过310亿美元", "over US$31 bn"),
    (21.8, "exact", "亿美元", "USD 100 m", "usd_100m", "21.8亿美元", "US$2.18 bn"),
    (580000, "exact", "平方米", "m²", "m2", "58万平方米", "580,000 m²"),
    (1000, "about", "亩", "mu", "mu", "约1,000亩", "about 1,000 mu"),
    (23, "exact", "%", "%", "pct", "23%", "23%"),
    (26, "over", "%", "%", "pct", "超过26%", "over 26%"),
    (4, "exact", "名", "rank", "rank", "第4位", "No. 4"),
    (1, "exact", "名", "rank", "rank", "第1位", "No. 1"),
    (1, "exact", "个", "projects", "count", "1个", "1 project"),
    (72, "exact", "个", "projects", "count", "72个", "72 projects"),
    (1, "exact", "家", "companies", "count", "1家", "1 company"),
    (3, "exact", "家", "factories", "count", "3家", "3 factories"),
    (1, "exact", "家", "factories", "count", "1家", "1 factory"),
    (2100, "over", "人", "people", "people", "超过2,100人", "over 2,100 people"),
    (12000, "at_least", "人", "people", "people", "至少1.2万人", "at least 12,000 people"),
    (25000, "exact", "家", "entities", "count", "2.5万家", "25,000 entities"),
    (12300, "exact", "户", "taxpayers", "count", "1.23万户", "12,300 taxpayers"),
    (1, "exact", "种", "species", "species", "1种", "1 species"),
    (260, "over", "种", "species", "species", "超过260种", "over 260 species"),
    (120, "exact", "百万美元", "USD m", "usd_m", "1.2亿美元", "US$120 m"),
    (58, "under", "%", "%", "pct", "不到58%", "under 58%"),
    (58, "at_most", "%", "%", "pct", "至多58%", "at most 58%"),
]


@pytest.mark.parametrize(("value", "q", "uzh", "uen", "code", "zh", "en"), UNIT_CASES)
def test_units_as_each_language_writes_them(value, q, uzh, uen, code, zh, en):
    assert format_value(value, q, uzh, "zh", code) == zh
    assert format_value(value, q, uen, "en", code) == en


def test_an_empty_unit_keeps_the_stored_scale_for_a_unit_column():
    # the PDF's figure tables put the unit in its own column: the number stays as stored
    assert format_value(580, "exact", "", "en", "cny_100m") == "580"
    assert format_value(1000, "over", "", "zh", "cny_100m") == "超过1,000"
    assert format_value(4, "exact", "", "zh", "rank") == "第4位"  # never "第4位 名"
    assert amount_text(4, "", "en", "rank") == "No. 4"


@pytest.mark.parametrize(
    ("code", "authored", "zh", "en"),
    [
        ("cny_100m", "CNY 100 m", "亿元", "CNY 100 million"),
        ("teu_10k", "10k TEU", "万标准箱", "10,000 TEU"),
        ("t_100m", "100 m t", "亿吨", "100 million t"),
        ("usd_1m", "USD m", "百万美元", "US$ million"),
        ("usd_100m", "USD 100 m", "亿美元", "US$100 million"),
        ("rank", "rank", "名次", "rank"),
        ("pct", "%", "%", "%"),
        ("count", "projects", "projects", "projects"),  # authored label kept
    ],
)
def test_stored_unit_names_for_columns_and_csv_headers(code, authored, zh, en):
    assert unit_label(code, "zh", authored) == zh
    assert unit_label(code, "en", authored) == en


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("projects", "project"),
        ("firms", "firm"),
        ("institutions", "institution"),
        ("entities", "entity"),
        ("companies", "company"),
        ("people", "person"),
        ("species", "species"),
        ("measures", "measure"),
        ("cases", "case"),
        ("factories", "factory"),
        ("glass", "glass"),
    ],
)
def test_singular(plural, one):
    assert singular(plural) == one


def test_plural_aware_counts():
    assert count_phrase(1, "highlights", "en") == "1 highlight"
    assert count_phrase(1, "sources", "en") == "1 source"
    assert count_phrase(2, "sources", "en") == "2 sources"
    assert count_phrase(0, "sources", "en") == "0 sources"
    assert count_phrase(1200, "figures", "en") == "1,200 figures"
    assert count_phrase(1, "条要点", "zh") == "1条要点"


def test_short_labels_keep_the_bound():
    assert format_short(700, "over") == ">700"
    assert format_short(18, "about") == "≈18"
    assert format_short(3000, "at_least") == "≥3,000"
    assert format_short(58, "under") == "<58"
    assert format_short(58, "at_most") == "≤58"
    assert format_short(23, "exact") == "23"


def test_every_bundled_metric_reads_without_raw_scale_words():
    """Each metric of the bundled sources, formatted with its own unit, in both languages:
    no '100 m' / '10k' in English, no '百万' in Chinese, no '名' after a rank."""
    with (ROOT / "data/source/metrics.csv").open(encoding="utf-8") as fh:
        metrics = list(csv.DictReader(fh))
    assert metrics
    for m in metrics:
        en = format_value(1234.5, "exact", m["unit_en"], "en", m["unit"])
        zh = format_value(1234.5, "exact", m["unit_zh"], "zh", m["unit"])
        assert "100 m" not in en and "10k" not in en and "USD" not in en, (m["id"], en)
        assert "百万" not in zh and "名" not in zh and " " not in zh, (m["id"], zh)


@pytest.mark.parametrize(
    ("value", "unit", "lang", "code", "text"),
    [
        (5, "TEU", "zh", "", "5 TEU"),  # a Latin unit keeps its space in Chinese
        (5, "m", "zh", "", "5 m"),
        (5, "ｍ", "zh", "", "5ｍ"),  # full-width: no space
        (5, "\u2e80x", "zh", "", "5\u2e80x"),  # the edges of the CJK and full-width blocks
        (5, "\u9fffx", "zh", "", "5\u9fffx"),
        (5, "\uff00x", "zh", "", "5\uff00x"),
        (5, "\uffefx", "zh", "", "5\uffefx"),
        (5, "\ufff0x", "zh", "", "5 \ufff0x"),
        (5, "%", "en", "", "5%"),
        (5, "％", "zh", "", "5%"),
        (10000, "人", "zh", "", "1万人"),  # 万 from 10,000 on
        (9999, "人", "zh", "", "9,999人"),
        (100, "万标准箱", "zh", "teu_10k", "100万标准箱"),
        (100, "10k TEU", "en", "teu_10k", "1 m TEU"),  # m from exactly a million
        (99.99, "10k TEU", "en", "teu_10k", "999,900 TEU"),
        (-5.9, "亿元", "zh", "cny_100m", "-5.9亿元"),
        (float("nan"), "亿元", "zh", "cny_100m", "—"),
        (2, "facilities", "en", "count", "2 facilities"),
        (1, "facilities", "en", "count", "1 facility"),
    ],
)
def test_amount_edges(value, unit, lang, code, text):
    assert amount_text(value, unit, lang, code) == text


def test_defaults_and_unknown_qualifiers():
    assert format_value(5, "exact", "家", "zh") == "5家"  # no unit code: the label as given
    assert format_value(5, "bogus", "", "en") == "5"  # an unknown qualifier adds no word
    assert format_short(5, "bogus") == "5"
    assert unit_label("count", "en") == ""  # no authored label: nothing invented
    assert unit_label("cny_100m", "en") == "CNY 100 million"


def test_formula_numbers_share_one_scale():
    assert scaled_numbers([580, 1000], "cny_100m", "en") == ["58", "100"]
    assert scaled_numbers([580, 1000], "cny_100m", "zh") == ["580", "1,000"]
    assert scaled_numbers([0.5, 20], "cny_100m", "en") == ["0.05", "2"]  # bn, from the larger
    assert scaled_numbers([580000, 10000], "m2", "zh") == ["58", "1"]
    assert scaled_numbers([100, 50], "teu_10k", "en") == ["1", "0.5"]
    assert scaled_numbers([68, 300], "count", "en") == ["68", "300"]
    assert scaled_numbers([float("nan"), 5], "cny_100m", "en") == ["—", "500"]  # CNY 500 m
