"""Shared fixtures. Tests run on Qt's offscreen platform so they need no display."""

from __future__ import annotations

import faulthandler
import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# Qt's offscreen platform with one 1920x1080 screen (its default screen is 800x600, which would
# clamp restored window geometry). tests/offscreen-2screens.json fakes a projector.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE / 'offscreen-1080p.json'}"
os.environ.setdefault("QT_HASH_SEED", "0")
faulthandler.enable()

# Hypothesis: CI runs are reproducible (derandomize: the same examples every run, so a run
# fails only when the code changed); locally examples are random, and QFTZ_FUZZ_SCALE=N draws
# N times as many for a long search (see README, "Tests").
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("random", print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "random")
)

from factory import build_test_snapshot  # noqa: E402
from qftz_desktop.resources import bundled_snapshot  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bundled_path() -> Path:
    path = bundled_snapshot()
    assert path.is_file(), f"bundled snapshot missing: {path}"
    return path


@pytest.fixture(scope="session")
def bundled(bundled_path):
    """The bundled snapshot as a Briefing, read once for the run (read-only, shared)."""
    from qftz_desktop.domain.briefing import Briefing
    from qftz_desktop.snapshot.reader import open_snapshot

    return Briefing(open_snapshot(bundled_path))


@pytest.fixture(scope="session")
def test_snapshot_path(tmp_path_factory) -> Path:
    """The synthetic second snapshot (other metrics, other years)."""
    return build_test_snapshot(tmp_path_factory.mktemp("testsnap"))


@pytest.fixture
def snapshot_copy(tmp_path, bundled_path) -> Path:
    """A private copy of the bundled snapshot that a test may damage."""
    dst = tmp_path / "copy.sqlite"
    shutil.copyfile(bundled_path, dst)
    return dst


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Keep QSettings and logs of each test in its own folder, never the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("QFTZ_SETTINGS_DIR", str(tmp_path / "settings"))
    yield
