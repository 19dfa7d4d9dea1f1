"""Qt's own dialogs and buttons (OK, Cancel, file dialogs) in the interface language.

Its own module so that the window can switch language without importing ``ui/app.py``, which
creates the window (the two imported each other before).
"""

from __future__ import annotations

_qt_translator = None


def apply_qt_translation(lang: str) -> None:
    """Qt's own dialogs and buttons (OK, Cancel, file dialogs) in the interface language."""
    global _qt_translator
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ..resources import resource_path

    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang == "zh":
        translator = QTranslator(app)
        if translator.load(str(resource_path("i18n", "qtbase_zh_CN.qm"))):
            app.installTranslator(translator)
            _qt_translator = translator
