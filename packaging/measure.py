"""Measure the bundle: size on disk, archive size, what each part weighs, and start-up time.

    python packaging/measure.py [--dist DIR] [--archive xz|gz|xz,gz|none] [--startup N]
                                [--baseline] [--cold] [--record]

Sizes are apparent file sizes (symlinks not followed, not counted twice), in MiB (2^20 bytes)
and MB (10^6). The archive is what a user downloads: on Linux a tar.xz (xz -6, threads) made
from dist/qftz-briefing next to it; --archive gz makes a tar.gz instead, xz,gz both.

Start-up: the frozen app is started N times offscreen with QFTZ_STARTUP_PROBE=1 (ui/app.py
prints "painted" at the window's first paint and "charts" when the current tab's charts are
drawn, then quits); the time is from process start to each line. For comparison: the
interpreter alone (`python -c pass`), the app from source, and with --baseline a bare frozen
PySide6 window (a QLabel, no trimming) built into build/baseline. --cold drops the page cache
before one extra first run (needs root). --record appends the report to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

from app_version import app_version

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
HEADING = "## Bundle size and start-up"
MIB, MB = 1 << 20, 10**6


def fmt(n: int) -> str:
    return f"{n / MIB:.1f} MiB ({n / MB:.1f} MB)"


# ---------------------------------------------------------------------------------------------
# Sizes

GROUPS = [  # first match wins; tested on the path relative to the onedir, with '/'
    ("ICU (Qt's Unicode data and libraries)", ("libicu", "icudt", "icuuc", "icuin")),
    ("Qt plugins", ("/plugins/",)),
    ("Qt libraries", ("libQt6", "/Qt6", "Qt6", ".framework/")),
    ("PySide6 bindings and shiboken", ("PySide6/", "shiboken6/", "libpyside6", "libshiboken6")),
    ("numpy and OpenBLAS", ("numpy/", "numpy.libs/", "libscipy_openblas", "libgfortran",
                            "libquadmath", "numpy-")),
    ("pandas", ("pandas/", "pandas.libs/", "pandas-")),
    ("pyqtgraph", ("pyqtgraph/",)),
    ("our fonts, icons, styles and snapshot", ("resources/", "data/")),
    ("Python: libpython, stdlib, exe (holds all bytecode)", ("libpython", "python3", "base_library",
                                                           "lib-dynload/", "qftz-briefing")),
]  # fmt: skip
OTHER = "other libraries (sqlite, zstd, ffi…) and files"


def group_of(rel: str) -> str:
    for name, needles in GROUPS:
        if any(n in rel for n in needles):
            return name
    return OTHER


def walk(top: Path) -> list[tuple[str, int]]:
    files = []
    for dirpath, _dirnames, filenames in os.walk(top):
        for name in filenames:
            path = Path(dirpath, name)
            if path.is_symlink():
                continue
            files.append((path.relative_to(top).as_posix(), path.stat().st_size))
    return files


def make_archive(onedir: Path, kind: str) -> Path:
    out = onedir.parent / f"{onedir.name}-{app_version()}-linux-{platform.machine()}.tar.{kind}"
    out.unlink(missing_ok=True)
    if shutil.which("tar"):
        env = dict(os.environ, XZ_OPT="-6 -T0")
        flag = "-cJf" if kind == "xz" else "-czf"
        subprocess.run(["tar", flag, str(out), "-C", str(onedir.parent), onedir.name],
                       env=env, check=True)  # fmt: skip
    else:
        with tarfile.open(out, f"w:{kind}") as tar:
            tar.add(onedir, arcname=onedir.name)
    return out


# ---------------------------------------------------------------------------------------------
# Start-up


def timed_lines(cmd: list[str], env: dict[str, str], marks: tuple[str, ...]) -> dict[str, float]:
    """Seconds from start to each of `marks` on stdout, and to process exit ('exit')."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)  # fmt: skip
    seen: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        word = line.strip()
        if word in marks and word not in seen:
            seen[word] = time.perf_counter() - start
    proc.wait(timeout=120)
    seen["exit"] = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited with {proc.returncode}")
    return seen


SCREEN_1080P = (
    '{"synchronousWindowSystemEvents": false, "windowFrameMargins": false, "screens": '
    '[{"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, '
    '"logicalBaseDpi": 96, "dpr": 1}]}'
)


def probe_env(home: Path) -> dict[str, str]:
    """The same fixed state for every run: a 1920x1080 offscreen screen (Qt's default one is
    800x600, where the first tab shows no chart to wait for) and an empty HOME. The app itself
    starts with fresh settings under QFTZ_STARTUP_PROBE, so a previous run's window size, tab
    and scroll position never change what is measured."""
    screen = home / "screen-1080p.json"
    screen.write_text(SCREEN_1080P, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "QFTZ_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "c"), XDG_STATE_HOME=str(home / "s"),
               QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
               QFTZ_STARTUP_PROBE="1")  # fmt: skip
    return env


def series(cmd, env, marks, n) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for _ in range(n):
        for k, v in timed_lines(cmd, env, marks).items():
            out.setdefault(k, []).append(v)
    return out


