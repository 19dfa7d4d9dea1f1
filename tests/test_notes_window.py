"""Presenter's notes in the window: typed in, kept across a restart, shown in the presenter
view, exported to a file that a colleague (another settings folder) imports."""

from __future__ import annotations

import json

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMessageBox

import qftz_desktop.ui.presentation.screens as screens_mod
from qftz_desktop.domain.deck import Deck
from qftz_desktop.ui import notes_editor
from qftz_desktop.ui.main_window import TAB_IDS, MainWindow
from qftz_desktop.ui.notes_editor import NoteDialog
from qftz_desktop.ui.presentation import remember_choice, start_presentation
from windows import open_window

CHART_NOTE = "先讲2023年的回落，再讲全年目标。"
COVER_NOTE = "Open with the port: 7 minutes."
TAB_NOTE = "Trade tab: keep it short."


class FakeScreen:
    def __init__(self, rect: QRect):
        self._rect = rect

    def geometry(self) -> QRect:
        return QRect(self._rect)

    def name(self) -> str:
        return "fake"


def _type_into_dialog(qtbot, dialog: NoteDialog, text: str) -> None:
    qtbot.waitExposed(dialog)
    dialog.editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(dialog.editor, text)
    else:  # QTest types ASCII only; an input method commits Chinese as a whole string
        dialog.editor.insertPlainText(text)
    dialog.accept()


def _close(qtbot, win: MainWindow) -> None:
    win.close()  # as on quitting; qtbot deletes it at the end of the test


