"""Values sit where their period is, on every chart path (issue 10, points 1 and 2).

A snapshot built here holds yearly values, a quarter, a one-month span, a partial span
(Jan–Nov), a dated milestone, an undated 'before …' value and a long yearly series. Expected
positions are written down from the calendar (1 January of Y is Y.0; a year's value sits at
Y + 0.5 under the tick labelled Y), not taken from the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from factory import write_sources
from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.chart_model import BAR, POINT, build_chart_model
from qftz_desktop.snapshot.builder import build_snapshot


def _doy(y: int, m: int, d: int) -> float:
    """Decimal year of the start of a day."""
    days = 366 if y % 4 == 0 else 365
    return y + (date(y, m, d).toordinal() - date(y, 1, 1).toordinal()) / days


EXTRA = [
    # t_exports has whole years 2010-2014 and a 2016 target (tests/factory.py)
    ("t_exports", "2015-11-26", "30", "at_least", "reported", "T1", "crossed 30", "", ""),
    ("t_exports", "2015-01/2015-11", "21", "exact", "reported", "T1", "Jan-Nov 21", "", ""),
    ("t_exports", "2013Q2", "4", "exact", "reported", "T1", "Q2 4", "", ""),
    ("t_exports", "2014-03/2014-03", "1.5", "exact", "reported", "T1", "March 1.5", "", ""),
    ("t_exports", "<2010-08", "9", "exact", "reported", "T2", "获批前9", "", ""),
    # a long series of year-to-date spans of different lengths (Jan–3 … Jan–11, 2000-2013)
    *[
        (
            "t_reforms",
            f"{y}-01/{y}-{3 + y % 9:02d}",
            str(y - 1990),
            "exact",
            "reported",
            "T1",
            "ytd",
            "",
            "",
        )
        for y in range(2000, 2014)
    ],
    # a long yearly series (more than 12 values): drawn as a line
    *[
        ("t_banks", str(y), str(10 + y - 1990), "exact", "reported", "T1", f"{y}", "", "")
        for y in range(1990, 2012)
        if y != 2012
    ],
]


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("timeaxis")
    out = folder / "t.sqlite"
    build_snapshot(write_sources(folder / "src", EXTRA), out)
    return load_briefing(out)


@pytest.fixture(scope="module")
def exports(briefing):
    return briefing.chart_of("t_exports")


def _marks(model):
    return {m.point.period.code: m for m in model.marks}


def test_a_years_value_is_over_that_years_tick(exports):
    model = build_chart_model(exports, "en")
    marks = _marks(model)
    ticks = {t.label: t.x for t in model.ticks}
    for year in (2010, 2011, 2012, 2013, 2014, 2016):
        m = marks[str(year)]
        assert m.shape == BAR
        assert m.x == pytest.approx(year + 0.5)
        assert ticks[str(year)] == pytest.approx(year + 0.5)
        assert m.left >= year and m.right <= year + 1  # the bar stays inside its year


def test_dates_and_partial_spans_are_points_with_their_period(exports):
    marks = _marks(build_chart_model(exports, "en"))
    milestone = marks["2015-11-26"]
    assert milestone.shape == POINT and milestone.whisker is None
    assert _doy(2015, 11, 26) < milestone.x < _doy(2015, 11, 27)
    # a bound carries its caveat mark, numbered left to right: ① is the undated 'before Aug
    # 2010' value, ② the lower bound of 2012 ('over 15'), the same note as 'at least 30'
    assert milestone.label == "≥30②\n2015.11.26"
    ytd = marks["2015-01/2015-11"]
    assert ytd.shape == POINT
    assert ytd.whisker == pytest.approx((2015.0, _doy(2015, 12, 1)))
    assert 2015.0 < ytd.x < _doy(2015, 12, 1)
    assert ytd.label.endswith("\n2015.1–11")
    q2 = marks["2013Q2"]
    assert q2.shape == POINT and _doy(2013, 4, 1) < q2.x < _doy(2013, 7, 1)
    march = marks["2014-03/2014-03"]
    assert march.shape == POINT and _doy(2014, 3, 1) < march.x < _doy(2014, 4, 1)
    assert march.label.endswith("\n2014.3")
    before = marks["<2010-08"]
    assert before.shape == POINT and before.open_before
    assert before.x == pytest.approx(_doy(2010, 7, 31), abs=0.003)
    assert before.whisker is not None and before.whisker[0] < before.x


def test_nothing_is_clipped(exports, briefing):
    for spec in (exports, briefing.chart_of("t_banks")):
        model = build_chart_model(spec, "en")
        lo, hi = model.x_range
        y0, y1 = model.y_range
        assert all(lo < m.left and m.right < hi for m in model.marks)
        for run in model.runs:
            assert lo < run.x.min() and run.x.max() < hi
            # the lowest point's marker is drawn whole: room below it
            assert y0 < run.y.min() - 0.03 * (y1 - y0)
        assert all(y0 <= min(0, m.value) and m.value < y1 for m in model.marks)


def test_a_long_series_is_a_line_with_each_year_over_its_tick(briefing):
    spec = briefing.chart_of("t_banks")
    model = build_chart_model(spec, "en")
    assert model.kind == "line"
    (run,) = model.runs
    ticks = {t.label: t.x for t in model.ticks}
    years = [1990, 1995, 2005, 2011]
    for year in years:
        i = list(run.y).index(10 + year - 1990)
        assert run.x[i] == pytest.approx(year + 0.5)
        assert ticks[str(year)] == pytest.approx(year + 0.5)


def _drawn(view):
    """What a ChartView drew: bar x positions, point x positions, tick positions."""
    import pyqtgraph as pg

    bars, points = [], []
    for item in view.plotItem.items:
        if isinstance(item, pg.BarGraphItem):
            bars.extend(float(x) for x in item.opts["x"])
        elif isinstance(item, pg.ScatterPlotItem):
            points.extend(float(x) for x in item.data["x"])
    ticks = {
        label: x for level in view.plotItem.getAxis("bottom")._tickLevels for x, label in level
    }
    return sorted(bars), sorted(points), ticks


def test_window_chart_and_pdf_chart_draw_the_same_places(qapp, briefing, exports):
    from qftz_desktop.export.pdf_brief import PdfCanvas
    from qftz_desktop.render.theme import SCREEN
    from qftz_desktop.ui.cards import ChartPanel

    panel = ChartPanel(briefing, exports, SCREEN, "en")
    window_view = panel.chart
    pdf_view = PdfCanvas.chart_view(exports, briefing, "en", 500, 260)
    expected_bars = [y + 0.5 for y in (2010, 2011, 2012, 2013, 2014, 2016)]
    for view in (window_view, pdf_view):
        bars, points, ticks = _drawn(view)
        assert bars == pytest.approx(expected_bars)
        assert len(points) == 5
        assert ticks["2015"] == pytest.approx(2015.5)
        milestone = max(points)
        assert int(milestone) == 2015 and milestone > _doy(2015, 11, 26)
        lo, hi = view.plotItem.getViewBox().viewRange()[0]
        assert lo < 2010 - 0.0 and hi > 2017  # whole years, nothing cut
    panel.deleteLater()


def test_focus_band_and_click_cover_the_whole_year(qapp, briefing, exports):
    from qftz_desktop.render.chart_view import ChartView
    from qftz_desktop.render.theme import SCREEN

    view = ChartView(exports, briefing, SCREEN, "en")
    view.set_focus_year(2015)
    assert view._focus_item.getRegion() == pytest.approx((2015.0, 2016.0))


def test_spans_of_different_lengths_are_never_joined_by_a_line(briefing):
    """A Jan–Mar value after a Jan–Nov one is not a fall: markers only, no line."""
    ytd = build_chart_model(briefing.chart_of("t_reforms"), "en")
    assert ytd.kind == "line"
    assert [r.joined for r in ytd.runs] == [False]
    assert all(r.markers for r in ytd.runs)
    years = build_chart_model(briefing.chart_of("t_banks"), "en")
    assert [r.joined for r in years.runs] == [True]


def test_drawn_ytd_series_has_no_line(qapp, briefing):
    from qftz_desktop.render.chart_view import ChartView
    from qftz_desktop.render.theme import SCREEN

    view = ChartView(briefing.chart_of("t_reforms"), briefing, SCREEN, "en", interactive=False)
    (item,) = view._lines.values()
    assert item.opts["pen"] is None and item.opts["symbol"] is not None


def test_a_period_without_a_place_is_listed_not_dropped_or_dated(
    qapp, briefing, exports, monkeypatch
):
    """The hook for undated periods: axis_x() None leaves the value off the axis, named."""
    from qftz_desktop.domain import chart_model
    from qftz_desktop.render.chart_view import ChartView
    from qftz_desktop.render.theme import SCREEN

    real = chart_model.axis_x
    monkeypatch.setattr(
        chart_model, "axis_x", lambda p: None if p.code.startswith("<") else real(p)
    )
    model = chart_model.build_chart_model(exports, "en")
    assert "<2010-08" not in {m.point.period.code for m in model.marks}
    (undated,) = model.off_axis
    # value, caveat mark, period, no invented date; numbered after the values on the axis
    # (① the bound of 2012 'over 15', ② 2013 'revised'): its undated period is ③
    assert undated.label == "9③\npre-2010.8"
    view = ChartView(exports, briefing, SCREEN, "en", interactive=False)
    import pyqtgraph as pg

    texts = [i.toPlainText() for i in view.plotItem.items if isinstance(i, pg.TextItem)]
    assert "Undated: 9③ pre-2010.8" in texts


def test_a_short_chart_keeps_its_legend_off_the_tallest_value(qapp, briefing):
    """The legend has a fixed size in pixels: on a short plot the value range grows instead of
    the legend covering the tallest value and its label (PDF columns, small windows)."""
    from qftz_desktop.export.pdf_brief import PdfCanvas

    spec = briefing.chart_of("t_imports")  # t_flows: imports and re-exports, with a legend
    view = PdfCanvas.chart_view(spec, briefing, "en", 360, 170)
    view.sync_geometry()
    vb = view.plotItem.getViewBox()
    legend = view.plotItem.legend.sceneBoundingRect()
    top_value = max(m.value for m in view.model.marks)
    tallest = max((m for m in view.model.marks), key=lambda m: m.value)
    y = vb.mapViewToScene(pg_point(tallest.x, top_value)).y()
    assert legend.bottom() + view.theme.label_px <= y


def pg_point(x, y):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)
