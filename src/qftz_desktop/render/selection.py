"""The one shared selection that links every tab, slide and export.

Tabs never talk to each other: they observe this object and write to it. Setting a value that
is already set emits nothing, so observers can write back without loops.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    rangeChanged = Signal(int, int)  # year_from, year_to
    focusChanged = Signal(object)  # int year or None
    langChanged = Signal(str)
    metricHighlighted = Signal(str)  # metric id to bring into view

    def __init__(self, year_min: int, year_max: int, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.bounds = (year_min, year_max)
        self.year_from = year_min
        self.year_to = year_max
        self.focus_year: int | None = None
        self.lang = lang
        self.highlighted_metric: str | None = None

    def reset_bounds(self, year_min: int, year_max: int) -> None:
        """A new snapshot: full range, no focus."""
        self.bounds = (year_min, year_max)
        self.focus_year = None
        self.highlighted_metric = None
        self.year_from, self.year_to = year_min, year_max
        self.rangeChanged.emit(year_min, year_max)
        self.focusChanged.emit(None)

    def set_range(self, year_from: int, year_to: int) -> None:
        lo, hi = self.bounds
        a = max(lo, min(hi, int(year_from)))
        b = max(lo, min(hi, int(year_to)))
        a, b = min(a, b), max(a, b)
        if (a, b) != (self.year_from, self.year_to):
            self.year_from, self.year_to = a, b
            self.rangeChanged.emit(a, b)
            if self.focus_year is not None and not a <= self.focus_year <= b:
                self.set_focus(None)

    def set_focus(self, year: int | None) -> None:
        if year is not None:
            year = int(year)
            if not self.year_from <= year <= self.year_to:
                return
        if year != self.focus_year:
            self.focus_year = year
            self.focusChanged.emit(year)

    def step_focus(self, step: int) -> None:
        """Move the focused year left or right (keyboard, clicker); starts from the end."""
        if self.focus_year is None:
            year = self.year_to if step < 0 else self.year_from
        else:
            year = self.focus_year + step
        self.set_focus(max(self.year_from, min(self.year_to, year)))

    def set_lang(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.langChanged.emit(lang)

    def highlight_metric(self, metric_id: str | None) -> None:
        self.highlighted_metric = metric_id
        if metric_id:
            self.metricHighlighted.emit(metric_id)
