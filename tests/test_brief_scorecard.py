"""The target scorecard, case by case, on a real snapshot built for the purpose.

Each metric below holds one case; the expected status, progress and reason are written down
from the rows (as a reader of the module's rules would judge them), not from the code. The
brief is dated 2016-06-30 throughout.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from factory import write_sources
from narrative_data import OBS_HEADER
from qftz_desktop.domain.brief.scorecard import scorecard_rows
from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.snapshot.reader import open_snapshot

AS_OF = date(2016, 6, 30)

# id, unit, unit_zh, unit_en
METRICS = [
    ("s_met", "count", "家", "firms"),
    ("s_missed", "count", "家", "firms"),
    ("s_nodeadline_actual", "count", "家", "firms"),
    ("s_on_track", "count", "家", "firms"),
    ("s_behind", "count", "家", "firms"),
    ("f_missed", "cny_100m", "亿元", "CNY 100 m"),
    ("f_other_year", "cny_100m", "亿元", "CNY 100 m"),
    ("s_bound", "count", "家", "firms"),
    ("t_only", "cny_100m", "亿元", "CNY 100 m"),
    ("r_met", "rank", "位", "rank"),
    ("s_one", "count", "家", "firms"),
    ("f_ahead", "cny_100m", "亿元", "CNY 100 m"),
    ("s_over_equal", "count", "家", "firms"),
    ("s_future", "count", "家", "firms"),
]

# metric, period, value, qualifier, status
OBS = [
    ("s_met", "2014-06", "120", "exact", "reported"),
    ("s_met", "2015", "100", "at_least", "target"),
    ("s_missed", "2015-12", "150", "exact", "reported"),
    ("s_missed", "2015", "200", "exact", "target"),
    ("s_nodeadline_actual", "2015-06", "150", "exact", "reported"),
    ("s_nodeadline_actual", "2015", "200", "exact", "target"),
    ("s_on_track", "2014-12", "100", "exact", "reported"),
    ("s_on_track", "2015-12", "200", "exact", "reported"),
    ("s_on_track", "2018", "400", "exact", "target"),
    ("s_behind", "2014-12", "100", "exact", "reported"),
    ("s_behind", "2015-12", "200", "exact", "reported"),
    ("s_behind", "2018", "800", "exact", "target"),
    ("f_missed", "2013", "80", "exact", "reported"),
    ("f_missed", "2014", "90", "exact", "reported"),
    ("f_missed", "2014", "100", "exact", "target"),
    ("f_other_year", "2013", "90", "exact", "reported"),
    ("f_other_year", "2014", "100", "exact", "target"),
    ("s_bound", "2015-12", "150", "over", "reported"),
    ("s_bound", "2015", "200", "exact", "target"),
    ("t_only", "2015", "50", "exact", "target"),
    ("t_only", "2016", "60", "exact", "target"),
    ("r_met", "2014", "7", "exact", "reported"),
    ("r_met", "2015", "3", "exact", "reported"),
    ("r_met", "2015", "5", "exact", "target"),
    ("s_one", "2015-12", "100", "exact", "reported"),
    ("s_one", "2018", "400", "exact", "target"),
    ("f_ahead", "2014", "100", "exact", "reported"),
    ("f_ahead", "2015", "120", "exact", "reported"),
    ("f_ahead", "2017", "200", "exact", "target"),
    ("s_over_equal", "2015-12", "1000", "exact", "reported"),
    ("s_over_equal", "2015", "1000", "over", "target"),
    ("s_future", "2016-03", "90", "exact", "reported"),
    ("s_future", "2017-03", "150", "exact", "reported"),
    ("s_future", "2017", "100", "exact", "target"),
]

# metric -> (status, progress en, progress zh, reason contains (en))
EXPECTED = {
    # 120 (Jun 2014) reaches "at least 100" before the 2015 deadline; 120 ÷ [100, ∞) ≤ 120 %
    "s_met": ("met", "at most 120%", "至多120%", "reaches the target"),
    # as of Dec 2015 (the deadline's month): 150 < 200 -> missed; 150 ÷ 200 = 75 %
    "s_missed": ("missed", "75%", "75%", "falls short"),
    # deadline 2015 passed, the latest value is June 2015: nothing for the deadline itself
    "s_nodeadline_actual": ("unknown", "75%", "75%", "deadline (2015) passed with no actual"),
    # line through 100 (Dec 2014) and 200 (Dec 2015) reaches about 500 by Dec 2018 >= 400
    "s_on_track": ("on_track", "50%", "50%", "straight line"),
    # the same line (about 500) stays under 800
    "s_behind": ("behind", "25%", "25%", "straight line"),
    # 2014 actual 90 < 2014 target 100, deadline passed -> missed; 90 ÷ 100 = 90 %
    "f_missed": ("missed", "90%", "90%", "falls short"),
    # only 2013's 90 against 2014's target: not the same period, no progress, not judged
    "f_other_year": ("unknown", "", "", "deadline (2014) passed with no actual for it"),
    # "over 150" at the deadline may or may not reach 200; 150 ÷ 200 -> over 75 %
    "s_bound": ("unknown", "over 75%", "超过75%", "only a bound"),
    # no actual at all
    "t_only": ("unknown", "", "", "no actual of the same scope and unit"),
    # rank 3 in 2015 is better than the target position 5; no ratio for ranks
    "r_met": ("met", "", "", "reaches the target"),
    # one actual, deadline ahead: no path
    "s_one": ("unknown", "25%", "25%", "one actual only"),
    # a year flow: 100 (2014), 120 (2015): the line gives 160 in 2017 < 200
    "f_ahead": ("behind", "", "", "straight line"),
    # 1,000 does not exceed "over 1,000" -> missed at the deadline; ratio under 100 %
    "s_over_equal": ("missed", "under 100%", "不到100%", "falls short"),
    # the March 2017 value lies after the brief's date: ignored; one actual (90) remains
    "s_future": ("unknown", "90%", "90%", "one actual only"),
}


@pytest.fixture(scope="module")
def briefing(tmp_path_factory) -> Briefing:
    folder = tmp_path_factory.mktemp("scorecard")
    src = write_sources(folder / "src")
    with (src / "metrics.csv").open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    with (src / "metrics.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for mid, unit, uzh, uen in METRICS:
            row = {
                "id": mid,
                "sector": "trade",
                "name_zh": f"测试{mid}",
                "name_en": f"Test {mid}",
                "unit": unit,
                "unit_zh": uzh,
                "unit_en": uen,
                "scope": "ftz",
                "scope_zh": "测试片区",
                "scope_en": "test area",
                "chart_group": "",
                "headline": "",
                "description_zh": "",
                "description_en": "",
            }
            w.writerow([row[h] for h in header])
    with (src / "observations.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(OBS_HEADER)
        for mid, period, value, q, status in OBS:
            w.writerow([mid, period, value, q, status, "T1", f"{mid} {value}", "", "", ""])
    out = folder / "scorecard.sqlite"
    build_snapshot(src, out)
    return Briefing(open_snapshot(out))


@pytest.mark.parametrize("metric_id", sorted(EXPECTED))
def test_each_case(briefing, metric_id):
    status, prog_en, prog_zh, reason = EXPECTED[metric_id]
    en = [r for r in scorecard_rows(briefing, AS_OF, "en") if r.metric_id == metric_id]
    zh = [r for r in scorecard_rows(briefing, AS_OF, "zh") if r.metric_id == metric_id]
    assert en and zh
    row, row_zh = en[0], zh[0]
    assert row.status == status, row.reason
    assert row.progress == prog_en
    assert row_zh.progress == prog_zh
    assert reason in row.reason
    assert row_zh.status == status and row_zh.reason


def test_every_target_is_on_the_scorecard(briefing):
    rows = scorecard_rows(briefing, AS_OF, "en")
    targets = [o for o in OBS if o[4] == "target"]
    assert len(rows) == len(targets) == 15
    # t_only has two targets: both there, with their own deadlines
    assert sorted(r.deadline for r in rows if r.metric_id == "t_only") == ["2015", "2016"]


def test_no_actual_is_never_guessed(briefing):
    for row in scorecard_rows(briefing, AS_OF, "en"):
        if row.metric_id == "t_only":
            assert row.actual is None and row.progress == "" and row.progress_low is None


def test_passed_deadlines_are_judged(briefing):
    """A target whose deadline passed is never 'on track' or 'behind'."""
    for row in scorecard_rows(briefing, AS_OF, "en"):
        if row.deadline in ("2014", "2015"):
            assert row.status in ("met", "missed", "unknown")
