"""Time of the headless PDF export of the bundled snapshot, with baselines from the same run.

    python benchmarks/bench_pdf.py               # 5 runs of each
    python benchmarks/bench_pdf.py --runs 3 --record   # append to benchmarks/RESULTS.md

Measured, wall-clock (``time.perf_counter``):

* **whole command** — a fresh process running ``python -m qftz_desktop export-pdf --out …``
  (zh, A4), as a user or a script would: interpreter, imports, Qt, fonts, snapshot, export —
  the meeting brief (the default kind) and ``--kind full`` (the data book);
* baseline process — ``python -c "import PySide6.QtWidgets, pyqtgraph"``: the floor any
  Qt + pyqtgraph command pays before doing anything;
* **export alone** — in one child process, after the QApplication exists, the fonts are
  registered and the snapshot is loaded: ``export_brief()`` only (layout, charts, painting,
  closing the file, date fix, atomic replace). The first export of a process is reported apart
  (pyqtgraph's first plot widget warms up); then the median of the others. Broken down into
  layout (incl. making the chart widgets), painting and finishing;
* baseline in-process — an empty one-page ``QPdfWriter`` document (begin, end), and one page
  with one chart drawn through the same path.

Goals: meeting brief — export alone < 0.5 s, whole command < 2 s; the data book — export
alone < 1 s, whole command < 2.5 s (unchanged or faster).
"""

from __future__ import annotations

import argparse
import json
import os
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
GOAL_EXPORT_S = 1.0  # the data book
GOAL_COMMAND_S = 2.5
GOAL_MEETING_EXPORT_S = 0.5
GOAL_MEETING_COMMAND_S = 2.0


def machine() -> str:
    return describe("PySide6-Essentials", "pyqtgraph")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_HASH_SEED", "0")
    return env


