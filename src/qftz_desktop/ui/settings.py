"""Remembered settings (window geometry, tab, language, recent files, folders).

``QFTZ_SETTINGS_DIR`` points the settings at a folder of one's own (tests, portable use);
otherwise Qt's per-user location is used.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from .. import APP_NAME, ORG_NAME

MAX_RECENT = 8


def app_settings() -> QSettings:
    folder = os.environ.get("QFTZ_SETTINGS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "qftz-briefing.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


def _absolute(path: str | os.PathLike[str]) -> str:
    """An absolute path with links and '..' resolved: a path as typed ('data/x.sqlite')
    breaks when the app starts from another folder, and one file could be listed twice."""
    return str(Path(path).expanduser().resolve())


def recent_files(settings: QSettings) -> list[str]:
    """The remembered snapshots, newest first: absolute, each once, at most MAX_RECENT.

    Entries written by older versions may be relative; they cannot be resolved reliably (the
    folder they were relative to is unknown), so they are dropped.
    """
    value = settings.value("recent", [])
    if isinstance(value, str):
        value = [value]
    items: list[str] = []
    for v in value or []:
        if not v or not Path(str(v)).expanduser().is_absolute():
            continue
        path = _absolute(str(v))
        if path not in items:
            items.append(path)
    return items[:MAX_RECENT]


def push_recent(settings: QSettings, path: str | os.PathLike[str]) -> list[str]:
    """Put ``path`` first (resolved to an absolute path), keep MAX_RECENT entries."""
    path = _absolute(path)
    items = [p for p in recent_files(settings) if p != path]
    items.insert(0, path)
    items = items[:MAX_RECENT]
    settings.setValue("recent", items)
    return items