def test_notes_survive_restart_show_in_presenter_view_and_travel_by_file(
    qtbot, bundled_path, tmp_path, monkeypatch
):
    win = open_window(qtbot, bundled_path)
    # a chart the meeting brief shows (so that its note is printed there too)
    from qftz_desktop.domain.brief.compose import compose
    from qftz_desktop.domain.brief.options import BriefOptions

    key = compose(win.briefing, BriefOptions(lang="zh")).charts[0]
    panel = next(p for p in win.page(key.tab).panels if p.spec.id == key.chart_id)
    panel.ensure_chart()
    chart_id = panel.spec.id
    assert panel.note_button.text() == "备注…"
    # the chart panel's Note button opens the editor; typed text is saved
    panel.note_button.click()
    dialog = win.findChild(NoteDialog)
    assert dialog is not None
    _type_into_dialog(qtbot, dialog, CHART_NOTE)
    assert panel.note_button.text() == "备注 ✓" and panel.note_button.toolTip() == CHART_NOTE
    # File ▸ Notes: cover note, and the note of the tab shown
    win.tabs.setCurrentIndex(TAB_IDS.index("trade"))
    _type_into_dialog(qtbot, notes_editor.edit_cover(win), COVER_NOTE)
    _type_into_dialog(qtbot, notes_editor.edit_current_tab(win), TAB_NOTE)
    saved = json.loads(notes_editor.notes_path().read_text("utf-8"))
    cid = win.briefing.snapshot.content_id
    assert saved["snapshots"][cid]["notes"] == {
        "cover": COVER_NOTE,
        chart_id: CHART_NOTE,
        "tab:trade": TAB_NOTE,
    }
    _close(qtbot, win)

    # restart with the same settings folder: the notes are back, on the panel too
    win = open_window(qtbot, bundled_path)
    assert win.notes.text(chart_id) == CHART_NOTE
    panel = next(p for p in win.page(key.tab).panels if p.spec.id == chart_id)
    panel.ensure_chart()
    assert panel.note_button.toolTip() == CHART_NOTE

    # presenter view (faked second screen) shows the slide's note as speaker notes
    screens = [FakeScreen(QRect(0, 0, 1920, 1080)), FakeScreen(QRect(1920, 0, 1920, 1080))]
    monkeypatch.setattr(screens_mod, "available_screens", lambda: screens)
    # every slide (the default meeting deck need not hold this chart)
    from qftz_desktop.domain.deck import Deck, DeckChoice

    every = DeckChoice.all_slides(Deck(win.briefing))
    remember_choice(win.settings, win.briefing, every)
    pres = start_presentation(win)
    assert pres is not None and pres.presenter is not None
    qtbot.waitExposed(pres)
    presenter = pres.presenter
    assert presenter.notes_label.text() == COVER_NOTE  # the title slide
    chart_index = next(
        i
        for i, s in enumerate(pres.slides)
        if s.chart and s.chart.id == chart_id and s.tab == key.tab
    )
    first_trade = next(i for i, s in enumerate(pres.slides) if s.tab == "trade")
    pres.go(chart_index)
    on_first_trade = chart_index == first_trade
    expected = CHART_NOTE + ("\n\n" + TAB_NOTE if on_first_trade else "")
    assert presenter.notes_label.text() == expected
    assert presenter.notes_caption.text() == "本页演示者备注"
    pres.go(first_trade)
    assert TAB_NOTE in presenter.notes_label.text()
    qtbot.keyClick(pres, Qt.Key.Key_Escape)

    # the window's PDF brief prints them as the presenter's remarks (pypdf reads them back)
    from pypdf import PdfReader

    from qftz_desktop.export.pdf_brief import export_brief
    from qftz_desktop.ui.export_dialog import options_for

    pdf = tmp_path / "brief.pdf"
    options = options_for(win)
    assert options.notes["cover"] == COVER_NOTE
    export_brief(win.briefing, pdf, options)
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "主讲人备注" in text and CHART_NOTE in text.replace("\n", "")

    # export the notes; a colleague with a fresh settings folder imports them
    shared = tmp_path / "shared-notes.json"
    assert notes_editor.export_notes(win, shared)
    _close(qtbot, win)
    # … and the command line prints the same file's notes: export-pdf --notes
    from qftz_desktop.cli import main

    cli_pdf = tmp_path / "cli.pdf"
    argv = ["export-pdf", "--out", str(cli_pdf), "--lang", "en", "--notes", str(shared)]
    assert main(argv) == 0
    text = "".join(page.extract_text() for page in PdfReader(str(cli_pdf)).pages)
    assert "Presenter's remarks" in text and COVER_NOTE in text.replace("\n", " ")
    monkeypatch.setenv("QFTZ_SETTINGS_DIR", str(tmp_path / "colleague"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    other = open_window(qtbot, bundled_path)
    assert other.notes.all() == {}
    assert notes_editor.import_notes(other, shared)
    assert other.notes.text(chart_id) == CHART_NOTE
    assert other.notes.text("cover") == COVER_NOTE
    assert other.notes.text("tab:trade") == TAB_NOTE
    assert (tmp_path / "colleague" / notes_editor.NOTES_FILE).is_file()
    _close(qtbot, other)


def test_a_note_for_a_chart_the_snapshot_lacks_is_listed_not_lost(
    qtbot, bundled_path, tmp_path, monkeypatch
):
    win = open_window(qtbot, bundled_path)
    cid = win.briefing.snapshot.content_id
    win.notes.set_text("chart:no_longer_here", "From last quarter's deck.")
    deck = Deck(win.briefing)
    assert all(s.chart is None or s.chart.id != "chart:no_longer_here" for s in deck.slides)
    assert win.notes.orphans() == {"chart:no_longer_here": "From last quarter's deck."}
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: shown.append(text))
    notes_editor.show_orphans(win)
    assert "From last quarter's deck." in shown[0]
    # exported with the others
    out = tmp_path / "n.json"
    notes_editor.export_notes(win, out)
    assert json.loads(out.read_text("utf-8"))["snapshots"][cid]["notes"] == {
        "chart:no_longer_here": "From last quarter's deck."
    }
    _close(qtbot, win)


def test_an_unreadable_notes_file_is_left_alone_and_reported(qtbot, bundled_path):
    path = notes_editor.notes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ broken", "utf-8")
    win = open_window(qtbot, bundled_path)
    assert win.notes.load_error is not None and str(path) in win.notes.load_error.message("en")
    assert str(path) in win.statusBar().currentMessage()  # the user is told, naming the file
    win.notes.set_text("cover", "new")
    assert path.read_text("utf-8") == "{ broken"  # the user's file is not overwritten
    _close(qtbot, win)


def test_slide_notes_from_the_deck_dialog_and_the_presenter_view(qtbot, bundled_path, monkeypatch):
    from qftz_desktop.ui.deck_dialog import open_deck_dialog

    win = open_window(qtbot, bundled_path)
    deck = open_deck_dialog(win)
    row = next(
        i
        for i in range(deck.list.count())
        if deck.list.item(i).data(Qt.ItemDataRole.UserRole) == "kpis:1"
    )
    deck.list.setCurrentRow(row)
    deck.note_button.click()
    editor = next(d for d in deck.findChildren(NoteDialog))
    _type_into_dialog(qtbot, editor, "Pause on the KPI slide.")
    assert win.notes.text("slide:kpis:1") == "Pause on the KPI slide."
    deck.reject()

    screens = [FakeScreen(QRect(0, 0, 1920, 1080)), FakeScreen(QRect(1920, 0, 1920, 1080))]
    monkeypatch.setattr(screens_mod, "available_screens", lambda: screens)
    pres = start_presentation(win)
    qtbot.waitExposed(pres)
    presenter = pres.presenter
    pres.go(next(i for i, s in enumerate(pres.slides) if s.id == "kpis:1"))
    assert presenter.notes_label.text() == "Pause on the KPI slide."
    # the presenter edits it during the meeting: the view follows at once
    presenter.note_button.click()
    editor = presenter.findChild(NoteDialog)
    assert editor is not None and editor.text() == "Pause on the KPI slide."
    _type_into_dialog(qtbot, editor, "Skip if short of time.")
    assert presenter.notes_label.text() == "Skip if short of time."
    assert presenter.note_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.keyClick(pres, Qt.Key.Key_Escape)
    _close(qtbot, win)
