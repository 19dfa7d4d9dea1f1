"""The window the room sees: the deck full-screen, built slide by slide as it is shown.

Slides are built on first show at the window's size, theme and language (and the neighbours
while the speaker talks), kept until one of those changes, and stacked: moving to a built slide
only switches the stack, which keeps the next slide well under 100 ms (benchmarks/bench_slides).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from ...render.selection import Selection
from ...render.slide_view import (
    BASE_H,
    BASE_W,
    PROJECTOR_THEMES,
    SCREEN_CHART_HOOKS,
    SlideView,
    _font,
    _stylesheet,
    px,
    slide_scale,
)
from ...render.theme import PROJECTOR_DARK, PROJECTOR_LIGHT, Theme
from ...text import tr
from ..text import plain_label
from .keys import KeyControl
from .screens import ScreenPlan

if TYPE_CHECKING:
    from ...domain.deck import Slide
    from .presenter import PresenterView

THEME_SETTING = "presentation/theme"


def _picture_menu(view, chart, selection) -> None:
    """Right-click on a slide's chart copies or saves it as a picture (ui/chart_menu.py)."""
    from ..chart_menu import attach_picture_menu

    def years(sel=selection):
        return None if sel is None else (sel.year_from, sel.year_to)

    slide = view.slide
    attach_picture_menu(view, chart, slide.chart, slide.briefing, view.lang, years, focusable=False)


if _picture_menu not in SCREEN_CHART_HOOKS:
    SCREEN_CHART_HOOKS.append(_picture_menu)


