"""File ▸ Export PowerPoint… in the window: the deck of what the window shows, with the notes
typed there; cancel leaves an existing file untouched."""

from __future__ import annotations

from pptx import Presentation
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import MainWindow, load_briefing
from qftz_desktop.ui.pptx_export import PptxExport, export_to, options_for


def _window(qtbot, path) -> MainWindow:
    make_application()
    win = MainWindow(load_briefing(path), lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_export_from_the_window_carries_language_and_notes(qtbot, bundled_path, tmp_path):
    win = _window(qtbot, bundled_path)
    assert win.findChild(type(win.pptx_action), "exportPptx") is win.pptx_action
    win.notes.set_text("cover", "Welcome the delegation first.")
    out = tmp_path / "deck.pptx"
    job = export_to(win, out)
    qtbot.waitUntil(lambda: job.state != "running", timeout=60000)
    assert job.state == "done" and job.result.slides >= 8
    prs = Presentation(str(out))
    first = prs.slides[0]
    assert "Welcome the delegation first." in first.notes_slide.notes_text_frame.text
    texts = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "Meeting brief" in texts  # English, as the window


def test_cancel_keeps_the_previous_file(qtbot, bundled_path, tmp_path):
    win = _window(qtbot, bundled_path)
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the deck from last week")
    job = PptxExport(win, win.briefing, out, options_for(win, "meeting"))
    job.cancel()  # before the first slide: the export stops there
    job.start()
    qtbot.waitUntil(lambda: job.state != "running", timeout=60000)
    assert job.state == "cancelled"
    assert out.read_bytes() == b"the deck from last week"
    assert not list(tmp_path.glob(".*.part"))


def test_an_unwritable_target_is_reported_not_raised(qtbot, bundled_path, tmp_path):
    win = _window(qtbot, bundled_path)
    job = export_to(win, tmp_path / "no-such-folder" / "deck.pptx")
    qtbot.waitUntil(lambda: job.state != "running", timeout=60000)
    assert job.state == "failed" and "no-such-folder" in job.error


def test_language_switch_leaves_one_export_and_notes_entry(qtbot, bundled_path):
    win = _window(qtbot, bundled_path)
    for lang in ("zh", "en", "zh"):
        win.set_language(lang)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    names = [a.objectName() for a in win.findChildren(QAction)]
    assert names.count("exportPptx") == 1 and names.count("notesImport") == 1
    assert win.pptx_action.text() == "导出 PowerPoint…"


def test_the_windows_comparison_becomes_the_decks_what_changed(
    qtbot, bundled_path, test_snapshot_path, tmp_path
):
    from qftz_desktop.ui.changes_panel import compare_controller

    win = _window(qtbot, bundled_path)
    ctrl = compare_controller(win)
    ctrl.compare_with(test_snapshot_path)
    qtbot.waitUntil(lambda: ctrl.changes is not None, timeout=60000)
    job = export_to(win, tmp_path / "deck.pptx")
    qtbot.waitUntil(lambda: job.state != "running", timeout=60000)
    assert job.state == "done"
    titles = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in Presentation(str(tmp_path / "deck.pptx")).slides
    ]
    assert any("What changed since" in t for t in titles)


def test_the_windows_comparison_is_a_slide_in_meeting_mode(qtbot, bundled_path, test_snapshot_path):
    """F5 while the window compares with another snapshot: the second slide is 'what changed'
    (issue 13), drawn by the same slide view as every other text slide."""
    from qftz_desktop.ui.changes_panel import compare_controller
    from qftz_desktop.ui.presentation import running_presentation, start_presentation

    win = _window(qtbot, bundled_path)
    ctrl = compare_controller(win)
    ctrl.compare_with(test_snapshot_path)
    qtbot.waitUntil(lambda: ctrl.changes is not None, timeout=60000)
    p = start_presentation(win)
    qtbot.waitExposed(p)
    assert [s.kind for s in p.slides[:2]] == ["title", "changes"]
    p.go(1)
    view = p.current_view()
    shown = " ".join(label.text() for label in view.findChildren(QLabel))
    slide, lang = p.slides[1], p.lang
    assert (
        slide.title(lang).startswith(("自 ", "What changed since")) and slide.title(lang) in shown
    )
    # the view shows what the document holds: its first lines, the cap note
    for line in slide.lines(lang)[:3]:
        assert line.text in shown, line.text
    qtbot.keyClick(p, Qt.Key.Key_Escape)
    assert running_presentation(win) is None
