"""Time of the PowerPoint export of the bundled snapshot, with baselines from the same run.

    python benchmarks/bench_pptx.py                # 5 runs of each
    python benchmarks/bench_pptx.py --runs 5 --record   # append to benchmarks/RESULTS.md

Measured, wall-clock (``time.perf_counter``), meeting deck, zh, fixed --date:

* **whole command** — a fresh process running ``python -m qftz_desktop export-pptx --out …``:
  interpreter, imports, snapshot, compose, slides, zip rewrite, atomic write;
* baseline process — ``python -c "import pandas, pptx"``: the floor of any command that reads
  a snapshot and writes a deck;
* **export alone** — in one process, after the snapshot is loaded: ``export_pptx()`` (compose
  the document, lay out slides, native charts with their workbooks, save, make the zip
  reproducible, write atomically); first run apart, then the median; broken down into compose,
  render (python-pptx) and save + rewrite;
* baseline in-process — an empty python-pptx deck with one blank slide, saved.

Goals (issue 14): export alone < 1 s, whole command < 2.5 s.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from machine import describe

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
GOAL_EXPORT_S = 1.0
GOAL_COMMAND_S = 2.5
DATE = "2026-01-22"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return env


def _timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a child process. CPU time (user + system) is reported too: on a
    shared machine the wall time mostly measures the other users."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=_env(), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def in_process(runs: int) -> dict[str, float]:
    from pptx import Presentation

    from qftz_desktop.domain.brief.compose import compose
    from qftz_desktop.domain.brief.options import BriefOptions
    from qftz_desktop.domain.briefing import load_briefing
    from qftz_desktop.export.pptx import export_pptx, plan_slides, render_deck
    from qftz_desktop.resources import bundled_snapshot

    briefing = load_briefing(bundled_snapshot())
    options = BriefOptions(lang="zh", brief_date=DATE)
    out = Path(tempfile.mkdtemp()) / "deck.pptx"
    times, parts = [], {"compose": [], "render": [], "save": []}
    for _ in range(runs + 1):
        t = time.perf_counter()
        export_pptx(briefing, out, options)
        times.append(time.perf_counter() - t)
        t0 = time.perf_counter()
        doc = compose(briefing, options)
        t1 = time.perf_counter()
        prs = render_deck(doc, briefing, plan_slides(doc, briefing))
        t2 = time.perf_counter()
        prs.save(io.BytesIO())
        t3 = time.perf_counter()
        parts["compose"].append(t1 - t0)
        parts["render"].append(t2 - t1)
        parts["save"].append(t3 - t2)
    empty = []
    for _ in range(runs):
        t = time.perf_counter()
        prs = Presentation()
        prs.slides.add_slide(prs.slide_layouts[6])
        prs.save(io.BytesIO())
        empty.append(time.perf_counter() - t)
    return {
        "first": times[0],
        "median": statistics.median(times[1:]),
        "compose": statistics.median(parts["compose"][1:]),
        "render": statistics.median(parts["render"][1:]),
        "save": statistics.median(parts["save"][1:]),
        "empty": statistics.median(empty),
        "slides": len(Presentation(str(out)).slides),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp()) / "deck.pptx"
    cmd = [sys.executable, "-m", "qftz_desktop", "export-pptx", "--out", str(out), "--date", DATE]
    base = [sys.executable, "-c", "import pandas, pptx"]
    command, floor = [], []
    for _ in range(args.runs):  # alternate, so that load on the machine hits both alike
        command.append(_timed(cmd))
        floor.append(_timed(base))
    r = in_process(args.runs)
    cmd_s, floor_s = (statistics.median(w for w, _ in x) for x in (command, floor))
    cmd_cpu, floor_cpu = (statistics.median(c for _, c in x) for x in (command, floor))
    lines = [
        f"## PowerPoint export (bench_pptx.py)\n\n{date.today()} — {describe('python-pptx')}\n",
        f"Bundled snapshot, meeting deck, zh, --date {DATE}: {r['slides']} slides. "
        f"Median of {args.runs} runs.\n",
        "| measure | s | goal |",
        "|---|---|---|",
        f"| **export alone** (`export_pptx`, after load) | {r['median']:.3f} | < {GOAL_EXPORT_S} "
        f"{'met' if r['median'] < GOAL_EXPORT_S else 'NOT met'} |",
        f"| — first export in the process | {r['first']:.3f} | |",
        f"| — compose the document | {r['compose']:.3f} | |",
        f"| — slides and native charts (python-pptx) | {r['render']:.3f} | |",
        f"| — save (before the zip rewrite) | {r['save']:.3f} | |",
        f"| baseline: empty one-slide deck, saved | {r['empty']:.3f} | |",
        f"| **whole command** (`export-pptx`, fresh process), wall | {cmd_s:.2f} | "
        f"< {GOAL_COMMAND_S} {'met' if cmd_s < GOAL_COMMAND_S else 'NOT met'} |",
        f"| — the same, CPU (user + system) | {cmd_cpu:.2f} | |",
        f"| baseline process: `import pandas, pptx`, wall / CPU | {floor_s:.2f} / "
        f"{floor_cpu:.2f} | |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.record:
        with open(HERE / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
