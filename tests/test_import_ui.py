"""File ▸ Import data… and File ▸ Compare with, driven with pytest-qt as a user would.

The workbook is a template of the bundled snapshot edited with openpyxl; values are written
down from data/source/observations.csv (Fortune 500 projects: 171 as of June 2024; FTZ trade
2021: 1870).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QEvent, QThreadPool
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from qftz_desktop.snapshot.reader import open_snapshot
from qftz_desktop.snapshot.template import write_template
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.changes_panel import MARK_NAME, compare_controller
from qftz_desktop.ui.import_dialog import import_controller
from qftz_desktop.ui.main_window import MainWindow, load_briefing

F500 = ("ftz_f500_projects_total", "2024-06", "reported")  # headline card 1, 171 in the CSV
TRADE_2021 = ("ftz_trade_value", "2021", "reported")  # 1870 in the CSV


def _row(ws, key) -> int:
    for row in ws.iter_rows(min_row=3):
        if (row[0].value, row[1].value, row[4].value) == key:
            return row[0].row
    raise AssertionError(key)


@pytest.fixture
def old(tmp_path, bundled_path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(bundled_path, path)
    return path


@pytest.fixture
def window(qtbot, old):
    make_application()
    win = MainWindow(load_briefing(old), lang="zh")
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone()


def _action(win, name: str) -> QAction:
    act = win.findChild(QAction, name)
    assert act is not None, name
    return act


def _value(path: Path, key) -> float:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT value FROM observations WHERE metric_id=? AND period=? AND status=?", key
        ).fetchone()[0]
    finally:
        con.close()


def test_import_with_errors_reports_then_fixed_import_opens_and_lists_changes(
    qtbot, window, old, tmp_path, monkeypatch
):
    book = tmp_path / "update.xlsx"
    write_template(book, open_snapshot(old))
    wb = openpyxl.load_workbook(book)
    ws = wb["observations"]
    f500_row = _row(ws, F500)
    ws.cell(f500_row, 3).value = "172"  # the new figure, typed as text
    bad_row = _row(ws, TRADE_2021)
    ws.cell(bad_row, 5).value = "reportd"  # a typo: not in the list
    wb.save(book)
    new = tmp_path / "new.sqlite"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))

    _action(window, "importData").trigger()
    ctrl = import_controller(window)
    qtbot.waitUntil(lambda: ctrl.report is not None and ctrl.report.isVisible(), timeout=20000)
    rows = ctrl.report.rows()
    assert len(rows) == 1
    kind, sheet, row, column, problem, hint = rows[0]
    assert (kind, sheet, row, column) == ("错误", "observations", str(bad_row), "E (status)")
    assert "reportd" in problem and "reported, derived, target" in hint
    assert not ctrl.report.save_button.isEnabled()
    assert not new.exists()
    assert window.briefing.snapshot.path == old  # the open snapshot stays open

    wb = openpyxl.load_workbook(book)  # fixed in Excel, saved
    wb["observations"].cell(bad_row, 5).value = "reported"
    wb.save(book)
    with qtbot.waitSignal(window.snapshotLoaded, timeout=20000):
        ctrl.report.again_button.click()
    assert window.briefing.snapshot.path == new
    assert _value(new, F500) == 172.0

    # what changed since the snapshot that was open: listed and marked
    cmp = compare_controller(window)
    qtbot.waitUntil(lambda: cmp.changes is not None and cmp.dock.isVisible(), timeout=20000)
    lines = cmp.panel.lines()
    assert lines == [
        "数值修订：片区世界500强投资项目（累计），截至2024年6月：171个 → 172个（来源 PR2024）"
    ]
    overview = window.page("overview")
    marked = {
        c.card.metric.id
        for c in overview.cards
        if (m := c.findChild(QLabel, MARK_NAME)) is not None and m.isVisibleTo(c)
    }
    assert marked == {"ftz_f500_projects_total"}


def test_compare_with_marks_changed_values_on_charts(qtbot, window, old, tmp_path):
    book = tmp_path / "u.xlsx"
    write_template(book, open_snapshot(old))
    wb = openpyxl.load_workbook(book)
    ws = wb["observations"]
    ws.cell(_row(ws, TRADE_2021), 3).value = 1880
    wb.save(book)
    from qftz_desktop.snapshot.workbook import build_from_workbook

    new = tmp_path / "new.sqlite"
    build_from_workbook(book, new)
    with qtbot.waitSignal(window.snapshotLoaded, timeout=20000):
        window.open_path(new)
    cmp = compare_controller(window)
    cmp.compare_with(old)
    qtbot.waitUntil(lambda: cmp.changes is not None, timeout=20000)
    assert cmp.changes.changed_keys() == {TRADE_2021}
    trade = window.page("trade")
    charts = {
        panel.spec.id: panel.ensure_chart()
        for panel in trade.panels
        if "ftz_trade_value" in [m.id for m in panel.spec.metrics]
    }
    cmp.apply_marks()
    assert charts, "the trade tab has a chart of ftz_trade_value"
    for chart in charts.values():
        assert TRADE_2021 in chart.change_keys
        assert len(chart._change_mark_items) == 1
    others = [p.chart for p in trade.panels if p.chart is not None and p.spec.id not in charts]
    assert all(not c._change_mark_items for c in others)
    # stop comparing: marks go
    cmp.clear()
    assert all(not c._change_mark_items for c in charts.values())


def test_cancelled_import_changes_nothing(qtbot, window, old, tmp_path, monkeypatch):
    book = tmp_path / "x.xlsx"
    write_template(book, open_snapshot(old))
    ctrl = import_controller(window)
    ctrl.start(book)
    ctrl.cancel()
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)
    assert ctrl.report is None and ctrl.job is None
    assert window.briefing.snapshot.path == old


def test_language_switch_leaves_one_import_action_and_keeps_the_comparison(qtbot, window, old):
    cmp = compare_controller(window)
    cmp.compare_with(old)  # the same file: no changes, but a comparison is on
    qtbot.waitUntil(lambda: cmp.changes is not None, timeout=20000)
    window.set_language("en")
    window.set_language("zh")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old menus go
    actions = [a for a in window.findChildren(QAction, "importData")]
    assert len(actions) == 1
    assert cmp.changes is not None and cmp.panel.lines() == []
    assert "两份快照的内容相同" in cmp.panel.view.toPlainText()


def test_warnings_only_report_lets_the_user_save_and_open(
    qtbot, window, old, tmp_path, monkeypatch
):
    book = tmp_path / "warn.xlsx"
    write_template(book, open_snapshot(old))
    wb = openpyxl.load_workbook(book)
    wb["observations"].cell(1, 12).value = "my comments"  # not a column of the format
    wb.save(book)
    new = tmp_path / "warned.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    ctrl = import_controller(window)
    ctrl.start(book)
    qtbot.waitUntil(lambda: ctrl.report is not None and ctrl.report.isVisible(), timeout=20000)
    ((kind, sheet, row, column, problem, _hint),) = ctrl.report.rows()
    assert (kind, sheet, row, column) == ("提示", "observations", "1", "L")
    assert "my comments" in problem
    assert ctrl.report.save_button.isEnabled()
    with qtbot.waitSignal(window.snapshotLoaded, timeout=20000):
        ctrl.report.save_button.click()
    assert window.briefing.snapshot.path == new
    assert window.briefing.snapshot.content_id == open_snapshot(old).content_id
