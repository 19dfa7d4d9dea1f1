"""The meeting brief, read back from real PDFs: length, scorecard, takeaways, caveats, notes.

Expected values are written down from the bundled snapshot's rows (data/source), not from
the code: the IC park completed 580亿元 by June 2024 (PR2024) against a 2025 target of "over
1,000亿元", so its progress is *under* 58 %; the zone had 25,000 business entities in Sept 2022
(S38) against "at least 30,000" for 2022 (S5), so *under* 83.4 %; the zone's 2021 trade
(1,890亿元, N3; S1 says 1,870亿元) is not the 2022 target's own year, so no progress is given.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from qftz_desktop.domain.brief.compose import compose, key_charts
from qftz_desktop.domain.brief.model import ChartBlock, PresenterNote, Scorecard
from qftz_desktop.domain.brief.options import BriefOptions
from qftz_desktop.export.pdf_brief import BriefJob

DATE = "2026-11-29"
CASES = [(lang, paper) for lang in ("zh", "en") for paper in ("A4", "Letter")]
MARKS = re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")


def _bare(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def meeting(qapp, bundled, tmp_path_factory):
    """(lang, paper, notes key) -> (path, job, page texts), exported once each."""
    folder = tmp_path_factory.mktemp("meeting")
    cache: dict = {}

    def get(lang: str, paper: str, notes: tuple = ()):
        key = (lang, paper, notes)
        if key not in cache:
            path = folder / f"m-{lang}-{paper}-{len(notes)}.pdf"
            options = BriefOptions(
                kind="meeting", lang=lang, paper=paper, brief_date=DATE, notes=dict(notes)
            )
            job = BriefJob(bundled, path, options)
            job.run()
            texts = [p.extract_text() for p in PdfReader(path).pages]
            cache[key] = (path, job, texts)
        return cache[key]

    return get


@pytest.mark.parametrize(("lang", "paper"), CASES)
def test_meeting_brief_fits_on_four_pages(meeting, lang, paper):
    path, job, texts = meeting(lang, paper)
    assert 2 <= len(texts) == job.total <= 4
    # the kind is the meeting brief: no data-book section (its contents page) is there
    assert "目录" not in _bare(texts[0]) and "Contents" not in texts[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scorecard_checkable_against_the_data(meeting, bundled, lang):
    _path, _job, texts = meeting(lang, "A4")
    bare = _bare("\n".join(texts))
    doc = compose(bundled, BriefOptions(kind="meeting", lang=lang, brief_date=DATE))
    card = doc.scorecard
    assert isinstance(card, Scorecard)
    # every target row of the snapshot (13 in data/source/observations.csv)
    assert len(card.rows) == 13
    rows = {(r.metric_id, r.target.period_code): r for r in card.rows}
    ic = rows[("ic_park_investment_completed", "2025")]
    assert ic.progress == ("不到58%" if lang == "zh" else "under 58%")
    assert ic.progress_high == pytest.approx(0.58) and ic.progress_low is None
    assert ic.status == "unknown"  # the 2025 deadline has passed; no 2025 value to judge by
    ent = rows[("ftz_enterprises", "2022")]
    # 25,000 ÷ [30,000, ∞) = at most 83.33…%, rounded up to one decimal so it stays true
    assert ent.progress == ("不到83.4%" if lang == "zh" else "under 83.4%")
    trade = rows[("ftz_trade_value", "2022?")]
    assert trade.actual is not None and trade.actual.period_code == "2021"
    assert trade.progress == "" and trade.status == "unknown"
    # what the reader sees on the page
    for text in (ic.progress, ent.progress, ic.status_text):
        assert _bare(text) in bare


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_takeaway_under_every_chart(meeting, bundled, lang):
    _path, _job, texts = meeting(lang, "A4")
    pages = [_bare(t) for t in texts]
    doc = compose(bundled, BriefOptions(kind="meeting", lang=lang, brief_date=DATE))
    charts = doc.charts
    assert 4 <= len(charts) <= 6
    for chart in charts:
        assert chart.takeaway
        where = [i for i, p in enumerate(pages) if _bare(chart.takeaway) in p]
        assert where, chart.takeaway
        # the takeaway is on the page of the chart's title
        assert any(_bare(chart.title)[:20] in pages[i] for i in where)


def test_key_charts_follow_the_headline_positions(bundled):
    # headline positions in data/source/metrics.csv: 1 ftz_f500_projects_total,
    # 2 ftz_trade_share_city, 3 ftz_trade_growth_avg, 5 port_cargo_world_rank,
    # 7 ftz_innovation_cumulative, 8 ic_park_investment_completed; one chart per tab first
    ids = [c.id for c in key_charts(bundled)]
    assert ids == [
        "chart:ftz_f500|count|ftz",
        "chart:ftz_share_of_city|pct|ftz",
        "chart:port_cargo_world_rank",
        "chart:ftz_innovation_cumulative",
        "chart:ic_park_investment|cny_100m|park",
    ]
    # the user's own choice replaces the rule, in its order
    chosen = ["chart:port_cargo_world_rank", "chart:nope", "chart:ftz_trade_value"]
    assert [c.id for c in key_charts(bundled, chosen=chosen)] == [
        "chart:port_cargo_world_rank",
        "chart:ftz_trade_value",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_caveats_are_footnotes_on_the_page_of_their_value(meeting, bundled, lang):
    """Every mark next to a value has its footnote on that page; every note of a charted
    value is printed on the page of its chart; the 'how to read' line explains the marks."""
    _path, _job, texts = meeting(lang, "A4")
    doc = compose(bundled, BriefOptions(kind="meeting", lang=lang, brief_date=DATE))
    how = "数字后的①②…表示" if lang == "zh" else "①, ②… after a value (in a table,"
    for n, text in enumerate(texts, start=1):
        lines = [ln.strip() for ln in text.splitlines() if _bare(how) not in _bare(ln)]
        notes = {ln[0] for ln in lines if MARKS.match(ln or " ")}
        used = set(MARKS.findall("\n".join(lines)))
        assert used <= notes, f"page {n}: marks without a footnote {used - notes}"
    pages = [_bare(t) for t in texts]
    checked = 0
    for chart in doc.charts:
        page = next(p for p in pages if _bare(chart.takeaway) in p)
        for value in chart.values:
            for cav in value.caveats:
                if cav.kind in ("note", "conflict"):
                    assert _bare(cav.text) in page, (chart.chart_id, cav.text)
                    checked += 1
    assert checked >= 5
    assert _bare(how) in "".join(pages)


def test_notes_in_both_languages_are_the_snapshots(bundled):
    """The notes printed are the observation's own, in the reader's half of the pair."""
    doc_zh = compose(bundled, BriefOptions(kind="meeting", lang="zh", brief_date=DATE))
    doc_en = compose(bundled, BriefOptions(kind="meeting", lang="en", brief_date=DATE))
    # N3's 2021 trade, 1,890亿元, the scorecard's latest actual for the 2022 target: its note
    # in data/source says it conflicts with S1's 1,870亿元
    (n3,) = [
        p.obs_id
        for p in bundled.series["ftz_trade_value"].points
        if p.period.code == "2021" and p.source_id == "N3"
    ]
    zh = {(c.kind, c.text) for v in doc_zh.values() if v.obs_id == n3 for c in v.caveats}
    en = {(c.kind, c.text) for v in doc_en.values() if v.obs_id == n3 for c in v.caveats}
    assert any(k == "conflict" and t.startswith("与S1（德文，未标年份）") for k, t in zh)
    assert not any("Conflicts" in t for _k, t in zh)
    assert any(k == "conflict" and t.startswith("Conflicts with S1's 1870") for k, t in en)
    assert not any("不符" in t for _k, t in en)


def test_presenters_remarks_are_printed_apart(meeting, bundled):
    notes = (
        ("cover", "先讲开放平台，再讲产业。"),
        ("chart:port_cargo_world_rank", "港口排名用于开场。"),
    )
    _path, job, texts = meeting("zh", "A4", notes)
    bare = _bare("\n".join(texts))
    assert "先讲开放平台，再讲产业。" in bare and "港口排名用于开场。" in bare
    assert bare.count("主讲人备注") >= 2  # each note under its label, not mixed with data
    doc = compose(bundled, job.options)
    assert doc.blocks_of(PresenterNote)[0].text == "先讲开放平台，再讲产业。"
    chart = next(c for c in doc.charts if c.chart_id == "chart:port_cargo_world_rank")
    assert isinstance(chart, ChartBlock) and chart.notes == "港口排名用于开场。"
    assert len(texts) <= 4


def test_cover_gives_the_age_of_the_data(meeting, bundled):
    """As-of date, the newest zone-wide figure and the brief's own date (issue 10, point 9)."""
    _path, _job, texts = meeting("en", "A4")
    first = _bare(texts[0])
    assert _bare("Data as of 2026-01-22") in first
    # newest reported zone-wide value in data/source/observations.csv: marine species
    # sequenced, over 560 as of 23 Aug 2025 (N28)
    assert _bare("latest zone-wide figure: Aug 2025") in first
    assert DATE in first


