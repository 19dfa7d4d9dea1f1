"""The Overview says how old the data is: its as-of date and its newest zone-wide figure."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from narrative_data import build_briefing, metric, obs
from qftz_desktop.render.selection import Selection
from qftz_desktop.render.theme import SCREEN
from qftz_desktop.ui.tabs import OverviewTab


def test_overview_names_the_newest_zone_wide_figure(qtbot, tmp_path):
    # zone-wide values up to June 2024; a newer city value does not count as zone-wide
    rows = [obs("z", "2023", 5), obs("z", "2024-06", 7), obs("c", "2025-11", 3)]
    metrics = [metric("z", "count", "ftz", headline="1"), metric("c", "count", "city")]
    b = build_briefing(tmp_path, metrics, rows)
    for lang, want, sources in (
        ("en", "latest zone-wide figure: Jun 2024", "2 sources"),
        ("zh", "片区最新数据：2024年6月", "2个来源"),
    ):
        tab = OverviewTab(b, b.tab("overview"), Selection(2015, 2025, lang), SCREEN)
        qtbot.addWidget(tab)
        info = tab.findChild(QLabel, "overviewInfo")
        assert info is not None
        assert want in info.text()
        assert "2016-06-30" in info.text()  # the as-of date stays beside it
        assert info.text().endswith(sources)  # tests/factory.py: T1 and T2
