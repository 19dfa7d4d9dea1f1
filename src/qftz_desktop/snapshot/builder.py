"""Build a snapshot from the CSV sources in ``data/source``.

The output is reproducible: rows keep the order of the sources, the content id ignores the
build time, and ``created_at`` comes from ``snapshot.csv``, ``--created-at`` or
``SOURCE_DATE_EPOCH`` before the clock. The file is written to a temporary name next to the
target, read back through the reader and only then moved into place.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .canonical import content_id, normalize
from .glyphs import glyph_warnings
from .issues import Issue, SnapshotError
from .periods import parse_period, required_version
from .reader import check_snapshot
from .schema import (
    APPLICATION_ID,
    COMPUTED_COLUMNS,
    INDEXES,
    TABLES,
    V2_ENUM_VALUES,
    create_table_sql,
)
from .validate import validate_tables

SOURCE_FILES = {
    "meta": "snapshot.csv",
    "sources": "sources.csv",
    "metrics": "metrics.csv",
    "observations": "observations.csv",
    "highlights": "highlights.csv",
}


# The csv module refuses a cell over 131,072 characters by default, a limit of the module, not
# of the data: a long quote or note is valid and builds. 2**31 - 1 is the largest limit a C long
# holds on every platform (sys.maxsize overflows on Windows). The limit is process-wide, and
# this only ever raises it.
CSV_FIELD_LIMIT = 2**31 - 1


def _read_csv(path: Path) -> pd.DataFrame:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return pd.DataFrame()
        rows = []
        for line in reader:
            if not any(cell.strip() for cell in line):
                continue
            if len(line) != len(header):
                raise SnapshotError(
                    [
                        Issue(
                            "csv_error",
                            str(path),
                            row=f"line {reader.line_num}",
                            params={
                                "reason": f"{len(line)} cells where the header has {len(header)}"
                            },
                        )
                    ]
                )
            rows.append([cell if cell.strip() != "" else None for cell in line])
    header = [h.strip() for h in header]
    return pd.DataFrame(rows, columns=header, dtype=object)


def read_sources(src: Path) -> dict[str, pd.DataFrame]:
    """Read the CSV sources, raising SnapshotError for a missing or malformed file."""
    tables: dict[str, pd.DataFrame] = {}
    issues: list[Issue] = []
    for table, filename in SOURCE_FILES.items():
        path = src / filename
        if not path.is_file():
            issues.append(Issue("missing_file", str(path)))
            continue
        try:
            tables[table] = _read_csv(path)
        except UnicodeDecodeError as exc:
            issues.append(Issue("csv_error", str(path), params={"reason": f"not UTF-8: {exc}"}))
        except csv.Error as exc:
            issues.append(Issue("csv_error", str(path), params={"reason": str(exc)}))
    if issues:
        raise SnapshotError(issues)
    return tables


def _created_at(meta: pd.DataFrame, override: str | None) -> str:
    if override:
        return override
    given = meta.loc[meta["key"] == "created_at", "value"]
    if len(given):
        return str(given.iloc[0])
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def prepare_tables(
    src: Path,
    created_at: str | None = None,
    raw: dict[str, pd.DataFrame] | None = None,
    warnings: list[Issue] | None = None,
) -> dict[str, pd.DataFrame]:
    """Read, validate and complete the source tables (ids, period fields, content id).

    ``raw``: tables already read from ``src`` by another loader (an Excel workbook,
    ``snapshot/workbook.py``), in the shape the CSV loader produces. ``warnings``, when given,
    receives what does not stop the build: characters no bundled font can draw.
    """
    from_csv = raw is None
    raw = read_sources(src) if raw is None else raw

    def label(table: str, pos: int) -> str:
        return f"line {pos + 2}"

    issues = validate_tables(raw, str(src), label, check_computed=False)
    if issues:
        # name the CSV file rather than the folder
        issues = [
            dataclasses.replace(i, file=str(src / SOURCE_FILES[i.table]))
            if i.table in SOURCE_FILES
            else i
            for i in issues
        ]
        raise SnapshotError(issues)

    if warnings is not None:
        files = {t: str(src / f) for t, f in SOURCE_FILES.items()} if from_csv else None
        warnings.extend(glyph_warnings(raw, str(src), files=files, csv_lines=from_csv))

    obs = raw["observations"].copy()
    periods = {code: parse_period(code) for code in obs["period"].unique()}
    obs["id"] = range(1, len(obs) + 1)
    obs["period_kind"] = obs["period"].map(lambda c: periods[c].kind)
    obs["period_start"] = obs["period"].map(lambda c: periods[c].start.isoformat())
    obs["period_end"] = obs["period"].map(lambda c: periods[c].end.isoformat())
    raw["observations"] = obs[[c.name for c in TABLES["observations"]]]

    meta = raw["meta"]
    meta = meta[~meta["key"].isin(["content_id", "created_at"])]
    stamp = _created_at(raw["meta"], created_at)
    raw["meta"] = pd.concat(
        [meta, pd.DataFrame({"key": ["created_at"], "value": [stamp]})], ignore_index=True
    )
    for table, columns in TABLES.items():
        for col in columns:
            if col.name not in raw[table].columns and col.name not in COMPUTED_COLUMNS.get(
                table, ()
            ):
                raw[table][col.name] = None
    tables = normalize(raw)
    cid = content_id(tables)
    tables["meta"] = pd.concat(
        [tables["meta"], pd.DataFrame({"key": ["content_id"], "value": [cid]})],
        ignore_index=True,
    )
    return tables


def format_version(tables: dict[str, pd.DataFrame]) -> int:
    """The lowest format version that holds these tables (see schema.V2_ENUM_VALUES)."""
    version = required_version(tables["observations"]["period"])
    for (table, column), values in V2_ENUM_VALUES.items():
        if tables[table][column].isin(values).any():
            version = max(version, 2)
    return version


def write_snapshot(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write tables as a snapshot, atomically; the target is replaced only when valid.

    The file gets the lowest format version that holds its periods (1 unless a period is
    imprecise), so that an older app still opens a file that uses nothing new.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        con = sqlite3.connect(tmp)
        try:
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute(f"PRAGMA user_version = {format_version(tables)}")
            con.execute("PRAGMA journal_mode = DELETE")
            for table, columns in TABLES.items():
                con.execute(create_table_sql(table))
                names = [c.name for c in columns]
                df = tables[table][names]
                rows = (
                    tuple(None if pd.isna(v) else (int(v) if isinstance(v, int) else v) for v in r)
                    for r in df.astype(object).itertuples(index=False, name=None)
                )
                marks = ",".join("?" * len(names))
                con.executemany(f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})", rows)
            for ddl in INDEXES:
                con.execute(ddl)
            con.commit()
            con.execute("VACUUM")
        finally:
            con.close()
        _, issues = check_snapshot(tmp, full=True)
        if issues:
            raise SnapshotError(issues)
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def build_snapshot(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    created_at: str | None = None,
    warnings: list[Issue] | None = None,
) -> str:
    """Build ``out`` from the CSV sources in ``src``; return the content id.

    ``warnings``, when given, receives the problems that do not stop the build.
    """
    tables = prepare_tables(Path(src), created_at, warnings=warnings)
    write_snapshot(tables, Path(out))
    meta = tables["meta"]
    return str(meta.loc[meta["key"] == "content_id", "value"].iloc[0])
