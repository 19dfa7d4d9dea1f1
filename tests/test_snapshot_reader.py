"""The reader on good files and on every kind of bad file the issue lists."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from qftz_desktop.snapshot.issues import SnapshotError
from qftz_desktop.snapshot.reader import check_snapshot, open_snapshot


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _altered(src: Path, dst: Path, *sql: str) -> Path:
    shutil.copyfile(src, dst)
    con = sqlite3.connect(dst)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    return dst


def _codes(path: Path) -> list[str]:
    snapshot, issues = check_snapshot(path)
    assert snapshot is None
    for issue in issues:
        assert str(path) in issue.message("en"), "every message names the file"
        assert issue.message("zh")
    return [i.code for i in issues]


def test_open_test_snapshot(test_snapshot_path):
    snap = open_snapshot(test_snapshot_path, full=True)
    assert snap.title("zh") == "测试快照"
    assert snap.as_of == "2016-06-30"
    assert len(snap.metrics) == 8
    assert len(snap.observations) == 23
    assert set(snap.observations["status"]) == {"reported", "derived", "target"}
    assert snap.observations["value"].dtype == "float64"
    row = snap.observations.set_index("period").loc["2013Q2"]
    assert (row["period_kind"], row["period_start"], row["period_end"]) == (
        "quarter",
        "2013-04-01",
        "2013-06-30",
    )
    assert len(snap.content_id) == 64


def test_reader_never_writes(test_snapshot_path, tmp_path):
    path = shutil.copyfile(test_snapshot_path, tmp_path / "ro.sqlite")
    before, mtime = _digest(path), os.stat(path).st_mtime_ns
    open_snapshot(path, full=True)
    assert _digest(path) == before
    assert os.stat(path).st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ro.sqlite"]


def test_missing_file_is_not_created(tmp_path):
    path = tmp_path / "absent.sqlite"
    assert _codes(path) == ["missing_file"]
    assert not path.exists()


def test_directory(tmp_path):
    assert _codes(tmp_path) == ["not_a_file"]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    assert _codes(path) == ["empty_file"]


def test_not_sqlite(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("title,value\nthis is a CSV, not a database\n", encoding="utf-8")
    assert _codes(path) == ["not_sqlite"]


def test_truncated(test_snapshot_path, tmp_path):
    data = test_snapshot_path.read_bytes()
    path = tmp_path / "truncated.sqlite"
    path.write_bytes(data[: len(data) // 2])
    assert _codes(path) == ["truncated"]


def test_truncated_inside_header(test_snapshot_path, tmp_path):
    path = tmp_path / "tiny.sqlite"
    path.write_bytes(test_snapshot_path.read_bytes()[:40])
    assert _codes(path) == ["truncated"]


def test_corrupt_pages(test_snapshot_path, tmp_path):
    data = bytearray(test_snapshot_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), page):  # damage every page after the first
        data[offset : offset + 64] = b"\xff" * 64
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(bytes(data))
    assert _codes(path) == ["corrupt"]


def test_newer_schema(test_snapshot_path, tmp_path):
    path = _altered(test_snapshot_path, tmp_path / "v9.sqlite", "PRAGMA user_version = 9")
    snapshot, issues = check_snapshot(path)
    assert [i.code for i in issues] == ["newer_schema"]
    assert "9" in issues[0].message() and "(2)" in issues[0].message()


def test_wrong_application(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    assert _codes(path) == ["wrong_application"]


def test_missing_table(test_snapshot_path, tmp_path):
    path = _altered(test_snapshot_path, tmp_path / "t.sqlite", "DROP TABLE highlights")
    snapshot, issues = check_snapshot(path)
    assert [(i.code, i.table) for i in issues] == [("missing_table", "highlights")]


def test_missing_column(test_snapshot_path, tmp_path):
    path = _altered(
        test_snapshot_path, tmp_path / "c.sqlite", "ALTER TABLE metrics DROP COLUMN unit_zh"
    )
    snapshot, issues = check_snapshot(path)
    assert [(i.code, i.table, i.params.get("column")) for i in issues] == [
        ("missing_column", "metrics", "unit_zh")
    ]


def test_value_not_a_number(test_snapshot_path, tmp_path):
    path = _altered(
        test_snapshot_path,
        tmp_path / "n.sqlite",
        "UPDATE observations SET value = 'twelve' WHERE id = 2",
    )
    snapshot, issues = check_snapshot(path)
    assert [i.code for i in issues] == ["not_a_number"]
    assert issues[0].table == "observations"
    assert "id 2" in issues[0].row
    assert "twelve" in issues[0].message()


def test_infinite_value(test_snapshot_path, tmp_path):
    path = _altered(
        test_snapshot_path,
        tmp_path / "i.sqlite",
        "UPDATE observations SET value = 9e999 WHERE id = 4",
    )
    assert _codes(path) == ["not_finite"]


def test_dangling_metric_and_source(test_snapshot_path, tmp_path):
    path = _altered(
        test_snapshot_path,
        tmp_path / "d.sqlite",
        "UPDATE observations SET metric_id = 'no_such_metric' WHERE id = 3",
        "UPDATE observations SET source_id = 'S404' WHERE id = 5",
    )
    snapshot, issues = check_snapshot(path)
    found = {(i.code, i.params["column"], i.params["value"]) for i in issues}
    assert found == {
        ("dangling_reference", "metric_id", "no_such_metric"),
        ("dangling_reference", "source_id", "S404"),
    }


def test_bad_enum_and_period(test_snapshot_path, tmp_path):
    path = _altered(
        test_snapshot_path,
        tmp_path / "e.sqlite",
        "UPDATE observations SET status = 'guessed' WHERE id = 1",
        "UPDATE observations SET period = '2013-13' WHERE id = 6",
    )
    codes = sorted(_codes(path))
    assert codes == ["bad_enum", "bad_period"]


def test_edited_after_build(test_snapshot_path, tmp_path):
    path = _altered(
        test_snapshot_path, tmp_path / "x.sqlite", "UPDATE observations SET value = 11 WHERE id = 1"
    )
    assert _codes(path) == ["content_id_mismatch"]
    # opening for display skips the content hash, the value is still valid data
    assert open_snapshot(path).observations["value"].iloc[0] == 11


def test_wal_mode_refused_and_untouched(test_snapshot_path, tmp_path):
    path = _altered(test_snapshot_path, tmp_path / "w.sqlite", "PRAGMA journal_mode = WAL")
    before = _digest(path)
    assert _codes(path) == ["wal_mode"]
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sqlite"]


def test_open_raises_with_all_issues(tmp_path):
    with pytest.raises(SnapshotError) as info:
        open_snapshot(tmp_path / "nope.sqlite")
    assert "nope.sqlite" in str(info.value)
    assert "文件不存在" in info.value.message("zh")
