"""How old the data is (domain.age): the as-of date and the newest figure, zone-wide and per
tab, with expected dates written down from the observations."""

from __future__ import annotations

from datetime import date

from narrative_data import build_briefing, metric, obs
from qftz_desktop.domain import age
from qftz_desktop.domain.briefing import load_briefing


def test_newest_zone_wide_figure_ignores_targets_and_other_scopes(tmp_path):
    metrics = [
        metric("z", "count", "ftz"),
        metric("c", "count", "city", sector="investment"),
    ]
    rows = [
        obs("z", "2023", 5),
        obs("z", "2024-06", 7),
        obs("z", "2025", 9, status="target"),  # a target is no news
        obs("c", "2025-11", 3),  # a newer figure, but the city's
    ]
    b = build_briefing(tmp_path, metrics, rows)
    assert age.newest_zone_wide(b) == date(2024, 6, 30)
    assert age.latest_zone_wide_text(b, "en") == "latest zone-wide figure: Jun 2024"
    assert age.latest_zone_wide_text(b, "zh") == "片区最新数据：2024年6月"
    assert age.newest_zone_wide(b, (2023, 2023)) == date(2023, 12, 31)
    assert age.newest_zone_wide(b, (2010, 2011)) is None
    assert age.latest_zone_wide_text(b, "en", (2010, 2011)) == ""
    # an undated figure has no date to be newest by
    b2 = build_briefing(
        tmp_path / "u", [metric("z", "count")], [obs("z", "2023", 1), obs("z", "~2025-06", 2)]
    )
    assert age.newest_zone_wide(b2) == date(2023, 12, 31)
    by_tab = age.newest_by_tab(b)
    assert by_tab["trade"] == date(2024, 6, 30)
    assert by_tab["finance"] == date(2025, 11, 30)  # 'investment' is on the finance tab
    assert by_tab["shipping"] is None
    assert age.latest_in_tab_text(b, "finance", "en") == "latest figure: Nov 2025"
    assert age.latest_in_tab_text(b, "finance", "zh") == "最新数据：2025年11月"
    assert age.latest_in_tab_text(b, "shipping", "zh") == ""
    assert age.as_of(b) == "2016-06-30"  # the test sources' meta (tests/factory.py)


def test_bundled_snapshot_age(bundled_path):
    # data/source: as_of 2026-01-22; the newest ftz-scope actual is marine_species_sequenced,
    # over 560 species as of 23 August 2025 (N28)
    b = load_briefing(bundled_path)
    assert age.as_of(b) == "2026-01-22"
    assert age.newest_zone_wide(b) == date(2025, 8, 23)
    assert age.month_label(date(2024, 9, 30), "en") == "Sep 2024"
    assert age.month_label(date(2024, 9, 30), "zh") == "2024年9月"
