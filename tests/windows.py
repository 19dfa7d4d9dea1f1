"""The main window as the window tests open it: on a snapshot, in Chinese, at a desktop size,
shown and exposed (one copy, imported by the test modules that need a real window)."""

from __future__ import annotations

from pathlib import Path

from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import MainWindow, load_briefing


def open_window(qtbot, path: Path, lang: str = "zh", size=(1400, 900)) -> MainWindow:
    make_application()
    win = MainWindow(load_briefing(path), lang=lang)
    qtbot.addWidget(win)
    if size is not None:
        win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win
