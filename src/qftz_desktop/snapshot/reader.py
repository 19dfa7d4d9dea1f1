"""Open a snapshot read-only, check it, and return plain pandas tables.

The file is never written or created: SQLite is opened through a ``mode=ro`` URI after the
header has been checked by hand, WAL-mode files (which SQLite would write a ``-shm`` file next
to) are refused, and all tables are read into memory before the connection is closed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from pathlib import Path

import pandas as pd

from .canonical import content_id, normalize
from .issues import Issue, SnapshotError
from .model import Snapshot
from .schema import APPLICATION_ID, PRIMARY_KEYS, SCHEMA_VERSION, SQLITE_MAGIC, TABLES
from .validate import validate_tables

HEADER_SIZE = 100


def _header_issues(path: Path, name: str) -> list[Issue]:
    """Checks that need no SQLite: existence, type, permissions, header, truncation."""
    if not path.exists():
        return [Issue("missing_file", name)]
    if not path.is_file():
        return [Issue("not_a_file", name)]
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(HEADER_SIZE)
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
            return (
                f"row {pos + 1} ({pk} {key!r})"
                if isinstance(key, str)
                else (f"row {pos + 1} ({pk} {key})")
            )
        return f"row {pos + 1}"

    return label


def _read_tables(con: sqlite3.Connection, name: str) -> tuple[dict[str, pd.DataFrame], list[Issue]]:
    issues: list[Issue] = []
    existing = {
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")
    }
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        if table not in existing:
            continue  # validate_tables reports it
        cur = con.execute(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall()
        tables[table] = pd.DataFrame.from_records(rows, columns=columns, coerce_float=False)
    return tables, issues


def check_snapshot(
    path: str | os.PathLike[str], full: bool = True
) -> tuple[Snapshot | None, list[Issue]]:
    """Read and validate; return the snapshot (or None) and every issue found.

    ``full`` also recomputes the content id, which detects edits made after the build; the
    window skips it for speed, ``snapshot check`` does it.
    """
    path = Path(path)
    name = str(path)
    issues = _header_issues(path, name)
    if issues:
        return None, issues
    try:
        con = _connect(path)
    except sqlite3.Error as exc:
        return None, [Issue("corrupt", name, params={"reason": str(exc)})]
    try:
        (app_id,) = con.execute("PRAGMA application_id").fetchone()
        (version,) = con.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            return None, [
                Issue("newer_schema", name, params={"found": version, "known": SCHEMA_VERSION})
            ]
        if version < 1:
            return None, [Issue("bad_schema", name, params={"found": version})]
        if app_id != APPLICATION_ID:
            return None, [Issue("wrong_application", name, params={"found": hex(app_id)})]
        check = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            return None, [Issue("corrupt", name, params={"reason": "; ".join(check[:3])})]
        raw, issues = _read_tables(con, name)
    except sqlite3.Error as exc:
        return None, [Issue("corrupt", name, params={"reason": str(exc)})]
    except (MemoryError, OverflowError, ValueError) as exc:
        return None, [Issue("corrupt", name, params={"reason": f"{type(exc).__name__}: {exc}"})]
    finally:
        with contextlib.suppress(sqlite3.Error):
            con.close()

    issues += validate_tables(raw, name, _row_labeler(raw), check_computed=True)
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