class PresentationWindow(KeyControl, QWidget):
    """The slides, full-screen. Keys are taken here and, with a presenter view, in the window
    (:mod:`.keys`)."""

    slideChanged = Signal(int)  # index into slides
    blankChanged = Signal(str)  # "", "black" or "white"
    finished = Signal()

    def __init__(
        self,
        main_window,
        slides: Sequence[Slide],
        theme_name: str = PROJECTOR_DARK.name,
        parent=None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("QFTZ Briefing")
        self.main_window = main_window
        self.selection: Selection = main_window.selection
        self.slides: tuple[Slide, ...] = tuple(slides)
        self.theme_name = theme_name if theme_name in PROJECTOR_THEMES else PROJECTOR_DARK.name
        self.index = 0
        self.blank = ""
        self.year_mode = False
        self.digits = ""
        self.presenter: PresenterView | None = None
        self.plan = ScreenPlan(0, None)
        self._views: dict[str, SlideView] = {}
        self._built_for: tuple[QSize, str, str] | None = None
        self._ended = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # moves without a button pressed reach the filter
        self.setCursor(Qt.CursorShape.BlankCursor)  # no pointer on the projector …
        self._pointer_timer = QTimer(self)  # … unless the mouse moves (to click a year)
        self._pointer_timer.setSingleShot(True)
        self._pointer_timer.setInterval(2500)
        self._pointer_timer.timeout.connect(lambda: self.setCursor(Qt.CursorShape.BlankCursor))

        self.stage = QStackedWidget(self)
        self.stage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stage)
        self.blank_widget = QWidget(self)
        self.blank_widget.setObjectName("blank")
        self.blank_widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank_widget.hide()
        self.jump_label = plain_label("", self)
        self.jump_label.setObjectName("jumpBox")
        self.jump_label.hide()
        self._digit_timer = QTimer(self)
        self._digit_timer.setSingleShot(True)
        self._digit_timer.setInterval(5000)
        self._digit_timer.timeout.connect(self._clear_digits)
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(40)
        self._prefetch_timer.timeout.connect(self._prefetch)
        self._apply_style()

        sel = self.selection
        sel.rangeChanged.connect(self._on_range)
        sel.focusChanged.connect(self._on_focus)
        sel.langChanged.connect(self._on_lang)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # -- themes and building ----------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return PROJECTOR_THEMES[self.theme_name]

    @property
    def lang(self) -> str:
        return self.selection.lang

    def _slide_size(self) -> QSize:
        size = self.stage.size() if self.isVisible() else self.size()
        return size if size.width() > 100 and size.height() > 100 else QSize(BASE_W, BASE_H)

    def _apply_style(self) -> None:
        size = self._slide_size()
        scale = slide_scale(size.width(), size.height())
        self.setStyleSheet(_stylesheet(self.theme, scale))
        self.jump_label.setFont(_font(px("kicker", scale), True))
        self.blank_widget.setStyleSheet(
            f"background: {'#FFFFFF' if self.blank == 'white' else '#000000'};"
        )

    def _invalidate(self) -> None:
        """Drop built slides (theme, language or size changed) and show the current again."""
        for view in self._views.values():
            self.stage.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self._built_for = None
        self._apply_style()
        if self.slides:
            self._show_current()

    def view(self, index: int) -> SlideView:
        """The built slide at ``index`` (built now if needed)."""
        key = (self._slide_size(), self.theme_name, self.lang)
        if self._built_for is not None and self._built_for != key:
            for v in self._views.values():
                self.stage.removeWidget(v)
                v.deleteLater()
            self._views.clear()
        self._built_for = key
        slide = self.slides[index]
        view = self._views.get(slide.id)
        if view is None:
            view = SlideView(
                slide, self.theme, self.lang, key[0], index + 1, len(self.slides), self.selection
            )
            view.set_year_mode(self.year_mode)
            self._views[slide.id] = view
            self.stage.addWidget(view)
        return view

    def current_view(self) -> SlideView | None:
        return self.view(self.index) if self.slides else None

    def _show_current(self) -> None:
        if not self.slides:
            return
        self.stage.setCurrentWidget(self.view(self.index))
        self._prefetch_timer.start()

    def _prefetch(self) -> None:
        """Build the next and previous slides while the speaker talks."""
        for i in (self.index + 1, self.index - 1):
            if 0 <= i < len(self.slides):
                self.view(i)
        if self.presenter is not None:
            self.presenter.refresh_preview()

    # -- navigation -------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.slides)

    def go(self, index: int) -> None:
        if not self.slides:
            return
        index = max(0, min(len(self.slides) - 1, index))
        if index != self.index or self.stage.currentWidget() is None:
            self.index = index
            self._show_current()
            self.slideChanged.emit(index)

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def set_blank(self, kind: str) -> None:
        self.blank = kind if kind in ("black", "white") else ""
        self._apply_style()
        self.blank_widget.setGeometry(self.rect())
        self.blank_widget.setVisible(bool(self.blank))
        self.blank_widget.raise_()
        self.blankChanged.emit(self.blank)

    def toggle_blank(self, kind: str) -> None:
        self.set_blank("" if self.blank == kind else kind)

    def toggle_theme(self) -> None:
        dark = PROJECTOR_DARK.name
        self.theme_name = PROJECTOR_LIGHT.name if self.theme_name == dark else dark
        settings = getattr(self.main_window, "settings", None)
        if settings is not None:
            settings.setValue(THEME_SETTING, self.theme_name)
        self._invalidate()

    def set_year_mode(self, on: bool) -> None:
        self.year_mode = on
        for view in self._views.values():
            view.set_year_mode(on)
        if self.presenter is not None:
            self.presenter.update_texts()

    def _set_digits(self, digits: str) -> None:
        self.digits = digits[:4]
        if self.digits:
            self.jump_label.setText(tr("slide.goto", self.lang, n=self.digits))
            self.jump_label.adjustSize()
            margin = round(40 * slide_scale(self.width(), self.height()))
            self.jump_label.move(
                (self.width() - self.jump_label.width()) // 2,
                self.height() - self.jump_label.height() - margin * 3,
            )
            self.jump_label.show()
            self.jump_label.raise_()
            self._digit_timer.start()
        else:
            self.jump_label.hide()

    def _show_pointer(self) -> None:
        if self.cursor().shape() != Qt.CursorShape.ArrowCursor:
            self.setCursor(Qt.CursorShape.ArrowCursor)
        self._pointer_timer.start()

    def _clear_digits(self) -> None:
        self._set_digits("")

    @property
    def ended(self) -> bool:
        """True once meeting mode has been left (the window is on its way out)."""
        return self._ended

    def end(self) -> None:
        """Leave meeting mode and put the main window back as it was."""
        if self._ended:
            return
        self._ended = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        sel = self.selection
        for signal, slot in (
            (sel.rangeChanged, self._on_range),
            (sel.focusChanged, self._on_focus),
            (sel.langChanged, self._on_lang),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.hide()
        self.finished.emit()  # the session puts the main window back (session.py)
        self.deleteLater()

    # -- selection ----------------------------------------------------------------------------
    def _on_range(self, lo: int, hi: int) -> None:
        for view in self._views.values():
            view.set_range(lo, hi, self.selection.bounds)
        if self.presenter is not None:
            self.presenter.update_texts()

    def _on_focus(self, year) -> None:
        for view in self._views.values():
            view.set_focus(year)
        if self.presenter is not None:
            self.presenter.update_texts()

    def _on_lang(self, _lang: str) -> None:
        self._invalidate()
        if self.presenter is not None:
            self.presenter.update_texts()

    # -- Qt events ----------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.blank_widget.setGeometry(self.rect())
        if self._built_for is not None and self._built_for[0] != self._slide_size():
            self._invalidate()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.slides and self.stage.currentWidget() is None:
            self._show_current()

    def closeEvent(self, event) -> None:
        self.end()
        super().closeEvent(event)