def build_baseline(python: str) -> Path:
    """A bare PySide6 window frozen by PyInstaller with default options (onedir)."""
    work = ROOT / "build" / "baseline"
    exe = work / "dist" / "bare" / ("bare.exe" if sys.platform == "win32" else "bare")
    if exe.exists():
        return exe
    work.mkdir(parents=True, exist_ok=True)
    (work / "bare.py").write_text(
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication(sys.argv)\n"
        "w = QLabel('hello')\n"
        "class P(QObject):\n"
        "    def eventFilter(self, o, e):\n"
        "        if e.type() == QEvent.Type.Paint and not hasattr(self, 'done'):\n"
        "            self.done = print('painted', flush=True)\n"
        "            QTimer.singleShot(0, app.quit)\n"
        "        return False\n"
        "p = P(); w.installEventFilter(p); w.resize(400, 300); w.show()\n"
        "sys.exit(app.exec())\n",
        encoding="utf-8",
    )
    subprocess.run(
        [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--onedir",
         "--distpath", str(work / "dist"), "--workpath", str(work / "work"),
         "--specpath", str(work), str(work / "bare.py")],
        check=True,
    )  # fmt: skip
    return exe


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=False)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def startup(app: Path, n: int, baseline: bool, cold: bool) -> list[str]:
    python = str(ROOT / ".venv" / "bin" / "python")
    if not Path(python).exists():
        python = sys.executable
    home = Path(tempfile.mkdtemp(prefix="qftz-startup-"))
    env = probe_env(home)
    marks = ("painted", "charts")
    rows = []

    def row(label, data):
        cells = []
        for k in ("painted", "charts", "exit"):
            v = data.get(k)
            cells.append(f"{statistics.median(v) * 1000:.0f}" if v else "—")
        count = len(next(iter(data.values())))
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {count} |")

    if cold and sys.platform.startswith("linux"):
        if drop_caches():
            row("frozen app, cold page cache (first run)", series([str(app)], env, marks, 1))
        else:
            rows.append("| frozen app, cold page cache | (needs root to drop caches) | | | |")
    timed_lines([str(app)], env, marks)  # warm-up
    row("**frozen app (onedir)**", series([str(app)], env, marks, n))
    row("app from source (`python -m qftz_desktop`)",
        series([python, "-m", "qftz_desktop"], env, marks, n))  # fmt: skip
    if baseline:
        bare = build_baseline(python)
        timed_lines([str(bare)], env, ("painted",))
        row("bare frozen PySide6 window (QLabel, untrimmed)", series([str(bare)], env, marks, n))
    row("interpreter alone (`python -c pass`)", series([python, "-c", "pass"], env, (), n))
    shutil.rmtree(home, ignore_errors=True)
    return [
        "| start → | first paint ms | charts drawn ms | process exit ms | runs |",
        "|---|---|---|---|---|",
        *rows,
    ]


# ---------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    ram = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {round(kib / 2**20)} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"nproc {os.cpu_count()}, {cpu}{ram}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=ROOT / "dist" / "qftz-briefing")
    ap.add_argument("--app", type=Path, help="the frozen executable (default: in --dist)")
    ap.add_argument("--archive", choices=("xz", "gz", "xz,gz", "none"),
                    default="xz" if sys.platform.startswith("linux") else "none")  # fmt: skip
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--startup", type=int, default=0, metavar="N", help="time N start-ups")
    ap.add_argument("--baseline", action="store_true", help="also a bare frozen PySide6 window")
    ap.add_argument("--cold", action="store_true", help="also one run with a dropped page cache")
    ap.add_argument("--record", action="store_true", help=f"append the report to {RESULTS}")
    args = ap.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):  # Windows consoles default to a legacy code page
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")

    onedir = args.dist.resolve()
    if not onedir.is_dir():
        sys.exit(f"measure: no bundle at {onedir} (build it: bash packaging/build.sh)")
    files = walk(onedir)
    total = sum(size for _, size in files)
    out = [
        HEADING,
        "",
        f"{date.today().isoformat()} — {machine()}",
        "",
        f"Bundle: `{onedir.relative_to(ROOT) if onedir.is_relative_to(ROOT) else onedir}` "
        f"(version {app_version()}), built by `bash packaging/build.sh`.",
        "",
        f"- onedir: **{fmt(total)}**, {len(files)} files",
    ]
    for kind in args.archive.split(",") if args.archive != "none" else ():
        t0 = time.perf_counter()
        archive = make_archive(onedir, kind)
        secs = time.perf_counter() - t0
        out.append(f"- archive `{archive.name}`: **{fmt(archive.stat().st_size)}** "
                   f"(made in {secs:.0f} s)")  # fmt: skip

    groups: dict[str, int] = {}
    for rel, size in files:
        groups[group_of(rel)] = groups.get(group_of(rel), 0) + size
    out += ["", "| part | MiB | share |", "|---|---|---|"]
    for name, size in sorted(groups.items(), key=lambda kv: -kv[1]):
        out.append(f"| {name} | {size / MIB:.1f} | {100 * size / total:.0f} % |")
    out += ["", f"Largest {args.top} files:", "", "| file | MiB | part |", "|---|---|---|"]
    for rel, size in sorted(files, key=lambda f: -f[1])[: args.top]:
        out.append(f"| `{rel}` | {size / MIB:.1f} | {group_of(rel)} |")

    if args.startup:
        # Windows: the console exe (the windowed one has no stdout to print the probe on)
        exe = "qftz-briefing-cli.exe" if sys.platform == "win32" else "qftz-briefing"
        app = args.app or onedir / exe
        out += ["", f"Start-up, offscreen, median of {args.startup} warm runs "
                "(QFTZ_STARTUP_PROBE=1; from process start):", ""]  # fmt: skip
        out += startup(app, args.startup, args.baseline, args.cold)
    report = "\n".join(out) + "\n"
    print(report)
    if args.record:
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        RESULTS.write_text(text.rstrip("\n") + "\n\n" + report, encoding="utf-8")
        print(f"measure: appended to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
