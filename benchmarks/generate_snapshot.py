"""Write a synthetic, valid snapshot of any size straight to SQLite, for the reader benchmarks.

The values are made up and the source is labelled as such; the output is never bundled and must
not be written under ``data/``. Usage::

    python benchmarks/generate_snapshot.py 1000000 --out benchmarks/out/snap-1m.sqlite

Rows are inserted with ``executemany`` (no CSV round trip); the content id is computed with
:func:`qftz_desktop.snapshot.canonical.content_id` on the normalized tables, exactly as the
builder does, so the file passes ``qftz-desktop snapshot check``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from qftz_desktop.snapshot.canonical import content_id, normalize
from qftz_desktop.snapshot.periods import parse_period
from qftz_desktop.snapshot.schema import (
    APPLICATION_ID,
    INDEXES,
    QUALIFIERS,
    REQUIRED_META_KEYS,
    SCHEMA_VERSION,
    SCOPES,
    SECTORS,
    STATUSES,
    TABLES,
    create_table_sql,
)

REPO = Path(__file__).resolve().parents[1]
FIRST_YEAR = 1950  # monthly periods from January 1950 …
MONTHS = 80 * 12  # … to December 2029
UNITS = (
    ("cny_100m", "亿元", "CNY 100 m"),
    ("usd_m", "百万美元", "USD m"),
    ("pct", "%", "%"),
    ("count", "个", "count"),
    ("teu_10k", "万标箱", "10k TEU"),
)


def _metric_count(n_obs: int) -> int:
    """Hundreds of metrics; enough that no metric needs more months × statuses than exist."""
    return max(300, -(-n_obs // (MONTHS * len(STATUSES) // 2)))


def make_tables(n_obs: int, seed: int = 1) -> dict[str, pd.DataFrame]:
    """Raw tables with every column of format v1 (the period fields already computed)."""
    rng = np.random.default_rng(seed)
    n_metrics = _metric_count(n_obs)
    n_sources = 60

    sources = pd.DataFrame(
        {
            "id": [f"SYN{i:03d}" for i in range(n_sources)],
            "title": [
                f"Synthetic benchmark source {i} / 合成基准来源 {i}" for i in range(n_sources)
            ],
            "publisher": ["QFTZ benchmarks"] * n_sources,
            "date": [f"{2000 + i % 25}-{1 + i % 12:02d}" for i in range(n_sources)],
            "url": [f"https://example.invalid/src/{i}" for i in range(n_sources)],
            "language": [("zh", "en", "de", "ja")[i % 4] for i in range(n_sources)],
            "note": [
                "made-up values for benchmarks" if i % 3 == 0 else None for i in range(n_sources)
            ],
        }
    )

    m = np.arange(n_metrics)
    unit_idx = m % len(UNITS)
    metrics = pd.DataFrame(
        {
            "id": [f"bench_metric_{i:05d}" for i in m],
            "sector": [SECTORS[i % len(SECTORS)] for i in m],
            "name_zh": [f"基准指标{i}" for i in m],
            "name_en": [f"Benchmark metric {i}" for i in m],
            "unit": [UNITS[u][0] for u in unit_idx],
            "unit_zh": [UNITS[u][1] for u in unit_idx],
            "unit_en": [UNITS[u][2] for u in unit_idx],
            "scope": [SCOPES[i % len(SCOPES)] for i in m],
            "scope_zh": [f"范围{i % len(SCOPES)}" for i in m],
            "scope_en": [f"scope {i % len(SCOPES)}" for i in m],
            "chart_group": [f"group_{i // 4}" if i % 5 else None for i in m],
            "headline": [int(i + 1) if i < 8 else None for i in m],
            "description_zh": [f"第{i}个合成指标" if i % 2 else None for i in m],
            "description_en": [f"synthetic metric {i}" if i % 2 else None for i in m],
        }
    )
    metrics["headline"] = metrics["headline"].astype("Int64")

    # Observation i belongs to metric i % n_metrics; its (month, status) slot is unique within
    # the metric, so "one value per metric, period and status" holds. The months a metric
    # needs are spread evenly over all eight decades, whatever the size.
    i = np.arange(n_obs)
    metric_of = i % n_metrics
    slot = i // n_metrics
    status_of = slot % len(STATUSES)
    months_needed = int(slot.max(initial=0)) // len(STATUSES) + 1
    assert months_needed <= MONTHS, "too few metrics for n_obs"
    step = MONTHS // months_needed
    month_of = slot // len(STATUSES) * step + metric_of % step

    codes, kinds, starts, ends = [], [], [], []
    for k in range(MONTHS):
        y, mo = FIRST_YEAR + k // 12, 1 + k % 12
        code = f"{y}-{mo:02d}/{y}-{mo:02d}"
        p = parse_period(code)
        codes.append(code)
        kinds.append(p.kind)
        starts.append(p.start.isoformat())
        ends.append(p.end.isoformat())
    codes_a, kinds_a = np.array(codes, dtype=object), np.array(kinds, dtype=object)
    starts_a, ends_a = np.array(starts, dtype=object), np.array(ends, dtype=object)

    units = np.array([u[0] for u in UNITS], dtype=object)[unit_idx][metric_of]
    values = np.round(rng.gamma(2.0, 500.0, n_obs), 2)
    values = np.where(units == "count", np.floor(values), values)
    statuses = np.array(STATUSES, dtype=object)[status_of]
    qualifiers = np.array(QUALIFIERS, dtype=object)[rng.integers(0, len(QUALIFIERS), n_obs)]
    metric_ids = metrics["id"].to_numpy(dtype=object)[metric_of]
    source_ids = sources["id"].to_numpy(dtype=object)[rng.integers(0, n_sources, n_obs)]
    derived = statuses == "derived"
    quote = np.where(derived, None, "“合成引述”: value as stated in the synthetic source")
    formula = np.where(derived, "bench_a / bench_b × 100", None)
    note = np.where(i % 7 == 0, "synthetic note", None)
    ref = np.where(i % 11 == 0, np.char.add("BEN-", i.astype(str)).astype(object), None)

    observations = pd.DataFrame(
        {
            "id": pd.array(i + 1, dtype="Int64"),
            "metric_id": metric_ids,
            "period": codes_a[month_of],
            "period_kind": kinds_a[month_of],
            "period_start": starts_a[month_of],
            "period_end": ends_a[month_of],
            "value": values,
            "qualifier": qualifiers,
            "status": statuses,
            "source_id": source_ids,
            "quote": quote.astype(object),
            "formula": formula.astype(object),
            "note": note.astype(object),
            "ref": ref.astype(object),
        }
    )

    n_high = 200
    highlights = pd.DataFrame(
        {
            "id": [f"BH{k}" for k in range(n_high)],
            "sector": [SECTORS[k % len(SECTORS)] for k in range(n_high)],
            "title_zh": [f"亮点{k}" for k in range(n_high)],
            "title_en": [f"Highlight {k}" for k in range(n_high)],
            "text_zh": [f"合成亮点文字{k}。" for k in range(n_high)],
            "text_en": [f"Synthetic highlight text {k}." for k in range(n_high)],
            "source_id": [sources["id"].iloc[k % n_sources] for k in range(n_high)],
            "quote": [f"quote {k}" if k % 2 else None for k in range(n_high)],
            "ref": [None] * n_high,
        }
    )

    values = {
        "title_zh": f"合成基准快照（{n_obs} 条）",
        "title_en": f"Synthetic benchmark snapshot ({n_obs} observations)",
        "zone_zh": "合成片区",
        "zone_en": "Synthetic Area",
        "as_of": date(2029, 12, 31).isoformat(),
        "publisher_zh": "基准测试",
        "publisher_en": "QFTZ benchmarks",
        "created_at": "2030-01-01T00:00:00Z",
    }
    # the schema's own list of required keys (content_id is computed by write())
    keys = [k for k in REQUIRED_META_KEYS if k != "content_id"]
    meta = pd.DataFrame({"key": keys, "value": [values[k] for k in keys]})
    return {
        "meta": meta,
        "sources": sources,
        "metrics": metrics,
        "observations": observations,
        "highlights": highlights,
    }


def _rows(df: pd.DataFrame, names: list[str]):
    """Rows as tuples of plain Python values (None for missing), column by column."""
    cols = []
    for name in names:
        s = df[name]
        if s.dtype == "Int64":
            cols.append([None if pd.isna(v) else int(v) for v in s])
        elif s.dtype == "float64":
            cols.append(s.tolist())
        else:
            cols.append(s.to_numpy(dtype=object).tolist())
    return zip(*cols, strict=True)


def write(tables: dict[str, pd.DataFrame], out: Path) -> str:
    """Write ``tables`` (plus their content id) to ``out`` and return the content id."""
    out = Path(out).resolve()
    if REPO / "data" in out.parents:
        raise SystemExit(f"refusing to write benchmark data under data/: {out}")
    cid = content_id(normalize(tables))
    meta = pd.concat(
        [tables["meta"], pd.DataFrame({"key": ["content_id"], "value": [cid]})],
        ignore_index=True,
    )
    tables = {**tables, "meta": meta}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    con = sqlite3.connect(tmp)
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        for table, columns in TABLES.items():
            con.execute(create_table_sql(table))
            names = [c.name for c in columns]
            marks = ",".join("?" * len(names))
            con.executemany(
                f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})",
                _rows(tables[table], names),
            )
        for ddl in INDEXES:
            con.execute(ddl)
        con.commit()
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
    os.replace(tmp, out)
    return cid


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("observations", type=int, help="number of observations, e.g. 1000000")
    p.add_argument("--out", required=True, type=Path, help="snapshot file to write")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    cid = write(make_tables(args.observations, args.seed), args.out)
    print(f"wrote {args.out} ({args.observations} observations), content id {cid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
