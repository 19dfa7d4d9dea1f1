"""The one place that knows where the app's files live.

From a source checkout resources sit in ``<repo>/resources`` and the bundled snapshot in
``<repo>/data``; in a PyInstaller bundle both are copied under ``sys._MEIPASS``. Every other
module asks this one, so the ``sys.frozen`` branch exists exactly once.
"""

from __future__ import annotations

import sys
from pathlib import Path

BUNDLED_SNAPSHOT_NAME = "qftz-snapshot.sqlite"


def _root() -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS)
    # src/qftz_desktop/resources.py -> repo root
    return Path(__file__).resolve().parents[2]


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (fonts, icons, translations, styles)."""
    return _root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    """Path of a file under ``data/`` (the bundled snapshot and its sources)."""
    return _root().joinpath("data", *parts)


def bundled_snapshot() -> Path:
    """The snapshot the app opens when the user gives none."""
    return data_path(BUNDLED_SNAPSHOT_NAME)