@pytest.mark.parametrize(("lang", "paper"), CASES)
def test_no_near_empty_last_page(meeting, lang, paper):
    """The last page carries real content — it once held the sources' last line alone (zh,
    A4): at least a quarter of its body is used, and it has more than that one line."""
    _path, job, texts = meeting(lang, paper)
    renderer = job.composer
    assert renderer.page_fill(renderer.pages[-1]) >= 0.25
    last = _bare(texts[-1])
    more = "各来源的标题和网址见数据简报" if lang == "zh" else "Titlesandaddressesofeverysource"
    body = last[: last.index(more)] if more in last else last
    assert len(body) > 200, body


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_one_gives_the_zone_in_three_lines_with_sources(meeting, lang):
    """What the zone is, when it was approved, where: the press release's words
    (data/source/snapshot.csv, quoted from PR2024 of 26 June 2024), each with its source."""
    _path, _job, texts = meeting(lang, "A4")
    first = _bare(texts[0])
    expected = {
        "zh": [
            "“全市对外开放高能级平台”作用，“以制度创新为核心”。[PR2024]",
            "片区“获批近五年来”；2019年8月挂牌。[PR2024;S5]",
            "位置：青岛，“紧邻日韩、连接沿黄、辐射东北亚”。[PR2024]",
        ],
        "en": [
            "'high-level platform for opening up', with 'institutional innovation at its core'. "
            "[PR2024]",
            "before the press conference of 26 June 2024 ('获批近五年来'); launched in August "
            "2019. [PR2024; S5]",
            "'close to Japan and Korea, linked to the Yellow River basin, reaching out to "
            "Northeast Asia'. [PR2024]",
        ],
    }[lang]
    for line in expected:
        assert _bare(line) in first, line
    # S5 is cited, so it is in the sources block
    assert "[S5]" in "".join(texts)


