"""Open a snapshot read-only, check it, and return plain pandas tables.

The file is never written or created: SQLite is opened through a ``mode=ro`` URI after the
header has been checked by hand, WAL-mode files (which SQLite would write a ``-shm`` file next
to) are refused, and all tables are read into memory before the connection is closed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import struct
from pathlib import Path

import numpy as np
import pandas as pd

from .canonical import content_id, normalize
from .issues import Issue, SnapshotError
from .model import Snapshot
from .schema import (
    APPLICATION_ID,
    MIN_SCHEMA_VERSION,
    PRIMARY_KEYS,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    TABLES,
)
from .validate import validate_tables

HEADER_SIZE = 100
CHUNK_ROWS = 4096  # rows fetched at a time; small chunks stay in the CPU cache


def _header_issues(path: Path, name: str) -> list[Issue]:
    """Checks that need no SQLite: existence, type, permissions, header, truncation."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return [Issue("missing_file", name)]
    except OSError as exc:  # no permission on a parent folder, name too long, symlink loop
        return [Issue("unreadable", name, params={"reason": exc.strerror or str(exc)})]
    except ValueError as exc:  # a NUL character in the name
        return [Issue("unreadable", name, params={"reason": str(exc)})]
    if not stat.S_ISREG(st.st_mode):
        return [Issue("not_a_file", name)]
    try:
        with path.open("rb") as fh:
            header = fh.read(HEADER_SIZE)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        return [Issue("unreadable", name, params={"reason": exc.strerror or str(exc)})]
    if size == 0:
        return [Issue("empty_file", name)]
    if not header.startswith(SQLITE_MAGIC):
        return [Issue("not_sqlite", name)]
    if len(header) < HEADER_SIZE:
        return [Issue("truncated", name, params={"expected": HEADER_SIZE, "actual": size})]
    if header[18] == 2 or header[19] == 2:
        return [Issue("wal_mode", name)]
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if page_size < 512 or page_size & (page_size - 1):
        return [Issue("corrupt", name, params={"reason": f"invalid page size {page_size}"})]
    if valid_for == change_counter and page_count:
        expected = page_size * page_count
        if size < expected:
            return [Issue("truncated", name, params={"expected": expected, "actual": size})]
    return []


def _connect(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    con.execute("PRAGMA query_only = ON")
    return con


def _row_labeler(tables: dict[str, pd.DataFrame]):
    def label(table: str, pos: int) -> str:
        df = tables[table]
        pk = PRIMARY_KEYS[table]
        if pk in df.columns:
            key = df[pk].iloc[pos]
            if isinstance(key, np.generic):
                key = key.item()
            if isinstance(key, float) and key.is_integer():
                key = int(key)
            return (
                f"row {pos + 1} ({pk} {key!r})"
                if isinstance(key, str)
                else (f"row {pos + 1} ({pk} {key})")
            )
        return f"row {pos + 1}"

    return label


_NONE = type(None)
_TEXT_CELLS = frozenset({str, _NONE})
_REAL_CELLS = frozenset({float, int, _NONE})


class _ColumnReader:
    """Collects one column chunk by chunk into one preallocated array.

    Text is deduplicated per chunk (a million observations name a few hundred metrics and
    periods: equal cells then share one ``str``), REAL is stored as float64 (NULL as NaN)
    and INTEGER as int64. A chunk that does not fit (mixed types, binary data, NULL in an
    INTEGER column) turns the column into an object array holding every cell exactly as
    SQLite returned it, so that validation can report it.
    """

    def __init__(self, sql_type: str, capacity: int) -> None:
        self.sql_type = sql_type
        dtype = {"REAL": np.float64, "INTEGER": np.int64}.get(sql_type, object)
        self.data: np.ndarray = np.empty(capacity, dtype=dtype)
        self.size = 0

    def add(self, cells: tuple[object, ...]) -> None:
        start, stop = self.size, self.size + len(cells)
        if stop > len(self.data):  # more rows than counted: grow
            grown = np.empty(max(stop, 2 * len(self.data)), dtype=self.data.dtype)
            grown[:start] = self.data[:start]
            self.data = grown
        values: object = cells
        if self.sql_type == "TEXT":
            pool: dict[object, object] = {}
            deduped = list(map(pool.setdefault, cells, cells))
            # dict keys merge 1, 1.0 and True: keep the dedup only for pure text
            if set(map(type, pool)) <= _TEXT_CELLS:
                values = deduped
        elif self.data.dtype != object:
            types = set(map(type, cells))
            fits = types <= _REAL_CELLS if self.sql_type == "REAL" else types == {int}
            if not fits:  # from here on keep the cells as they are
                self.data = self.data.astype(object)
        self.data[start:stop] = values  # numbers in an object array become int and float
        self.size = stop

    def finish(self) -> np.ndarray:
        return self.data if self.size == len(self.data) else self.data[: self.size].copy()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _read_table(con: sqlite3.Connection, name: str) -> pd.DataFrame:
    """Read the format's columns of one table (found case-insensitively, like SQLite does)."""
    info = con.execute(f"PRAGMA table_xinfo({_quote(name)})").fetchall()
    actual = {str(row[1]).lower(): str(row[1]) for row in info}
    table = name.lower()
    wanted = [c for c in TABLES[table] if c.name in actual]
    (count,) = con.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()
    if not wanted:
        return pd.DataFrame(index=pd.RangeIndex(count))
    select = ", ".join(_quote(actual[c.name]) for c in wanted)
    cur = con.execute(f"SELECT {select} FROM {_quote(name)}")
    readers = [_ColumnReader(c.sql_type, count) for c in wanted]
    while rows := cur.fetchmany(CHUNK_ROWS):
        for reader, cells in zip(readers, zip(*rows, strict=True), strict=True):
            reader.add(cells)
    frame = pd.DataFrame(index=pd.RangeIndex(readers[0].size))
    for col, reader in zip(wanted, readers, strict=True):
        values = reader.finish()
        # an explicit dtype keeps object columns as they are (no inference of ``str``)
        frame[col.name] = pd.Series(values, dtype=values.dtype, index=frame.index, copy=False)
    return frame


def _plain_table(kind: str, sql: str, con: sqlite3.Connection, name: str) -> bool:
    """A real table: not a view, not a virtual table, no column computed on every read."""
    if kind != "table" or sql.lstrip().upper().startswith("CREATE VIRTUAL"):
        return False
    info = con.execute(f"PRAGMA table_xinfo({_quote(name)})").fetchall()
    return all(row[6] in (0, 3) for row in info)  # 2: VIRTUAL generated column


def _read_tables(
    con: sqlite3.Connection, name: str
) -> tuple[dict[str, pd.DataFrame], list[Issue], set[str]]:
    issues: list[Issue] = []
    refused: set[str] = set()
    found = {
        str(row[1]).lower(): (str(row[0]), str(row[1]), str(row[2] or ""))
        for row in con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')"
        )
    }
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        if table not in found:
            continue  # validate_tables reports it
        kind, actual, sql = found[table]
        try:
            if not _plain_table(kind, sql, con, actual):
                issues.append(Issue("not_a_table", name, table, params={"name": actual}))
                refused.add(table)
                continue
            tables[table] = _read_table(con, actual)
        except sqlite3.Error as exc:
            issues.append(Issue("corrupt", name, table, params={"reason": str(exc)}))
            refused.add(table)
    return tables, issues, refused


