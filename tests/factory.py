"""Synthetic snapshot sources for tests: other metrics, other years, every status and kind.

This is test data, generated here and never bundled: the values are made up and the source is
labelled as such, so nothing built from it can pass for the real snapshot.
"""

from __future__ import annotations

import csv
from pathlib import Path

from qftz_desktop.snapshot.builder import build_snapshot

SOURCE_ROWS = [
    {
        "id": "T1",
        "title": "Synthetic test source",
        "publisher": "QFTZ test suite",
        "date": "2016-12-31",
        "url": "",
        "language": "en",
        "note": "made-up values for tests",
    },
    {
        "id": "T2",
        "title": "合成测试来源",
        "publisher": "测试",
        "date": "2017-03",
        "url": "https://example.invalid/t2",
        "language": "zh",
        "note": "",
    },
]

METRIC_ROWS = [
    # id, sector, name_zh/en, unit, unit_zh/en, scope, scope_zh/en, group, headline
    (
        "t_exports",
        "trade",
        "测试出口额",
        "Test exports",
        "cny_100m",
        "亿元",
        "CNY 100 m",
        "ftz",
        "测试片区",
        "test area",
        "",
        "1",
    ),
    (
        "t_imports",
        "trade",
        "测试进口额",
        "Test imports",
        "cny_100m",
        "亿元",
        "CNY 100 m",
        "ftz",
        "测试片区",
        "test area",
        "t_flows",
        "",
    ),
    (
        "t_reexports",
        "trade",
        "测试转口额",
        "Test re-exports",
        "cny_100m",
        "亿元",
        "CNY 100 m",
        "ftz",
        "测试片区",
        "test area",
        "t_flows",
        "",
    ),
    (
        "t_berths",
        "shipping",
        "测试泊位数",
        "Test berths",
        "count",
        "个",
        "berths",
        "port",
        "测试港",
        "test port",
        "",
        "2",
    ),
    (
        "t_banks",
        "finance",
        "测试银行数",
        "Test banks",
        "count",
        "家",
        "banks",
        "ftz",
        "测试片区",
        "test area",
        "",
        "3",
    ),
    (
        "t_fdi",
        "investment",
        "测试外资",
        "Test FDI",
        "usd_m",
        "百万美元",
        "USD m",
        "city",
        "测试市",
        "test city",
        "",
        "",
    ),
    (
        "t_output",
        "industry",
        "测试产值",
        "Test output",
        "cny_100m",
        "亿元",
        "CNY 100 m",
        "park",
        "测试园区",
        "test park",
        "",
        "4",
    ),
    (
        "t_reforms",
        "innovation",
        "测试改革数",
        "Test reforms",
        "count",
        "项",
        "reforms",
        "ftz",
        "测试片区",
        "test area",
        "",
        "",
    ),
]

