"""The window and the PDF brief at 10 k, 100 k and 1 M observations (and the bundled snapshot).

    .venv/bin/python benchmarks/bench_scale.py                  # all sizes and the bundled one
    .venv/bin/python benchmarks/bench_scale.py --sizes 10000    # one size (plus the bundled)
    .venv/bin/python benchmarks/bench_scale.py --src /tmp/before/src   # another version

Each snapshot is measured in a fresh child process (Qt offscreen, a 1920×1080 screen and
window, settings in a temporary folder), which prints one JSON line per stage:

* ``open``: ``load_briefing(path)`` — open, validate and lay out the Briefing;
* ``first_paint``: from ``MainWindow(briefing)`` to the window's first paint event;
  ``overview_charts``: until the Overview's charts are built and painted too;
* ``tabs``: for each tab, ``setCurrentIndex`` until the tab and the charts in view are built
  and painted (events processed, the window repainted, until nothing is pending);
* ``focus``: ``Selection.set_focus(year)`` + repaint of the visible tab, with every tab built
  (the worst case: every built chart follows the selection); median and max of 8 years;
* ``range``: ``Selection.set_range`` + repaint, likewise (6 changes);
* ``hover``: ``ChartView.hover_text_at`` at the middle of the first line chart in view, and
  the whole mouse-move handler with the chart's repaint; median of 20;
* ``pdf``: ``export_brief`` in this process (Qt already running), stopped when it passes
  ``--pdf-budget`` seconds (reported as ``>budget``);
* ``rss``: ``ru_maxrss`` of the child after each stage (the whole process).

The whole ``qftz-desktop export-pdf`` command is timed in another child (wall time, its
``ru_maxrss`` from ``wait4``), killed after ``--pdf-budget`` + 60 s.

Generated snapshots live in ``benchmarks/out/`` (ignored by git); ``--write`` appends the table
to benchmarks/RESULTS.md under 'UI and PDF at scale'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
SIZES = (10_000, 100_000, 1_000_000)


# -- the child ----------------------------------------------------------------------------------


def _emit(stage: str, **values: object) -> None:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"stage": stage, "rss_mb": round(rss, 1), **values}), flush=True)


def _measure(path: str, pdf_budget: float) -> None:
    os.environ.setdefault("QT_HASH_SEED", "0")
    t_import = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QPointF

    from qftz_desktop.domain.tabs import TAB_IDS
    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.main_window import MainWindow, load_briefing

    app = make_application()
    _emit("import", seconds=time.perf_counter() - t_import)

    t0 = time.perf_counter()
    briefing = load_briefing(Path(path))
    n_obs = len(briefing.snapshot.observations)
    n_charts = sum(len(t.charts) for t in briefing.tabs)
    _emit("open", seconds=time.perf_counter() - t0, observations=n_obs, charts=n_charts)

    class Probe(QObject):
        painted = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    probe = Probe()
    t0 = time.perf_counter()
    win = MainWindow(briefing)
    win.resize(1920, 1080)
    app.installEventFilter(probe)
    win.show()
    while not probe.painted:
        app.processEvents()
    first = time.perf_counter() - t0
    app.removeEventFilter(probe)

    def pending() -> bool:
        page = win.tabs.currentWidget().content
        if page is None:
            return True
        busy = getattr(page, "busy", None)  # charts still to build in view (lazy panels)
        if callable(busy):
            return bool(busy())
        return bool(getattr(page, "_charts_pending", False))

    def settle() -> None:
        for _ in range(50):
            app.processEvents()
            win.repaint()
            app.processEvents()
            if not pending():
                break

    settle()
    _emit("first_paint", seconds=first, overview_charts=time.perf_counter() - t0)

    tabs = {}
    for i, tab_id in enumerate(TAB_IDS):
        t0 = time.perf_counter()
        win.tabs.setCurrentIndex(i)
        settle()
        tabs[tab_id] = time.perf_counter() - t0
    _emit("tabs", seconds=tabs, max=max(tabs.values()))

    # the tab with the most charts stays in view for the selection changes
    busiest = max(range(len(TAB_IDS)), key=lambda i: len(briefing.tab(TAB_IDS[i]).charts))
    win.tabs.setCurrentIndex(busiest)
    settle()
    sel = win.selection
    lo, hi = sel.year_from, sel.year_to
    years = list(range(lo, hi + 1))
    focus = []
    for k in range(8):
        year = years[(k * 7 + len(years) // 2) % len(years)]
        t0 = time.perf_counter()
        sel.set_focus(year)
        win.tabs.currentWidget().repaint()
        app.processEvents()
        focus.append(time.perf_counter() - t0)
    _emit("focus", median=statistics.median(focus), max=max(focus))

    ranges = []
    span = max(hi - lo, 1)
    for a, b in [
        (lo + span // 4, hi),
        (lo + span // 2, hi),
        (lo, hi - span // 4),
        (lo + span // 3, hi - span // 3),
        (lo + 1, hi),
        (lo, hi),
    ]:
        t0 = time.perf_counter()
        sel.set_range(a, b)
        win.tabs.currentWidget().repaint()
        app.processEvents()
        ranges.append(time.perf_counter() - t0)
    _emit("range", median=statistics.median(ranges), max=max(ranges))

    page = win.tabs.currentWidget().content
    settle()
    line = None
    for panel in getattr(page, "panels", []):
        chart = getattr(panel, "chart", None)
        if (
            chart is not None
            and panel.spec.kind == "line"
            and panel.visibleRegion().isEmpty() is False
        ):
            line = chart
            break
    if line is None:
        _emit("hover", median=None, handler=None)
    else:
        rect = line.plotItem.getViewBox().sceneBoundingRect()
        hover, handler = [], []
        for k in range(20):
            pos = QPointF(rect.left() + rect.width() * (0.1 + 0.04 * k), rect.center().y())
            t0 = time.perf_counter()
            line.hover_text_at(pos)
            hover.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            line._on_move((pos,))
            line.repaint()
            app.processEvents()
            handler.append(time.perf_counter() - t0)
        _emit("hover", median=statistics.median(hover), handler=statistics.median(handler))

    win.close()
    from qftz_desktop.export.pdf_brief import BriefJob, BriefOptions

    out = Path(tempfile.mkdtemp()) / "brief.pdf"
    job = BriefJob(briefing, out, BriefOptions(kind="full", lang="zh"))
    t0 = time.perf_counter()
    job.start()
    finished = True
    try:
        while job.step():
            if time.perf_counter() - t0 > pdf_budget:
                finished = False
                break
        if finished:
            result = job.finish()
    finally:
        if not finished:
            job.abort()
    seconds = time.perf_counter() - t0
    if finished:
        _emit("pdf", seconds=seconds, pages=result.pages, mb=result.size / 1e6)
    else:
        _emit("pdf", seconds=None, budget=pdf_budget, pages=job.total, painted=job.done)


# -- the parent ---------------------------------------------------------------------------------


def _child_env(src: Path | None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_HASH_SEED="0")
    config = REPO / "tests" / "offscreen-1080p.json"
    if config.is_file():
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["QFTZ_SETTINGS_DIR"] = tempfile.mkdtemp()
    env["XDG_CONFIG_HOME"] = env["QFTZ_SETTINGS_DIR"]
    env["XDG_STATE_HOME"] = env["QFTZ_SETTINGS_DIR"]
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def measure(path: Path, src: Path | None, pdf_budget: float) -> dict[str, dict]:
    cmd = [
        sys.executable,
        str(Path(__file__)),
        "--measure",
        str(path),
        "--pdf-budget",
        str(pdf_budget),
    ]
    proc = subprocess.run(cmd, env=_child_env(src), capture_output=True, text=True, timeout=3600)
    stages = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            d = json.loads(line)
            stages[d["stage"]] = d
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
    return stages


def command(path: Path, src: Path | None, budget: float) -> tuple[float | str | None, float]:
    """Wall time and peak RSS (MB) of ``qftz-desktop export-pdf`` on ``path``."""
    out = Path(tempfile.mkdtemp()) / "brief.pdf"
    cmd = [sys.executable, "-m", "qftz_desktop", "export-pdf", "--snapshot", str(path)]
    cmd += ["--out", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=_child_env(src), stdout=subprocess.DEVNULL)
    deadline = t0 + budget
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - t0
            ok = proc.returncode == 0
            return (wall if ok else "failed"), usage.ru_maxrss / 1024
        if time.perf_counter() > deadline:
            proc.kill()
            _pid, _status, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_maxrss / 1024
        time.sleep(0.02)


def snapshot_for(n: int) -> Path:
    path = OUT / f"snap-{n}.sqlite"
    if not path.is_file():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate_snapshot.py"), str(n), "--out", str(path)],
            check=True,
        )
    return path


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x * 1000:.0f}"


def _s(x: float | str | None, budget: float | None = None) -> str:
    if isinstance(x, str):
        return x
    if x is None:
        return f"> {budget:.0f}" if budget else "—"
    return f"{x:.2f}"


def _hover(h: dict) -> str:
    if h.get("median") is None:
        return "—"
    return f"{h['median'] * 1000:.1f} / {_ms(h.get('handler'))}"


def row(
    label: str, st: dict[str, dict], cmd: tuple[float | str | None, float], budget: float
) -> str:
    pdf = st.get("pdf", {})
    pages = pdf.get("pages")
    pdf_cell = _s(pdf.get("seconds"), budget)
    if pdf.get("seconds") is not None and pages:
        pdf_cell += f" ({pages} p.)"
    elif pdf and pdf.get("seconds") is None:
        pdf_cell += f" (stopped; {pdf.get('painted', 0)} of {pages or '?'} pages painted)"
    tabs = st.get("tabs", {})
    cells = [
        label,
        _s(st.get("open", {}).get("seconds")),
        _ms(st.get("first_paint", {}).get("seconds")),
        _ms(st.get("first_paint", {}).get("overview_charts")),
        _ms(tabs.get("max")),
        f"{_ms(st.get('focus', {}).get('median'))} / {_ms(st.get('focus', {}).get('max'))}",
        f"{_ms(st.get('range', {}).get('median'))} / {_ms(st.get('range', {}).get('max'))}",
        _hover(st.get("hover", {})),
        pdf_cell,
        _s(cmd[0], budget + 60),
        f"{st.get('hover', {}).get('rss_mb', 0):.0f}",
        f"{max((s.get('rss_mb', 0) for s in st.values()), default=0):.0f}",
        f"{cmd[1]:.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| snapshot | open + Briefing s | first paint ms | Overview charts ms | slowest tab ms "
    "| focus year ms (median / max) | year range ms (median / max) "
    "| hover: lookup / handler ms | PDF in-process s | PDF command s | RSS after UI MB "
    "| peak RSS MB | command peak RSS MB |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"nproc {os.cpu_count()}, {cpu}, {ram} RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    ap.add_argument("--src", type=Path, help="measure the package in this folder instead")
    ap.add_argument("--pdf-budget", type=float, default=60.0, help="stop a PDF export after")
    ap.add_argument("--no-bundled", action="store_true")
    ap.add_argument("--write", action="store_true", help="append the table to RESULTS.md")
    ap.add_argument("--label", default="", help="a word for the table's heading")
    args = ap.parse_args()
    if args.measure:
        _measure(args.measure, args.pdf_budget)
        return
    targets = []
    if not args.no_bundled:
        targets.append(("bundled (166 obs.)", REPO / "data" / "qftz-snapshot.sqlite"))
    targets += [(f"{n:,}".replace(",", " ") + " obs.", snapshot_for(n)) for n in args.sizes]
    lines = [HEADER]
    print(HEADER, flush=True)
    for label, path in targets:
        st = measure(path, args.src, args.pdf_budget)
        cmd = command(path, args.src, args.pdf_budget + 60)
        line = row(label, st, cmd, args.pdf_budget)
        lines.append(line)
        print(line, flush=True)
        print(json.dumps(st), file=sys.stderr, flush=True)
    if args.write:
        argv = " ".join(sys.argv[1:]).replace("--write", "").strip()
        text = (
            f"\n### {args.label or 'Run'} — {date.today().isoformat()}\n\n{machine()}\n\n"
            f"`.venv/bin/python benchmarks/bench_scale.py {argv}`\n\n" + "\n".join(lines) + "\n"
        )
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
