"""Format versions: version 2 adds imprecise periods; the reader still opens version 1.

The builder writes the lowest version its data needs, so a file without imprecise periods
still opens in an app that knows only version 1.
"""

from __future__ import annotations

import sqlite3

from factory import write_sources
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.snapshot.reader import check_snapshot, open_snapshot

UNDATED = [
    ("t_banks", "<2010-08", "12", "exact", "reported", "T2", "获批前12家", "", "获批前"),
    ("t_banks", "~2016-06", "40", "exact", "reported", "T2", "提高到40家", "", ""),
    ("t_imports", "2016?", "13", "exact", "reported", "T1", "imports 13", "", "undated page"),
]


def _version(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def test_precise_data_is_written_as_version_1(tmp_path):
    out = tmp_path / "v1.sqlite"
    build_snapshot(write_sources(tmp_path / "src"), out)
    assert _version(out) == 1
    assert open_snapshot(out, full=True).schema_version == 1


def test_imprecise_periods_are_written_as_version_2_and_read_back(tmp_path):
    out = tmp_path / "v2.sqlite"
    build_snapshot(write_sources(tmp_path / "src", UNDATED), out)
    assert _version(out) == 2
    snap = open_snapshot(out, full=True)
    assert snap.schema_version == 2
    rows = snap.observations.set_index("period")
    assert rows.loc["<2010-08", ["period_kind", "period_start", "period_end"]].tolist() == [
        "date",
        "2010-07-31",
        "2010-07-31",
    ]
    assert rows.loc["~2016-06", ["period_kind", "period_end"]].tolist() == ["date", "2016-06-30"]
    assert rows.loc["2016?", ["period_kind", "period_start", "period_end"]].tolist() == [
        "year",
        "2016-01-01",
        "2016-12-31",
    ]


def test_a_version_1_file_may_not_hold_imprecise_periods(tmp_path):
    out = tmp_path / "v2.sqlite"
    build_snapshot(write_sources(tmp_path / "src", UNDATED), out)
    con = sqlite3.connect(out)
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    snapshot, issues = check_snapshot(out)
    assert snapshot is None
    assert [i.code for i in issues] == ["bad_period"] * 3
    message = issues[0].message()
    assert "'<2010-08'" in message and "version 2" in message


def test_newer_than_version_2_is_refused(tmp_path):
    out = tmp_path / "v3.sqlite"
    build_snapshot(write_sources(tmp_path / "src"), out)
    con = sqlite3.connect(out)
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    snapshot, issues = check_snapshot(out)
    assert snapshot is None and [i.code for i in issues] == ["newer_schema"]


def test_a_snapshot_without_observations_invents_no_year_range(tmp_path):
    """Issue 10: with no observation the briefing showed 2019–2024, years no data came from."""
    import factory
    from qftz_desktop.domain.briefing import Briefing

    src = write_sources(tmp_path / "src")
    text = (src / "observations.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    (src / "observations.csv").write_text(text, encoding="utf-8")
    out = tmp_path / "empty.sqlite"
    build_snapshot(src, out)
    briefing = Briefing(open_snapshot(out))
    as_of_year = int(dict(factory.META_ROWS)["as_of"][:4])
    assert as_of_year == 2016
    assert (briefing.year_min, briefing.year_max) == (2016, 2016)
