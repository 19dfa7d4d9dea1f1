"""The bundled data says what its sources say: no invented dates, conflicts noted, one kind of
count per chart, translations marked, comparison areas kept apart.

Each test here failed on the data before issue 10 was fixed; the expected values are written
down from the sources (tests/data/seed holds the texts the checks need).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from qftz_desktop.snapshot.periods import parse_period
from qftz_desktop.snapshot.reader import open_snapshot

SEED_COPY = Path(__file__).resolve().parent / "data" / "seed"


@pytest.fixture(scope="module")
def snap(bundled_path):
    return open_snapshot(bundled_path, full=True)


@pytest.fixture(scope="module")
def obs(snap) -> pd.DataFrame:
    return snap.observations


def _rows(obs: pd.DataFrame, metric: str) -> pd.DataFrame:
    return obs[obs["metric_id"] == metric]


def test_before_approval_and_now_are_not_given_invented_dates(obs):
    """'获批前' is before approval (undated); '提高到/提高至' is around the report, not a month."""
    quotes = obs["quote"].fillna("")
    before = obs[quotes.str.contains("获批前|獲批前")]
    now = obs[quotes.str.contains("^提高[到至]", regex=True)]
    assert len(before) >= 3 and len(now) >= 3
    assert {parse_period(p).precision for p in before["period"]} == {"before"}
    assert {parse_period(p).precision for p in now["period"]} == {"around"}
    shares = obs[obs["metric_id"] == "ftz_trade_share_city"].set_index("source_id")
    labels = {parse_period(p).label("zh") for p in shares.loc["PR2024", "period"]}
    assert labels == {"2019年8月以前，未注明时间", "2024年6月前后"}
    assert "2019-07" not in set(obs["period"])


def test_undated_pages_give_no_precise_period_unless_the_quote_names_the_year(snap, obs):
    undated = set(snap.sources.loc[snap.sources["date"].isna(), "id"])
    assert {"S1", "S17", "N2"} <= undated
    rows = obs[obs["source_id"].isin(undated) & obs["status"].isin(["reported", "target"])]
    for r in rows.itertuples():
        period = parse_period(r.period)
        if period.is_precise:
            assert str(period.year) in r.quote, (r.metric_id, r.period, r.quote)


def test_the_2021_zone_trade_conflict_is_kept_side_by_side(obs):
    rows = _rows(obs, "ftz_trade_value")
    reported = rows[rows["status"] == "reported"].set_index("source_id")
    assert reported.loc["N3", ["period", "value"]].tolist() == ["2021", 1890.0]
    assert reported.loc["S1", ["period", "value"]].tolist() == ["2021?", 1870.0]
    assert "1870" in reported.loc["N3", "note"] and "1890" in reported.loc["S1", "note"]
    derived = rows[rows["status"] == "derived"].iloc[0]
    assert (derived["period"], derived["value"], derived["source_id"]) == ("2020", 1145.5, "N3")
    assert derived["formula"].startswith("1890 ÷ (1 + 65%) = 1145.5")


# metric, its growth metric: the value of year y must agree with y-1 and the growth of y,
# or carry a note saying that it does not
PAIRS = [
    ("port_container_throughput", "port_container_growth"),
    ("port_cargo_throughput", "port_cargo_growth"),
    ("ftz_trade_value", "ftz_trade_growth"),
    ("city_trade_value", "city_trade_growth"),
    ("gene_output", "gene_output_growth"),
]


@pytest.mark.parametrize(("metric", "growth"), PAIRS)
def test_values_agree_with_growth_rates_or_say_they_conflict(obs, metric, growth):
    def yearly(m: str) -> dict[int, pd.Series]:
        rows = _rows(obs, m)
        rows = rows[(rows["status"] == "reported") & (rows["period_kind"] == "year")]
        rows = rows[rows["period"].map(lambda p: parse_period(p).is_precise)]
        return {int(r["period"]): r for _, r in rows.iterrows()}

    values, rates = yearly(metric), yearly(growth)
    checked = 0
    for year, rate in rates.items():  # the growth of a year links it to the year before
        if year - 1 not in values or year not in values:
            continue
        earlier, later = values[year - 1], values[year]
        implied = earlier["value"] * (1 + rate["value"] / 100)
        checked += 1
        if abs(later["value"] - implied) > 0.02 * implied:
            notes = f"{earlier['note']} {later['note']}".lower()
            assert "不符" in notes and "conflict" in notes, (metric, year, implied)
    assert checked or metric in ("ftz_trade_value", "city_trade_value", "gene_output")


def test_container_2023_conflict_is_noted_on_both_sides(obs):
    rows = _rows(obs, "port_container_throughput").set_index("period")
    assert "2867" in rows.loc["2023", "note"] and "2888" in rows.loc["2023", "note"]
    assert "不符" in rows.loc["2024", "note"] and "conflicts" in rows.loc["2024", "note"]


def test_a_chart_draws_one_kind_of_count(snap):
    """A chart group shares unit, axis words and scope: 'projects' never sit on a 'companies'
    axis, nor 'cases' among 'measures'."""
    m = snap.metrics[snap.metrics["chart_group"].notna()]
    for group, members in m.groupby("chart_group"):
        for column in ("unit", "unit_zh", "unit_en", "scope"):
            assert members[column].nunique() == 1, (group, column, members[column].tolist())
    assert snap.metrics.set_index("id").loc["city_f500_projects", "chart_group"] is None or pd.isna(
        snap.metrics.set_index("id").loc["city_f500_projects", "chart_group"]
    )


def test_book_title_marks_only_for_titles_in_chinese(snap):
    """《》 says 'this is the official title'; a title translated back from English is not."""
    lang = snap.sources.set_index("id")["language"]
    for h in snap.highlights.itertuples():
        if lang.get(h.source_id) != "zh":
            assert "《" not in h.text_zh and "《" not in h.title_zh, h.id
    barter = snap.highlights.set_index("id").loc["hl_barter_policy", "text_zh"]
    assert "非官方中文标题" in barter


def test_chinese_and_foreign_is_translated(snap):
    for h in snap.highlights.itertuples():
        if "中外" in h.text_zh:
            assert "Chinese and foreign" in h.text_en, h.id


def test_no_target_is_dated_by_the_document_that_states_it(snap, obs):
    """A target's period is its deadline; a goal with none is not given its source's date."""
    dates = snap.sources.set_index("id")["date"].dropna()
    targets = obs[obs["status"] == "target"]
    for t in targets.itertuples():
        published = dates.get(t.source_id)
        if published:
            assert not published.startswith(t.period), (t.metric_id, t.period, published)
    assert _rows(targets, "marine_species_sequenced").empty


def test_jinan_figures_are_their_own_scope(snap, obs):
    metrics = snap.metrics.set_index("id")
    jinan = metrics[metrics["scope_zh"].str.contains("济南")]
    assert len(jinan) == 7
    assert set(jinan["scope"]) == {"jinan_area"}
    assert jinan["headline"].isna().all()
    for m in jinan.itertuples():
        assert "济南" in m.name_zh and "Jinan" in m.name_en and "comparison" in m.name_en
        assert "非青岛片区" in m.scope_zh and "not the Qingdao Area" in m.scope_en
    rows = obs[obs["metric_id"].isin(jinan.index)]
    assert set(rows["source_id"]) == {"N20"}
    assert rows.set_index("metric_id").loc["jinan_trade_cumulative", "value"] == 2372.8


def _fold(text: str) -> str:
    """Fold quotation marks and full-width punctuation, which sources write both ways."""
    table = str.maketrans({"“": '"', "”": '"', "，": ",", "；": ";", "：": ":"})
    return re.sub(r"\s+", " ", text.translate(table))


def test_new_figures_are_quoted_from_the_seed_excerpts(snap, obs):
    """Every N-source quote occurs literally in PUBLISHED_FIGURES_2.md (the stored excerpts)."""
    text = _fold((SEED_COPY / "PUBLISHED_FIGURES_2.md").read_text(encoding="utf-8"))
    quotes = [
        *obs.loc[obs["source_id"].str.match(r"N\d+$"), "quote"].dropna(),
        *snap.highlights.loc[snap.highlights["source_id"].str.match(r"N\d+$"), "quote"].dropna(),
    ]
    assert len(quotes) >= 30
    for q in quotes:
        assert _fold(q) in text, q


def test_new_figures_from_the_press_conference_report(obs):
    """N1 reports the same press conference as PR2024 (values from PUBLISHED_FIGURES_2.md §1)."""
    n1 = obs[obs["source_id"] == "N1"].set_index(["metric_id", "period"])["value"].to_dict()
    assert n1 == {
        ("ftz_wholesale_growth_avg", "2019-08/2024-06"): 41.0,
        ("ftz_wholesale_share_city", "<2019-08"): 18.0,
        ("ftz_wholesale_share_city", "~2024-06"): 26.0,
        ("ftz_market_entities_operating", "2024-06"): 35200.0,
        ("ftz_taxpaying_entities", "2024-06"): 31000.0,
        ("ftz_budget_revenue_growth_avg", "2019-08/2024-06"): 44.0,
        ("ftz_tax_share_budget", "~2024-06"): 95.0,
        ("ftz_new_jobs", "2019-08/2024-06"): 127000.0,
        ("ftz_net_new_insured", "2019-08/2024-06"): 106000.0,
        ("ftz_foreign_experts", "2024-06"): 400.0,
        ("ftz_international_talent", "2024-06"): 2000.0,
    }


def test_fdi_growth_conflict_is_kept_not_averaged(obs):
    rows = _rows(obs, "ftz_fdi_growth_avg").set_index("source_id")
    assert rows.loc["PR2024", "value"] == 22.0 and rows.loc["N2", "value"] == 6.98
    assert "6.98" in rows.loc["PR2024", "note"] and "22%" in rows.loc["N2", "note"]


def test_port_2024(obs):
    cargo = _rows(obs, "port_cargo_throughput")
    n9 = cargo[cargo["source_id"] == "N9"].iloc[0]
    assert (n9["period"], n9["value"], n9["status"]) == ("2024", 7.12, "reported")
    assert _rows(obs, "port_cargo_growth")["value"].tolist() == [4.2]


def test_sequencing_series_runs_to_august_2025_with_its_bound(obs):
    """PUBLISHED_FIGURES_2 §3: 260+ (Jun 2024) → 310+ (Sept 2024) → 560+ (23 Aug 2025)."""
    rows = _rows(obs, "marine_species_sequenced").sort_values("period_end")
    assert rows[["period", "value", "qualifier"]].values.tolist() == [
        ["2024-06", 260.0, "over"],
        ["2024-09", 310.0, "over"],
        ["2025-08-23", 560.0, "over"],
    ]
    progress = _rows(obs, "marine_sequencing_progress").set_index("period")
    assert progress.loc["2025-08-23", ["value", "qualifier", "status"]].tolist() == [
        56.0,
        "over",
        "derived",
    ]


def test_ic_rankings_keep_park_and_new_area_apart(snap, obs):
    scopes = snap.metrics.set_index("id")["scope"]
    assert scopes["ic_park_national_rank"] == "park"
    assert scopes["new_area_ic_park_rank"] == "new_area"
    ranks = obs[obs["metric_id"].isin(["ic_park_national_rank", "new_area_ic_park_rank"])]
    assert sorted(ranks[["metric_id", "period", "value"]].values.tolist()) == [
        ["ic_park_national_rank", "2024", 17.0],
        ["new_area_ic_park_rank", "2023", 14.0],
    ]
