"""Smoke-test the FROZEN app as a user would start it, with the network switched off.

    python packaging/smoke_test.py [--app PATH] [--offline auto|unshare|none]

Standard library only: it runs the bundle, not the source. Steps (each in a fresh, empty HOME
so no settings, recent files or logs of the machine leak in; on Linux also with a fontconfig
that lists no fonts at all, so every Chinese glyph must come from the bundled font):

1. ``--version`` prints ``qftz-desktop <version>`` (the version packaging/app_version.py reads).
2. The window, offscreen, on the bundled snapshot with ``QFTZ_SMOKE_TEST=1``: every tab is
   shown (``tab <id>: ok`` for all six), then the window closes; exit 0.
3. ``export-pdf --out brief.pdf`` headless: exit 0, the PDF has more than one page and its text
   layer contains 青岛 (checked with poppler's pdfinfo/pdftotext, or pypdf if poppler is absent).
4. A garbage file as the snapshot, for the window, ``export-pdf --snapshot`` and ``snapshot
   check``: a message on stderr, a non-zero exit, no window left hanging.

Every step fails on: a Python traceback, ImportError/ModuleNotFoundError, any ``qt.qpa`` log
line (platform plugin trouble), any other Qt warning ("QPainter::begin: …", "This plugin does
not support …", "qt.<category>: …"), a crash (signal), or a time-out.

Offline (Linux): the script re-runs itself inside a new network namespace (``unshare -rn``:
user + network namespace, works unprivileged where user namespaces are allowed; ``unshare -n``
as root otherwise), checks there is no route out, and runs every step there. ``--offline none``
skips that (Windows/macOS CI, where there is no unshare).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from app_version import app_version

ROOT = Path(__file__).resolve().parents[1]
IN_NETNS = "QFTZ_SMOKE_IN_NETNS"
TAB_IDS = ("overview", "trade", "shipping", "finance", "industry", "innovation")
CHINESE_PROBE = "青岛"
TIMEOUT = 180  # seconds per step; a cold start on a slow CI machine is a few seconds

BAD_OUTPUT = [
    (re.compile(r"Traceback \(most recent call last\)"), "a Python traceback"),
    (re.compile(r"\b(ImportError|ModuleNotFoundError)\b"), "an import error"),
    (re.compile(r"qt\.qpa"), "a Qt platform plugin message (qt.qpa…)"),
    (re.compile(r"Could not (load|find) the Qt platform plugin"), "a Qt platform plugin error"),
    (re.compile(r"Failed to execute script"), "a PyInstaller bootloader error"),
    # any other Qt warning: Qt prints them unasked ("This plugin does not support
    # propagateSizeHints()" 72 times once went unnoticed); the app's own messages start with
    # "qftz-desktop:" and never match
    (
        re.compile(
            r"^(?:Q[A-Z][A-Za-z0-9]*(?:::[A-Za-z0-9_~]+)*(?:\(\))?:\s"  # QPainter::begin: …
            r"|qt\.[a-z0-9_.]+:"  # categorised logging: qt.qpa.fonts: …
            r"|This plugin does not support"
            r"|Fontconfig (?:warning|error):"
            r"|(?:QML|Qt) ?(?:warning|Warning):)",
            re.M,
        ),
        "a Qt warning",
    ),
]


def default_app() -> Path:
    dist = ROOT / "dist"
    if sys.platform == "win32":
        return dist / "qftz-briefing" / "qftz-briefing-cli.exe"
    if sys.platform == "darwin":
        return dist / "QFTZ Briefing.app" / "Contents" / "MacOS" / "qftz-briefing"
    return dist / "qftz-briefing" / "qftz-briefing"


# ---------------------------------------------------------------------------------------------
# Offline


def reexec_offline(mode: str) -> int | None:
    """Run this script again inside a new network namespace; None if already inside one."""
    if os.environ.get(IN_NETNS) or mode == "none":
        return None
    if mode == "auto" and not sys.platform.startswith("linux"):
        print("smoke: not Linux, so no network namespace: the steps run with the network on")
        return None
    unshare = shutil.which("unshare")
    if not unshare:
        sys.exit("smoke: FAILED: 'unshare' (util-linux) is needed to run without network")
    env = dict(os.environ, **{IN_NETNS: "1"})
    cmd = [sys.executable, *sys.argv]
    tried = []
    for flags in (["-rn"], ["-n"]):
        probe = subprocess.run([unshare, *flags, "true"], capture_output=True, text=True)
        if probe.returncode == 0:
            print(f"smoke: running every step inside 'unshare {' '.join(flags)}' (no network)")
            return subprocess.run([unshare, *flags, *cmd], env=env).returncode
        tried.append(f"unshare {' '.join(flags)}: {probe.stderr.strip() or probe.returncode}")
    sys.exit(
        "smoke: FAILED: cannot create a network namespace to test offline:\n  "
        + "\n  ".join(tried)
        + "\n(user namespaces disabled? run as root, or pass --offline none to skip)"
    )


def check_no_network() -> str:
    """Prove the namespace has no way out: only a loopback interface, connect() fails."""
    # /proc/net/dev follows the process's namespace (/sys/class/net would show the host's)
    lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    ifaces = sorted(line.split(":", 1)[0].strip() for line in lines)
    extra = [i for i in ifaces if i != "lo"]
    if extra:
        raise SystemExit(f"smoke: FAILED: network interfaces present offline: {extra}")
    for host in ("1.1.1.1", "8.8.8.8"):
        try:
            with socket.create_connection((host, 53), timeout=2):
                raise SystemExit(f"smoke: FAILED: could connect to {host} while offline")
        except OSError:
            pass
    return f"interfaces {ifaces or ['none']}, outbound connect fails"


# ---------------------------------------------------------------------------------------------
# Steps


class Step:
    def __init__(self, name: str):
        self.name = name
        self.problems: list[str] = []
        self.seconds = 0.0

    def fail(self, why: str) -> None:
        self.problems.append(why)


def run(step: Step, cmd: list[str], env: dict[str, str], **kw) -> subprocess.CompletedProcess:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=TIMEOUT, **kw,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        step.seconds = time.perf_counter() - start
        step.fail(f"timed out after {TIMEOUT} s (a window left open?)")
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        return subprocess.CompletedProcess(cmd, -999, out, "")
    step.seconds = time.perf_counter() - start
    output = proc.stdout + proc.stderr
    for pattern, what in BAD_OUTPUT:
        m = pattern.search(output)
        if m:
            line = output[output.rfind("\n", 0, m.start()) + 1 :].split("\n", 1)[0]
            step.fail(f"output has {what}: {line.strip()[:200]}")
    if proc.returncode < 0 or proc.returncode > 255:  # a signal (POSIX) or an NTSTATUS (Windows)
        step.fail(f"crashed (exit status {proc.returncode})")
    return proc


def show(proc: subprocess.CompletedProcess, limit: int = 25) -> str:
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"… ({len(lines) - limit} more lines)"]
    return "\n".join(f"      | {line}" for line in lines)


def not_implemented(proc: subprocess.CompletedProcess) -> bool:
    text = proc.stdout + proc.stderr
    return "qftz_desktop.export.headless" in text or "invalid choice: 'export-pdf'" in text


def pdf_facts(pdf: Path) -> tuple[int, str]:
    """(pages, text) with poppler, or pypdf when poppler is not installed."""
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
        m = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        return (int(m.group(1)) if m else 0), text
    try:
        from pypdf import PdfReader
    except ImportError as exc:
        raise SystemExit("smoke: FAILED: need poppler-utils (pdfinfo, pdftotext) or pypdf") from exc
    reader = PdfReader(str(pdf))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


def app_snapshot(app: Path) -> Path:
    """The snapshot bundled with the app (onedir: under _internal/data)."""
    found = sorted(app.parent.glob("**/data/qftz-snapshot.sqlite")) or sorted(
        app.parent.parent.glob("**/data/qftz-snapshot.sqlite")  # macOS: Contents/…
    )
    return found[0] if found else app.parent / "_internal" / "data" / "qftz-snapshot.sqlite"


def smoke(app: Path, offline_note: str) -> int:
    version = app_version()
    tmp = Path(tempfile.mkdtemp(prefix="qftz-smoke-"))
    home = tmp / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QT_", "QFTZ_", "XDG_", "PYTHON")) and k not in ("DISPLAY",)
    }
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
    )
    if sys.platform.startswith("linux"):
        # A fontconfig that knows no font at all: Chinese must come from the bundled font.
        (tmp / "fonts").mkdir()
        conf = tmp / "fonts.conf"
        conf.write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f"  <dir>{tmp / 'fonts'}</dir>\n  <cachedir>{tmp / 'fc-cache'}</cachedir>\n"
            "</fontconfig>\n",
            encoding="utf-8",
        )
        env["FONTCONFIG_FILE"] = str(conf)

    steps: list[Step] = []

    # 1. --version
    step = Step("--version")
    steps.append(step)
    proc = run(step, [str(app), "--version"], env)
    expected = f"qftz-desktop {version}"
    if proc.returncode != 0 or proc.stdout.strip() != expected:
        step.fail(f"expected exit 0 and '{expected}', got {proc.returncode}:\n{show(proc)}")

    # 2. the window on the bundled snapshot, every tab
    step = Step("window, every tab (offscreen, QFTZ_SMOKE_TEST=1)")
    steps.append(step)
    proc = run(step, [str(app)], dict(env, QFTZ_SMOKE_TEST="1"))
    seen = re.findall(r"^tab (\S+): ok$", proc.stdout, re.M)
    if proc.returncode != 0 or list(seen) != list(TAB_IDS):
        step.fail(
            f"expected exit 0 and 'tab <id>: ok' for {', '.join(TAB_IDS)}; "
            f"got exit {proc.returncode}, tabs {seen}:\n{show(proc)}"
        )

    # 2b. Windows: the windowed exe users double-click (no stdout: the exit status tells)
    gui = app.with_name("qftz-briefing.exe")
    if sys.platform == "win32" and gui.is_file() and gui != app:
        step = Step(f"{gui.name} (windowed), every tab")
        steps.append(step)
        proc = run(step, [str(gui)], dict(env, QFTZ_SMOKE_TEST="1"))
        if proc.returncode != 0:
            step.fail(f"exit {proc.returncode}:\n{show(proc)}")

    # 3. export-pdf, checked
    step = Step("export-pdf (headless, zh)")
    steps.append(step)
    pdf = tmp / "out" / "brief.pdf"
    pdf.parent.mkdir()
    proc = run(step, [str(app), "export-pdf", "--out", str(pdf)], env)
    if not_implemented(proc):
        step.problems = [
            "export-pdf is NOT IMPLEMENTED in this build (qftz_desktop.export.headless is "
            f"missing); re-run when it has landed:\n{show(proc, 8)}"
        ]
    elif proc.returncode != 0 or not pdf.is_file():
        step.fail(f"expected exit 0 and {pdf}, got exit {proc.returncode}:\n{show(proc)}")
    else:
        pages, text = pdf_facts(pdf)
        if pages <= 1:
            step.fail(f"the PDF has {pages} page(s); a brief has more than one")
        if CHINESE_PROBE not in text:
            step.fail(
                f"'{CHINESE_PROBE}' not found in the PDF's text layer (Chinese font missing, or "
                f"text not extractable); first text: {text[:120]!r}"
            )
        step.name += f": {pages} pages, {pdf.stat().st_size // 1024} KiB, '{CHINESE_PROBE}' found"

    # 3b. export-pptx, offline (PowerPoint area): a zip with the deck's slides and charts
    step = Step("export-pptx (headless, zh)")
    steps.append(step)
    deck = tmp / "out" / "deck.pptx"
    proc = run(step, [str(app), "export-pptx", "--out", str(deck)], env)
    if proc.returncode != 0 or not deck.is_file():
        step.fail(f"expected exit 0 and {deck}, got exit {proc.returncode}:\n{show(proc)}")
    else:
        with zipfile.ZipFile(deck) as z:
            names = z.namelist()
            slides = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
            charts = [n for n in names if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
            text = z.read(slides[0]).decode("utf-8") if slides else ""
        if len(slides) < 5 or not charts:
            step.fail(f"{len(slides)} slides and {len(charts)} charts; expected a meeting deck")
        elif CHINESE_PROBE not in text:
            step.fail(f"'{CHINESE_PROBE}' not on the title slide")
        step.name += f": {len(slides)} slides, {len(charts)} native charts"

    # 3c. quarterly update (Excel area): template of the bundled snapshot, build it, diff
    step = Step("snapshot template -> build .xlsx -> diff")
    steps.append(step)
    book, rebuilt = tmp / "out" / "update.xlsx", tmp / "out" / "rebuilt.sqlite"
    commands = [
        [str(app), "snapshot", "template", "--out", str(book), "--from", str(app_snapshot(app))],
        [str(app), "snapshot", "build", str(book), "--out", str(rebuilt)],
        [str(app), "snapshot", "diff", str(app_snapshot(app)), str(rebuilt), "--json"],
    ]
    for cmd in commands:
        proc = run(step, cmd, env)
        if proc.returncode != 0:
            step.fail(f"{' '.join(cmd[1:3])}: exit {proc.returncode}:\n{show(proc)}")
            break
    else:
        if '"counts": {}' not in proc.stdout:
            step.fail(f"the round trip changed the content:\n{show(proc)}")
        else:
            step.name += ": same content"

    # 4. a garbage snapshot: clear message, non-zero exit, no traceback, no window left open
    bad = tmp / "garbage.sqlite"
    bad.write_bytes(b"this is not a snapshot\n" + bytes(range(256)) * 16)
    cases = [
        ("bad snapshot → window", [str(app), str(bad)], {}),
        ("bad snapshot → export-pdf", [str(app), "export-pdf", "--snapshot", str(bad), "--out",
                                       str(tmp / "out" / "bad.pdf")], {}),
        ("bad snapshot → snapshot check", [str(app), "snapshot", "check", str(bad)], {}),
    ]  # fmt: skip
    for name, cmd, extra in cases:
        step = Step(name)
        steps.append(step)
        proc = run(step, cmd, dict(env, **extra))
        if "export-pdf" in name and not_implemented(proc):
            step.problems = ["export-pdf is NOT IMPLEMENTED in this build (see above)"]
            continue
        message = (proc.stderr + proc.stdout).strip()
        if proc.returncode == 0:
            step.fail(f"exit 0 for a garbage file:\n{show(proc)}")
        elif "garbage.sqlite" not in message:
            step.fail(f"the message does not name the file:\n{show(proc)}")
        elif name.endswith("window") and not proc.stderr.strip():
            step.fail(f"nothing on stderr:\n{show(proc)}")
        else:
            first = message.splitlines()[0]
            step.name += f": exit {proc.returncode}, '{first[:70]}'"

    print(f"smoke: {app} (version {version}); offline: {offline_note}")
    for step in steps:
        mark = "ok  " if not step.problems else "FAIL"
        print(f"  {mark} {step.name}  [{step.seconds:.1f} s]")
        for problem in step.problems:
            print(f"      - {problem}")
    failed = [s for s in steps if s.problems]
    shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        print(f"smoke: FAILED ({len(failed)} of {len(steps)} steps)")
        return 1
    print(f"smoke: all {len(steps)} steps passed")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--app", type=Path, default=None, help="the frozen executable to test")
    ap.add_argument(
        "--offline",
        choices=("auto", "unshare", "none"),
        default="auto",
        help="auto: a network namespace on Linux, nothing elsewhere (default)",
    )
    args = ap.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):  # Windows consoles default to a legacy code page
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    app = (args.app or default_app()).resolve()
    if not app.is_file():
        sys.exit(f"smoke: FAILED: no frozen app at {app} (build it: bash packaging/build.sh)")
    code = reexec_offline(args.offline)
    if code is not None:
        return code
    note = check_no_network() if os.environ.get(IN_NETNS) else "not isolated (network on)"
    return smoke(app, note)


if __name__ == "__main__":
    sys.exit(main())
