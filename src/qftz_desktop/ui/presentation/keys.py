"""Which key does what in meeting mode.

A clicker sends PageDown/PageUp, and often B or '.', F5 and Esc:

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

The keys are taken in the slides' window and, while a presenter view shows in the main window,
there too (an application event filter), except while the user types in the window's year
boxes, where only the clicker's keys still move the slides.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)

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


class KeyControl:
    """The key handling of :class:`~.audience.PresentationWindow` (mixed in before QWidget):
    the actions it calls (``go``, ``set_blank``, ``end`` …) are the window's own."""

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
