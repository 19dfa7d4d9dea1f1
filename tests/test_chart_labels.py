"""Every value label on a chart is drawn, readable and its own (issue 10, narrow charts).

A meeting brief's charts are narrower and shorter than the data book's; on them labels were
hidden when they did not fit (a point's value simply missing) or drawn over the next year's
bar (">2,000* 2019.12.13" over 2020). The chart items built for the bundled snapshot's charts
are checked at the brief's and the data book's sizes: every mark has its label (drawn in full,
or as a tag with the label written out under the plot), and no label box overlaps another, a
bar that is not its own, or leaves the plot. Chinese units are written horizontally.
"""

from __future__ import annotations

import itertools

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsTextItem

from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.chart_model import BAR
from qftz_desktop.domain.label_layout import Box, LabelRequest, place_labels
from qftz_desktop.export.pdf.canvas import CHART_HEIGHT, MM, PdfCanvas, chart_height
from qftz_desktop.export.pdf.document import CHART_GAP
from qftz_desktop.export.pdf.meeting import MEETING_CHART_MIN

A4_WIDTH = 210 * MM
BRIEF_WIDTH = A4_WIDTH - 2 * 16 * MM  # the meeting brief's margins (meeting.py)
BOOK_WIDTH = A4_WIDTH - 2 * 18 * MM  # the data book's (layout.py)


@pytest.fixture(scope="module")
def briefing(bundled_path):
    return load_briefing(bundled_path)


def _specs(briefing):
    return [c for t in briefing.tabs for c in t.charts]


def _view(spec, briefing, lang, where):
    """A chart at the size its document gives it (the renderers' own sizing rule)."""
    if where == "brief":
        small = len(spec.series) == 1 and spec.kind == "bar"
        width = (BRIEF_WIDTH - CHART_GAP) / 2 if small else BRIEF_WIDTH
        view = PdfCanvas.chart_view(spec, briefing, lang, width, MEETING_CHART_MIN)
        view.setMinimumHeight(0)
        height = chart_height(view, base=MEETING_CHART_MIN, limit=1.6 * MEETING_CHART_MIN)
    else:
        view = PdfCanvas.chart_view(spec, briefing, lang, BOOK_WIDTH, CHART_HEIGHT)
        height = chart_height(view)
    view.resize(view.width(), int(height))
    view.sync_geometry()
    return view


def _labels(view) -> dict:
    """Mark index -> its value label item (the view's own record of them)."""
    return {entry[-2]: entry[-1] for entry in view._labels}


def _scene_rect(vb, x0, y0, x1, y1) -> QRectF:
    a, b = vb.mapViewToScene(QPointF(x0, y0)), vb.mapViewToScene(QPointF(x1, y1))
    return QRectF(a, b).normalized()


def _label_problems(view) -> list[str]:
    """What is wrong with the drawn labels of one chart (empty: nothing)."""
    model = view.model
    if model.kind == "bar" and len(model.marks) <= 16:
        assert model.labels == model.marks, "a bar chart of few values labels every one"
    vb = view.plotItem.getViewBox()
    plot = vb.sceneBoundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
    labels = _labels(view)
    problems = []
    boxes: dict[int, QRectF] = {}
    foot = getattr(view, "foot_notes", "").replace("\n", "   ")
    for i, mark in enumerate(model.labels):
        label = labels.get(i)
        flat = mark.label.replace("\n", " ")
        if label is None or not label.isVisible():
            problems.append(f"no label for {flat}")
            continue
        text = label.toPlainText()
        if text != mark.label and f"{text} {flat}" not in foot:
            problems.append(f"label {text!r} of {flat} is neither the value nor a footnote tag")
        rect = label.mapRectToScene(label.boundingRect())
        if not plot.contains(rect):
            problems.append(f"{flat} outside the plot")
        boxes[i] = rect.adjusted(0.5, 0.5, -0.5, -0.5)  # touching is not overlapping
    for (i, a), (j, b) in itertools.combinations(boxes.items(), 2):
        if a.intersects(b):
            first, second = model.labels[i].label, model.labels[j].label
            problems.append(f"labels overlap: {first!r} / {second!r}")
    for j, bar in enumerate(model.labels):
        if bar.shape != BAR:
            continue
        rect = _scene_rect(vb, bar.x - bar.width / 2, 0, bar.x + bar.width / 2, bar.value)
        for i, box in boxes.items():
            if i != j and box.intersects(rect):
                problems.append(f"label {model.labels[i].label!r} over the bar of {bar.label!r}")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("where", ["brief", "book"])
def test_every_value_label_is_drawn_and_clear(qapp, briefing, lang, where):
    problems = []
    for spec in _specs(briefing):
        view = _view(spec, briefing, lang, where)
        try:
            problems += [f"{spec.id}: {p}" for p in _label_problems(view)]
        finally:
            view.close()
            view.deleteLater()
    assert problems == []


