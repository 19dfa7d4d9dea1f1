"""Qt's own dialogs and buttons (OK, Cancel, file dialogs) in the interface language.

Its own module so that the window can switch language without importing ``ui/app.py``, which
creates the window (the two imported each other before).
"""

from __future__ import annotations

_qt_translators: list = []

# Strings of Qt 6.11's own file dialog that its qtbase_zh_CN.qm lacks (it has the older
# "Look in:", not "&Look in:"): without them the Chinese save dialog read "Look in:" and
# "Files of type:" in English.
_SUPPLEMENT_ZH = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


def _supplement(parent):
    """A translator for the few strings qtbase_zh_CN.qm does not have."""
    from PySide6.QtCore import QTranslator

    class Supplement(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return _SUPPLEMENT_ZH.get((context, source))  # None: "not translated here"

        def isEmpty(self) -> bool:  # Qt asks before translating
            return False

    return Supplement(parent)


def apply_qt_translation(lang: str) -> None:
    """Qt's own dialogs and buttons (OK, Cancel, file dialogs) in the interface language."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ..resources import resource_path

    app = QCoreApplication.instance()
    if app is None:
        return
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())
    if lang == "zh":
        translator = QTranslator(app)
        if translator.load(str(resource_path("i18n", "qtbase_zh_CN.qm"))):
            app.installTranslator(translator)
            _qt_translators.append(translator)
        supplement = _supplement(app)
        app.installTranslator(supplement)  # searched first; falls through when it has none
        _qt_translators.append(supplement)