def test_export_pdf_command_kinds(tmp_path):
    """The command: meeting by default, --kind full the data book; same bytes twice."""
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    import os
    import sys

    env = {**os.environ, **env, "SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01
    out = {}
    for kind in ("meeting", "full", "again"):
        path = tmp_path / f"{kind}.pdf"
        args = ["--kind", "full"] if kind == "full" else []
        done = subprocess.run(
            [sys.executable, "-m", "qftz_desktop", "export-pdf", "--out", str(path), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=240,
        )
        assert done.returncode == 0, done.stderr
        out[kind] = path
    meeting_pages = len(PdfReader(out["meeting"]).pages)
    assert meeting_pages <= 4 < len(PdfReader(out["full"]).pages)
    assert out["meeting"].read_bytes() == out["again"].read_bytes()
    assert "2026-12-01" in PdfReader(out["meeting"]).pages[0].extract_text()
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "qftz_desktop",
            "export-pdf",
            "--out",
            str(tmp_path / "x.pdf"),
            "--from",
            "2024",
            "--to",
            "2020",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 2 and "--from 2024 is after --to 2020" in bad.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_book_notes_on_the_page_of_their_value(qapp, bundled, tmp_path, lang):
    """Issue 10, point 3: every observation with a note in the snapshot has that note as a
    footnote on each PDF page of the data book that shows its value (read back from the PDF),
    and the 'how to read' box explains the marks."""
    from qftz_desktop.domain.caveats import caveats_for

    path = tmp_path / f"book-{lang}.pdf"
    job = BriefJob(bundled, path, BriefOptions(kind="full", lang=lang, brief_date=DATE))
    job.run()
    pages = [_bare(p.extract_text()) for p in PdfReader(path).pages]
    assert len(pages) == job.total
    points = {p.obs_id: (s.metric, p) for s in bundled.series.values() for p in s.points}
    noted = {i for i, (_m, p) in points.items() if p.note}
    assert len(noted) >= 40  # the bundled snapshot notes many values (data/source)
    seen: set[int] = set()
    for n, page in enumerate(job.composer.pages):
        for block, _y in page.blocks:
            for obs in block.obs_ids:
                if obs not in noted:
                    continue
                metric, point = points[obs]
                note = next(c for c in caveats_for(point, metric, lang) if c.kind != "bound")
                assert _bare(note.text) in pages[n], (n + 1, obs, note.text)
                seen.add(obs)
    assert seen == noted  # every noted observation is shown somewhere, with its note
    marks = "数字后的①②…表示" if lang == "zh" else "①, ②… after a value mark a note"
    assert _bare(marks) in pages[0]


def test_meeting_deck_is_the_default_and_shows_the_brief(qapp, bundled):
    """Issue 12, item 5: the default deck is the meeting deck — title, headline figures,
    scorecard, the key charts with their takeaways, caveats, sources — about 8–15 slides."""
    from PySide6.QtCore import QSize

    from qftz_desktop.domain.deck import Deck, DeckChoice, meeting_ids
    from qftz_desktop.render.slide_view import build_slide_view
    from qftz_desktop.render.theme import PROJECTOR_DARK

    deck = Deck(bundled)
    ids = meeting_ids(deck)
    assert 8 <= len(ids) <= 15
    kinds = [deck.get(i).kind for i in ids]
    assert kinds[0] == "title" and kinds[-2:] == ["caveats", "sources"]
    order = ["title", "kpis", "scorecard", "chart", "caveats", "sources"]
    assert [order.index(k) for k in kinds] == sorted(order.index(k) for k in kinds)
    charts = [deck.get(i).chart.id for i in ids if deck.get(i).kind == "chart"]
    assert charts == [c.id for c in key_charts(bundled)]
    assert DeckChoice.default(deck).included == ids
    assert deck.slides_for(None) == deck.chosen(ids)
    assert len(DeckChoice.all_slides(deck).included) == len(deck) > len(ids)
    # the scorecard slides hold every target row, in the brief's words
    doc = compose(bundled, BriefOptions(kind="meeting", lang="en"))
    shown = [
        ln.text
        for i in ids
        if deck.get(i).kind == "scorecard"
        for ln in deck.get(i).lines("en")
        if ln.role == "head"
    ]
    assert shown == [r.what for r in doc.scorecard.rows]
    # a chart slide says its takeaway under the title
    slide = deck.get(ids[kinds.index("chart")])
    view = build_slide_view(slide, PROJECTOR_DARK, "en", QSize(1280, 720), 1, len(ids))
    assert view.takeaway_label.text() == slide.takeaway("en") != ""
    view.close()


def test_chart_panel_shows_the_takeaway_of_the_years_shown(qtbot, bundled):
    """The window shows each chart's takeaway under its title, for the year range shown."""
    from qftz_desktop.render.theme import SCREEN
    from qftz_desktop.ui.cards import ChartPanel

    spec = next(c for t in bundled.tabs for c in t.charts if c.id == "chart:port_cargo_world_rank")
    panel = ChartPanel(bundled, spec, SCREEN, "en")
    qtbot.addWidget(panel)
    panel.ensure_chart()
    # data/source: Qingdao Port's world rank for cargo, 4th in 2021 (noted), 2023, around
    # June 2024 (noted, undated: two notes) and 2024 (noted). The chart numbers its labels
    # left to right — 2021 ①, ~Jun 2024 ②③, 2024 ④ — and the takeaway cites 2024 as ④
    assert panel.takeaway_label.text() == "No. 4④ (2024), unchanged from 2023."
    assert "④ Unattributed repost, medium confidence" in panel.takeaway_label.toolTip()
    panel.set_year_range(2021, 2021)
    assert panel.takeaway_label.text().startswith("No. 4① (2021)")
