"""The briefing window, driven as a user would with pytest-qt, on two different snapshots."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPointF, Qt

from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.snapshot.reader import open_snapshot
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import TAB_IDS, MainWindow, load_briefing


@pytest.fixture(params=["bundled", "test"])
def snapshot_path(request, bundled_path, test_snapshot_path):
    return bundled_path if request.param == "bundled" else test_snapshot_path


@pytest.fixture
def window(qtbot, snapshot_path):
    make_application()
    win = MainWindow(load_briefing(snapshot_path), lang="zh")
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    return win


def _all_pages(win):
    return [win.page(t) for t in TAB_IDS]


def test_title_and_status_show_snapshot(window, snapshot_path):
    snap = open_snapshot(snapshot_path)
    assert snap.title("zh") in window.windowTitle()
    assert snap.as_of in window.windowTitle()
    assert snap.as_of in window.status_label.text()
    # the counts as the PDF brief words them: numeric values and highlights apart
    assert f"{len(snap.observations)} 项数据" in window.status_label.text()
    assert f"{len(snap.highlights)} 条要点" in window.status_label.text()


def test_every_figure_appears_somewhere(window):
    briefing: Briefing = window.briefing
    shown_obs: set[int] = set()
    shown_highlights: set[str] = set()
    for page in _all_pages(window):
        for panel in page.panels:
            for s in panel.spec.series:
                shown_obs |= {int(i) for i in s.frame["id"]}
        for card in page.cards:
            shown_obs |= {p.obs_id for p in card.card.series.points}
        shown_highlights |= {h.id for h in page.spec.highlights}
    assert shown_obs == set(int(i) for i in briefing.snapshot.observations["id"])
    assert shown_highlights == {h.id for h in briefing.highlights}


def test_range_change_propagates_to_every_tab(window, qtbot):
    lo, hi = window.selection.bounds
    new_lo = lo + 1 if hi > lo else lo
    window.tabs.setCurrentIndex(2)
    window.from_spin.setValue(new_lo)
    for page in _all_pages(window):
        for panel in page.panels:
            assert panel.chart.year_range == (new_lo, hi)
    assert window.selection.year_from == new_lo


def test_clicking_a_bar_focuses_that_year_everywhere(window, qtbot):
    # find a bar chart on some tab and click its last category
    target = None
    for i, tab_id in enumerate(TAB_IDS):
        page = window.page(tab_id)
        for panel in page.panels:
            if panel.spec.kind == "bar" and panel.chart.model.marks:
                target = (i, page, panel)
                break
        if target:
            break
    assert target, "a bar chart exists"
    i, page, panel = target
    window.tabs.setCurrentIndex(i)
    page.ensureWidgetVisible(panel)
    qtbot.wait(50)
    chart = panel.chart
    last = chart.model.marks[-1]  # the latest value: on the time axis, inside its year
    year = int(last.x)
    vb = chart.plotItem.getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(last.x, vb.viewRange()[1][1] * 0.3))
    view_pos = chart.mapFromScene(scene_pos)
    with qtbot.waitSignal(window.selection.focusChanged, timeout=2000):
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert window.selection.focus_year == year
    for p in _all_pages(window):
        for other in p.panels:
            assert other.chart.focus_year == year
        for card in p.cards:
            # from the data, not from the rule under test: a card whose metric has a value in
            # the focused year shows a value of that year, any other card one of another year
            has_year = year in set(card.card.series.frame["year"])
            assert (card.point.year == year) == has_year, card.card.metric.id
    assert window.focus_combo.currentData() == year


def test_focus_updates_kpi_cards_where_data_exist(qtbot, test_snapshot_path):
    make_application()
    win = MainWindow(load_briefing(test_snapshot_path), lang="zh")
    qtbot.addWidget(win)
    win.show()
    card = win.page("overview").cards[0]
    assert card.card.metric.id == "t_exports"  # headline position 1 in tests/factory.py
    # tests/factory.py: t_exports 2010 = 10 亿元 (exact, reported), 2013 = 14 (reported, T2,
    # with the note 'revised': its value carries the caveat mark, ① on a card of its own)
    win.selection.set_focus(2010)
    assert card.point.year == 2010
    assert card.value_label.text().replace(" ", "") == "10亿元"
    win.selection.set_focus(2013)
    assert card.value_label.text().replace(" ", "") == "14亿元①"


def test_kpi_card_navigates_to_its_tab_with_metric_highlighted(window, qtbot):
    overview = window.page("overview")
    card = overview.cards[0]
    metric = card.card.metric
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    tab = window.briefing.tab_of(metric.id)
    assert TAB_IDS[window.tabs.currentIndex()] == tab
    target = window.page(tab).widget_for_metric(metric.id)
    assert target is not None and target.property("highlighted") is True


def test_language_switch_changes_visible_texts(window, qtbot):
    assert window.tabs.tabText(1) == "贸易"
    page = window.page("trade")
    assert page.panels or page.cards
    window.set_language("en")
    assert window.tabs.tabText(1) == "Trade"
    assert window.menuBar().actions()[0].text() == "&File"
    page = window.page("trade")
    if page.panels:
        title = page.panels[0].spec.title("en")
        from PySide6.QtWidgets import QLabel

        assert title in [w.text() for w in page.panels[0].findChildren(QLabel)]
    assert window.briefing.snapshot.title("en") in window.windowTitle()


def test_bad_file_shows_message_and_keeps_snapshot(window, qtbot, tmp_path):
    before = window.briefing
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"not a database at all")
    with qtbot.waitSignal(window.snapshotFailed, timeout=5000) as blocker:
        window.open_path(bad)
    path, message = blocker.args
    assert path == bad and "broken.sqlite" in message
    box = window._last_error_box
    assert "broken.sqlite" in box.text() + box.informativeText()
    assert window.briefing is before
    box.close()


def test_open_another_snapshot(window, qtbot, bundled_path, test_snapshot_path):
    other = test_snapshot_path if window.briefing.snapshot.path == bundled_path else bundled_path
    with qtbot.waitSignal(window.snapshotLoaded, timeout=10000):
        window.open_path(other)
    assert window.briefing.snapshot.path == other
    assert str(other) in [a.text().split(" ", 1)[1] for a in window.recent_menu.actions()]


def test_hover_shows_value_period_status_source(window):
    page = next(p for p in _all_pages(window) if p.panels)
    chart = page.panels[0].chart
    vb = chart.plotItem.getViewBox()
    first = chart.spec.series[0].points[0]
    x = first.period.year + 0.5 if first.period.kind == "year" else first.period.position
    hit = chart.hover_text_at(vb.mapViewToScene(QPointF(x, vb.viewRange()[1][1] * 0.5)))
    assert hit is not None
    text = hit[1]
    assert first.period.label("zh") in text
    src = window.briefing.sources[first.source_id]
    assert src.publisher in text
    assert any(w in text for w in ("公开报道", "推算", "目标"))


def test_data_view_copy_and_csv(window, qtbot, tmp_path):
    page = next(p for p in _all_pages(window) if p.panels)
    spec = page.panels[0].spec
    dialog = window.show_data(spec)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == sum(len(s) for s in spec.series)
    dialog.copy_all()
    from PySide6.QtGui import QGuiApplication

    assert spec.series[0].metric.name("zh") in QGuiApplication.clipboard().text()
    out = dialog.save_csv(str(tmp_path / "chart.csv"))
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == dialog.model.rowCount()
    assert rows[0]["来源"]
    dialog.close()


def test_shortcuts_switch_tabs(window, qtbot):
    for i in range(len(TAB_IDS)):
        window.tab_actions[i].trigger()
        assert window.tabs.currentIndex() == i
    assert window.tab_actions[5].shortcut().toString() == "Ctrl+6"


def test_settings_restored(qtbot, test_snapshot_path):
    make_application()
    first = MainWindow(load_briefing(test_snapshot_path), lang=None)
    qtbot.addWidget(first)
    first.resize(1200, 760)
    first.show()
    first.tabs.setCurrentIndex(3)
    first.set_language("en")
    size = first.size()
    first.close()
    second = MainWindow(load_briefing(test_snapshot_path))
    qtbot.addWidget(second)
    assert second.selection.lang == "en"
    assert second.tabs.currentIndex() == 3
    assert second.size() == size


def test_qt_dialogs_follow_the_language(window):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    window.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_no_snapshot_offers_no_invented_years(qtbot, test_snapshot_path):
    """Before a snapshot is open the window has no data years: the range widgets are off (it
    used to offer 2019–2024, years no data had given)."""
    make_application()
    win = MainWindow(None, lang="zh")
    qtbot.addWidget(win)
    win.show()
    assert not win.from_spin.isEnabled() and not win.to_spin.isEnabled()
    assert {win.from_spin.value(), win.to_spin.value()}.isdisjoint({2019, 2024})
    win.set_briefing(load_briefing(test_snapshot_path))
    assert win.from_spin.isEnabled()
    # tests/factory.py: observations from 2010 to 2016
    assert (win.from_spin.value(), win.to_spin.value()) == (2010, 2016)
