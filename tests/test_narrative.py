"""Summary sentences made from the data (domain.narrative): Qt-free, on both snapshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qftz_desktop.domain import narrative
from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.snapshot.reader import open_snapshot


@pytest.fixture(scope="module")
def test_briefing(test_snapshot_path) -> Briefing:
    return Briefing(open_snapshot(test_snapshot_path))


@pytest.fixture(scope="module")
def bundled_briefing(bundled_path) -> Briefing:
    return Briefing(open_snapshot(bundled_path))


def test_growth_between_comparable_reported_exact_values(test_briefing):
    # t_exports: 2010 10, 2011 12.5, 2012 over 15, 2013 14, 2014 about 18 (qualified values
    # are never computed with), target 2016
    s = narrative.change_sentence(test_briefing.series["t_exports"], "en")
    assert s is not None and s.derived
    assert s.periods == ("2010", "2013")
    assert s.formula == "(14 − 10) ÷ 10 = 40%"
    assert "2010" in s.text and "2013" in s.text and "derived" in s.text
    zh = narrative.change_sentence(test_briefing.series["t_exports"], "zh")
    assert zh is not None
    assert "由10亿元（2010年）增至14亿元（2013年），增长40%" in zh.text
    assert "推算" in zh.text


def test_year_range_limits_the_sentence(test_briefing):
    s = narrative.change_sentence(test_briefing.series["t_exports"], "en", (2010, 2012))
    assert s is not None and s.periods == ("2010", "2011")
    assert s.formula == "(12.5 − 10) ÷ 10 = 25%"


def test_incomparable_periods_give_no_sentence(test_briefing):
    # t_berths: a year, a quarter and an as-of date (and an "over" value): nothing comparable
    assert narrative.change_sentence(test_briefing.series["t_berths"], "en") is None
    # a single observation
    assert narrative.change_sentence(test_briefing.series["t_reforms"], "zh") is None


def test_progress_towards_a_target_of_the_same_metric(test_briefing):
    s = narrative.target_sentence(test_briefing.series["t_output"], "en")
    assert s is not None and s.kind == "target" and s.derived
    assert s.periods == ("2014", "2016")
    assert s.formula == "150 ÷ 200 = 75%"
    assert "over CNY 20 bn" in s.text  # the target keeps its qualifier
    # "about 18" of a target of "at least 25" bounds the share in no useful way: no sentence
    assert narrative.target_sentence(test_briefing.series["t_exports"], "zh") is None
    # no target: no sentence
    assert narrative.target_sentence(test_briefing.series["t_banks"], "en") is None


def test_counts_follow_the_range(test_briefing):
    everything = narrative.counts_sentence(test_briefing, "en").text
    assert "23 figures for 8 metrics (20 reported, 1 derived, 2 targets)" in everything
    assert "2 highlights from 2 sources" in everything and "2016-06-30" in everything
    some = narrative.counts_sentence(test_briefing, "zh", (2010, 2011)).text
    assert "年份范围2010–2011年" in some


def test_headline_figures_prefer_actual_values_in_range(test_briefing):
    figures = {f.metric.id: f.point for f in narrative.headline_figures(test_briefing)}
    assert figures["t_exports"].period.code == "2014"  # latest non-target
    assert figures["t_output"].period.code == "2015"  # derived beats the 2016 target
    early = {f.metric.id: f.point for f in narrative.headline_figures(test_briefing, (2010, 2011))}
    assert early["t_exports"].period.code == "2011"
    assert "t_output" not in early and "t_banks" not in early


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_sentences_cite_periods_and_show_their_computation(bundled_briefing, lang):
    sentences = narrative.summary_sentences(bundled_briefing, lang, limit=40)
    assert sentences[0].kind == "counts"
    assert len(sentences) > 5
    word = "推算" if lang == "zh" else "derived"
    for s in sentences[1:]:
        series = bundled_briefing.series[s.metric_id]
        labels = {p.period.code: p.period.label(lang) for p in series.points}
        for code in s.periods:
            assert labels[code] in s.text, (labels[code], s.text)
        assert (word in s.text) == s.derived, s.text
        if s.derived:
            assert s.formula and s.formula in s.text.replace("，", ", ")
            # the numbers in the formula are the data's (or the result)
            values = {p.value for p in series.points}
            a = float(re.findall(r"[\d,.]+", s.formula)[0].replace(",", ""))
            assert a in values, s.formula
        assert all(sid in bundled_briefing.sources for sid in s.source_ids)


def test_module_is_qt_free():
    import qftz_desktop.domain.narrative as mod

    source = Path(mod.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source and "pyqtgraph" not in source


def test_a_target_of_over_n_makes_the_share_an_upper_bound(bundled_path):
    from qftz_desktop.domain.briefing import load_briefing
    from qftz_desktop.domain.narrative import target_sentence

    b = load_briefing(bundled_path)
    series = b.series["ic_park_investment_completed"]  # 580 of a target of "over 1,000"
    en, zh = target_sentence(series, "en"), target_sentence(series, "zh")
    assert en is not None and "at most 58% of the target" in en.text
    assert zh is not None and "至多58%" in zh.text
