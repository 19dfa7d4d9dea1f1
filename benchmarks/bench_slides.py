"""Meeting mode: time to move to the next slide and repaint it. Goal: < 100 ms.

The presentation window runs full-screen at 1920×1080 on Qt's offscreen platform with the
bundled snapshot, and walks through every slide of the deck:

* warm — the next slide was built while the previous one was shown (what meeting mode does
  40 ms after each change, i.e. while the speaker talks), so the step is a switch and a paint;
* cold — every built slide is dropped first, so the step also builds the slide (its chart);
* baseline — in the same run, repainting an empty full-screen widget of the same size.

Each step is ``go(next)`` + ``repaint()`` + ``processEvents()``, timed with perf_counter.

    .venv/bin/python benchmarks/bench_slides.py [--theme projector-dark] [--lang zh]
        [--record]   # append the result to benchmarks/RESULTS.md under 'Presentation'
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from machine import describe

REPO = Path(__file__).resolve().parents[1]
GOAL_MS = 100.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def machine() -> str:
    return describe("PySide6-Essentials", "pyqtgraph")


def run(theme: str, lang: str, laps: int) -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QFTZ_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="qftz-bench-")
    if os.environ["QT_QPA_PLATFORM"] == "offscreen":
        config = REPO / "tests" / "offscreen-1080p.json"
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from qftz_desktop.resources import bundled_snapshot
    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.main_window import MainWindow, load_briefing
    from qftz_desktop.ui.presentation import THEME_SETTING, start_presentation
    from qftz_desktop.ui.presentation import screens as screens_mod

    app = make_application()
    screens_mod.available_screens = lambda: [QGuiApplication.primaryScreen()]
    window = MainWindow(load_briefing(bundled_snapshot()), lang=lang)
    window.settings.setValue(THEME_SETTING, theme)
    window.show()
    app.processEvents()
    p = start_presentation(window)
    for _ in range(5):
        app.processEvents()
    size = p.size()

    def step(to: int) -> float:
        t0 = time.perf_counter()
        p.go(to)
        p.repaint()
        app.processEvents()
        return (time.perf_counter() - t0) * 1000

    warm, cold, ahead = [], [], []
    for lap in range(laps):
        p.go(0)
        p._prefetch()
        app.processEvents()
        for i in range(1, p.count):
            t0 = time.perf_counter()
            p._prefetch()  # what the 40 ms timer does while the speaker talks
            if lap == 0:
                ahead.append((time.perf_counter() - t0) * 1000)
            warm.append(step(i))
    for i in range(1, p.count):
        p.go(i - 1)
        app.processEvents()
        p._invalidate()  # drop every built slide: the next one is built inside the timing
        p._prefetch_timer.stop()
        app.processEvents()
        cold.append(step(i))

    blank = QWidget()
    blank.setStyleSheet("background: #000000;")
    blank.resize(size)
    blank.showFullScreen()
    app.processEvents()
    base = []
    for _ in range(len(warm)):
        t0 = time.perf_counter()
        blank.update()
        blank.repaint()
        app.processEvents()
        base.append((time.perf_counter() - t0) * 1000)
    p.end()
    blank.close()
    window.close()
    app.processEvents()
    return {
        "warm": warm,
        "cold": cold,
        "ahead": ahead,
        "baseline": base,
        "size": [size.width(), size.height()],
    }


def summary(results: dict[str, list[float]], theme: str, lang: str) -> str:
    w, h = results["size"]
    lines = [
        f"Slides: bundled snapshot, {len(results['cold']) + 1} slides, {w}×{h} full-screen, "
        f"theme {theme}, language {lang}, offscreen platform (raster).",
        "",
        "| step | median ms | p95 ms | max ms | n |",
        "|---|---|---|---|---|",
    ]
    names = {
        "warm": "next slide (built ahead, as in use)",
        "cold": "next slide, built on the spot",
        "ahead": "building the next slide ahead (idle time, not a wait)",
        "baseline": "baseline: repaint an empty full-screen widget",
    }
    for key, label in names.items():
        v = results[key]
        lines.append(
            f"| {label} | {statistics.median(v):.1f} | {_percentile(v, 0.95):.1f} | "
            f"{max(v):.1f} | {len(v)} |"
        )
    p95 = _percentile(results["warm"], 0.95)
    lines += [
        "",
        f"Goal < {GOAL_MS:.0f} ms to the next slide: {'met' if p95 < GOAL_MS else 'NOT met'} "
        f"(p95 warm {p95:.1f} ms; worst cold {max(results['cold']):.1f} ms).",
    ]
    return "\n".join(lines)


def record(text: str) -> Path:
    path = REPO / "benchmarks" / "RESULTS.md"
    head = "" if path.exists() else "# Benchmark results\n"
    block = (
        f"{head}\n## Presentation\n\n"
        f"{date.today().isoformat()} — {machine()}\n\n"
        f"Command: `.venv/bin/python benchmarks/bench_slides.py --record`\n\n{text}\n"
    )
    with path.open("a", encoding="utf-8") as fh:
        fh.write(block)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--theme", default="projector-dark")
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--laps", type=int, default=3, help="warm passes through the deck")
    ap.add_argument("--record", action="store_true", help="append to benchmarks/RESULTS.md")
    args = ap.parse_args(argv)
    results = run(args.theme, args.lang, args.laps)
    text = summary(results, args.theme, args.lang)
    print(machine())
    print(text)
    if args.record:
        print(f"recorded in {record(text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
