"""Where the slides go: on a screen other than the laptop's when there is one.

:func:`plan_screens` decides from screen geometries alone, so it is tested with fakes;
:func:`available_screens` is the one place that asks Qt (tests replace it to fake a projector).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication


@dataclass(frozen=True)
class ScreenPlan:
    """Where things go: slides on ``slides``; a presenter view on ``presenter`` (or none)."""

    slides: int
    presenter: int | None


def plan_screens(geometries: Sequence[QRect], main_index: int) -> ScreenPlan:
    """Slides on a screen other than the main window's (the laptop) when there is one.

    Among the other screens, the first that does not sit exactly on the main screen (a mirrored
    pair shows the same picture) is chosen; with one screen the slides cover the main window.
    """
    if not geometries:
        return ScreenPlan(0, None)
    main = main_index if 0 <= main_index < len(geometries) else 0
    for i, geo in enumerate(geometries):
        if i != main and geo != geometries[main]:
            return ScreenPlan(i, main)
    return ScreenPlan(main, None)


def available_screens() -> list:
    """The screens to plan with (tests monkeypatch this to fake a projector)."""
    return list(QGuiApplication.screens())


def geometry(screen) -> QRect:
    return QRect(screen.geometry())
