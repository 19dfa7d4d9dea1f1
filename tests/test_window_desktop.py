"""Desktop details a daily user trips over (issue 11 §2, issue 15 §2): shortcuts after a
language switch, window size on small screens, recent files, drag and drop, the F1 table,
the Chinese file dialog, the window's counts."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QTableWidget

from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import MainWindow, load_briefing
from qftz_desktop.ui.settings import MAX_RECENT, app_settings, push_recent, recent_files


@pytest.fixture
def bundled_briefing(bundled_path):
    return load_briefing(bundled_path)


def _window(qtbot, briefing=None, lang="zh") -> MainWindow:
    make_application()
    win = MainWindow(briefing, lang=lang)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    return win


def _shortcut_owners(win: MainWindow) -> dict[str, list]:
    """Key sequence -> the enabled actions of the window that answer it."""
    from PySide6.QtGui import QAction

    owners: dict[str, list] = {}
    for act in win.findChildren(QAction):
        if not act.isEnabled():
            continue
        for seq in act.shortcuts():
            if not seq.isEmpty():
                owners.setdefault(seq.toString(), []).append(act)
    return owners


# -- shortcuts -------------------------------------------------------------------------------


def test_keys_still_work_after_switching_language_twice(qtbot, bundled_briefing):
    win = _window(qtbot, bundled_briefing, "zh")
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.selection.lang == "en"
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.selection.lang == "zh"

    doubled = {k: len(v) for k, v in _shortcut_owners(win).items() if len(v) > 1}
    assert not doubled, f"keys answered by several actions (ambiguous, dead): {doubled}"

    # the keys the F1 dialog documents for the window, pressed as a user would
    for i, key in enumerate(
        (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6)
    ):
        qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier)
        assert win.tabs.currentIndex() == i, f"Ctrl+{i + 1}"
    years = list(range(win.selection.year_from, win.selection.year_to + 1))
    qtbot.keyClick(win, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert win.selection.focus_year == years[-1]  # from no focus, back from the last year
    qtbot.keyClick(win, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert win.selection.focus_year == years[-2]
    qtbot.keyClick(win, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert win.selection.focus_year == years[-1]
    qtbot.keyClick(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert win.selection.focus_year is None
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.selection.lang == "en"
    # the ones that open dialogs or leave: one enabled action each, bound to the key
    owners = _shortcut_owners(win)
    for keys in ("Ctrl+O", "Ctrl+E", "F5", "F11", "F1", "Ctrl+Q"):
        seq = QKeySequence(keys).toString()
        assert len(owners.get(seq, [])) == 1, keys


def test_f1_lists_the_keys_in_a_two_column_table(qtbot, bundled_briefing):
    win = _window(qtbot, bundled_briefing, "en")
    dialog = win.show_shortcuts()
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    assert table is not None and table.columnCount() == 2
    rows = {
        table.item(r, 0).text(): table.item(r, 1).text()
        for r in range(table.rowCount())
        if table.item(r, 1) is not None
    }
    assert rows["Ctrl+L"] == "Switch language"
    assert rows["Ctrl+1 … Ctrl+6"] == "Switch tabs"
    assert rows["F11"] == "Full screen"
    # no padding: the columns line up because they are columns
    assert all(k == k.strip() and v == v.strip() for k, v in rows.items())
    qtbot.waitExposed(dialog)
    assert not table.verticalScrollBar().isVisible(), "every row visible on a 1080p screen"
    section = next(r for r in range(table.rowCount()) if table.item(r, 1) is None)
    assert table.item(section, 0).text() == "In meeting mode"
    assert table.columnSpan(section, 0) == 2


# -- window size -----------------------------------------------------------------------------


def test_fit_rect_keeps_a_window_inside_the_screen():
    from qftz_desktop.ui.main_window import fit_rect

    avail = QRect(1920, 0, 1280, 690)  # a projector right of the laptop, minus its task bar
    assert fit_rect(QRect(100, 50, 1440, 900), avail) == QRect(1920, 0, 1280, 690)
    assert fit_rect(QRect(2000, 100, 800, 500), avail) == QRect(2000, 100, 800, 500)
    assert fit_rect(QRect(3000, 400, 800, 500), avail) == QRect(2400, 190, 800, 500)


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 1024), (1024, 600)])
def test_first_run_window_fits_a_small_screen(qtbot, monkeypatch, screen):
    avail = QRect(0, 0, screen[0], screen[1] - 40)  # a task bar of 40 px
    monkeypatch.setattr(MainWindow, "available_geometry", lambda self: avail)
    win = _window(qtbot)
    assert avail.contains(win.frameGeometry()), (win.frameGeometry(), avail)
    assert win.width() == min(1440, avail.width())


def test_first_run_window_on_a_big_screen_is_1440_by_900_centred(qtbot):
    win = _window(qtbot)  # the test screen: 1920x1080 (tests/offscreen-1080p.json)
    assert win.size().toTuple() == (1440, 900)
    assert win.geometry().center() == win.screen().availableGeometry().center()


def test_restored_geometry_is_clamped_to_the_screen_it_opens_on(qtbot, monkeypatch):
    win = _window(qtbot)
    win.setGeometry(300, 100, 1600, 960)
    win.close()
    assert app_settings().value("geometry") is not None
    projector = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(MainWindow, "available_geometry", lambda self: projector)
    again = _window(qtbot)
    assert projector.contains(again.frameGeometry()), again.frameGeometry()


# -- recent files, drag and drop ------------------------------------------------------------


def test_recent_files_are_absolute_and_listed_once(tmp_path, monkeypatch):
    settings = app_settings()
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "a.sqlite"
    target.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    push_recent(settings, "data/a.sqlite")
    push_recent(settings, "./data/../data/a.sqlite")
    push_recent(settings, str(target))
    assert recent_files(settings) == [str(target.resolve())]
    monkeypatch.chdir(tmp_path.parent)  # another folder: the entry still names the file
    assert Path(recent_files(settings)[0]).is_file()


def test_recent_files_keep_the_newest_eight(tmp_path):
    settings = app_settings()
    paths = [tmp_path / f"s{i}.sqlite" for i in range(12)]
    for p in paths:
        push_recent(settings, p)
    assert MAX_RECENT == 8
    assert recent_files(settings) == [str(p) for p in reversed(paths[4:])]


def test_recent_menu_lists_each_file_once(qtbot, bundled_briefing, bundled_path, monkeypatch):
    monkeypatch.chdir(bundled_path.parent)
    push_recent(app_settings(), bundled_path.name)  # as typed on the command line
    win = _window(qtbot, bundled_briefing)
    labels = [a.text() for a in win.recent_menu.actions()]
    assert labels == [f"&1 {bundled_path.resolve()}"]


def _drop(win: MainWindow, path: Path) -> None:
    """Drop ``path`` on the window as a file manager would."""
    mime = QMimeData()  # kept alive here: the event only points at it
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)
    assert event.isAccepted()


def test_dropping_a_snapshot_opens_it(qtbot, test_snapshot_path):
    win = _window(qtbot, None, "en")
    assert win.briefing is None
    with qtbot.waitSignal(win.snapshotLoaded, timeout=20000) as loaded:
        _drop(win, test_snapshot_path)
    assert loaded.args[0] == test_snapshot_path
    assert win.briefing.snapshot.path.resolve() == test_snapshot_path.resolve()
    assert recent_files(app_settings())[0] == str(test_snapshot_path.resolve())


def test_dropping_a_bad_file_names_it_and_keeps_the_snapshot(qtbot, bundled_briefing, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a snapshot", encoding="utf-8")
    win = _window(qtbot, bundled_briefing, "en")
    with qtbot.waitSignal(win.snapshotFailed, timeout=20000) as failed:
        _drop(win, bad)
    assert failed.args[0] == bad
    assert "notes.txt" in failed.args[1]
    assert win.briefing is bundled_briefing


# -- texts -----------------------------------------------------------------------------------


def test_window_counts_read_as_the_brief_does(qtbot, bundled_briefing, bundled_path):
    # The PDF brief's summary counts numeric values and highlights apart ("196项数据 … 31条要点"
    # for the bundled snapshot); the window once added them up ("227 项数据"). Counted here
    # straight from the file's tables.
    with sqlite3.connect(f"{bundled_path.resolve().as_uri()}?mode=ro", uri=True) as db:
        values = db.execute("SELECT count(*) FROM observations").fetchone()[0]
        highlights = db.execute("SELECT count(*) FROM highlights").fetchone()[0]
    win = _window(qtbot, bundled_briefing, "zh")
    assert f"{values} 项数据 · {highlights} 条要点" in win.status_label.text()
    assert f"{values + highlights} " not in win.status_label.text()
    win.set_language("en")
    assert f"{values} figures · {highlights} highlights" in win.status_label.text()


def test_chinese_file_dialog_has_no_english_labels(qtbot):
    win = _window(qtbot, None, "zh")
    dialog = QFileDialog(win, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = {lab: dialog.labelText(lab) for lab in QFileDialog.DialogLabel}
    assert labels[QFileDialog.DialogLabel.LookIn] == "查找范围(&L)："
    assert labels[QFileDialog.DialogLabel.FileType] == "文件类型(&T)："
    # every label Chinese: no Latin letter once the mnemonic "(&N)" is taken out
    assert not [t for t in labels.values() if re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", t))]
    win.set_language("en")
    english = QFileDialog(win, "x")
    english.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(english)
    assert english.labelText(QFileDialog.DialogLabel.LookIn) == "&Look in:"
