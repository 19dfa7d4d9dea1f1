"""Chart -> picture (issue 11, section 3) and the chart's hover tooltip (issue 11, section 2).

Expected texts are written down from tests/factory.py: metric 'Test exports', source T1
'QFTZ test suite' dated 2016-12-31, snapshot as of 2016-06-30.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QGuiApplication, QImage

from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.render.chart_picture import ChartPicture, png_bytes, svg_bytes
from qftz_desktop.render.theme import SCREEN
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.cards import ChartPanel

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def briefing(test_snapshot_path):
    make_application()
    return load_briefing(test_snapshot_path)


def test_png_is_twice_the_logical_size(briefing):
    picture = ChartPicture(briefing.chart_of("t_exports"), briefing, "en")
    image = QImage.fromData(png_bytes(picture))
    assert image.width() == 1600  # 800 logical px at 2x
    assert image.height() == 2 * picture.size.height() and image.height() > 800


def _svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    assert not root.findall(f".//{SVG}image"), "the chart is vectors, not a bitmap"
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_svg_keeps_title_source_and_stamp_as_text(briefing, lang):
    picture = ChartPicture(briefing.chart_of("t_exports"), briefing, lang)
    texts = _svg_texts(svg_bytes(picture))
    # Qt writes a <text> per run of one script ("来源：" / "QFTZ test suite …"): read them
    # in order, as a reader (or a search) of the SVG does
    joined = "".join(texts)
    title = "Test exports" if lang == "en" else "测试出口额"
    assert title in texts
    assert "QFTZ test suite 2016-12-31" in joined
    assert "2016-06-30" in joined and briefing.snapshot.short_id in joined
    assert ("Scope" if lang == "en" else "范围") in joined
    # the status legend: t_exports has reported values and a target
    status = ("reported (solid)", "target (dashed outline)")
    if lang == "zh":
        status = ("公开报道（实心）", "目标（虚线框）")
    assert all(s in texts for s in status)
    # value labels are text too, with their caveat mark (2012: 'over 15', a lower bound, ①;
    # 2013: 'revised', ②), and the notes the marks point to are listed under the chart
    assert ">15①" in texts and "14②" in texts
    assert "② revised" in texts
    bound = "① 下限值：来源只说“超过”或“至少”某数，确切数值未给出。"
    if lang == "en":
        bound = "① A lower bound: the source says 'over' or 'at least'; the exact value is not "
        bound += "given."
    assert bound in texts


def test_panel_menu_copies_and_saves(qtbot, briefing, tmp_path):
    panel = ChartPanel(briefing, briefing.chart_of("t_exports"), SCREEN, "en")
    qtbot.addWidget(panel)
    actions = panel.picture_actions
    menu = actions.menu()
    assert [a.text() for a in menu.actions()] == [
        "Copy chart as image",
        "Save chart as PNG…",
        "Save chart as SVG…",
    ]
    assert actions.copy_action.shortcut().toString() == "Ctrl+Shift+C"
    QGuiApplication.clipboard().clear()
    actions.copy_action.trigger()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() == 1600
    png = actions.save(tmp_path / "chart.png")
    assert QImage(str(png)).width() == 1600
    svg = actions.save(tmp_path / "chart", suffix=".svg")
    assert svg.name == "chart.svg" and "Test exports" in _svg_texts(svg.read_bytes())


def test_hover_tooltip_stays_inside_the_plot_and_leaves_with_the_pointer(qtbot, briefing):
    from qftz_desktop.render.chart_view import ChartView

    view = ChartView(briefing.chart_of("t_exports"), briefing, SCREEN, "en")
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    vb = view.plotItem.getViewBox()
    plot = vb.sceneBoundingRect()
    (x0, x1), (y0, y1) = vb.viewRange()
    # points right of centre and near both edges: the box is never cut at the plot's edge
    for x in (x0 + 0.02 * (x1 - x0), (x0 + x1) / 2 + 0.3, x1 - 0.02 * (x1 - x0)):
        view._on_move((vb.mapViewToScene(QPointF(x, (y0 + y1) / 2)),))
        box = view._hover_text
        assert box is not None and box.isVisible()
        rect = box.mapRectToScene(box.boundingRect())
        assert plot.left() - 0.5 <= rect.left() and rect.right() <= plot.right() + 0.5, (x, rect)
    QGuiApplication.sendEvent(view, QEvent(QEvent.Type.Leave))
    assert not view._hover_text.isVisible() and not view._hover_line.isVisible()


def test_a_slide_chart_has_the_picture_menu_and_keeps_the_keys(qtbot, briefing):
    from PySide6.QtCore import QSize, Qt

    from qftz_desktop.domain.deck import Deck
    from qftz_desktop.render.slide_view import build_slide_view
    from qftz_desktop.render.theme import PROJECTOR_DARK
    from qftz_desktop.ui import presentation  # noqa: F401 - meeting mode adds the picture menu

    slide = next(s for s in Deck(briefing).slides if s.kind == "chart")
    view = build_slide_view(slide, PROJECTOR_DARK, "en", QSize(1280, 720), 1, 1)
    qtbot.addWidget(view)
    chart = view.chart
    assert chart.viewport().contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert chart.focusPolicy() == Qt.FocusPolicy.NoFocus  # the clicker's keys stay with slides
