"""Start-up to a painted window, and the cost of changing the focused year.

Start-up is the wall time from launching the process to the window's first paint, for the app
on the bundled snapshot and for a bare PySide6 + pyqtgraph window (the baseline), alternating
runs in the same session so that machine noise hits both. Goal: app ≤ 1.5 × baseline.

Focus change: with every tab built, the time for Selection.set_focus to update every chart and
card on every tab and repaint the visible tab. Goal: < 50 ms.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCREEN = REPO / "tests" / "offscreen-1080p.json"  # one 1920x1080 screen, as on a laptop

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv)
win = QMainWindow()
plot = pg.PlotWidget()
plot.plot([1, 2, 3], [3, 1, 2])
win.setCentralWidget(plot)
win.resize(1440, 900)
class Probe(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False
probe = Probe(win)
app.installEventFilter(probe)
win.show()
app.exec()
"""


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to the line 'painted', and to the line 'charts'.

    readline(), not iteration: iterating over a pipe reads ahead and would hand over the
    lines only when the process exits.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True, bufsize=1)
    painted = charts = None
    while line := proc.stdout.readline():
        now = time.perf_counter() - t0
        word = line.strip()
        if word == "painted" and painted is None:
            painted = now
        elif word == "charts":
            charts = now
        elif word == "timeout":
            proc.kill()
            raise RuntimeError(f"{cmd}: the charts in view were never built")
    proc.wait(timeout=60)
    if painted is None:
        raise RuntimeError(f"{cmd} did not paint")
    return painted, charts if charts is not None else painted


def startup(runs: int) -> tuple[list[tuple[float, float]], list[float]]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={SCREEN}",
        QFTZ_STARTUP_PROBE="1",
        QFTZ_SETTINGS_DIR=tempfile.mkdtemp(),
    )
    app_cmd = [sys.executable, "-m", "qftz_desktop"]
    bare_cmd = [sys.executable, "-c", BARE]
    _time(app_cmd, env), _time(bare_cmd, env)  # warm the file cache
    app, bare = [], []
    for _ in range(runs):
        app.append(_time(app_cmd, env))
        bare.append(_time(bare_cmd, env)[0])
    return app, bare


def focus_change(repeats: int = 20) -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QFTZ_SETTINGS_DIR", tempfile.mkdtemp())
    from qftz_desktop.resources import bundled_snapshot
    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.main_window import TAB_IDS, MainWindow, load_briefing

    app = make_application()
    win = MainWindow(load_briefing(bundled_snapshot()))
    win.resize(1920, 1080)
    win.show()
    for i in range(len(TAB_IDS)):
        win.tabs.setCurrentIndex(i)
        app.processEvents()
    win.tabs.setCurrentIndex(2)
    app.processEvents()
    years = list(range(win.selection.year_from, win.selection.year_to + 1))
    visible, every = [], []
    for k in range(repeats):
        year = years[k % len(years)]
        t0 = time.perf_counter()
        win.selection.set_focus(year)
        win.tabs.currentWidget().repaint()
        app.processEvents()
        visible.append(time.perf_counter() - t0)
    for k in range(repeats // 4):
        year = years[(k + 3) % len(years)]
        t0 = time.perf_counter()
        win.selection.set_focus(year)
        for i in range(len(TAB_IDS)):  # also paint every tab, as a user flipping through would
            win.tabs.setCurrentIndex(i)
            win.tabs.currentWidget().repaint()
        app.processEvents()
        every.append(time.perf_counter() - t0)
    win.close()
    return statistics.median(visible), statistics.median(every)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    app, bare = startup(args.runs)
    ma = statistics.median(p for p, _ in app)
    mc = statistics.median(c for _, c in app)
    mb = statistics.median(bare)
    print(
        f"start-up, median of {args.runs} runs (s): bare window {mb:.3f}; app first paint "
        f"(header + KPI cards) {ma:.3f} = {ma / mb:.2f}x (goal <= 1.50x); app with the "
        f"Overview's charts painted {mc:.3f} = {mc / mb:.2f}x"
    )
    visible, every = focus_change()
    print(
        f"focus-year change: visible tab {visible * 1000:.1f} ms (goal < 50); "
        f"switching to and painting all 6 tabs {every * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
