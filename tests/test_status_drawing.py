"""How a value's status and qualifier are drawn, in window charts, window cards and slide
cards: one mapping (issue 15, section 2). Tested on the chart model and the style rules, not
on pixels.

Written down from the product's rule (README, chart legend strings): reported values are
solid, derived values hatched (dotted lines), targets an outline (dashed); qualifiers print as
'>' (over), '≈' (about), '≥' (at least).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.captions import card_period_text, scope_unit_line
from qftz_desktop.domain.chart_model import STATUS_STYLES, build_chart_model

EXPECTED = {
    "reported": ("solid", "solid"),
    "derived": ("hatched", "dotted"),
    "target": ("none", "dashed"),
}
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def briefing(test_snapshot_path):
    return load_briefing(test_snapshot_path)


def test_status_styles_are_the_rule():
    assert {k: (v.fill, v.line) for k, v in STATUS_STYLES.items()} == EXPECTED


def test_chart_model_marks_carry_status_and_qualifier(briefing):
    # tests/factory.py, t_output: 2012 100 reported, 2014 150 reported, 2015 75 derived,
    # 2016 'over 200' target; t_exports: 2012 'over 15', 2014 'about 18', 2016 'at least 25'
    output = {
        m.point.period.code: m for m in build_chart_model(briefing.chart_of("t_output"), "en").marks
    }
    assert (output["2014"].style.fill, output["2015"].style.fill, output["2016"].style.fill) == (
        "solid",
        "hatched",
        "none",
    )
    # marks numbered left to right: ① 2015's note 'share of target', ② the bound 'over 200'
    assert output["2015"].label == "75①"
    assert output["2016"].label == ">200②"
    exports = {
        m.point.period.code: m
        for m in build_chart_model(briefing.chart_of("t_exports"), "en").marks
    }
    # ① lower bound (2012 'over 15', and 2016 'at least 25': the same note), ② 2013 'revised'
    assert exports["2012"].label == ">15①"
    assert exports["2013"].label == "14②"
    assert exports["2014"].label == "≈18"
    assert exports["2016"].label == "≥25①"
    assert exports["2010"].label == "10"


def test_window_chart_draws_the_model_styles(qapp, briefing):
    from qftz_desktop.render.chart_view import ChartView
    from qftz_desktop.render.theme import SCREEN

    view = ChartView(briefing.chart_of("t_output"), briefing, SCREEN, "en", interactive=False)
    (bars,) = [i for i in view.plotItem.items if isinstance(i, pg.BarGraphItem)]
    styles = [b.style() for b in bars.opts["brushes"]]
    pens = [p.style() for p in bars.opts["pens"]]
    statuses = [m.status for m in view.model.marks]
    fills = {
        "solid": Qt.BrushStyle.SolidPattern,
        "hatched": Qt.BrushStyle.BDiagPattern,
        "none": Qt.BrushStyle.NoBrush,
    }
    assert styles == [fills[EXPECTED[s][0]] for s in statuses]
    # a target is an outline: dashed; the others keep a solid edge
    assert pens == [
        Qt.PenStyle.DashLine if s == "target" else Qt.PenStyle.SolidLine for s in statuses
    ]


def _stripes(css: str, selector: str) -> dict[str, str]:
    found = re.findall(selector + r'\[status="(\w+)"\]\s*\{\s*border-left:\s*\d+px\s+(\w+)', css)
    return dict(found)


def test_window_cards_and_slide_cards_use_the_same_stripes():
    css = (REPO / "resources" / "styles" / "screen.qss").read_text(encoding="utf-8")
    window = _stripes(css, r"QFrame#kpiCard")
    from qftz_desktop.render.slide_view import _stylesheet
    from qftz_desktop.render.theme import PROJECTOR_DARK

    slides = _stripes(_stylesheet(PROJECTOR_DARK, 1.0), r"QFrame#slideCard")
    expected = {"derived": "dotted", "target": "dashed"}
    assert window == expected
    assert slides == expected


def test_captions(briefing):
    berths = briefing.metrics["t_berths"]
    assert scope_unit_line(berths, "zh") == "范围：测试港 · 单位：个"
    assert scope_unit_line(berths, "en") == "Scope: test port · Unit: berths"
    point = next(p for p in briefing.series["t_berths"].points if p.period.code == "2013Q2")
    assert card_period_text(point, "zh") == "2013年第2季度 · 公开报道"
    assert card_period_text(point, "en", 2014, exact=False) == (
        "Q2 2013 · reported · no data for 2014; latest shown"
    )
