"""Exports under fire: a killed export process, and hostile strings in the snapshot."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from factory import write_sources
from qftz_desktop.snapshot.builder import build_snapshot

REPO = Path(__file__).resolve().parents[1]
HOSTILE = "<b>粗体</b> <img src=x onerror=alert(1)> '; DROP TABLE observations; --"


def _export_cmd(snapshot: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "qftz_desktop",
        "export-pdf",
        "--snapshot",
        str(snapshot),
        "--out",
        str(out),
        "--lang",
        "zh",
        "--kind",
        "full",  # the data book: an export long enough to be killed halfway
    ]


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


@pytest.fixture(scope="module")
def slow_snapshot(tmp_path_factory) -> Path:
    """A generated snapshot large enough that its export takes seconds."""
    spec = importlib.util.spec_from_file_location(
        "generate_snapshot", REPO / "benchmarks" / "generate_snapshot.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("slow") / "slow.sqlite"
    module.write(module.make_tables(20_000), path)
    return path


@pytest.mark.timeout(180)
def test_killed_export_leaves_the_previous_brief_intact(
    slow_snapshot, test_snapshot_path, tmp_path
):
    out = tmp_path / "brief.pdf"
    first = subprocess.run(
        _export_cmd(test_snapshot_path, out), env=_env(), capture_output=True, timeout=120
    )
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()

    proc = subprocess.Popen(
        _export_cmd(slow_snapshot, out), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    part = None
    while time.monotonic() < deadline and proc.poll() is None:
        parts = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
        if parts and parts[0].stat().st_size > 0:
            part = parts[0]
            break
        time.sleep(0.02)
    assert part is not None, "the export was writing its temporary file when killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    assert out.read_bytes() == before, "the previous brief is untouched"
    assert len(PdfReader(out).pages) > 1
    # a killed process cannot clean up: at most its hidden temporary file remains
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "brief.pdf")
    assert all(name.startswith(".brief.pdf.") and name.endswith(".part") for name in leftovers)
    # ... which the next export removes at once (it is not 10 minutes old)
    again = subprocess.run(
        _export_cmd(test_snapshot_path, out), env=_env(), capture_output=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_hostile_strings_export_as_plain_text(tmp_path):
    src = write_sources(tmp_path / "src")
    for name in ("metrics.csv", "highlights.csv"):
        path = src / name
        text = path.read_text(encoding="utf-8")
        text = text.replace("测试出口额", "测试出口额" + HOSTILE.replace(",", " "))
        text = text.replace("测试亮点", HOSTILE.replace(",", " "))
        path.write_text(text, encoding="utf-8")
    snapshot = tmp_path / "hostile.sqlite"
    build_snapshot(src, snapshot)
    out = tmp_path / "hostile.pdf"
    done = subprocess.run(
        _export_cmd(snapshot, out), env=_env(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    flat = "".join(text.split())
    assert "<b>粗体</b>" in flat  # the tags are printed, not interpreted
    assert "onerror=alert(1)>" in flat


def test_next_export_removes_a_dead_exports_temp_file_at_once(tmp_path):
    from qftz_desktop.export.atomic import atomic_target, atomic_write

    out = tmp_path / "brief.pdf"
    dead = tmp_path / ".brief.pdf.abc12345.part"  # what a killed export leaves: no lock
    dead.write_bytes(b"%PDF-1.4 half")  # written a moment ago, not 10 minutes ago
    other_dead = tmp_path / ".handout.pdf.k_9x2m0q.part"  # another target, same folder
    other_dead.write_bytes(b"%PDF-1.4 half")
    foreign = [tmp_path / "movie.mkv.part", tmp_path / ".x.part"]  # not ours: never touched
    for f in foreign:
        f.write_bytes(b"...")
    with atomic_target(tmp_path / "deck.pdf") as running:  # an export running right now
        running.write_bytes(b"%PDF-1.4 writing")
        atomic_write(out, b"%PDF-1.4 complete")
        assert running.exists(), "a running export's temporary file is kept"
    assert out.read_bytes() == b"%PDF-1.4 complete"
    assert not dead.exists() and not other_dead.exists()
    assert all(f.exists() for f in foreign)
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.4 writing"
    assert sorted(p.name for p in tmp_path.glob(".*.part")) == [".x.part"]


def test_next_start_removes_dead_temp_files_in_the_export_folder(qtbot, tmp_path):
    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.main_window import MainWindow
    from qftz_desktop.ui.settings import app_settings

    dead = tmp_path / ".brief.pdf.abc12345.part"
    dead.write_bytes(b"%PDF-1.4 half")
    settings = app_settings()
    settings.setValue("export_dir", str(tmp_path))
    settings.sync()
    make_application()
    win = MainWindow(None, lang="en")
    qtbot.addWidget(win)
    assert not dead.exists()
