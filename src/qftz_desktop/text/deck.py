"""Words of the slides' text made in the domain (domain/deck.py), in (zh, en)."""

from __future__ import annotations

DECK: dict[str, tuple[str, str]] = {
    "deck.latest": ("最新可比实际值", "latest comparable actual"),
    "deck.progress": ("完成度", "progress"),
    "deck.by_deadline": ("（期限{deadline}）", " (by {deadline})"),
}
