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


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def push_recent(settings: QSettings, path: str) -> list[str]:
    items = [p for p in recent_files(settings) if p != path]
    items.insert(0, path)
    items = items[:MAX_RECENT]
    settings.setValue("recent", items)
    return items
