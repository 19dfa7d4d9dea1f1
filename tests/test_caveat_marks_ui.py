"""Caveat marks in the window: cards, the data table, the clipboard (issues 10 and 15).

Expected values come from the rows of tests/factory.py (t_exports: 2010 exact 10; 2012
'over 15'; 2013 14 with the note 'revised') and from data/source/sources.csv (the cite of
source S11 contains 'Sino-German Ecopark Qingdao, sgep-qd.de').
"""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.cards import KpiCard
from qftz_desktop.ui.data_view import DataDialog, rows_to_csv


@pytest.fixture
def test_briefing(test_snapshot_path):
    make_application()
    return load_briefing(test_snapshot_path)


def test_kpi_card_marks_a_value_with_a_caveat_and_explains_it(qtbot, test_briefing):
    card_spec = next(c for c in test_briefing.headline if c.metric.id == "t_exports")
    card = KpiCard(test_briefing, card_spec, "zh")
    qtbot.addWidget(card)
    card.set_year(2010)
    assert card.value_label.text() == "10亿元"
    card.set_year(2013)
    # one note on a card alone: ①, and the tooltip says what ① stands for
    assert card.value_label.text() == "14亿元①"
    assert "① revised" in card.toolTip()
    card.set_year(2012)
    assert card.value_label.text() == "超过15亿元①"
    assert "① 下限值" in card.toolTip()
    en = KpiCard(test_briefing, card_spec, "en")
    qtbot.addWidget(en)
    en.set_year(2012)
    assert "① A lower bound" in en.toolTip()


def test_data_table_marks_the_value_cell_and_keeps_files_plain(qtbot, test_briefing):
    spec = test_briefing.chart_of("t_exports")
    dialog = DataDialog(test_briefing, spec, "en")
    qtbot.addWidget(dialog)
    model = dialog.model
    period = model.headers.index("Period")
    value = model.headers.index("Value")
    cells = {
        model.index(r, period).data(): (
            model.index(r, value).data(),
            model.index(r, value).data(Qt.ItemDataRole.ToolTipRole),
        )
        for r in range(model.rowCount())
    }
    # one numbering down the table: 2012 'over 15' is the first noted row (①, a lower
    # bound), 2013 'revised' the second (②); the 2016 target 'at least 25' is a lower bound
    # too, the same note: ① again
    assert cells["2010"][0] == "10"
    assert cells["2013"] == ("14②", "② revised")
    assert cells["2012"][0] == "15①" and cells["2012"][1].startswith("① A lower bound")
    assert cells["2016"][0] == "25①"
    # the file keeps the plain number: the note has its own column
    rows = list(csv.DictReader(io.StringIO(rows_to_csv(dialog.rows))))
    assert next(r for r in rows if r["Period"] == "2013")["Value"] == "14"


def test_copy_all_keeps_a_comma_inside_its_cell(qtbot, bundled_path):
    make_application()
    briefing = load_briefing(bundled_path)
    spec = briefing.chart_of("city_trade_ytd")
    dialog = DataDialog(briefing, spec, "en")
    qtbot.addWidget(dialog)
    dialog.copy_all()
    table = list(csv.reader(io.StringIO(QGuiApplication.clipboard().text()), delimiter="\t"))
    header, body = table[0], table[1:]
    assert len(body) == len(spec.series[0])
    assert all(len(row) == len(header) for row in body)
    source = header.index("Source")
    ecopark = [row[source] for row in body if "sgep-qd.de" in row[source]]
    assert ecopark and all("Sino-German Ecopark Qingdao, sgep-qd.de" in c for c in ecopark)
    # and the CSV file: the same cells, comma-separated and quoted
    rows = list(csv.reader(io.StringIO(rows_to_csv(dialog.rows))))
    assert rows == table