OBSERVATION_ROWS = [
    # metric, period, value, qualifier, status, source, quote, formula, note
    ("t_exports", "2010", "10", "exact", "reported", "T1", "exports 10", "", ""),
    ("t_exports", "2011", "12.5", "exact", "reported", "T1", "exports 12.5", "", ""),
    ("t_exports", "2012", "15", "over", "reported", "T1", "over 15", "", ""),
    ("t_exports", "2013", "14", "exact", "reported", "T2", "出口14", "", "revised"),
    ("t_exports", "2014", "18", "about", "reported", "T1", "about 18", "", ""),
    ("t_exports", "2016", "25", "at_least", "target", "T1", "target 25", "", ""),
    ("t_imports", "2010", "8", "exact", "reported", "T1", "imports 8", "", ""),
    ("t_imports", "2012", "9", "exact", "reported", "T1", "imports 9", "", ""),
    ("t_imports", "2014", "11", "exact", "reported", "T1", "imports 11", "", ""),
    ("t_reexports", "2012", "3", "exact", "reported", "T1", "re-exports 3", "", ""),
    ("t_reexports", "2014", "4", "exact", "reported", "T1", "re-exports 4", "", ""),
    ("t_berths", "2011", "40", "exact", "reported", "T1", "40 berths", "", ""),
    ("t_berths", "2013Q2", "44", "exact", "reported", "T1", "44 berths", "", ""),
    ("t_berths", "2015-06", "50", "over", "reported", "T2", "超过50个", "", ""),
    ("t_banks", "2012", "20", "exact", "reported", "T1", "20 banks", "", ""),
    ("t_banks", "2015", "35", "exact", "reported", "T1", "35 banks", "", ""),
    ("t_fdi", "2013-01/2013-06", "120", "exact", "reported", "T1", "H1 120", "", ""),
    ("t_fdi", "2014", "300", "exact", "reported", "T1", "300", "", ""),
    ("t_output", "2012", "100", "exact", "reported", "T1", "output 100", "", ""),
    ("t_output", "2014", "150", "exact", "reported", "T1", "output 150", "", ""),
    ("t_output", "2016", "200", "over", "target", "T1", "target over 200", "", ""),
    ("t_output", "2015", "75", "exact", "derived", "T1", "", "150 / 200 = 75%", "share of target"),
    ("t_reforms", "2011-01/2015-12", "60", "over", "reported", "T2", "60余项", "", ""),
]

HIGHLIGHT_ROWS = [
    (
        "H1",
        "industry",
        "测试亮点",
        "Test highlight",
        "一个测试用的亮点。",
        "A highlight for tests.",
        "T1",
        "quote",
        "",
    ),
    (
        "H2",
        "finance",
        "测试金融亮点",
        "Test finance highlight",
        "金融测试文字。",
        "Finance test text.",
        "T2",
        "",
        "",
    ),
]

META_ROWS = [
    ("title_zh", "测试快照"),
    ("title_en", "Test snapshot"),
    ("zone_zh", "测试片区"),
    ("zone_en", "Test Area"),
    ("as_of", "2016-06-30"),
    ("publisher_zh", "测试套件"),
    ("publisher_en", "Test suite"),
    ("created_at", "2016-07-01T00:00:00Z"),
]


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for row in rows:
            w.writerow([row[h] for h in header] if isinstance(row, dict) else row)


def write_sources(folder: Path, extra_observations=()) -> Path:
    """Write a complete, valid set of CSV sources into ``folder`` and return it.

    ``extra_observations`` (rows shaped like OBSERVATION_ROWS) are appended, for tests that
    need one more case without changing the counts every other test relies on.
    """
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "snapshot.csv", ["key", "value"], META_ROWS)
    _write(folder / "sources.csv", list(SOURCE_ROWS[0]), SOURCE_ROWS)
    _write(
        folder / "metrics.csv",
        [
            "id",
            "sector",
            "name_zh",
            "name_en",
            "unit",
            "unit_zh",
            "unit_en",
            "scope",
            "scope_zh",
            "scope_en",
            "chart_group",
            "headline",
            "description_zh",
            "description_en",
        ],
        [row + ("", "") for row in METRIC_ROWS],
    )
    _write(
        folder / "observations.csv",
        [
            "metric_id",
            "period",
            "value",
            "qualifier",
            "status",
            "source_id",
            "quote",
            "formula",
            "note",
            "ref",
        ],
        [row + ("",) for row in [*OBSERVATION_ROWS, *extra_observations]],
    )
    _write(
        folder / "highlights.csv",
        ["id", "sector", "title_zh", "title_en", "text_zh", "text_en", "source_id", "quote", "ref"],
        HIGHLIGHT_ROWS,
    )
    return folder


def build_test_snapshot(folder: Path, name: str = "test.sqlite") -> Path:
    """Build the synthetic snapshot in ``folder`` and return its path."""
    src = write_sources(folder / "src")
    out = folder / name
    build_snapshot(src, out)
    return out
