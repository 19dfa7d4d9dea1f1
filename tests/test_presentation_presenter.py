"""The presenter view on a laptop: long titles shown whole (or visibly shortened, full text in
the tooltip), no text cut mid-line, nothing drawn over anything else, at 1280×720 and 1920×1080."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from qftz_desktop.domain.notes import slide_target
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import MainWindow, load_briefing
from qftz_desktop.ui.presentation import running_presentation, start_presentation
from qftz_desktop.ui.presentation import screens as screens_mod

# The longest slide title of the bundled snapshot's meeting deck (the three city-share charts on
# one slide), copied from the snapshot's metric names.
LONGEST = {
    "zh": "片区外贸占全市比重 · 片区实际利用外资占全市比重 · 片区限上批发业销售额占全市比重",
    "en": "FTZ share of Qingdao's foreign trade · FTZ share of Qingdao's actual use of foreign "
    "capital · FTZ share of Qingdao's wholesale sales above designated size",
}

LONG_NOTE = 6 * (
    "先讲片区获批以来的总量，再讲占全市比重；提醒听众2021年的数字是约数。\n"
    "Open with the totals since approval, then the share of the city; the 2021 figure is "
    "approximate.\n"
)


class FakeScreen:
    def __init__(self, rect: QRect):
        self._rect = rect

    def geometry(self) -> QRect:
        return QRect(self._rect)


def _wrapped_height(label: QLabel) -> int:
    rect = QFontMetrics(label.font()).boundingRect(
        QRect(0, 0, label.contentsRect().width(), 100000), Qt.TextFlag.TextWordWrap, label.text()
    )
    return rect.height()


def _check_layout(presenter: QWidget) -> None:
    """Every visible part inside the view, none over another, no label's text taller than its
    box (a box shorter than its text shows the text cut)."""
    parts = [
        w
        for w in presenter.findChildren(QWidget)
        if w.isVisible() and w.parentWidget() is presenter
    ]
    boxes = {w: QRect(w.geometry()) for w in parts}
    for w, box in boxes.items():
        assert presenter.rect().contains(box), (w.objectName(), box)
        if isinstance(w, QLabel) and w.wordWrap() and w.text():
            assert _wrapped_height(w) <= box.height() + 1, (w.objectName(), w.text()[:40])
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            assert not boxes[a].intersects(boxes[b]), (a.objectName(), b.objectName())


def _shows(label: QLabel, full: str) -> None:
    """The whole title, or its start ending in '…' with the whole in the tooltip."""
    text = label.text()
    if text != full:
        assert text.endswith("…") and full.startswith(text[:-1].rstrip()), text
        assert label.toolTip() == full
    assert label.font().pixelSize() >= 13  # still readable at arm's length


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_presenter_view_fits_the_longest_title_at_laptop_sizes(
    qtbot, bundled_path, monkeypatch, lang
):
    make_application()
    win = MainWindow(load_briefing(bundled_path), lang=lang)
    qtbot.addWidget(win)
    win.move(0, 0)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    laptop, projector = QRect(0, 0, 1920, 1080), QRect(1920, 0, 1920, 1080)
    monkeypatch.setattr(
        screens_mod, "available_screens", lambda: [FakeScreen(laptop), FakeScreen(projector)]
    )
    p = start_presentation(win)
    try:
        presenter = p.presenter
        assert presenter is not None and win.centralWidget().currentWidget() is presenter
        titles = [s.title(lang) for s in p.slides]
        assert LONGEST[lang] in titles  # the slide is in the meeting deck
        at = titles.index(LONGEST[lang])
        # a speaker's note far longer than the column has room for (a wrapped label once
        # asked its layout for all its height and pushed the title over the preview)
        for s in p.slides[at - 1 : at + 1]:
            win.notes.set_text(slide_target(s.id, s.kind, s.tab), LONG_NOTE)
        for width, height in ((1280, 720), (1920, 1080)):
            win.resize(width, height)
            p.go(at - 1)  # the long title as the next slide's …
            QApplication.processEvents()
            qtbot.waitUntil(lambda w=width: abs(win.width() - w) < 2)
            QApplication.processEvents()
            _shows(presenter.next_title, LONGEST[lang])
            _check_layout(presenter)
            p.go(at)  # … and as the current one
            QApplication.processEvents()
            _shows(presenter.current_title, LONGEST[lang])
            _check_layout(presenter)
            assert presenter.notes_label.isVisible()
            _shows(presenter.notes_label, LONG_NOTE.strip())
        # L on the clicker: the view follows in the other language, its button too
        other = "en" if lang == "zh" else "zh"
        qtbot.keyClick(p, Qt.Key.Key_L)
        QApplication.processEvents()
        assert p.lang == other and p.index == at
        _shows(presenter.current_title, LONGEST[other])
        assert presenter.note_button.text() == {"zh": "编辑备注…", "en": "Edit note…"}[other]
        _check_layout(presenter)
    finally:
        if running_presentation(win) is not None:
            p.end()
