"""PowerPoint export: read back with python-pptx — slides, native charts and their data,
source lines, speaker notes, fonts, and the same bytes on a repeat export."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from qftz_desktop.cli import main
from qftz_desktop.domain.brief.compose import compose
from qftz_desktop.domain.brief.options import BriefOptions
from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.export.pptx import deck_bytes, export_pptx

DATE = "2026-01-22"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def _charts(prs):
    return [(i, s.chart) for i, sl in enumerate(prs.slides) for s in sl.shapes if s.has_chart]


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


@pytest.fixture(scope="module")
def test_briefing(test_snapshot_path):
    return load_briefing(test_snapshot_path)


@pytest.fixture(scope="module")
def bundled_briefing(bundled_path):
    return load_briefing(bundled_path)


def test_full_deck_chart_of_the_test_snapshot_holds_the_datas_values(test_briefing):
    """t_output in tests/factory.py: 2012 100 and 2014 150 reported, 2015 75 derived,
    2016 'over 200' target — one series per status, the status in the name."""
    data, _ = deck_bytes(test_briefing, BriefOptions(lang="en", kind="full", brief_date=DATE))
    prs = _open(data)
    found = [c for _, c in _charts(prs) if "Test output" in _chart_title(prs, c)]
    assert len(found) == 1
    chart = found[0]
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    plot = chart.plots[0]
    assert list(plot.categories) == ["2012", "2014", "2015", "2016"]
    series = {s.name: list(s.values) for s in plot.series}
    assert series == {
        "reported": [100.0, 150.0, None, None],
        "derived": [None, None, 75.0, None],
        "target": [None, None, None, 200.0],
    }
    by_name = {s.name: s for s in plot.series}
    # reported solid, derived patterned, target an outline with no fill and a dashed line
    sp = {n: s._element.find("{*}spPr") for n, s in by_name.items()}
    assert sp["reported"].find(f"{A}solidFill") is not None
    assert sp["derived"].find(f"{A}pattFill") is not None
    assert sp["target"].find(f"{A}noFill") is not None
    assert sp["target"].find(f"{A}ln/{A}prstDash").get("val") == "dash"
    # the bound keeps its qualifier in the bar label
    target_label = by_name["target"].points[3].data_label.text_frame.text
    assert target_label == ">200"
    assert chart.value_axis.axis_title.text_frame.text == "CNY 100 million"
    assert chart.category_axis.axis_title.text_frame.text == "Period"


def _chart_title(prs, chart) -> str:
    for slide in prs.slides:
        if any(s.has_chart and s.chart is chart for s in slide.shapes):
            return " ".join(_texts(slide))
    for slide in prs.slides:
        for s in slide.shapes:
            if s.has_chart and s.chart._chartSpace is chart._chartSpace:
                return " ".join(_texts(slide))
    return ""


def test_every_chart_of_the_bundled_deck_equals_the_snapshot(bundled_briefing):
    """Each native chart's series, read back, are the snapshot's observations of its metrics
    (value for value), looked up in the observations table, not in the exporter."""
    b = bundled_briefing
    data, _ = deck_bytes(b, BriefOptions(lang="zh", brief_date=DATE))
    prs = _open(data)
    obs = b.snapshot.observations
    charts = _charts(prs)
    doc = compose(b, BriefOptions(lang="zh", brief_date=DATE))
    assert len(charts) == len(doc.charts) >= 4
    for (_, chart), block in zip(charts, doc.charts, strict=True):
        spec = next(c for t in b.tabs for c in t.charts if c.id == block.chart_id)
        ids = {m.id for m in spec.metrics}
        rows = obs[obs["metric_id"].isin(ids)]
        expected = sorted(
            (float(v), st) for v, st in zip(rows["value"], rows["status"], strict=True)
        )
        got = []
        status_of = {"公开报道": "reported", "推算": "derived", "目标": "target"}
        for s in chart.plots[0].series:
            status = next(v for k, v in status_of.items() if k in s.name)
            got += [(float(v), status) for v in s.values if v is not None]
        assert sorted(got) == expected, block.title
        assert len(chart.plots[0].categories) == len(set(rows["period"]))


def test_slides_follow_the_document_and_each_carries_source_and_snapshot_line(
    bundled_briefing,
):
    b = bundled_briefing
    options = BriefOptions(lang="en", brief_date=DATE)
    doc = compose(b, options)
    prs = _open(deck_bytes(b, options)[0])
    slides = list(prs.slides)
    titles = [" ".join(_texts(s)) for s in slides]
    assert doc.title in titles[0]
    # the key charts in the document's order, one slide each, takeaway as subtitle
    chart_slides = [i for i, s in enumerate(slides) if any(x.has_chart for x in s.shapes)]
    assert len(chart_slides) == len(doc.charts)
    for i, block in zip(chart_slides, doc.charts, strict=True):
        assert block.title in titles[i] and block.takeaway in titles[i]
    assert "Target scorecard" in titles[chart_slides[0] - 1]
    assert "What the data cannot say" in " ".join(titles[chart_slides[-1] + 1 :])
    assert titles[-1].count("Sources") >= 1
    short = b.snapshot.short_id
    for n, slide in enumerate(slides, 1):
        foot = _texts(slide)[-1]
        assert foot.startswith("Source: "), (n, foot)
        assert f"Data as of: {b.snapshot.as_of}" in foot and short in foot, (n, foot)


def test_notes_hold_the_presenters_words_caveats_and_full_sources(bundled_briefing):
    b = bundled_briefing
    doc = compose(b, BriefOptions(lang="zh", brief_date=DATE))
    chart = doc.charts[0]
    notes = {"cover": "先讲港口，七分钟。", chart.chart_id: "Mention the 2023 dip."}
    options = BriefOptions(lang="zh", brief_date=DATE, notes=notes)
    prs = _open(deck_bytes(b, options)[0])
    slides = list(prs.slides)
    assert "【主讲人备注】\n先讲港口，七分钟。" in _notes(slides[0])
    # never printed on the slide itself
    assert all("先讲港口" not in t for s in slides for t in _texts(s))
    chart_slide = next(s for s in slides if any(x.has_chart for x in s.shapes))
    text = _notes(chart_slide)
    assert "Mention the 2023 dip." in text
    for sid in chart.source_ids:
        assert b.sources[sid].cite() in text
    assert "【来源】" in text


def test_text_is_set_as_east_asian_with_projector_sizes(bundled_briefing):
    prs = _open(deck_bytes(bundled_briefing, BriefOptions(lang="zh", brief_date=DATE))[0])
    sizes = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    rpr = r._r.find(f"{A}rPr")
                    assert rpr.find(f"{A}ea").get("typeface") == "Microsoft YaHei"
                    assert rpr.find(f"{A}latin").get("typeface") == "Arial"
                    assert rpr.get("lang") == "zh-CN"
                    sizes.append(r.font.size.pt)
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for p in cell.text_frame.paragraphs:
                            assert all(r.font.size.pt >= 18 for r in p.runs)
    # titles and body at 18 pt or more; only the kicker and the footer lines are smaller
    assert max(sizes) >= 32 and sum(s >= 18 for s in sizes) > len(sizes) / 2
    assert min(sizes) >= 14


def test_repeat_exports_are_byte_identical_with_fixed_dates(bundled_briefing, tmp_path):
    options = BriefOptions(lang="zh", brief_date=DATE)
    first = export_pptx(bundled_briefing, tmp_path / "a.pptx", options)
    second = export_pptx(bundled_briefing, tmp_path / "b.pptx", options)
    assert first.path.read_bytes() == second.path.read_bytes()
    z = zipfile.ZipFile(first.path)
    assert z.namelist()[0] == "[Content_Types].xml"
    assert {i.date_time for i in z.infolist()} == {(2026, 1, 22, 0, 0, 0)}
    core = z.read("docProps/core.xml").decode()
    assert "2026-01-22T00:00:00Z" in core and core.count("2026-01-22T00:00:00Z") == 2
    for name in z.namelist():
        if name.endswith(".xlsx"):
            inner = zipfile.ZipFile(io.BytesIO(z.read(name)))
            assert {i.date_time for i in inner.infolist()} == {(2026, 1, 22, 0, 0, 0)}
            assert "2026-01-22T00:00:00Z" in inner.read("docProps/core.xml").decode()
    assert not list(tmp_path.glob("*.part"))


def test_cli_with_notes_file_and_since(tmp_path, bundled_briefing, test_snapshot_path, capsys):
    cid = bundled_briefing.snapshot.content_id
    notes = tmp_path / "notes.json"
    notes.write_text(
        json.dumps(
            {
                "format": "qftz-notes",
                "version": 1,
                "snapshots": {cid: {"notes": {"cover": "From the notes file."}}},
            }
        ),
        "utf-8",
    )
    out = tmp_path / "deck.pptx"
    argv = ["export-pptx", "--out", str(out), "--lang", "en", "--date", DATE]
    assert main([*argv, "--notes", str(notes), "--since", str(test_snapshot_path)]) == 0
    assert "slides)" in capsys.readouterr().out
    prs = Presentation(str(out))
    slides = list(prs.slides)
    assert "From the notes file." in _notes(slides[0])
    changed = [s for s in slides if any("What changed" in t for t in _texts(s))]
    assert changed, "the 'what changed' slides are missing"
    # bad inputs: one message naming the file or option, no traceback
    assert main([*argv, "--notes", str(tmp_path / "missing.json")]) == 1
    assert "missing.json" in capsys.readouterr().err
    assert main(["export-pptx", "--out", str(out), "--date", "22/01/2026"]) == 2
    assert main(["export-pptx", "--out", str(out), "--from", "2099"]) == 2


def test_deck_exports_without_pillow(tmp_path):
    """The bundle leaves Pillow out (23 MB): the export must not need it."""
    code = (
        "import sys; sys.modules['PIL'] = None\n"
        "from qftz_desktop.cli import main\n"
        f"sys.exit(main(['export-pptx', '--out', {str(tmp_path / 'x.pptx')!r}, "
        f"'--date', '{DATE}']))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(tmp_path / "x.pptx").testzip() is None


def test_line_chart_points_that_are_bounds_carry_their_qualifier():
    """A long series is a line chart; a bound among its points keeps its 'over' in the label,
    and a target series is dashed (written down: 12 yearly values, the last one 'over 30')."""
    from qftz_desktop.export.pptx import _import_pptx
    from qftz_desktop.export.pptx_chart import ChartPlan, SeriesPlan, add_chart

    _import_pptx()
    cats = tuple(str(y) for y in range(2010, 2023))
    values = tuple(float(v) for v in range(10, 22)) + (30.0,)
    labels = tuple(str(int(v)) for v in values[:-1]) + (">30",)
    plan = ChartPlan(
        "line",
        cats,
        (
            SeriesPlan("reported", "m", "reported", "0072B2", values, labels),
            SeriesPlan("target", "m", "target", "0072B2", (None,) * 12 + (40.0,),
                       ("",) * 12 + ("40",)),
        ),
        "%",
        "Period",
    )  # fmt: skip
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    chart = add_chart(slide, plan, 0, 0, 9144000, 5000000, "en").chart
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    reported, target = chart.plots[0].series
    assert reported.points[12].data_label.text_frame.text == ">30"
    assert not reported.points[3].data_label.has_text_frame  # exact: the number itself
    dash = target._element.find(f"{{*}}spPr/{A}ln/{A}prstDash")
    assert dash is not None and dash.get("val") == "dash"


def test_two_values_of_one_period_and_status_are_both_drawn():
    """Two sources that disagree about the same period (2021: 1,870 and 1,890) are two series,
    the second named as another source — neither value is dropped."""
    from qftz_desktop.domain.brief.model import ChartBlock, Value
    from qftz_desktop.export.pptx_chart import plan_chart

    def v(number: float, code: str, source: str) -> Value:
        return Value(f"{number}", number, "exact", "reported", code, "亿元", "片区", source, "m",
                     None, code)  # fmt: skip

    block = ChartBlock(
        "chart:m", "trade", "t", "范围：片区 · 单位：亿元", "", "",
        values=(v(1500, "2020", "S1"), v(1870, "2021", "S1"), v(1890, "2021", "N3")),
    )  # fmt: skip
    plan = plan_chart(block, "bar", {"m": "外贸"}, "zh")
    assert plan.categories == ("2020", "2021")
    assert [(s.name, s.values) for s in plan.series] == [
        ("公开报道", (1500, 1870)),
        ("公开报道，另一来源", (None, 1890)),
    ]
    assert plan.value_title == "亿元"


def test_scorecard_and_table_cells_carry_the_marks_of_the_speaker_notes(bundled_briefing):
    """A bounded target ('over CNY 100 bn', PR2024: '1000亿元以上') shows its mark in the
    scorecard cell, and the speaker notes explain that number, as the PDF's footnote does
    (the deck's tables once carried no marks at all)."""
    import re

    options = BriefOptions(lang="en", brief_date=DATE)
    prs = _open(deck_bytes(bundled_briefing, options)[0])
    marks = re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]+")
    checked = 0
    for slide in prs.slides:
        if not slide.has_notes_slide:
            continue
        notes = _notes(slide)
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for row in shape.table.rows:
                for cell in row.cells:
                    text = cell.text_frame.text
                    if text.startswith("over CNY 100 bn"):
                        found = marks.search(text)
                        assert found, text  # a lower bound is marked
                        for mark in found.group(0):
                            assert f"{mark} " in notes  # …and the notes say what it means
                        checked += 1
    assert checked >= 1