def check_snapshot(
    path: str | os.PathLike[str], full: bool = True
) -> tuple[Snapshot | None, list[Issue]]:
    """Read and validate; return the snapshot (or None) and every issue found.

    ``full`` also runs SQLite's ``quick_check`` over every page (indexes and free pages too)
    and recomputes the content id, which detects edits made after the build; the window skips
    both for speed, ``snapshot check`` and the builder do them. Without them every table is
    still read in full, so damage in the data shown is still reported.
    """
    path = Path(path)
    name = str(path)
    try:
        return _check(path, name, full)
    except Exception as exc:  # a bug must not take the app down with a bad file: report it
        reason = f"{type(exc).__name__}: {exc}"
        return None, [Issue("internal_error", name, params={"reason": reason})]


def _check(path: Path, name: str, full: bool) -> tuple[Snapshot | None, list[Issue]]:
    issues = _header_issues(path, name)
    if issues:
        return None, issues
    try:
        con = _connect(path)
    except (sqlite3.Error, OSError, RuntimeError, ValueError) as exc:
        return None, [Issue("corrupt", name, params={"reason": str(exc)})]
    try:
        (app_id,) = con.execute("PRAGMA application_id").fetchone()
        (version,) = con.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            return None, [
                Issue("newer_schema", name, params={"found": version, "known": SCHEMA_VERSION})
            ]
        if version < MIN_SCHEMA_VERSION:
            return None, [Issue("bad_schema", name, params={"found": version})]
        if app_id != APPLICATION_ID:
            return None, [Issue("wrong_application", name, params={"found": hex(app_id)})]
        if full:  # the window skips it: damage in pages it reads still raises below
            check = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
            if check != ["ok"]:
                return None, [Issue("corrupt", name, params={"reason": "; ".join(check[:3])})]
        raw, issues, refused = _read_tables(con, name)
    except sqlite3.Error as exc:
        return None, [Issue("corrupt", name, params={"reason": str(exc)})]
    except (MemoryError, OverflowError, ValueError) as exc:
        return None, [Issue("corrupt", name, params={"reason": f"{type(exc).__name__}: {exc}"})]
    finally:
        with contextlib.suppress(sqlite3.Error):
            con.close()

    issues += [
        issue
        for issue in validate_tables(
            raw, name, _row_labeler(raw), check_computed=True, version=int(version)
        )
        if not (issue.code == "missing_table" and issue.table in refused)
    ]
    if issues:
        return None, issues
    tables = normalize(raw)
    meta = dict(zip(tables["meta"]["key"], tables["meta"]["value"], strict=True))
    if full:
        computed = content_id(tables)
        if meta.get("content_id") != computed:
            return None, [
                Issue(
                    "content_id_mismatch",
                    name,
                    "meta",
                    params={"stored": meta.get("content_id", "")[:12], "computed": computed[:12]},
                )
            ]
    snapshot = Snapshot(
        path=path,
        schema_version=int(version),
        meta={str(k): str(v) for k, v in meta.items()},
        sources=tables["sources"],
        metrics=tables["metrics"],
        observations=tables["observations"],
        highlights=tables["highlights"],
    )
    return snapshot, []


def open_snapshot(path: str | os.PathLike[str], full: bool = False) -> Snapshot:
    """Open and validate; raise SnapshotError with every issue when the file cannot be used."""
    snapshot, issues = check_snapshot(path, full=full)
    if issues or snapshot is None:
        raise SnapshotError(issues)
    return snapshot
