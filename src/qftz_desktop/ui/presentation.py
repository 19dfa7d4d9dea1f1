"""Meeting mode: the deck full-screen, driven by a clicker, readable on any projector.

``start_presentation(window)`` (F5 in the main window) opens a :class:`PresentationWindow`
showing the remembered deck of the window's snapshot. Slides are drawn with the projector
themes and the one chart path (:class:`~qftz_desktop.render.chart_view.ChartView`); type is
sized for 1920×1080 and scaled with the screen, so a 1280×720 projector shows the same slide
smaller in pixels but the same in the room.

The window's :class:`~qftz_desktop.render.selection.Selection` is shared: the year range, the
focused year and the language carry into the slides, and a year focused on a slide is focused
in the window too.

Keys (a clicker sends PageDown/PageUp, and often B or '.', F5 and Esc):

======================================  ==================================================
Right, Down, PageDown, Space, Enter, N  next slide
Left, Up, PageUp, Backspace, P          previous slide
Home / End                              first / last slide
digits, then Enter                      go to slide N (Backspace deletes a digit, Esc cancels)
B or .                                  black screen (toggle); any move key brings it back
W or ,                                  white screen (toggle)
Shift+Left/Right (or Alt+Left/Right)    focused year earlier / later
F                                       year mode: Left/Right move the focused year, while
                                        PageUp/PageDown (the clicker) still change slides
Ctrl+0                                  clear the focused year
T                                       dark / light projector theme
L                                       Chinese / English
Esc                                     leave; the window returns to the tab it showed
======================================  ==================================================

With two or more screens the slides go full-screen on a screen other than the main window's,
and the main window shows a presenter view (current and next slide, slide number, elapsed time);
:func:`plan_screens` makes that choice from screen geometries alone, so it is tested with fakes.
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPixmap, QScreen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.briefing import Briefing
from ..domain.caveats import value_caveat_lines
from ..domain.deck import Deck, DeckChoice, Slide, deck_key
from ..render.fonts import FAMILY, ui_font
from ..render.selection import Selection
from ..render.slide_view import (  # noqa: F401 - re-exported for callers and tests
    _UI,
    BASE_H,
    BASE_W,
    MIN_PX_AT_1080,
    PROJECTOR_THEMES,
    PX,
    SCREEN_CHART_HOOKS,
    FittingLabel,
    SlideCard,
    SlideView,
    _font,
    _label,
    _stylesheet,
    build_slide_view,
    fit_font_px,
    px,
    scaled_theme,
    slide_scale,
    text_colours,
    text_height,
    ui_text,
)
from ..render.theme import PROJECTOR_DARK, PROJECTOR_LIGHT, Theme
from ..text import tr
from .text import plain_label

THEME_SETTING = "presentation/theme"
PREVIEW_W = 480


def _picture_menu(view, chart, selection) -> None:
    """Right-click on a slide's chart copies or saves it as a picture (ui/chart_menu.py)."""
    from .chart_menu import attach_picture_menu

    def years(sel=selection):
        return None if sel is None else (sel.year_from, sel.year_to)

    slide = view.slide
    attach_picture_menu(view, chart, slide.chart, slide.briefing, view.lang, years, focusable=False)


if _picture_menu not in SCREEN_CHART_HOOKS:
    SCREEN_CHART_HOOKS.append(_picture_menu)


# -- screens ---------------------------------------------------------------------------------


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


def _geometry(screen) -> QRect:
    return QRect(screen.geometry())


# -- the presentation window -----------------------------------------------------------------

NEXT_KEYS = {
    Qt.Key.Key_Right,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Space,
    Qt.Key.Key_N,
}
PREV_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_P}
ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
DIGITS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}
DIGIT_EDIT_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Escape}
TEXT_ENTRY = (QAbstractSpinBox, QLineEdit, QTextEdit, QComboBox)