def _timed(cmd: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=_env(), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    return seconds, proc.stdout


def processes(runs: int, out: Path) -> dict[str, list[float]]:
    baseline, command, meeting = [], [], []
    pages = ""
    base = [sys.executable, "-m", "qftz_desktop", "export-pdf"]
    for _ in range(runs):
        seconds, _ = _timed([sys.executable, "-c", "import PySide6.QtWidgets, pyqtgraph"])
        baseline.append(seconds)
        seconds, _ = _timed([*base, "--out", str(out / "meeting.pdf")])
        meeting.append(seconds)
        seconds, stdout = _timed([*base, "--kind", "full", "--out", str(out / "cmd.pdf")])
        command.append(seconds)
        pages = stdout.strip()
    return {
        "baseline": baseline,
        "command": command,
        "meeting": meeting,
        "stdout": pages,  # type: ignore[dict-item]
    }


def in_process(runs: int, out: Path) -> dict:
    """Run in a child process; returns the numbers as JSON on stdout."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPageSize
    from PySide6.QtWidgets import QApplication

    from qftz_desktop.domain.briefing import Briefing
    from qftz_desktop.export.atomic import atomic_target
    from qftz_desktop.export.pdf_brief import PAPERS, BriefJob, BriefOptions, PdfCanvas
    from qftz_desktop.render.fonts import register_bundled_fonts, ui_font
    from qftz_desktop.resources import bundled_snapshot
    from qftz_desktop.snapshot.reader import open_snapshot

    app = QApplication([])
    register_bundled_fonts()
    app.setFont(ui_font(10.5))
    briefing = Briefing(open_snapshot(bundled_snapshot()))

    def export(lang: str, paper: str, kind: str = "full") -> dict[str, float]:
        options = BriefOptions(lang, paper=paper, kind=kind)
        job = BriefJob(briefing, out / f"brief-{kind}-{lang}-{paper}.pdf", options)
        t0 = time.perf_counter()
        job.start()
        while not job.laid_out:
            job.step()
        t1 = time.perf_counter()
        while job.step():
            pass
        t2 = time.perf_counter()
        result = job.finish()
        t3 = time.perf_counter()
        return {
            "total": t3 - t0,
            "layout": t1 - t0,
            "paint": t2 - t1,
            "finish": t3 - t2,
            "pages": result.pages,
            "bytes": result.size,
        }

    def empty_page() -> float:
        t = time.perf_counter()
        with atomic_target(out / "empty.pdf") as tmp:
            canvas = PdfCanvas(tmp, QPageSize(PAPERS["A4"]), title="empty", doc_key="empty")
            canvas.finish()
        return time.perf_counter() - t

    def one_chart() -> float:
        spec = briefing.tab("shipping").charts[0]
        t = time.perf_counter()
        with atomic_target(out / "chart.pdf") as tmp:
            canvas = PdfCanvas(tmp, QPageSize(PAPERS["A4"]), title="chart", doc_key="chart")
            canvas.draw_chart(spec, briefing, "zh", QRectF(68, 68, 657, 260))
            canvas.finish()
        return time.perf_counter() - t

    first_meeting = export("zh", "A4", "meeting")
    first = export("zh", "A4")
    warm = [export("zh", "A4") for _ in range(runs)]
    letter = [export("en", "Letter") for _ in range(runs)]
    meeting = [export("zh", "A4", "meeting") for _ in range(runs)]
    meeting_letter = [export("en", "Letter", "meeting") for _ in range(runs)]
    return {
        "first": first,
        "warm": warm,
        "letter": letter,
        "first_meeting": first_meeting,
        "meeting": meeting,
        "meeting_letter": meeting_letter,
        "empty": [empty_page() for _ in range(runs)],
        "chart": [one_chart() for _ in range(runs)],
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def summary(proc: dict, inproc: dict, runs: int) -> str:
    def row(name: str, values: list[float]) -> str:
        return (
            f"| {name} | {_ms(statistics.median(values))} | {_ms(min(values))} | "
            f"{_ms(max(values))} | {len(values)} |"
        )

    warm, letter, first = inproc["warm"], inproc["letter"], inproc["first"]
    meeting, m_first = inproc["meeting"], inproc["first_meeting"]
    med = {k: statistics.median(r[k] for r in warm) for k in ("total", "layout", "paint", "finish")}
    mmed = {
        k: statistics.median(r[k] for r in meeting) for k in ("total", "layout", "paint", "finish")
    }
    command = statistics.median(proc["command"])
    m_command = statistics.median(proc["meeting"])
    lines = [
        f"Bundled snapshot, zh, A4, all years: meeting brief {m_first['pages']} pages, "
        f"{m_first['bytes'] / 1024:.0f} KiB; data book {first['pages']} pages, "
        f"{first['bytes'] / 1024:.0f} KiB. Offscreen platform.",
        "",
        "| measurement | median ms | min ms | max ms | n |",
        "|---|---|---|---|---|",
        row(
            "whole command, meeting brief: `python -m qftz_desktop export-pdf --out …`",
            proc["meeting"],
        ),
        row("whole command, data book: `… export-pdf --kind full --out …`", proc["command"]),
        row('baseline: `python -c "import PySide6.QtWidgets, pyqtgraph"`', proc["baseline"]),
        row("meeting brief: export alone, zh A4 (warm process)", [r["total"] for r in meeting]),
        f"| meeting brief: export alone, first in a process | {_ms(m_first['total'])} | | | 1 |",
        row(
            f"meeting brief: export alone, en Letter ({inproc['meeting_letter'][0]['pages']} p.)",
            [r["total"] for r in inproc["meeting_letter"]],
        ),
        row("data book: export alone, zh A4 (warm process)", [r["total"] for r in warm]),
        f"| data book: export alone, first in a process | {_ms(first['total'])} | | | 1 |",
        row(
            f"data book: export alone, en Letter ({letter[0]['pages']} pages)",
            [r["total"] for r in letter],
        ),
        row("baseline: empty one-page QPdfWriter document", inproc["empty"]),
        row("baseline: one page, one chart (same path)", inproc["chart"]),
        "",
        "Export alone, zh A4, median split — meeting brief: compose + layout "
        f"{_ms(mmed['layout'])} ms, painting {_ms(mmed['paint'])} ms, finishing "
        f"{_ms(mmed['finish'])} ms; data book: layout incl. making the chart widgets "
        f"{_ms(med['layout'])} ms, painting {_ms(med['paint'])} ms, closing + date fix + "
        f"atomic replace {_ms(med['finish'])} ms.",
        "",
        f"Goals, meeting brief: export alone < {GOAL_MEETING_EXPORT_S:g} s — "
        f"{'met' if mmed['total'] < GOAL_MEETING_EXPORT_S else 'NOT met'} "
        f"(median {mmed['total']:.2f} s, first in a process {m_first['total']:.2f} s); "
        f"whole command < {GOAL_MEETING_COMMAND_S:g} s — "
        f"{'met' if m_command < GOAL_MEETING_COMMAND_S else 'NOT met'} "
        f"(median {m_command:.2f} s).",
        "",
        f"Goals, data book: export alone < {GOAL_EXPORT_S:g} s — "
        f"{'met' if med['total'] < GOAL_EXPORT_S else 'NOT met'} "
        f"(median {med['total']:.2f} s, first in a process {first['total']:.2f} s); "
        f"whole command < {GOAL_COMMAND_S:g} s — "
        f"{'met' if command < GOAL_COMMAND_S else 'NOT met'} (median {command:.2f} s, of which "
        f"{statistics.median(proc['baseline']):.2f} s is the Qt + pyqtgraph import floor).",
    ]
    return "\n".join(lines)


def record(text: str, runs: int) -> Path:
    path = REPO / "benchmarks" / "RESULTS.md"
    head = "" if path.exists() else "# Benchmark results\n"
    block = (
        f"{head}\n## PDF export\n\n"
        f"{date.today().isoformat()} — {machine()}\n\n"
        f"Command: `.venv/bin/python benchmarks/bench_pdf.py --runs {runs} --record`\n\n"
        f"{text}\n"
    )
    with path.open("a", encoding="utf-8") as fh:
        fh.write(block)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--record", action="store_true", help="append to benchmarks/RESULTS.md")
    ap.add_argument("--in-process", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.in_process:
        print(json.dumps(in_process(args.runs, Path(args.in_process))))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        out = Path(tmp)
        proc = processes(args.runs, out)
        child = [sys.executable, str(Path(__file__)), "--in-process", str(out)]
        _, stdout = _timed([*child, "--runs", str(args.runs)])
        inproc = json.loads(stdout.strip().splitlines()[-1])
    text = summary(proc, inproc, args.runs)
    print(machine())
    print(text)
    if args.record:
        print(f"recorded in {record(text, args.runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
