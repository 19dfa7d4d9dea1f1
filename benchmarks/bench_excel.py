"""Time of the quarterly-update path: workbook template, build from a workbook, diff.

    python benchmarks/bench_excel.py            # 3 runs each, best kept
    python benchmarks/bench_excel.py --runs 1

Goals (issue 13): template write and build of a 10,000-observation workbook each < 3 s;
diff of two 100,000-observation snapshots < 2 s; the bundled snapshot's round trip < 1 s.

Each goal is shown beside a same-run baseline on the same data, so that a busy machine shows
in both numbers:

* template write  vs  openpyxl's write-only mode writing the same cells with no styles,
  drop-downs or formats (the least openpyxl can spend);
* build from .xlsx  vs  build from the same content as a CSV folder (today's path);
* diff  vs  opening the two snapshots (what any comparison must read first).

Wall-clock time (``time.perf_counter``) around the call alone; CPU time too, the steadier
number on a shared machine. Files go to ``benchmarks/out/`` (ignored by git), never ``data/``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "excel"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from generate_snapshot import make_tables, write  # noqa: E402
from machine import describe  # noqa: E402

from qftz_desktop.domain.changes import compare  # noqa: E402
from qftz_desktop.resources import bundled_snapshot  # noqa: E402
from qftz_desktop.snapshot.builder import SOURCE_FILES, build_snapshot  # noqa: E402
from qftz_desktop.snapshot.reader import open_snapshot  # noqa: E402
from qftz_desktop.snapshot.template import write_template  # noqa: E402
from qftz_desktop.snapshot.workbook import build_from_workbook, source_columns  # noqa: E402


def best(fn, runs: int) -> tuple[float, float]:
    """(wall, cpu) seconds of the fastest of ``runs`` calls."""
    results = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        results.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(results)


def _csv_folder(snapshot, folder: Path) -> None:
    """The snapshot's content as the CSV sources (what the builder reads today)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, name in SOURCE_FILES.items():
        cols = source_columns(table)
        if table == "meta":
            rows = [(k, v) for k, v in snapshot.meta.items() if k not in ("content_id",)]
        else:
            df = getattr(snapshot, table)
            rows = [
                tuple("" if pd.isna(v) else v for v in r)
                for r in df[cols].astype(object).itertuples(index=False, name=None)
            ]
        with (folder / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            w.writerows(rows)


def _plain_write(snapshot, out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for table in ("sources", "metrics", "observations", "highlights"):
        ws = wb.create_sheet(table)
        cols = source_columns(table)
        df = getattr(snapshot, table)[cols]
        ws.append(cols)
        for r in df.astype(object).itertuples(index=False, name=None):
            ws.append([None if pd.isna(v) else v for v in r])
    wb.save(out)


def _revised(n: int, out: Path) -> Path:
    """A 'next quarter' of the n-observation snapshot: 1 % revised, 1 % notes, 1 % dropped."""
    tables = make_tables(n, seed=1)
    obs = tables["observations"].copy()
    rng = np.random.default_rng(7)
    pick = rng.choice(len(obs), size=3 * (len(obs) // 100), replace=False)
    revise, note, drop = np.array_split(pick, 3)
    obs.loc[revise, "value"] = obs.loc[revise, "value"] * 1.01 + 1
    obs.loc[note, "note"] = "revised note"
    obs = obs.drop(index=drop).reset_index(drop=True)
    obs["id"] = range(1, len(obs) + 1)  # renumbered, as every build does
    tables["observations"] = obs
    write(tables, out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    print(describe("pandas", "openpyxl"))
    rows: list[tuple[str, float, float, str]] = []

    # bundled round trip
    bundled = open_snapshot(bundled_snapshot())

    def round_trip() -> None:
        write_template(OUT / "bundled.xlsx", bundled)
        build_from_workbook(OUT / "bundled.xlsx", OUT / "bundled-rt.sqlite")

    wall, cpu = best(round_trip, args.runs)
    rows.append(("bundled round trip (template + build)", wall, cpu, "< 1 s"))

    # 10,000 observations
    path10 = OUT / "snap-10k.sqlite"
    write(make_tables(10_000), path10)
    snap10 = open_snapshot(path10)
    book = OUT / "snap-10k.xlsx"
    rows.append(
        ("10k: template write", *best(lambda: write_template(book, snap10), args.runs), "< 3 s")
    )
    rows.append(
        (
            "10k: baseline, openpyxl write-only, no styles",
            *best(lambda: _plain_write(snap10, OUT / "plain-10k.xlsx"), args.runs),
            "",
        )
    )
    rows.append(
        (
            "10k: build from .xlsx",
            *best(lambda: build_from_workbook(book, OUT / "b-10k.sqlite"), args.runs),
            "< 3 s",
        )
    )
    _csv_folder(snap10, OUT / "csv-10k")
    rows.append(
        (
            "10k: baseline, build from CSV folder",
            *best(lambda: build_snapshot(OUT / "csv-10k", OUT / "c-10k.sqlite"), args.runs),
            "",
        )
    )

    # 100,000 observations: next quarter, and a worst case where every row differs
    old = OUT / "snap-100k.sqlite"
    write(make_tables(100_000), old)
    new = _revised(100_000, OUT / "snap-100k-next.sqlite")
    other = OUT / "snap-100k-seed2.sqlite"
    write(make_tables(100_000, seed=2), other)
    a, b, c = open_snapshot(old), open_snapshot(new), open_snapshot(other)
    rows.append(
        (
            "100k: baseline, open both snapshots",
            *best(lambda: (open_snapshot(old), open_snapshot(new)), args.runs),
            "",
        )
    )
    n_next = len(compare(a, b).items)
    rows.append(
        (
            f"100k: diff, next quarter ({n_next} changes)",
            *best(lambda: compare(a, b), args.runs),
            "< 2 s",
        )
    )
    n_all = len(compare(a, c).items)
    rows.append(
        (
            f"100k: diff, other data ({n_all} changes)",
            *best(lambda: compare(a, c), args.runs),
            "< 2 s",
        )
    )

    print(f"{'operation':58} {'wall s':>8} {'cpu s':>8}  goal")
    for name, wall, cpu, goal in rows:
        print(f"{name:58} {wall:8.3f} {cpu:8.3f}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