def _mods(event: QKeyEvent) -> Qt.KeyboardModifier:
    # the keypad flag says where a key is, not what it means: 5 on the keypad is still 5
    return event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class PresentationWindow(QWidget):
    """The slides, full-screen. Keys are taken here and, with a presenter view, in the window."""

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
            self.jump_label.setText(ui_text("goto", self.lang, n=self.digits))
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
        restore_main_window(self.main_window, self)
        self.hide()
        self.finished.emit()
        self.deleteLater()

    # -- keys -------------------------------------------------------------------------------
    def handle_key(self, key: int, mods: Qt.KeyboardModifier, dry_run: bool = False) -> bool:
        """Act on one key press; True when it is a meeting-mode key. ``dry_run`` only tells."""
        Key = Qt.Key
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        action = None
        if ctrl:
            if key == Key.Key_0:
                action = lambda: self.selection.set_focus(None)  # noqa: E731
        elif (shift or alt) and key in (Key.Key_Left, Key.Key_Right):
            step = -1 if key == Key.Key_Left else 1
            action = lambda: self.selection.step_focus(step)  # noqa: E731
        elif alt:
            action = None
        elif key in DIGITS:
            digit = DIGITS[key]
            action = lambda: self._set_digits(self.digits + digit)  # noqa: E731
        elif key in ENTER_KEYS:
            action = self._enter
        elif key == Key.Key_Backspace:
            action = (lambda: self._set_digits(self.digits[:-1])) if self.digits else self._prev
        elif key == Key.Key_Escape:
            action = self._clear_digits if self.digits else self.end
        elif self.year_mode and key in (Key.Key_Left, Key.Key_Right):
            step = -1 if key == Key.Key_Left else 1
            action = lambda: self.selection.step_focus(step)  # noqa: E731
        elif key in NEXT_KEYS:
            action = self._next
        elif key in PREV_KEYS:
            action = self._prev
        elif key == Key.Key_Home:
            action = lambda: self._move_to(0)  # noqa: E731
        elif key == Key.Key_End:
            action = lambda: self._move_to(len(self.slides) - 1)  # noqa: E731
        elif key in (Key.Key_B, Key.Key_Period):
            action = lambda: self.toggle_blank("black")  # noqa: E731
        elif key in (Key.Key_W, Key.Key_Comma):
            action = lambda: self.toggle_blank("white")  # noqa: E731
        elif key == Key.Key_T:
            action = self.toggle_theme
        elif key == Key.Key_F:
            action = lambda: self.set_year_mode(not self.year_mode)  # noqa: E731
        elif key == Key.Key_L:
            action = lambda: self.selection.set_lang("en" if self.lang == "zh" else "zh")  # noqa: E731
        elif key == Key.Key_F5:
            action = lambda: None  # noqa: E731 - a clicker's "start" button while presenting
        if action is None:
            return False
        if not dry_run:
            keeps_digits = key in DIGITS or key in ENTER_KEYS or key in DIGIT_EDIT_KEYS
            if self.digits and not keeps_digits:
                self._clear_digits()  # a move key abandons a half-typed slide number
            action()
        return True

    def _move_to(self, index: int) -> None:
        # A blank screen comes back first; the next press moves (no slide is skipped unseen).
        if self.blank:
            self.set_blank("")
            return
        self.go(index)

    def _next(self) -> None:
        self._move_to(self.index + 1)

    def _prev(self) -> None:
        self._move_to(self.index - 1)

    def _enter(self) -> None:
        if self.digits:
            n = int(self.digits)
            self._clear_digits()
            if self.blank:
                self.set_blank("")
            if 1 <= n <= len(self.slides):
                self.go(n - 1)
        else:
            self._next()

    def _owns(self, obj) -> bool:
        if not isinstance(obj, QWidget):
            return False
        top = obj.window()
        if top is self:
            return True
        return self.presenter is not None and top is self.main_window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        etype = event.type()
        if etype == QEvent.Type.MouseMove:
            if isinstance(obj, QWidget) and obj.window() is self:
                self._show_pointer()
            return False
        if etype == QEvent.Type.Close and obj is self.main_window and not self._ended:
            self.end()  # the window is closing: so is meeting mode
            return False
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if self._ended or not self._owns(obj) or QApplication.activeModalWidget() is not None:
            return False
        assert isinstance(event, QKeyEvent) and isinstance(obj, QWidget)
        key, mods = event.key(), _mods(event)
        typing = obj.window() is not self and isinstance(obj, TEXT_ENTRY)
        if typing and key not in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Escape):
            return False  # typing in the window's year boxes; the clicker's keys still work
        if etype == QEvent.Type.ShortcutOverride:
            if self.handle_key(key, mods, dry_run=True):
                event.accept()
                return True
            return False
        return self.handle_key(key, mods)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event.key(), _mods(event)):
            super().keyPressEvent(event)

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


# -- presenter view --------------------------------------------------------------------------


