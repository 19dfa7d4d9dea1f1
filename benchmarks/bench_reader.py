"""Time and memory of the snapshot reader at 10 k, 100 k and 1 M observations.

    python benchmarks/bench_reader.py                      # all sizes, 3 runs each
    python benchmarks/bench_reader.py --sizes 10000 --runs 1
    python benchmarks/bench_reader.py --src /tmp/before/src   # another version of the reader

Every measurement runs in a fresh child process, so that peak memory is that of one operation:
the peak is ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of the child (the whole process:
interpreter, pandas and the data), and "above imports" subtracts the child's ru_maxrss taken
right after importing the reader. Time is wall-clock (``time.perf_counter``) around the call
alone, best of ``--runs``; CPU time of the same call is shown too, since on a shared machine it
is the steadier number.

Operations, on the same file:

* ``floor``: ``sqlite3`` ``SELECT * FROM observations`` and ``fetchall()`` — the least any
  reader built on the standard library's sqlite3 must spend;
* ``open``: ``open_snapshot(path)`` (``full=False``), what the window does;
* ``check``: ``check_snapshot(path, full=True)``, which also recomputes the content id.

Snapshots are generated on first use into ``benchmarks/out/`` (ignored by git), never ``data/``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from machine import describe

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
SIZES = (10_000, 100_000, 1_000_000)
OPERATIONS = ("floor", "open", "check")


def _measure(operation: str, path: str) -> dict[str, float]:
    """Run one operation in this (fresh) process and return its numbers."""
    import resource

    from qftz_desktop.snapshot.reader import check_snapshot, open_snapshot

    def rss_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    base = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if operation == "floor":
        con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        rows = con.execute("SELECT * FROM observations").fetchall()
        count = len(rows)
        con.close()
    elif operation == "open":
        count = len(open_snapshot(path).observations)
    else:
        snapshot, issues = check_snapshot(path, full=True)
        if issues or snapshot is None:
            raise SystemExit(f"{path} is not valid: {issues[:3]}")
        count = len(snapshot.observations)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"rows": count, "seconds": wall, "cpu": cpu, "peak_mb": rss_mb(), "base_mb": base}


def _child(operation: str, path: Path, src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, str(Path(__file__)), "--measure", operation, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _snapshot(size: int) -> Path:
    path = OUT / f"snap-{size}.sqlite"
    if not path.is_file():
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
        subprocess.run(
            [sys.executable, str(HERE / "generate_snapshot.py"), str(size), "--out", str(path)],
            env=env,
            check=True,
        )
    return path


def _machine() -> str:
    return f"{describe('pandas', 'numpy')}, SQLite {sqlite3.sqlite_version}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Reader time and memory at scale.")
    p.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    p.add_argument("--runs", type=int, default=3, help="runs per operation (best time is kept)")
    p.add_argument(
        "--src",
        type=Path,
        default=REPO / "src",
        help="source folder of the reader to measure (default: this checkout's src/)",
    )
    p.add_argument("--measure", nargs=2, metavar=("OPERATION", "FILE"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.measure:
        print(json.dumps(_measure(*args.measure)))
        return 0

    print(_machine())
    print(f"reader from {args.src}")
    print()
    print(
        "| observations | file | operation | wall s (best) | CPU s | vs floor "
        "| peak RSS MB | above imports MB |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        path = _snapshot(size)
        mb = path.stat().st_size / 1024**2
        best: dict[str, dict[str, float]] = {}
        for operation in OPERATIONS:
            runs = [_child(operation, path, args.src.resolve()) for _ in range(args.runs)]
            fastest = min(runs, key=lambda r: r["seconds"])
            fastest["peak_mb"] = max(r["peak_mb"] for r in runs)
            fastest["above"] = max(r["peak_mb"] - r["base_mb"] for r in runs)
            fastest["cpu"] = min(r["cpu"] for r in runs)
            best[operation] = fastest
        for operation in OPERATIONS:
            r = best[operation]
            ratio = r["seconds"] / best["floor"]["seconds"]
            print(
                f"| {size:,} | {mb:.0f} MB | {operation} | {r['seconds']:.2f} | {r['cpu']:.2f} "
                f"| {ratio:.2f}× | {r['peak_mb']:.0f} | {r['above']:.0f} |",
                flush=True,
            )
    print(f"\nload average after the run {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