@pytest.mark.parametrize("where", ["brief", "book"])
def test_the_shipping_milestone_stays_over_its_own_year(qapp, briefing, where):
    """'>2,000②③ 2019.12.13' is a date in 2019: its label (or, with no room at all, its tag)
    is centred over 2019, never over the 2020 bar; at the data book's width it is in full."""
    spec = briefing.chart_of("port_container_throughput")
    view = _view(spec, briefing, "en", where)
    vb = view.plotItem.getViewBox()
    labels = _labels(view)
    (i, mark), *_ = [(i, m) for i, m in enumerate(view.model.marks) if "2019.12.13" in m.label]
    rect = labels[i].mapRectToScene(labels[i].boundingRect())
    left = vb.mapViewToScene(QPointF(2019.0, 0)).x()
    right = vb.mapViewToScene(QPointF(2020.0, 0)).x()
    assert left <= rect.center().x() <= right
    assert labels[i].isVisible()
    for bar in view.model.marks:
        if bar.shape == BAR:
            box = _scene_rect(vb, bar.x - bar.width / 2, 0, bar.x + bar.width / 2, bar.value)
            assert not rect.adjusted(0.5, 0.5, -0.5, -0.5).intersects(box), bar.label
    text = labels[i].toPlainText()
    if where == "book":
        assert text == mark.label
    else:
        # a tag ("c") stands for the label written out under the plot: "c >2,000②③ 2019.12.13"
        written = f"{text} {' '.join(mark.label.split())}"
        assert text == mark.label or written in getattr(view, "foot_notes", "")
        assert mark.label.startswith(">2,000") and "2019.12.13" in mark.label
    view.close()


@pytest.mark.parametrize("where", ["brief", "book"])
def test_chinese_units_are_written_horizontally(qapp, briefing, where):
    """A rotated '个' reads as an arrow '←': the unit stands upright above the value axis."""
    spec = next(c for c in _specs(briefing) if c.id == "chart:ftz_f500|count|ftz")
    view = _view(spec, briefing, "zh", where)
    unit = spec.unit_label("zh")
    assert unit == "个"
    shown = [
        item
        for item in view.scene().items()
        if isinstance(item, QGraphicsTextItem) and item.isVisible() and item.toPlainText()
    ]
    with_unit = [item for item in shown if item.toPlainText() == unit]
    assert with_unit, "the unit is not written on the chart"
    for item in shown:
        assert item.sceneTransform().isRotating() is False, item.toPlainText()
    axis = view.plotItem.getAxis("left")
    assert not axis.label.isVisible()
    # above the plot, at its left
    plot = view.plotItem.getViewBox().sceneBoundingRect()
    rect = with_unit[0].mapRectToScene(with_unit[0].boundingRect())
    assert rect.bottom() <= plot.top() + 1
    assert rect.left() < plot.left() + 40
    view.close()


def test_a_crowded_label_moves_aside_then_becomes_a_footnote_never_dropped():
    """The layout on its own (pixels): a date label next to a taller bar of the next year goes
    left of its marker, inside its year; with no room at all it becomes a tag."""
    plot = Box(0, 0, 300, 200)
    year = 100.0  # px per year; 2019 is [0, 100), 2020 is [100, 200)
    bar = Box(110, 40, 190, 200)  # 2020's bar
    bar_label = LabelRequest(0, 150, 40, 40, 15, (100, 200), bar=bar)
    milestone = LabelRequest(1, 95, 60, 70, 30, (0, year), radius=4)
    placed = place_labels([bar_label, milestone], plot)
    by_key = {p.key: p for p in placed}
    box = by_key[1].box
    assert not box.intersects(bar) and not box.intersects(by_key[0].box)
    assert 0 <= box.cx <= year and by_key[1].tag == ""
    # a plot too small for any label: each value still gets a tag, none is dropped
    tiny = Box(0, 0, 40, 20)
    points = [LabelRequest(k, 10 + 10 * k, 10, 60, 30, (0, 40), radius=3) for k in range(3)]
    crowded = place_labels(points, tiny, tag_size=(8, 12))
    assert [p.key for p in crowded] == [0, 1, 2]
    assert all(p.tag for p in crowded)
    assert len({p.tag for p in crowded}) == 3


def test_pg_labels_keep_plain_text(qapp, briefing):
    """Snapshot strings stay plain text in the labels the layout moves (no HTML)."""
    spec = briefing.chart_of("ftz_trade_value")
    view = _view(spec, briefing, "zh", "brief")
    texts = [i.toPlainText() for i in view.plotItem.items if isinstance(i, pg.TextItem)]
    assert texts and all("<" not in t for t in texts)
    view.close()


@pytest.mark.parametrize("where", ["brief", "book"])
def test_value_axis_has_room_for_its_tick_labels_before_painting(qapp, briefing, where):
    """The axis was widened only while painted: a chart painted once (PDF) lost its tick
    labels ('30000' on the market entities chart, once the rotated unit no longer widened
    the axis). The axis is wide enough for its widest tick label before it is painted."""
    from PySide6.QtGui import QFontMetricsF

    from qftz_desktop.render.fonts import ui_font

    spec = briefing.chart_of("ftz_enterprises")  # at least 30,000 market entities
    view = _view(spec, briefing, "en", where)
    axis = view.plotItem.getAxis("left")
    lo, hi = view.plotItem.getViewBox().viewRange()[1]
    font = ui_font()
    font.setPixelSize(view.theme.tick_px)
    fm = QFontMetricsF(font)
    strings = [
        t
        for spacing, values in axis.tickValues(lo, hi, view.plotItem.getViewBox().height())
        for t in axis.tickStrings(values, 1.0, spacing)
    ]
    assert "30000" in strings
    assert axis.textWidth >= max(fm.horizontalAdvance(t) for t in strings)
    view.close()