class PresenterView(QWidget):
    """On the laptop while the slides are on the projector: where we are, what comes next."""

    def __init__(self, presentation: PresentationWindow, parent=None):
        super().__init__(parent)
        self.setObjectName("presenterView")
        self.presentation = presentation
        self.started = time.monotonic()
        self._preview_for: tuple[str, str, str, str] | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(40)
        left = QVBoxLayout()
        left.setSpacing(10)
        self.status_label = _label("", 22, bold=True, role="muted")
        self.number_label = _label("", 64, bold=True)
        self.current_caption = _label("", 20, role="muted")
        self.current_title = _label("", 30, bold=True)
        self.elapsed_caption = _label("", 20, role="muted")
        self.elapsed_label = _label("00:00", 56, bold=True)
        self.focus_label = _label("", 22)
        self.keys_label = _label("", 17, role="muted")
        for w in (
            self.status_label,
            self.number_label,
            self.current_caption,
            self.current_title,
            self.elapsed_caption,
            self.elapsed_label,
            self.focus_label,
        ):
            left.addWidget(w)
        left.addStretch(1)
        left.addWidget(self.keys_label)
        right = QVBoxLayout()
        right.setSpacing(10)
        self.next_caption = _label("", 20, role="muted")
        self.next_title = _label("", 26, bold=True)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_W * 9 // 16)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #888888; background: #000000;")
        right.addWidget(self.next_caption)
        right.addWidget(self.preview)
        right.addWidget(self.next_title)
        # the presenter's notes of the current slide (ui/notes_editor.py, domain/notes.py):
        # under the preview, where the column has room for a paragraph or two
        self.notes_caption = _label("", 20, role="muted")
        self.notes_label = _label("", 24)
        self.notes_label.setObjectName("speakerNotes")
        self.notes_label.setMaximumWidth(PREVIEW_W)
        right.addSpacing(16)
        right.addWidget(self.notes_caption)
        right.addWidget(self.notes_label)
        # the caveats of the figures on the current slide (domain.caveats): the audience sees
        # the '*', the speaker has its note
        self.caveats_caption = _label("", 20, role="muted")
        self.caveats_label = _label("", 18)
        self.caveats_label.setObjectName("slideCaveats")
        self.caveats_label.setMaximumWidth(PREVIEW_W)
        right.addSpacing(12)
        right.addWidget(self.caveats_caption)
        right.addWidget(self.caveats_label)
        from .notes_editor import presenter_note_button

        self.note_button = presenter_note_button(self)
        right.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addStretch(1)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        presentation.slideChanged.connect(self.update_texts)
        presentation.blankChanged.connect(self.update_texts)
        self.update_texts()

    def elapsed_text(self) -> str:
        seconds = int(time.monotonic() - self.started)
        h, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"

    def _tick(self) -> None:
        self.elapsed_label.setText(self.elapsed_text())

    def next_slide(self) -> Slide | None:
        p = self.presentation
        return p.slides[p.index + 1] if p.index + 1 < len(p.slides) else None

    def update_texts(self, *_args) -> None:
        p, lang = self.presentation, self.presentation.lang
        if not p.slides:
            return
        status = ui_text("presenting", lang)
        if p.blank:
            status += " · " + ("黑屏" if lang == "zh" else "black screen")
            if p.blank == "white":
                status = status.replace("黑屏", "白屏").replace("black", "white")
        if p.year_mode:
            status += " · " + ui_text("year_mode", lang)
        self.status_label.setText(status)
        self.number_label.setText(f"{p.index + 1} / {len(p.slides)}")
        self.current_caption.setText(ui_text("current", lang))
        self.current_title.setText(p.slides[p.index].title(lang))
        self.elapsed_caption.setText(ui_text("elapsed", lang))
        self.elapsed_label.setText(self.elapsed_text())
        sel = p.selection
        focus = ui_text("focus", lang, year=sel.focus_year) if sel.focus_year else ""
        years = f"{tr('label.period_range', lang)} {sel.year_from}–{sel.year_to}"
        self.focus_label.setText(" · ".join(x for x in (years, focus) if x))
        self.keys_label.setText(ui_text("keys", lang))
        notes = getattr(p.main_window, "notes", None)
        said = notes.slide_notes(p.slides)[p.index].text() if notes is not None else ""
        self.notes_caption.setText(
            ("本页演示者备注" if lang == "zh" else "Speaker notes, this slide") if said else ""
        )
        self.notes_label.setText(said)
        caveats = value_caveat_lines(self._slide_values(p.slides[p.index], sel), lang, limit=4)
        self.caveats_caption.setText(
            ("本页数值的说明" if lang == "zh" else "Notes on this slide's figures")
            if caveats
            else ""
        )
        self.caveats_label.setText("\n".join(caveats))
        nxt = self.next_slide()
        self.next_caption.setText(ui_text("next", lang))
        self.next_title.setText(nxt.title(lang) if nxt else ui_text("last", lang))
        if nxt is None:
            self.preview.clear()
            self._preview_for = None

    @staticmethod
    def _slide_values(slide: Slide, sel) -> list:
        """(point, metric) of every value the audience sees on the slide: a chart's values in
        the year range, a card's value for the focused year (as the card shows it)."""
        values = []
        if slide.chart is not None:
            years = (sel.year_from, sel.year_to)
            for s in slide.chart.series:
                values += [(pt, s.metric) for pt in s.points_at(s.rows_in(years))]
        for card in slide.cards:
            point, _exact = card.point_for(sel.focus_year)
            values.append((point, card.metric))
        return values

    def refresh_preview(self) -> None:
        """Draw the next slide small (after the slide change, so that stays quick)."""
        p = self.presentation
        nxt = self.next_slide()
        if nxt is None:
            self.preview.clear()
            return
        key = (nxt.id, p.theme_name, p.lang, str(p.selection.focus_year))
        if key == self._preview_for:
            return
        view = p.view(p.index + 1)
        pixmap = render_view(view)
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self._preview_for = key


