"""Export-alone time of the PDF brief for several source trees, alternating, in one run.

    python benchmarks/bench_pdf_ab.py OLD_TREE,NEW_TREE [--lang zh] [--kind full]
        [--paper A4] [--rounds 2] [--runs 3]

Each tree (a checkout or ``git archive`` of a commit, with its own ``src/`` and bundled
snapshot) is timed in a child process of its own, the trees taking turns round by round, so
that a loaded machine weighs on all of them alike. Per export: wall time and CPU time of the
process (``time.process_time``), the first export of each child left out (warm-up). CPU time is
the fairer measure on a shared machine: it counts this process's work, not its wait for a core.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import os, sys, time, json
from pathlib import Path
from PySide6.QtWidgets import QApplication
from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.export.pdf_brief import BriefJob, BriefOptions
from qftz_desktop.render.fonts import register_bundled_fonts, ui_font
from qftz_desktop.resources import bundled_snapshot
from qftz_desktop.snapshot.reader import open_snapshot
app = QApplication([]); register_bundled_fonts(); app.setFont(ui_font(10.5))
b = Briefing(open_snapshot(bundled_snapshot()))
lang, kind, paper, n, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
fields = BriefOptions.__dataclass_fields__  # trees before 'kind' made the data book only
options = BriefOptions(lang, paper=paper, **({"kind": kind} if "kind" in fields else {}))
times = []
for _ in range(n + 1):
    w, c = time.perf_counter(), time.process_time()
    result = BriefJob(b, Path(out), options).run()
    times.append((time.perf_counter() - w, time.process_time() - c, result.pages))
print(json.dumps(times[1:]))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", help="comma-separated source trees")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--kind", default="full")
    ap.add_argument("--paper", default="A4")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3, help="warm exports per child")
    args = ap.parse_args(argv)
    trees = args.trees.split(",")
    results: dict[str, list] = {t: [] for t in trees}
    for _ in range(args.rounds):
        for tree in trees:
            env = dict(os.environ, PYTHONPATH=os.path.join(tree, "src"), QT_HASH_SEED="0")
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            out = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"ab-{os.getpid()}.pdf")
            cmd = [sys.executable, "-c", CHILD, args.lang, args.kind, args.paper]
            proc = subprocess.run(
                [*cmd, str(args.runs), out], env=env, capture_output=True, text=True
            )
            if proc.returncode:
                raise SystemExit(f"{tree}: {proc.stderr[-2000:]}")
            results[tree] += json.loads(proc.stdout.strip().splitlines()[-1])
    print("| tree | pages | export alone, wall s (median) | CPU s (median) | CPU s (min) | n |")
    print("|---|---|---|---|---|---|")
    for tree, r in results.items():
        wall = statistics.median(x[0] for x in r)
        cpu = statistics.median(x[1] for x in r)
        low = min(x[1] for x in r)
        print(f"| {tree} | {r[0][2]} | {wall:.2f} | {cpu:.2f} | {low:.2f} | {len(r)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
