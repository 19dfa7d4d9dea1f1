"""The tabs of the briefing and the sectors each one shows.

Kept apart from ``briefing.py`` (which needs pandas) so the window can lay out its tabs while
the snapshot is still loading on another thread.
"""

from __future__ import annotations

# Tab id -> sectors shown on it, in order.
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overview", ()),
    ("trade", ("trade",)),
    ("shipping", ("shipping",)),
    ("finance", ("finance", "investment")),
    ("industry", ("industry",)),
    ("innovation", ("innovation",)),
)
TAB_IDS: tuple[str, ...] = tuple(t for t, _ in TABS)
SECTOR_TAB: dict[str, str] = {sector: tab for tab, sectors in TABS for sector in sectors}