def render_view(view: QWidget) -> QPixmap:
    """A picture of a widget that is not on screen (a slide in the stack, or built alone)."""
    lay = view.layout()
    if lay is not None:
        lay.activate()
    return view.grab()


# -- starting and ending ---------------------------------------------------------------------


def remembered_choice(settings, briefing: Briefing) -> DeckChoice | None:
    if settings is None:
        return None
    return DeckChoice.from_json(settings.value(deck_key(briefing), ""))


def remember_choice(settings, briefing: Briefing, choice: DeckChoice) -> None:
    settings.setValue(deck_key(briefing), choice.to_json())
    settings.sync()


def deck_slides(window) -> tuple[Slide, ...]:
    """The slides to present for the window's snapshot: the remembered deck, else the meeting
    deck (else all, should the meeting deck be empty)."""
    from .pptx_export import changes_shown  # the comparison the window's panel shows

    deck = Deck(window.briefing, changes=changes_shown(window))
    slides = deck.slides_for(remembered_choice(getattr(window, "settings", None), window.briefing))
    return slides or deck.slides


# The presentation running for each main window, and what that window showed before it: kept
# here, not in the window's own (private) fields.
_RUNNING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_RETURN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def running_presentation(window) -> PresentationWindow | None:
    """Meeting mode's window for this main window while it runs, else None."""
    return _RUNNING.get(window)


def start_presentation(window, screens: Sequence | None = None) -> PresentationWindow | None:
    """Open meeting mode for ``window`` (a MainWindow): full-screen slides, presenter view."""
    if window.briefing is None:
        return None
    running = running_presentation(window)
    if running is not None and not running._ended:
        running.raise_()
        running.activateWindow()
        return running
    settings = getattr(window, "settings", None)
    theme_name = str(settings.value(THEME_SETTING, PROJECTOR_DARK.name)) if settings else ""
    # a child window of the main one: it never outlives it, nor keeps the app from quitting
    pres = PresentationWindow(window, deck_slides(window), theme_name, parent=window)
    pres.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    _RUNNING[window] = pres
    _RETURN[window] = {"tab": window.tabs.currentIndex(), "stack": window.stack.currentWidget()}
    screens = available_screens() if screens is None else list(screens)
    geometries = [_geometry(s) for s in screens]
    main_screen = window.screen()
    main_index = next((i for i, s in enumerate(screens) if s is main_screen), -1)
    if main_index < 0 and geometries:
        centre = window.frameGeometry().center()
        main_index = next((i for i, g in enumerate(geometries) if g.contains(centre)), 0)
    plan = plan_screens(geometries, main_index)
    if geometries:
        target = screens[plan.slides]
        if isinstance(target, QScreen):
            pres.setScreen(target)
        pres.setGeometry(geometries[plan.slides])
    pres.plan = plan
    if plan.presenter is not None:
        presenter = PresenterView(pres)
        pres.presenter = presenter
        window.stack.addWidget(presenter)
        window.stack.setCurrentWidget(presenter)
    snapshot_loaded = getattr(window, "snapshotLoaded", None)
    if snapshot_loaded is not None:
        snapshot_loaded.connect(pres.end)  # another snapshot: these slides are stale
    pres.showFullScreen()
    pres.go(0)
    if plan.presenter is None:
        pres.raise_()
        pres.activateWindow()
        pres.setFocus()
    else:
        window.activateWindow()
    return pres


