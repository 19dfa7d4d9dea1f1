"""Conflicting values of one period (kept side by side in the data) are both drawn.

The bundled snapshot has two reported 2021 values of the zone's trade: 1,890亿元 (N3, dated)
and 1,870亿元 (S1, an undated page, year inferred: period ``2021?``). Drawn at the same place
the first bar hid the second.
"""

from __future__ import annotations

import pytest

from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.chart_model import BAR, build_chart_model


@pytest.fixture(scope="module")
def trade_chart(bundled_path):
    return load_briefing(bundled_path).chart_of("ftz_trade_value")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_conflicting_values_of_one_year_stand_side_by_side(trade_chart, lang):
    model = build_chart_model(trade_chart, lang)
    bars = [m for m in model.marks if m.shape == BAR and m.point.period.year == 2021]
    assert sorted((m.point.period.code, m.point.value) for m in bars) == [
        ("2021", 1890.0),
        ("2021?", 1870.0),
    ]
    a, b = sorted(bars, key=lambda m: m.x)
    assert a.right <= b.left  # no overlap: both visible
    assert a.left >= 2021 and b.right <= 2022  # both inside their year
