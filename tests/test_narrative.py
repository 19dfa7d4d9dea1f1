"""Summary sentences made from the data (domain.narrative), rule by rule and sentence by
sentence, in both languages. The expected sentences are written down by hand from the
observations each test builds (tests/narrative_data.py) or from data/source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from narrative_data import build_briefing, metric, obs
from qftz_desktop.domain import narrative
from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.snapshot.reader import open_snapshot


@pytest.fixture(scope="module")
def test_briefing(test_snapshot_path) -> Briefing:
    return Briefing(open_snapshot(test_snapshot_path))


@pytest.fixture(scope="module")
def bundled_briefing(bundled_path) -> Briefing:
    return Briefing(open_snapshot(bundled_path))


def _one(tmp_path, unit, rows, scope="ftz"):
    """A briefing with one metric 'm' and these observations; returns its series."""
    b = build_briefing(tmp_path, [metric("m", unit, scope)], [obs("m", *r) for r in rows])
    return b.series["m"]


def _both(make, series, years=None):
    return make(series, "en", years), make(series, "zh", years)


# --- the test snapshot (tests/factory.py) ---------------------------------------------------


def test_growth_between_comparable_reported_values(test_briefing):
    # t_exports: 2010 10, 2011 12.5, 2012 over 15, 2013 14, 2014 about 18 (reported), target
    # 2016: the trend ends at the latest year, 2014 "about 18", and is approximate
    en, zh = _both(narrative.change_sentence, test_briefing.series["t_exports"])
    assert en is not None and zh is not None and en.derived
    assert en.periods == ("2010", "2014")
    assert en.text == (
        "Test exports: from CNY 1 bn (2010) to about CNY 1.8 bn (2014), up about 80% "
        "(derived: (1.8 − 1) ÷ 1 = 80%)."
    )
    assert zh.text == (
        "测试出口额由10亿元（2010年）增至约18亿元（2014年），增长约80%"
        "（推算：(18 − 10) ÷ 10 = 80%）。"
    )


def test_year_range_limits_the_sentence(test_briefing):
    s = narrative.change_sentence(test_briefing.series["t_exports"], "en", (2010, 2012))
    # 2012 is "over 15": from 10 that is over 1.5 times... below 2: "up over 50%"
    assert s is not None and s.periods == ("2010", "2012")
    assert "up over 50%" in s.text
    assert s.formula == "(1.5 − 1) ÷ 1 = 50%"


def test_incomparable_periods_give_no_sentence(test_briefing):
    # t_berths: a year, a quarter and an as-of date (and an "over" value): nothing comparable
    assert narrative.change_sentence(test_briefing.series["t_berths"], "en") is None
    # a single observation
    assert narrative.change_sentence(test_briefing.series["t_reforms"], "zh") is None


def test_a_later_target_is_quoted_beside_the_latest_actual_without_a_ratio(test_briefing):
    # t_output: 2012 100, 2014 150 (reported), 2015 75 derived, target 2016 "over 200"
    en, zh = _both(narrative.target_sentence, test_briefing.series["t_output"])
    assert en is not None and zh is not None
    assert en.text == "Test output: latest CNY 15 bn (2014); target for 2016: over CNY 20 bn."
    assert zh.text == "测试产值：最新为150亿元（2014年）；2016年目标超过200亿元。"
    assert not en.derived and "%" not in en.text + zh.text
    assert en.periods == ("2014", "2016")
    # no target: no sentence
    assert narrative.target_sentence(test_briefing.series["t_banks"], "en") is None


def test_counts_follow_the_range(test_briefing):
    everything = narrative.counts_sentence(test_briefing, "en").text
    assert "23 figures for 8 metrics (20 reported, 1 derived, 2 targets)" in everything
    assert "2 highlights from 2 sources, for 2010–2016" in everything
    assert "data as of 2016-06-30" in everything
    # newest zone-wide (scope ftz) actual: t_exports 2014, t_banks 2015 -> December 2015
    assert everything.endswith("latest zone-wide figure: Dec 2015.")
    some = narrative.counts_sentence(test_briefing, "zh", (2010, 2011)).text
    assert "年份范围2010–2011年" in some and "片区最新数据：2011年12月" in some


# --- rule 2: targets --------------------------------------------------------------------------


def test_a_target_is_compared_with_the_actual_of_its_own_period(tmp_path):
    s = _one(
        tmp_path, "cny_100m", [("2021", 1870), ("2022", 2100), ("2022", 2000, "exact", "target")]
    )
    en, zh = _both(narrative.target_sentence, s)
    assert en.text == (
        "Metric m: CNY 210 bn (2022), 105% of the target for 2022 (CNY 200 bn) "
        "(derived: 210 ÷ 200 = 105%)."
    )
    assert zh.text == (
        "2022年，指标m为2,100亿元，完成2022年目标（2,000亿元）的105%"
        "（推算：2,100 ÷ 2,000 = 105%）。"
    )
    assert en.periods == ("2022", "2022") and en.derived


def test_never_a_years_actual_as_a_share_of_the_next_years_target(tmp_path):
    # the bundled ftz_trade_value case: 1,870 (2021) and a 2022 target of 2,000
    s = _one(tmp_path, "cny_100m", [("2021", 1870), ("2022", 2000, "exact", "target")])
    en, zh = _both(narrative.target_sentence, s)
    assert en.text == "Metric m: latest CNY 187 bn (2021); target for 2022: CNY 200 bn."
    assert zh.text == "指标m：最新为1,870亿元（2021年）；2022年目标为2,000亿元。"
    assert "93.5" not in en.text + zh.text and not en.derived


def test_monthly_data_never_a_months_actual_against_the_next_months_target(tmp_path):
    s = _one(
        tmp_path,
        "cny_100m",
        [("2024-01/2024-01", 90), ("2024-02/2024-02", 100, "exact", "target")],
    )
    en, zh = _both(narrative.target_sentence, s)
    assert en.text == "Metric m: latest CNY 9 bn (Jan 2024); target for Feb 2024: CNY 10 bn."
    assert "%" not in en.text + zh.text


def test_monthly_levels_never_a_months_level_against_the_next_months_target(tmp_path):
    s = _one(tmp_path, "count", [("2024-01", 90), ("2024-02", 100, "exact", "target")])
    en = narrative.target_sentence(s, "en")
    assert en is not None and not en.derived and "%" not in en.text
    assert (
        en.text == "Metric m: latest 90 measures (as of Jan 2024); target for Feb 2024: "
        "100 measures."
    )


def test_a_level_towards_a_later_years_target_of_over_n_is_an_upper_bound(tmp_path):
    s = _one(tmp_path, "cny_100m", [("2024-06", 580), ("2025", 1000, "over", "target")])
    en, zh = _both(narrative.target_sentence, s)
    assert en.text == (
        "Metric m: CNY 58 bn (as of Jun 2024), under 58% of the target for 2025 "
        "(over CNY 100 bn) (derived: 58 ÷ 100 = 58%)."
    )
    assert zh.text == (
        "截至2024年6月，指标m为580亿元，完成2025年目标（超过1,000亿元）的不到58%"
        "（推算：580 ÷ 1,000 = 58%）。"
    )


def test_no_ratio_of_percentages(tmp_path):
    s = _one(tmp_path, "pct", [("2024", 21), ("2025", 15, "about", "target")])
    en = narrative.target_sentence(s, "en")
    assert en is not None and not en.derived
    assert en.text == "Metric m: latest 21% (2024); target for 2025: about 15%."


# --- rule 4: trends ---------------------------------------------------------------------------


def test_a_trend_ends_at_the_latest_value_said_as_a_bound(tmp_path):
    rows = [("2020-11", 68), ("2023-11", 285), ("2024-06", 300, "over")]
    en, zh = _both(narrative.change_sentence, _one(tmp_path, "count", rows))
    assert en.text == (
        "Metric m: from 68 measures (as of Nov 2020) to over 300 measures (as of Jun 2024), "
        "over 4.4 times the first figure (derived: 300 ÷ 68 ≈ 4.4)."
    )
    assert zh.text == (
        "指标m由68项（截至2020年11月）增至超过300项（截至2024年6月），为前者的4.4倍以上"
        "（推算：300 ÷ 68 ≈ 4.4）。"
    )
    assert "319" not in en.text


def test_one_series_never_joins_two_different_counts(tmp_path):
    # the latest count comes from another source (who may count other things): no trend,
    # and no fallback to an earlier end either
    rows = [("2020-11", 68, "exact", "reported", "T1"), ("2023-11", 285, "exact", "reported", "T1")]
    rows.append(("2024-06", 300, "over", "reported", "T2"))
    assert narrative.change_sentence(_one(tmp_path, "count", rows), "en") is None


def test_amounts_from_two_sources_may_be_joined(tmp_path):
    rows = [("2021", 8498, "exact", "reported", "T1"), ("2022", 9117.2, "exact", "reported", "T2")]
    en, zh = _both(narrative.change_sentence, _one(tmp_path, "cny_100m", rows))
    assert en.text == (
        "Metric m: from CNY 849.8 bn (2021) to CNY 911.72 bn (2022), up 7.3% "
        "(derived: (911.72 − 849.8) ÷ 849.8 ≈ 7.3%)."
    )
    assert zh.text == (
        "指标m由8,498亿元（2021年）增至9,117.2亿元（2022年），增长7.3%"
        "（推算：(9,117.2 − 8,498) ÷ 8,498 ≈ 7.3%）。"
    )
    assert en.source_ids == ("T1", "T2")


def test_a_fall(tmp_path):
    en, zh = _both(
        narrative.change_sentence, _one(tmp_path, "cny_100m", [("2020", 14), ("2021", 10)])
    )
    assert en.text == (
        "Metric m: from CNY 1.4 bn (2020) to CNY 1 bn (2021), down 29% "
        "(derived: (1.4 − 1) ÷ 1.4 ≈ 29%)."
    )
    assert zh.text == (
        "指标m由14亿元（2020年）降至10亿元（2021年），下降29%（推算：(14 − 10) ÷ 14 ≈ 29%）。"
    )


def test_a_rise_to_more_than_twice_is_a_multiple_not_a_percentage(tmp_path):
    en = narrative.change_sentence(_one(tmp_path, "count", [("2020", 68), ("2023", 285)]), "en")
    assert en.text.endswith("4.2 times the first figure (derived: 285 ÷ 68 ≈ 4.2).")


def test_growth_from_a_tiny_base_gives_no_sentence(tmp_path):
    s = _one(tmp_path, "cny_100m", [("2020", 0.001), ("2021", 1e9)])
    assert narrative.change_sentence(s, "en") is None
    assert narrative.change_sentence(s, "zh") is None


@pytest.mark.parametrize(
    ("a", "b", "en", "zh"),
    [
        (
            16,
            23,
            "Metric m: from 16% (2019) to 23% (2024), up 7 percentage points "
            "(derived: 23 − 16 = 7).",
            "指标m由16%（2019年）升至23%（2024年），提高7个百分点（推算：23 − 16 = 7）。",
        ),
        (
            7.5,
            6.1,
            "Metric m: from 7.5% (2019) to 6.1% (2024), down 1.4 percentage points "
            "(derived: 7.5 − 6.1 = 1.4).",
            "指标m由7.5%（2019年）降至6.1%（2024年），下降1.4个百分点（推算：7.5 − 6.1 = 1.4）。",
        ),
        (
            8.3,
            7.3,
            "Metric m: from 8.3% (2019) to 7.3% (2024), down 1 percentage point "
            "(derived: 8.3 − 7.3 = 1).",
            "指标m由8.3%（2019年）降至7.3%（2024年），下降1个百分点（推算：8.3 − 7.3 = 1）。",
        ),
    ],
)
def test_percentage_point_changes(tmp_path, a, b, en, zh):
    s = _one(tmp_path, "pct", [("2019", a), ("2024", b)])
    assert narrative.change_sentence(s, "en").text == en
    assert narrative.change_sentence(s, "zh").text == zh


@pytest.mark.parametrize(
    ("a", "b", "en", "zh"),
    [
        (
            6,
            5,
            "Metric m: up from No. 6 (2021) to No. 5 (2024).",
            "指标m由第6位（2021年）升至第5位（2024年）。",
        ),
        (
            4,
            6,
            "Metric m: down from No. 4 (2021) to No. 6 (2024).",
            "指标m由第4位（2021年）降至第6位（2024年）。",
        ),
        (
            4,
            4,
            "Metric m: No. 4 (2021), unchanged at No. 4 (2024).",
            "指标m2021年为第4位，2024年仍为第4位。",
        ),
    ],
)
def test_ranks(tmp_path, a, b, en, zh):
    s = _one(tmp_path, "rank", [("2021", a), ("2024", b)])
    en_s, zh_s = _both(narrative.change_sentence, s)
    assert en_s.text == en and zh_s.text == zh
    assert not en_s.derived and "%" not in en_s.text


def test_like_with_like_period_kind_and_length(tmp_path):
    # a quarter and a year; Jan–Nov and Jan–Aug: never compared
    assert (
        narrative.change_sentence(
            _one(tmp_path / "a", "cny_100m", [("2022Q1", 443), ("2023", 2000)]), "en"
        )
        is None
    )
    spans = [("2020-01/2020-11", 5719.6), ("2021-01/2021-08", 5494)]
    assert narrative.change_sentence(_one(tmp_path / "b", "cny_100m", spans), "en") is None
    spans.append(("2023-01/2023-11", 8056.7))
    s = narrative.change_sentence(_one(tmp_path / "c", "cny_100m", spans), "en")
    assert s is not None and s.periods == ("2020-01/2020-11", "2023-01/2023-11")


def test_imprecise_periods_are_never_compared_nor_dated(tmp_path):
    # 'before approval' and 'now' (the press release's 获批前 / 提高到): no trend between them
    rows = [("<2019-08", 16), ("~2024-06", 23)]
    s = _one(tmp_path / "a", "pct", rows)
    assert narrative.imprecise(s.points[0]) and narrative.imprecise(s.points[1])
    assert narrative.change_sentence(s, "en") is None
    assert narrative.change_sentence(s, "zh") is None
    # a precise 2021 value between them does not make a trend with either
    s = _one(tmp_path / "b", "pct", [*rows, ("2021", 22)])
    assert narrative.change_sentence(s, "en") is None
    # an inferred year is not compared either, even with a year
    s = _one(tmp_path / "c", "cny_100m", [("2021?", 1870), ("2023", 2100)])
    assert narrative.change_sentence(s, "en") is None


def test_a_target_of_an_inferred_year_is_quoted_with_its_honest_label(tmp_path):
    # the bundled ftz_trade_value: 1,870 in 2021 (year inferred), 'this year's' target of 2,000
    rows = [("2021?", 1870), ("2022?", 2000, "exact", "target")]
    en, zh = _both(narrative.target_sentence, _one(tmp_path, "cny_100m", rows))
    assert en.text == (
        "Metric m: latest CNY 187 bn (2021, year inferred); target: CNY 200 bn "
        "(2022, year inferred)."
    )
    assert zh.text == (
        "指标m：最新为1,870亿元（2021年，年份为推断）；目标为2,000亿元（2022年，年份为推断）。"
    )
    assert not en.derived


# --- rules 6 and 7: order, counts -------------------------------------------------------------


def test_the_zone_comes_first_then_context(tmp_path):
    metrics = [
        metric("c_city", "cny_100m", "city", headline="1"),
        metric("z_zone", "cny_100m", "ftz"),
    ]
    rows = [obs("c_city", "2020", 10), obs("c_city", "2021", 12)]
    rows += [obs("z_zone", "2020", 1), obs("z_zone", "2021", 1.5)]
    b = build_briefing(tmp_path, metrics, rows)
    ids = [s.metric_id for s in narrative.summary_sentences(b, "en")[1:]]
    assert ids == ["z_zone", "c_city"]


def test_headline_metrics_come_first_in_headline_order(tmp_path):
    """Within the zone, the headline metrics lead in their headline order (finance's "1" before
    shipping's "2"), then the tabs' order (trade); each metric is said once."""
    metrics = [
        metric("a_trade", "cny_100m", sector="trade"),
        metric("b_ship", "cny_100m", headline="2", sector="shipping"),
        metric("c_fin", "cny_100m", headline="1", sector="finance"),
    ]
    rows = [
        obs(m, y, v) for m in ("a_trade", "b_ship", "c_fin") for y, v in (("2020", 2), ("2021", 3))
    ]
    b = build_briefing(tmp_path, metrics, rows)
    ids = [s.metric_id for s in narrative.summary_sentences(b, "en")[1:]]
    assert ids == ["c_fin", "b_ship", "a_trade"]


def test_a_passed_target_is_not_set_beside_a_later_actual(tmp_path):
    """A target for 2019 with actuals for 2020 and 2021 only has passed unmet or unreported:
    no target sentence. A target whose year is only inferred ("2019?") has no deadline to pass:
    it is quoted beside the latest actual, without a ratio."""
    metrics = [metric("m_passed", "cny_100m"), metric("m_undated", "cny_100m")]
    rows = []
    for mid, target_period in (("m_passed", "2019"), ("m_undated", "2019?")):
        rows += [obs(mid, "2020", 10), obs(mid, "2021", 12)]
        rows.append(obs(mid, target_period, 15, status="target"))
    b = build_briefing(tmp_path, metrics, rows)
    assert narrative.target_sentence(b.series["m_passed"], "en") is None
    for lang in ("en", "zh"):
        s = narrative.target_sentence(b.series["m_undated"], lang)
        assert s is not None and s.kind == "target" and not s.derived
        assert s.periods == ("2021", "2019?")
        assert "%" not in s.text
    assert narrative.target_sentence(b.series["m_undated"], "en").text.startswith(
        "Metric m_undated: latest CNY 1.2 bn (2021); target: CNY 1.5 bn (2019"
    )


def test_two_lower_bounds_of_a_share_say_no_change(tmp_path):
    """ "Over 30%" then "over 20%": the difference may be anything (both ends are open), so
    there is no trend sentence at all."""
    rows = [obs("m_share", "2020", 30, "over"), obs("m_share", "2021", 20, "over")]
    b = build_briefing(tmp_path, [metric("m_share", "pct")], rows)
    for lang in ("en", "zh"):
        assert narrative.change_sentence(b.series["m_share"], lang) is None


def test_a_change_in_points_shows_the_whole_subtraction(tmp_path):
    """The formula of a rise and of a fall is the larger minus the smaller share, result
    included: 10% → 17% and 17% → 10% both read "17 − 10 = 7"."""
    metrics = [metric("m_up", "pct"), metric("m_down", "pct")]
    rows = [obs("m_up", "2020", 10), obs("m_up", "2021", 17)]
    rows += [obs("m_down", "2020", 17), obs("m_down", "2021", 10)]
    b = build_briefing(tmp_path, metrics, rows)
    for mid, words in (("m_up", "up 7 percentage points"), ("m_down", "down 7 percentage points")):
        s = narrative.change_sentence(b.series[mid], "en")
        assert s is not None and s.derived and s.formula == "17 − 10 = 7"
        assert words in s.text and "17 − 10 = 7" in s.text


def test_quarters_are_compared_with_the_same_quarter_only(tmp_path):
    """Q1 2022 and Q3 2023 measure different seasons: no trend; Q1 with Q1 is one."""
    metrics = [metric("m_q13", "cny_100m"), metric("m_q11", "cny_100m")]
    rows = [obs("m_q13", "2022Q1", 400), obs("m_q13", "2023Q3", 500)]
    rows += [obs("m_q11", "2022Q1", 400), obs("m_q11", "2023Q1", 500)]
    b = build_briefing(tmp_path, metrics, rows)
    assert narrative.change_sentence(b.series["m_q13"], "en") is None
    s = narrative.change_sentence(b.series["m_q11"], "en")
    assert s is not None and s.periods == ("2022Q1", "2023Q1") and "up 25%" in s.text


def test_the_trend_takes_the_kind_with_most_periods_and_falls_back(tmp_path):
    """Three years beat two first quarters; a kind that gives no trend (counts from two
    sources, rule 5; two open lower bounds) hands over to the next kind, never to nothing."""
    metrics = [metric("m_most", "cny_100m"), metric("m_cnt", "count")]
    metrics += [metric("m_cnt2", "count"), metric("m_share", "pct")]
    quarters = [("2020Q1", 1), ("2021Q1", 2)]
    rows = [obs("m_most", p, v) for p, v in [("2019", 10), ("2020", 11), ("2021", 12), *quarters]]
    rows += [obs("m_cnt", "2020", 3), obs("m_cnt", "2021", 5, source="T2")]
    rows += [obs("m_cnt2", "2020", 3), obs("m_cnt2", "2021", 5, source="T2")]
    rows += [obs("m_cnt2", p, v) for p, v in quarters]
    rows += [obs("m_share", "2020", 30, "over"), obs("m_share", "2021", 20, "over")]
    rows += [obs("m_share", p, v) for p, v in quarters]
    b = build_briefing(tmp_path, metrics, rows)
    expected = {
        "m_most": ("2019", "2021"),
        "m_cnt": None,  # 2020 (T1) and 2021 (T2) may count differently: no trend, not "unchanged"
        "m_cnt2": ("2020Q1", "2021Q1"),
        "m_share": ("2020Q1", "2021Q1"),
    }
    for mid, periods in expected.items():
        s = narrative.change_sentence(b.series[mid], "en")
        if periods is None:
            assert s is None, s
        else:
            assert s is not None and s.kind == "change" and s.periods == periods, (mid, s)


def test_counts_are_plural_aware_and_invent_no_years(tmp_path):
    h = [["H1", "trade", "要点", "Point", "文字", "Text", "T1", "q", ""]]
    b = build_briefing(tmp_path / "one", [metric("m", "count")], [obs("m", "2020", 3)], h)
    en = narrative.counts_sentence(b, "en").text
    assert en.startswith(
        "This brief covers 1 figure for 1 metric (1 reported, 0 derived, 0 targets) "
        "and 1 highlight from 1 source, for 2020–2020; data as of 2016-06-30"
    )
    zh = narrative.counts_sentence(b, "zh").text
    assert zh.startswith(
        "本简报收录1个指标的1项数据（公开报道1项、推算0项、目标0项）和1条要点，引用1个来源"
    )


# --- issue 15: one headline rule --------------------------------------------------------------


def test_card_and_pdf_headline_pick_the_same_value(tmp_path):
    # a reported 2015 value of 20 and a value of 2 derived for December 2015 (same period end):
    # the card showed 20 and the PDF 2; both must show the reported 20
    rows = [obs("m", "2014", 15), obs("m", "2015", 20), obs("m", "2015-12", 2, status="derived")]
    b = build_briefing(tmp_path, [metric("m", "count", headline="1")], rows)
    card = b.headline[0]
    point, exact = card.point_for(None)
    assert (point.value, point.period.code, exact) == (20, "2015", False)
    point, exact = card.point_for(2015)
    assert (point.value, point.period.code, exact) == (20, "2015", True)
    (figure,) = narrative.headline_figures(b)
    assert (figure.point.value, figure.point.period.code) == (20, "2015")
    (early,) = narrative.headline_figures(b, (2014, 2014))
    assert early.point.value == 15


def test_headline_figures_prefer_actual_values_in_range(test_briefing):
    figures = {f.metric.id: f.point for f in narrative.headline_figures(test_briefing)}
    assert figures["t_exports"].period.code == "2014"  # latest non-target
    assert figures["t_output"].period.code == "2015"  # derived beats the 2016 target
    early = {f.metric.id: f.point for f in narrative.headline_figures(test_briefing, (2010, 2011))}
    assert early["t_exports"].period.code == "2011"
    assert "t_output" not in early and "t_banks" not in early


# --- the bundled snapshot ---------------------------------------------------------------------


def _evaluate(formula: str) -> tuple[float, str, float, int, list[float]]:
    """'(911.72 − 849.8) ÷ 849.8 ≈ 7.3%' -> (computed left side, '≈', 7.3, 1 decimal, numbers)."""
    left, eq, right = re.split(r" ([=≈]) ", formula)
    numbers = [float(n.replace(",", "")) for n in re.findall(r"[\d,]+(?:\.\d+)?", left)]
    expr = left.replace(",", "").replace("−", "-").replace("÷", "/")
    value = eval(expr, {"__builtins__": {}})  # noqa: S307 - digits and + - / ( ) only
    if right.endswith("%"):
        value *= 100.0
    shown = right.rstrip("%").replace(",", "")
    places = len(shown.split(".")[1]) if "." in shown else 0
    return value, eq, float(shown), places, numbers


def _result_is_right(formula: str) -> bool:
    """'=': the arithmetic gives the shown result; '≈': it rounds to it (a bound is rounded
    outwards, so within one unit of the last digit shown)."""
    computed, eq, shown, places, _ = _evaluate(formula)
    if eq == "=":
        return computed == pytest.approx(shown, abs=1e-9)
    return computed != pytest.approx(shown, abs=1e-9) and abs(computed - shown) <= 10**-places


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_sentences_cite_periods_and_compute_correctly(bundled_briefing, lang):
    sentences = narrative.summary_sentences(bundled_briefing, lang, limit=40)
    assert sentences[0].kind == "counts"
    assert len(sentences) > 5
    word = "推算" if lang == "zh" else "derived"
    for s in sentences[1:]:
        series = bundled_briefing.series[s.metric_id]
        points = {p.period.code: p for p in series.points}
        for code in s.periods:
            p = points[code]
            labels = {p.period.label(lang), narrative.target_when(p, lang)}
            assert any(label in s.text for label in labels), (labels, s.text)
        assert (word in s.text) == s.derived, s.text
        if not s.derived:
            continue
        assert s.formula and s.formula in s.text
        assert _result_is_right(s.formula), s.formula
        numbers = _evaluate(s.formula)[4]
        # every number of the formula is one of the metric's values, all in one scale
        values = {p.value for p in series.points}
        assert any(
            all(any(abs(n * 10**k - v) < 1e-6 * max(1, v) for v in values) for n in numbers)
            for k in range(-6, 7)
        ), (s.formula, values)
        assert all(sid in bundled_briefing.sources for sid in s.source_ids)


def test_formula_check_catches_a_wrong_result():
    # the check above fails on a wrong result, not only on a wrong first number
    assert _result_is_right("(911.72 − 849.8) ÷ 849.8 ≈ 7.3%")
    assert not _result_is_right("(911.72 − 849.8) ÷ 849.8 ≈ 8.3%")
    assert not _result_is_right("(911.72 − 849.8) ÷ 849.8 = 7.3%")  # rounded, not equal
    assert _result_is_right("58 ÷ 100 = 58%")
    assert not _result_is_right("58 ÷ 100 = 57%")
    assert _result_is_right("23 − 16 = 7") and not _result_is_right("23 − 16 = 8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_summary_puts_the_zone_first_and_compares_like_with_like(bundled_briefing, lang):
    sentences = narrative.summary_sentences(bundled_briefing, lang)[1:]
    scopes = [bundled_briefing.metrics[s.metric_id].scope for s in sentences]
    assert scopes[0] == "ftz"
    first_context = next(i for i, sc in enumerate(scopes) if sc != "ftz")
    assert all(sc != "ftz" for sc in scopes[first_context:])  # the zone never after context
    for s in sentences:
        if s.kind == "target" and s.derived:
            a, t = (bundled_briefing.series[s.metric_id].points, s.periods)
            kinds = {p.period.code: p.period.kind for p in a}
            # own period, or a level (as-of date) towards a later year's target
            assert t[0] == t[1] or (kinds[t[0]] == "date" and kinds[t[1]] in ("year", "date"))


def test_bundled_target_sentences_read_as_the_data_says(bundled_briefing):
    by_metric = {
        lang: {
            s.metric_id: s.text
            for s in narrative.summary_sentences(bundled_briefing, lang, limit=40)
        }
        for lang in ("zh", "en")
    }
    # 580 of a target of "over 1,000": under 58 %, never "58%" or "at most"
    ic_en = by_metric["en"]["ic_park_investment_completed"]
    ic_zh = by_metric["zh"]["ic_park_investment_completed"]
    assert "CNY 58 bn (as of Jun 2024), under 58% of the target for 2025 (over CNY 100 bn)" in ic_en
    assert "完成2025年目标（超过1,000亿元）的不到58%" in ic_zh
    # 2021's actual and the 2022 target: side by side, no ratio
    assert "93.5" not in by_metric["en"]["ftz_trade_value"] + by_metric["zh"]["ftz_trade_value"]
    # 2021 has 1,890 (N3, year stated) and 1,870 (S1, undated page, year inferred): the stated
    # one is the latest, as in the scorecard; the 2022 target's year is inferred and says so
    assert by_metric["en"]["ftz_trade_value"] == (
        "FTZ foreign trade (imports + exports): latest CNY 189 bn (2021); "
        "target: CNY 200 bn (2022, year inferred)."
    )
    assert by_metric["zh"]["ftz_trade_value"] == (
        "片区外贸进出口额：最新为1,890亿元（2021年）；目标为2,000亿元（2022年，年份为推断）。"
    )
    # innovations: 68 (S37) and "over 300" (PR2024) count different things: no trend
    assert "ftz_innovation_cumulative" not in by_metric["en"]
    for text in by_metric["zh"].values():
        assert "为超过" not in text and " 亿元" not in text and "百万美元" not in text
    for text in by_metric["en"].values():
        assert "100 m" not in text and "10k" not in text and "319.1" not in text


def test_module_is_qt_free():
    import qftz_desktop.domain.narrative as mod

    source = Path(mod.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source and "pyqtgraph" not in source


# --- what mutation testing found untested -----------------------------------------------------


def test_counts_within_a_year_range(test_briefing):
    # tests/factory.py, 2010–2011: t_exports 2010 and 2011, t_imports 2010, t_berths 2011
    # (t_reforms' span ends in 2015); sources: T1 of the values, T1 and T2 of the highlights
    en = narrative.counts_sentence(test_briefing, "en", (2010, 2011)).text
    assert en == (
        "This brief covers 4 figures for 3 metrics (4 reported, 0 derived, 0 targets) and "
        "2 highlights from 2 sources, for 2010–2011; data as of 2016-06-30; "
        "latest zone-wide figure: Dec 2011."
    )
    zh = narrative.counts_sentence(test_briefing, "zh", (2010, 2011)).text
    assert zh == (
        "本简报收录3个指标的4项数据（公开报道4项、推算0项、目标0项）和2条要点，引用2个来源；"
        "年份范围2010–2011年；数据截至2016-06-30；片区最新数据：2011年12月。"
    )


def test_counts_without_figures_state_no_years(tmp_path):
    b = build_briefing(tmp_path, [metric("m", "count")], [])
    en = narrative.counts_sentence(b, "en").text
    assert en == (
        "This brief covers 0 figures for 0 metrics (0 reported, 0 derived, 0 targets) and "
        "2 highlights from 2 sources; data as of 2016-06-30."
    )
    zh = narrative.counts_sentence(b, "zh").text
    assert zh == (
        "本简报收录0个指标的0项数据（公开报道0项、推算0项、目标0项）和2条要点，引用2个来源；"
        "数据截至2016-06-30。"
    )


def test_headline_figures_skip_a_metric_with_nothing_in_range(tmp_path):
    metrics = [metric("a", "count", headline="1"), metric("b", "count", headline="2")]
    rows = [obs("a", "2020", 1), obs("b", "2010", 5), obs("b", "2011", 6)]
    b = build_briefing(tmp_path, metrics, rows)
    figures = narrative.headline_figures(b, (2010, 2011))
    assert [(f.metric.id, f.point.value) for f in figures] == [("b", 6)]


def test_a_rise_to_at_least_three_times(tmp_path):
    rows = [("2020", 100), ("2023", 300, "at_least")]
    en, zh = _both(narrative.change_sentence, _one(tmp_path, "count", rows))
    assert "at least 3 times the first figure (derived: 300 ÷ 100 = 3)" in en.text
    assert "为前者的至少3倍（推算：300 ÷ 100 = 3）" in zh.text


def test_summary_order_headline_first_within_the_zone_and_its_range(tmp_path):
    metrics = [
        metric("z1", "cny_100m", "ftz"),
        metric("z2", "cny_100m", "ftz", headline="1"),
        metric("c1", "cny_100m", "city", headline="2"),
    ]
    rows = [obs(m, y, v) for m in ("z1", "z2", "c1") for y, v in (("2020", 10), ("2021", 12))]
    rows += [obs("z1", "2024", 30)]
    b = build_briefing(tmp_path, metrics, rows)
    everything = narrative.summary_sentences(b, "zh")
    assert everything[0].text.startswith("本简报收录3个指标")  # the counts, in the language
    assert [s.metric_id for s in everything[1:]] == ["z2", "z1", "c1"]
    assert everything[2].periods == ("2020", "2024")
    # the year range reaches every sentence: z1 then ends in 2021
    early = narrative.summary_sentences(b, "en", (2020, 2021))
    assert early[2].periods == ("2020", "2021")
    assert "6 figures for 3 metrics" in early[0].text and "for 2020–2021" in early[0].text
    assert narrative.summary_sentences(b, "en", limit=2)[1:] == everything_en(b)[:2]


def everything_en(b):
    return narrative.summary_sentences(b, "en", limit=40)[1:]


def test_the_bundled_summary_has_ten_sentences_after_the_counts(bundled_briefing):
    for lang in ("zh", "en"):
        sentences = narrative.summary_sentences(bundled_briefing, lang)
        assert len(sentences) == 11
        assert sentences[0].kind == "counts"


def test_target_sentences_carry_their_kind_sources_and_range(tmp_path, test_briefing):
    rows = [("2021", 1870, "exact", "reported", "T1"), ("2022", 2000, "exact", "target", "T2")]
    s = narrative.target_sentence(_one(tmp_path / "a", "cny_100m", rows), "en")
    assert (s.kind, s.source_ids) == ("target", ("T1", "T2"))
    rows = [("2024-06", 580, "exact", "reported", "T2"), ("2025", 1000, "over", "target", "T1")]
    s = narrative.target_sentence(_one(tmp_path / "b", "cny_100m", rows), "en")
    assert (s.kind, s.source_ids, s.derived) == ("target", ("T2", "T1"), True)
    # the year range: t_output's 2016 target is outside 2010–2014, so no target sentence
    assert narrative.target_sentence(test_briefing.series["t_output"], "en", (2010, 2014)) is None


def test_a_level_and_a_target_of_its_own_year_are_not_a_ratio(tmp_path):
    # a June level is not progress towards the same year's target (the level moves on)
    rows = [("2024-06", 80), ("2024", 100, "exact", "target")]
    en, zh = _both(narrative.target_sentence, _one(tmp_path, "count", rows))
    assert (
        en.text == "Metric m: latest 80 measures (as of Jun 2024); target for 2024: 100 measures."
    )
    assert zh.text == "指标m：最新为80项（截至2024年6月）；2024年目标为100项。"


def test_a_level_at_the_deadline_is_quoted_beside_the_target(tmp_path):
    rows = [("2022-12", 31000), ("2022", 30000, "at_least", "target")]
    en = narrative.target_sentence(_one(tmp_path, "count", rows), "en")
    assert en.text == (
        "Metric m: latest 31,000 measures (as of Dec 2022); target for 2022: "
        "at least 30,000 measures."
    )


def test_a_dated_target_in_chinese(tmp_path):
    s = _one(tmp_path, "count", [("2024-01", 90), ("2024-02", 100, "exact", "target")])
    zh = narrative.target_sentence(s, "zh")
    assert zh.text == "指标m：最新为90项（截至2024年1月）；2024年2月目标为100项。"


def test_a_fall_of_a_bounded_share(tmp_path):
    rows = [("2020", 30, "over"), ("2023", 20)]
    en, zh = _both(narrative.change_sentence, _one(tmp_path, "pct", rows))
    assert en.text == (
        "Metric m: from over 30% (2020) to 20% (2023), down over 10 percentage points "
        "(derived: 30 − 20 = 10)."
    )
    assert zh.text == (
        "指标m由超过30%（2020年）降至20%（2023年），下降超过10个百分点（推算：30 − 20 = 10）。"
    )


def test_one_latest_value_for_summary_takeaway_and_scorecard(bundled_briefing):
    """The bundled 2021 trade has 1,890 (N3, year stated) and 1,870 (S1, an undated page, year
    inferred). The summary, the chart's takeaway and the scorecard each name one latest value;
    they must name the same one, the stated 1,890 (they once picked by three rules)."""
    from datetime import date

    from qftz_desktop.domain.brief.scorecard import scorecard_rows
    from qftz_desktop.domain.brief.takeaway import takeaway

    sentences = {
        s.metric_id: s.text for s in narrative.summary_sentences(bundled_briefing, "en", limit=40)
    }
    assert "CNY 189 bn (2021)" in sentences["ftz_trade_value"]
    chart = bundled_briefing.chart_of("ftz_trade_value")
    assert chart is not None
    assert "CNY 189 bn" in takeaway(chart, "en") and "187" not in takeaway(chart, "en")
    rows = [
        r
        for r in scorecard_rows(bundled_briefing, date(2026, 11, 29), "en")
        if r.metric_id == "ftz_trade_value" and r.actual is not None
    ]
    assert rows and all("CNY 189 bn" in r.actual.text for r in rows)


@pytest.mark.parametrize(
    ("metric_id", "lang", "expected"),
    [
        # data/source: 23 (~2024-06, PR2024) and 16 (<2019-08, PR2024), both "%"
        (
            "ftz_trade_share_city",
            "zh",
            "片区外贸占全市比重：2024年6月前后为23%，较16%（2019年8月以前，未注明时间）"
            "提高7个百分点",
        ),
        (
            "ftz_trade_share_city",
            "en",
            "FTZ share of Qingdao's foreign trade: 23% (around Jun 2024), up 7 percentage "
            "points from 16% (before Aug 2019, undated)",
        ),
        # "over 300" (2024-06): a Chinese bound takes no 为 ("截至2024年6月超过300项")
        ("ftz_innovation_cumulative", "zh", "截至2024年6月超过300项"),
    ],
)
def test_takeaways_read_as_a_native_writer_would(bundled_briefing, metric_id, lang, expected):
    """Chinese takeaways put the earlier value first and its period in brackets, as the summary
    does ("较16%（2019年8月以前，未注明时间）", not "较2019年8月以前，未注明时间（16%）"), and a
    bound takes no 为."""
    from qftz_desktop.domain.brief.takeaway import takeaway

    chart = bundled_briefing.chart_of(metric_id)
    assert chart is not None
    text = takeaway(chart, lang)
    assert expected in text, text
    assert "为超过" not in text and "为约" not in text


# --- rule 7: caveats travel with the value ----------------------------------------------------

BOUND_EN = "A lower bound: the source says 'over' or 'at least'; the exact value is not given."
BOUND_ZH = "下限值：来源只说“超过”或“至少”某数，确切数值未给出。"


def _marked(make, series, lang):
    """The sentence with its values marked by one book, and the book's note lines."""
    from qftz_desktop.domain.caveats import MarkBook

    book = MarkBook(lang)
    sentence = make(series, lang, None, book.of_point)
    return sentence, book.lines(book.notes)


def test_a_sentence_marks_a_bound_it_cites(tmp_path):
    rows = [("2020-11", 68), ("2023-11", 285), ("2024-06", 300, "over")]
    s = _one(tmp_path, "count", rows)
    en, en_notes = _marked(narrative.change_sentence, s, "en")
    zh, zh_notes = _marked(narrative.change_sentence, s, "zh")
    # the mark right after the value, before its period; the exact 68 has none
    assert en.text == (
        "Metric m: from 68 measures (as of Nov 2020) to over 300 measures① (as of Jun 2024), "
        "over 4.4 times the first figure (derived: 300 ÷ 68 ≈ 4.4)."
    )
    assert zh.text == (
        "指标m由68项（截至2020年11月）增至超过300项①（截至2024年6月），为前者的4.4倍以上"
        "（推算：300 ÷ 68 ≈ 4.4）。"
    )
    assert en_notes == [f"① {BOUND_EN}"] and zh_notes == [f"① {BOUND_ZH}"]
    assert [p.period.code for p in en.points] == ["2020-11", "2024-06"]


def test_a_sentence_marks_inferred_years_with_one_shared_note(tmp_path):
    rows = [("2021?", 1870), ("2022?", 2000, "exact", "target")]
    s = _one(tmp_path, "cny_100m", rows)
    en, en_notes = _marked(narrative.target_sentence, s, "en")
    zh, zh_notes = _marked(narrative.target_sentence, s, "zh")
    assert en.text == (
        "Metric m: latest CNY 187 bn① (2021, year inferred); target: CNY 200 bn① "
        "(2022, year inferred)."
    )
    assert zh.text == (
        "指标m：最新为1,870亿元①（2021年，年份为推断）；目标为2,000亿元①（2022年，年份为推断）。"
    )
    assert en_notes == ["① period inferred from the context; the source does not state it"]
    assert zh_notes == ["① 期间系根据上下文推断，来源未写明"]


def test_a_sentence_marks_a_noted_value_and_a_bounded_target(tmp_path):
    rows = [("2024-06", 580), ("2025", 1000, "over", "target")]
    observations = [obs("m", *r) for r in rows]
    observations[0][8] = "截至发布会 / as of the press conference"  # the note column
    b = build_briefing(tmp_path, [metric("m", "cny_100m")], observations)
    s = b.series["m"]
    en, en_notes = _marked(narrative.target_sentence, s, "en")
    zh, zh_notes = _marked(narrative.target_sentence, s, "zh")
    assert en.text == (
        "Metric m: CNY 58 bn① (as of Jun 2024), under 58% of the target for 2025 "
        "(over CNY 100 bn②) (derived: 58 ÷ 100 = 58%)."
    )
    assert zh.text == (
        "截至2024年6月，指标m为580亿元①，完成2025年目标（超过1,000亿元②）的不到58%"
        "（推算：580 ÷ 1,000 = 58%）。"
    )
    assert en_notes == ["① as of the press conference", f"② {BOUND_EN}"]
    assert zh_notes == ["① 截至发布会", f"② {BOUND_ZH}"]
    # the cited values, whose notes go where the marks point
    assert [p.period.code for p in en.points] == ["2024-06", "2025"]
    assert [p.period.code for p in zh.points] == ["2024-06", "2025"]


def test_a_change_sentence_marks_its_first_value_too(tmp_path):
    """A note on the start of a trend travels with the start (rows written by hand: 68 as of
    Nov 2020 with a note, 285 as of Nov 2023)."""
    observations = [obs("m", "2020-11", 68), obs("m", "2023-11", 285)]
    observations[0][8] = "口径调整 / definition changed"  # the note column
    b = build_briefing(tmp_path, [metric("m", "count")], observations)
    en, en_notes = _marked(narrative.change_sentence, b.series["m"], "en")
    zh, zh_notes = _marked(narrative.change_sentence, b.series["m"], "zh")
    assert en.text == (
        "Metric m: from 68 measures① (as of Nov 2020) to 285 measures (as of Nov 2023), "
        "4.2 times the first figure (derived: 285 ÷ 68 ≈ 4.2)."
    )
    assert zh.text == (
        "指标m由68项①（截至2020年11月）增至285项（截至2023年11月），为前者的4.2倍"
        "（推算：285 ÷ 68 ≈ 4.2）。"
    )
    assert en_notes == ["① definition changed"] and zh_notes == ["① 口径调整"]


def test_the_summary_numbers_only_the_sentences_it_keeps(test_briefing):
    """A sentence cut by the limit numbers nothing: the marks printed run ①, ②, … unbroken."""
    from qftz_desktop.domain.caveats import MarkBook

    for limit in (1, 2, 3):
        book = MarkBook("en")
        sentences = narrative.summary_sentences(
            test_briefing, "en", limit=limit, mark=book.of_point
        )
        printed = "".join(s.text for s in sentences)
        used = {ch for ch in printed if "\u2460" <= ch <= "\u2473"}
        assert used == {chr(0x2460 + i) for i in range(len(book.notes))}


def test_the_summary_marks_the_values_it_cites(test_briefing):
    """The test snapshot (tests/factory.py): exports about 18 (2014) and a 2016 target of at
    least 25 (亿元), so the target sentence marks the bound; the trends cite no noted value."""
    from qftz_desktop.domain.caveats import MarkBook

    for lang, target, note in (
        (
            "en",
            "Test exports: latest about CNY 1.8 bn (2014); target for 2016: at least CNY 2.5 bn①.",
            f"① {BOUND_EN}",
        ),
        ("zh", "测试出口额：最新约18亿元（2014年）；2016年目标至少25亿元①。", f"① {BOUND_ZH}"),
    ):
        book = MarkBook(lang)
        sentences = narrative.summary_sentences(test_briefing, lang, limit=3, mark=book.of_point)
        assert sentences[1].text == target
        assert [p.period.code for p in sentences[1].points] == ["2014", "2016"]
        assert book.lines(book.notes) == [note]


@pytest.mark.parametrize(
    ("metric_id", "lang", "expected"),
    [
        # the 2022 target's year is inferred (data/source: 2022?, S1)
        ("ftz_trade_value", "zh", "2021年为1,890亿元；2022年（年份为推断）目标为2,000亿元。"),
        (
            "ftz_trade_value",
            "en",
            "CNY 189 bn (2021); target for 2022 (year inferred): CNY 200 bn.",
        ),
        # a period inferred from the context leads the sentence: its qualifier in brackets
        ("ftz_trade_growth_avg", "zh", "2019年8月–2024年8月（时间为推断）为22%"),
        # only targets (ic_cluster_scale: 240亿元 for 2022, S41); a bound takes no 为
        ("ic_cluster_scale", "en", "Target only: CNY 24 bn for 2022 (no actual value)."),
        ("ic_cluster_leader_firms", "zh", "仅有目标值：2022年目标超过25家"),
    ],
)
def test_takeaway_periods_and_targets_read_as_one_phrase(
    bundled_briefing, metric_id, lang, expected
):
    """'2022年，年份为推断目标为…' ran two phrases into one; 'target only' started a sentence in
    lower case; '目标为超过' doubles the verb."""
    from qftz_desktop.domain.brief.takeaway import takeaway

    chart = bundled_briefing.chart_of(metric_id)
    assert chart is not None
    text = takeaway(chart, lang)
    assert expected in text, text
    assert "为超过" not in text and "推断目标" not in text and "时间为推断为" not in text


def test_a_target_against_its_own_year_marks_a_bound_actual(tmp_path):
    """Over 1,900 (亿元) in 2022 against a 2022 target of 2,000: over 95 % (1,900 ÷ 2,000), and
    the bound is marked where it is cited."""
    rows = [("2022", 1900, "over"), ("2022", 2000, "exact", "target")]
    s = _one(tmp_path, "cny_100m", rows)
    en, en_notes = _marked(narrative.target_sentence, s, "en")
    zh, zh_notes = _marked(narrative.target_sentence, s, "zh")
    assert en.text == (
        "Metric m: over CNY 190 bn① (2022), over 95% of the target for 2022 (CNY 200 bn) "
        "(derived: 190 ÷ 200 = 95%)."
    )
    assert zh.text == (
        "2022年，指标m超过1,900亿元①，完成2022年目标（2,000亿元）的超过95%"
        "（推算：1,900 ÷ 2,000 = 95%）。"
    )
    assert en_notes == [f"① {BOUND_EN}"] and zh_notes == [f"① {BOUND_ZH}"]


def test_the_marked_summary_keeps_the_year_range(test_briefing):
    """For 2010–2012 the exports trend ends at over 15 (2012), marked; the 2016 target is out of
    range (tests/factory.py)."""
    from qftz_desktop.domain.caveats import MarkBook

    book = MarkBook("en")
    sentences = narrative.summary_sentences(
        test_briefing, "en", years=(2010, 2012), limit=2, mark=book.of_point
    )
    assert sentences[1].text == (
        "Test exports: from CNY 1 bn (2010) to over CNY 1.5 bn① (2012), up over 50% "
        "(derived: (1.5 − 1) ÷ 1 = 50%)."
    )
    assert len(sentences) == 3
