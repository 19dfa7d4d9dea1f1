"""The start-up probe of packaging/measure.py and benchmarks/bench_startup.py, run twice in a
row as a benchmark does: both runs must reach 'charts' (the second once timed out after 20 s,
because the window restored the first run's state, with no chart in view)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(240)
def test_probe_reaches_charts_on_every_run(tmp_path, qtbot, bundled_path):
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        from measure import probe_env
    finally:
        sys.path.remove(str(REPO / "packaging"))
    home = tmp_path / "home"
    home.mkdir()
    env = probe_env(home)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
    # what an earlier session leaves: a small window whose first tab shows only cards
    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.main_window import MainWindow, load_briefing

    make_application()
    earlier = MainWindow(load_briefing(bundled_path), lang="zh")
    qtbot.addWidget(earlier)
    earlier.show()
    earlier.setGeometry(40, 40, 960, 600)
    earlier.tabs.setCurrentIndex(0)
    earlier.close()
    env["QFTZ_SETTINGS_DIR"] = os.environ["QFTZ_SETTINGS_DIR"]  # the test's own (conftest)
    for run in (1, 2, 3):
        done = subprocess.run(
            [sys.executable, "-m", "qftz_desktop"], env=env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
        lines = done.stdout.split()
        assert done.returncode == 0, done.stderr
        assert lines[:2] == ["painted", "charts"], f"run {run}: {lines}"
