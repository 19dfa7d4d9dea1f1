"""Behaviour that keeps large snapshots usable: lazy chart panels, capped PDF tables, lazy data
tables, and the frame-based lookups that replace per-observation objects."""

from __future__ import annotations

import csv
import importlib.util
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from qftz_desktop.domain.briefing import Briefing, FigureCard
from qftz_desktop.export.pdf_brief import TABLE_CAPPED_ROWS, TABLE_MAX_ROWS, BriefJob, BriefOptions
from qftz_desktop.snapshot.reader import open_snapshot
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import TAB_IDS, MainWindow

REPO = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_snapshot", REPO / "benchmarks" / "generate_snapshot.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_path(tmp_path_factory) -> Path:
    """A generated snapshot of 20 000 observations: 300 line charts of ~67 values each."""
    gen = _generator()
    path = tmp_path_factory.mktemp("scale") / "big.sqlite"
    gen.write(gen.make_tables(20_000), path)
    return path


@pytest.fixture(scope="module")
def big(big_path) -> Briefing:
    return Briefing(open_snapshot(big_path))


def _settle(qtbot, page, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    qtbot.wait(20)
    while page.busy() and time.monotonic() < deadline:
        qtbot.wait(20)
    assert not page.busy()


def test_a_tab_builds_only_the_charts_in_view(qtbot, big):
    make_application()
    win = MainWindow(big, lang="en")
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    tab = TAB_IDS.index("trade")
    win.tabs.setCurrentIndex(tab)
    page = win.tabs.widget(tab).content
    _settle(qtbot, page)
    assert len(page.panels) == len(big.tab("trade").charts) > 20
    built = [p for p in page.panels if p.is_built]
    assert 1 <= len(built) <= 8, len(built)
    assert all(not p.visibleRegion().isEmpty() for p in built)
    assert all(p.chart is None for p in page.panels if not p.is_built)

    # a selection made now reaches the charts built later
    sel = win.selection
    sel.set_range(sel.year_from + 10, sel.year_to)
    sel.set_focus(sel.year_from + 5)
    last = page.panels[-1]
    assert not last.is_built
    page.ensureWidgetVisible(last)
    _settle(qtbot, page)
    assert last.is_built and last.chart is not None
    assert last.chart.year_range == (sel.year_from, sel.year_to)
    assert last.chart.focus_year == sel.focus_year
    assert sum(p.is_built for p in page.panels) < len(page.panels)

    # page(tab) — complete — still gives every panel its chart
    page = win.page("trade")
    assert all(p.chart is not None for p in page.panels)
    assert all(p.chart.year_range == (sel.year_from, sel.year_to) for p in page.panels)
    win.close()


def test_range_change_on_line_charts_keeps_their_items(qtbot, big):
    make_application()
    win = MainWindow(big, lang="zh")
    qtbot.addWidget(win)
    page = win.page("finance")
    chart = next(p.chart for p in page.panels if p.spec.kind == "line")
    items = list(chart.plotItem.listDataItems())
    lo, hi = win.selection.bounds
    win.selection.set_range(lo + 20, hi - 20)
    assert chart.year_range == (lo + 20, hi - 20)
    assert list(chart.plotItem.listDataItems()) == items  # new data, same items
    x = items[0].getData()[0]
    assert x.min() >= lo + 20 and x.max() < hi - 20 + 1
    win.close()


def _drawn_legend(view) -> list[tuple[float, str]]:
    """The legend as painted: each key's row (its label's top edge in the scene) and text."""
    legend = view.plotItem.legend
    if legend is None:
        return []
    view.resize(640, 320)
    view.sync_geometry()  # lays the legend out, as an export does before painting it
    return [(round(label.sceneBoundingRect().top(), 1), label.text) for _s, label in legend.items]


# The keys of chart group t_flows, written down from the observations legend_path adds: one
# key per metric and status with values in the range; a chart of several metrics has two
# columns of keys.
LEGEND_CASES = {
    None: [
        "Test imports",
        "Test imports (derived)",
        "Test imports (target)",
        "Test re-exports",
        "Test re-exports (target)",
    ],  # 5 keys: 3 rows
    (2011, 2011): ["Test imports", "Test imports (derived)", "Test re-exports"],  # 2 rows
    (2012, 2012): ["Test imports", "Test re-exports"],  # 1 row
    (2000, 2003): [],  # nothing in range: no legend
}


def test_line_legend_rows_are_the_rows_drawn(qapp, legend_path):
    """line_legend_rows sizes PDF charts before they are drawn: it must give the rows the drawn
    legend really has (counted from the painted keys' positions), and the keys must be the ones
    the data calls for."""
    from qftz_desktop.render.chart_view import ChartView, line_legend_rows
    from qftz_desktop.render.theme import PRINT

    briefing = Briefing(open_snapshot(legend_path))
    spec = briefing.chart_of("t_imports")
    assert spec is not None and spec.kind == "line"
    assert [s.metric.id for s in spec.series] == ["t_imports", "t_reexports"]
    for years, keys in LEGEND_CASES.items():
        view = ChartView(spec, briefing, PRINT, "en", interactive=False, year_range=years)
        drawn = _drawn_legend(view)
        assert sorted(text for _y, text in drawn) == sorted(keys), years
        rows = len({y for y, _text in drawn})
        assert rows == -(-len(keys) // 2), (years, drawn)  # two columns
        assert line_legend_rows(spec, years) == rows, years
        view.deleteLater()

    # one metric: up to three keys to a row (t_fdi has reported months and a target)
    spec = briefing.chart_of("t_fdi")
    assert spec is not None and spec.kind == "line" and len(spec.series) == 1
    view = ChartView(spec, briefing, PRINT, "en", interactive=False, year_range=(2011, 2012))
    drawn = _drawn_legend(view)
    assert sorted(text for _y, text in drawn) == ["Test FDI", "Test FDI (target)"]
    assert len({y for y, _t in drawn}) == 1 == line_legend_rows(spec, (2011, 2012))
    view.deleteLater()


def test_predicted_legend_rows_match_the_drawn_legend_at_scale(qapp, big):
    """The generated snapshot's line charts: predicted rows = rows of painted keys."""
    from qftz_desktop.render.chart_view import ChartView, line_legend_rows
    from qftz_desktop.render.theme import PRINT

    specs = [c for t in big.tabs for c in t.charts if c.kind == "line"][:40]
    assert len(specs) == 40
    for spec in specs:
        for years in (None, (2000, 2003)):
            view = ChartView(spec, big, PRINT, "en", interactive=False, year_range=years)
            drawn = _drawn_legend(view)
            assert drawn, spec.id  # reported, derived and target values: three keys at least
            assert line_legend_rows(spec, years) == len({y for y, _t in drawn}), spec.id
            view.deleteLater()


@pytest.fixture(scope="module")
def legend_path(tmp_path_factory) -> Path:
    """The test snapshot plus monthly values for 2011–2012: both metrics of chart group t_flows
    (t_imports with a derived value and a target, t_reexports with a target) and t_fdi (with a
    target in 2011-12)."""
    from factory import write_sources
    from qftz_desktop.snapshot.builder import build_snapshot

    rows = []
    for k in range(24):
        period = f"{2011 + k // 12}-{1 + k % 12:02d}"
        rows.append(("t_imports", period, str(20 + k), "exact", "reported", "T1", "m", "", ""))
        rows.append(("t_reexports", period, str(5 + k), "exact", "reported", "T1", "m", "", ""))
        if period != "2011-12":
            rows.append(("t_fdi", period, str(50 + k), "exact", "reported", "T1", "m", "", ""))
    rows.append(("t_imports", "2011-06", "40", "exact", "derived", "T1", "", "20 + 20 = 40", ""))
    rows.append(("t_imports", "2014-12", "60", "exact", "target", "T1", "target 60", "", ""))
    rows.append(("t_reexports", "2015-12", "30", "exact", "target", "T1", "target 30", "", ""))
    rows.append(("t_fdi", "2011-12", "90", "exact", "target", "T1", "target 90", "", ""))
    folder = tmp_path_factory.mktemp("legend")
    path = folder / "legend.sqlite"
    build_snapshot(write_sources(folder / "src", extra_observations=rows), path)
    return path


def test_point_for_a_long_series_picks_the_values_written_down(long_path):
    """t_fdi in long_path: 60 monthly values 100 + 7k (k = 0 for 2011-01), every tenth a target
    (k = 9, 19, …), plus the factory's 2013-01/2013-06 = 120 and 2014 = 300."""
    card = FigureCard(Briefing(open_snapshot(long_path)).series["t_fdi"])
    assert len(card.series) > 12  # the column path, not the short-series one
    expected = {
        2012: (261.0, "2012-12", True),  # the year's latest reported (k = 23)
        2013: (345.0, "2013-12", True),  # k = 35, later than the H1 span's 120
        None: (506.0, "2015-11", False),  # 2015-12 (k = 59) is a target: not the latest value
        1900: (506.0, "2015-11", False),  # no value that year: the latest, flagged as such
    }
    for year, (value, period, exact) in expected.items():
        point, matches = card.point_for(year)
        assert (point.value, point.period.code, matches) == (value, period, exact), year
        assert point.status == "reported"


@pytest.fixture(scope="module")
def long_path(tmp_path_factory) -> Path:
    """The test snapshot with one metric of 60 monthly values (a capped PDF table) in a chart
    group of two metrics."""
    from factory import write_sources
    from qftz_desktop.snapshot.builder import build_snapshot

    folder = tmp_path_factory.mktemp("long")
    src = write_sources(folder / "src")
    with (src / "observations.csv").open("a", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for k in range(60):
            year, month = 2011 + k // 12, 1 + k % 12
            status = "target" if k % 10 == 9 else "reported"
            row = ["t_fdi", f"{year}-{month:02d}", str(100 + 7 * k), "exact", status]
            writer.writerow([*row, "T1", "monthly", "", "", ""])
    path = folder / "long.sqlite"
    build_snapshot(src, path)
    return path


def test_a_long_table_in_the_pdf_is_capped_and_says_so(qapp, long_path, tmp_path):
    briefing = Briefing(open_snapshot(long_path))
    chart = briefing.chart_of("t_fdi")
    assert chart is not None and chart.kind == "line"
    total = sum(len(s) for s in chart.series)
    assert total > TABLE_MAX_ROWS
    for lang, words in (("en", "This table lists the latest"), ("zh", "本表仅列出最近的")):
        out = tmp_path / f"long-{lang}.pdf"
        job = BriefJob(briefing, out, BriefOptions(kind="full", lang=lang))
        job.run()
        assert job.composer.capped == [(chart.id, TABLE_CAPPED_ROWS, total)]
        text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
        text = "".join(text.split())
        assert "".join(words.split()) in text
        assert str(total) in text and str(total - TABLE_CAPPED_ROWS) in text
        # the rows listed are the latest ones; everything else is still tabulated
        ids = {int(i) for i in briefing.snapshot.observations["id"]}
        chart_ids = {int(i) for s in chart.series for i in s.frame["id"]}
        assert set(job.composer.shown) | chart_ids == ids
        listed = set(job.composer.shown) & chart_ids
        assert len(listed) == TABLE_CAPPED_ROWS
        ends = sorted(
            (e, int(i))
            for s in chart.series
            for e, i in zip(s.frame["period_end"], s.frame["id"], strict=True)
        )
        assert listed == {i for _e, i in ends[-TABLE_CAPPED_ROWS:]}


def test_the_data_table_of_a_long_series_is_complete(qtbot, big):
    from qftz_desktop.domain.caveats import point_notes

    make_application()
    win = MainWindow(big, lang="en")
    qtbot.addWidget(win)
    spec = max((c for t in big.tabs for c in t.charts), key=lambda c: len(c.series[0]))
    dialog = win.show_data(spec)
    n = sum(len(s) for s in spec.series)
    assert dialog.model.rowCount() == n == len(dialog.rows)
    s = spec.series[0]
    last = dialog.model.index(len(s) - 1, 2)
    # the cell shows a caveat mark (①②…) per note of the value; the row (CSV) keeps the number
    notes = point_notes(s.point(len(s) - 1), s.metric, "en")
    shown, number = dialog.model.data(last), dialog.rows[len(s) - 1]["Value"]
    assert shown.startswith(number) and len(shown) == len(number) + len(notes)
    assert all("\u2460" <= ch <= "\u32bf" for ch in shown[len(number) :])
    assert float(dialog.rows[len(s) - 1]["Value"]) == pytest.approx(float(s.values[-1]))
    assert list(dialog.rows[0]) == dialog.model.headers
    dialog.close()
    win.close()


def test_a_section_of_many_charts_is_cut_and_names_what_it_leaves_out(qapp, big_path, tmp_path):
    from qftz_desktop.export.pdf_brief import MAX_CHARTS_PER_SECTION

    briefing = Briefing(open_snapshot(big_path))
    busiest = max(briefing.tabs, key=lambda t: len(t.charts))
    assert len(busiest.charts) > MAX_CHARTS_PER_SECTION
    out = tmp_path / "many.pdf"
    job = BriefJob(briefing, out, BriefOptions(kind="full", lang="en"))
    job.run()
    left_out = [c.id for t in briefing.tabs for c in t.charts[MAX_CHARTS_PER_SECTION:]]
    assert job.composer.charts_left_out == left_out
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    hidden = len(busiest.charts) - MAX_CHARTS_PER_SECTION
    assert f"{hidden} more are not in the brief" in text
    assert busiest.charts[MAX_CHARTS_PER_SECTION].title("en") in text