def restore_main_window(window, pres: PresentationWindow) -> None:
    """Esc: the window shows again what it showed before (its tab; no presenter view)."""
    back = _RETURN.pop(window, None) or {}
    snapshot_loaded = getattr(window, "snapshotLoaded", None)
    if snapshot_loaded is not None:
        with contextlib.suppress(RuntimeError, TypeError):
            snapshot_loaded.disconnect(pres.end)
    if pres.presenter is not None:
        window.stack.removeWidget(pres.presenter)
        pres.presenter.deleteLater()
        pres.presenter = None
        stack_widget = back.get("stack")
        if stack_widget is not None and window.stack.indexOf(stack_widget) >= 0:
            window.stack.setCurrentWidget(stack_widget)
    tab = back.get("tab", -1)
    if tab is not None and 0 <= tab < window.tabs.count():
        window.tabs.setCurrentIndex(tab)
    _RUNNING.pop(window, None)
    window.raise_()
    window.activateWindow()


# -- screenshots -----------------------------------------------------------------------------

SCREENSHOT_SIZES = ((1920, 1080), (1280, 720))


def representative_slides(deck: Deck) -> list[Slide]:
    """A few slides that show every kind, the longest titles and the busiest charts."""
    picked: dict[str, Slide] = {}

    def add(slide: Slide | None) -> None:
        if slide is not None:
            picked.setdefault(slide.id, slide)

    by_kind: dict[str, list[Slide]] = {}
    for s in deck.slides:
        by_kind.setdefault(s.kind, []).append(s)
    add(deck.slides[0] if deck.slides else None)
    for kind in ("kpis", "cards", "highlights"):
        add(by_kind.get(kind, [None])[0])
    charts = by_kind.get("chart", [])
    if charts:
        add(charts[0])
        add(max(charts, key=lambda s: len(s.chart.series) if s.chart else 0))
        add(max(charts, key=lambda s: len(s.title("en"))))
        add(max(charts, key=lambda s: len(s.chart.categories) if s.chart else 0))
        add(next((s for s in charts if s.chart and len(s.chart.statuses) == 3), None))
    highlights = by_kind.get("highlights", [])
    if highlights:
        add(max(highlights, key=lambda s: sum(len(h.text("en")) for h in s.highlights)))
    cards = by_kind.get("cards", []) + by_kind.get("kpis", [])
    if cards:
        add(max(cards, key=lambda s: max(len(c.metric.name("en")) for c in s.cards)))
    order = {s.id: i for i, s in enumerate(deck.slides)}
    return sorted(picked.values(), key=lambda s: order[s.id])


def _ensure_app_font() -> None:
    """Chart legends take the application font: make it the bundled one (no tofu)."""
    if QApplication.instance() is not None and QApplication.font().family() != FAMILY:
        QApplication.setFont(ui_font(10.5))


def presentation_screenshots(
    briefing: Briefing,
    out_dir: Path | str,
    sizes: Sequence[tuple[int, int]] | None = None,
    langs: Sequence[str] | None = None,
    themes: Sequence[str] | None = None,
    slide_ids: Sequence[str] | None = None,
    focus_year: int | None = None,
) -> list[Path]:
    """Save PNGs of slides: ``present-<theme>-<lang>-<W>x<H>-<nn>-<kind>.png``.

    Defaults: 1920×1080 and 1280×720, both languages, both projector themes and a handful of
    representative slides (``slide_ids`` picks others; ``["*"]`` takes every slide). Needs a
    QApplication.
    """
    _ensure_app_font()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    deck = Deck(briefing)
    if slide_ids is None:
        slides = representative_slides(deck)
    elif list(slide_ids) == ["*"]:
        slides = list(deck.slides)
    else:
        slides = list(deck.chosen(slide_ids))
    numbers = {s.id: i + 1 for i, s in enumerate(deck.slides)}
    written: list[Path] = []
    for theme_name in themes or tuple(PROJECTOR_THEMES):
        theme = PROJECTOR_THEMES[theme_name]
        for lang in langs or ("zh", "en"):
            selection = Selection(briefing.year_min, briefing.year_max, lang)
            if focus_year is not None:
                selection.set_focus(focus_year)
            for w, h in sizes or SCREENSHOT_SIZES:
                for slide in slides:
                    n = numbers[slide.id]
                    view = build_slide_view(
                        slide, theme, lang, QSize(w, h), n, len(deck), selection
                    )
                    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
                    view.show()
                    QApplication.processEvents()
                    path = out / f"present-{theme.name}-{lang}-{w}x{h}-{n:02d}-{slide.kind}.png"
                    render_view(view).save(str(path))
                    written.append(path)
                    view.close()
                    view.deleteLater()
            QApplication.processEvents()
            selection.deleteLater()
    return written
