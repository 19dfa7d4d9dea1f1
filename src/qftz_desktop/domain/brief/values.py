"""Observations as document values: text, what they are, and their caveats (no Qt)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..briefing import Metric, Point
from .model import Caveat, Value

CaveatsOf = Callable[[Point, Metric, str], Iterable[Caveat]]


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def pick_half(text: str, lang: str) -> str:
    """Bilingual snapshot notes are written 'Chinese / English': keep the reader's half.

    Only when the text clearly is such a pair — more Chinese before the ' / ' than after it,
    and English words after it; '150 / 200 = 75%' stays whole."""
    parts = re.split(r"\s?/\s", text)
    if len(parts) >= 2:
        zh, en = parts[0].strip(), " / ".join(parts[1:]).strip()
        if zh and en and _cjk(zh) > _cjk(en) and re.search(r"[A-Za-z]{3,}", en):
            if lang == "zh":
                return zh
            # an English half may carry a Chinese tail after '；' (a second note): drop it
            return re.split(r"[；;]\s*(?=[\u4e00-\u9fff])", en)[0].strip()
    return text


def note_caveats(point: Point, metric: Metric, lang: str) -> list[Caveat]:
    """The observation's own note as a caveat (used until a richer provider is given)."""
    if not point.note:
        return []
    return [Caveat(f"obs:{point.obs_id}", "note", pick_half(point.note, lang))]


def default_caveats() -> CaveatsOf:
    """The richest caveat provider available: :mod:`..caveats` when present (notes, inferred
    periods, conflicts, scope warnings, bounds), else the observation's note."""
    try:
        from .. import caveats as provider  # type: ignore[attr-defined]
    except ImportError:
        return note_caveats
    fn = getattr(provider, "brief_caveats", None)
    return fn if callable(fn) else note_caveats


def value_of(point: Point, metric: Metric, lang: str, caveats_of: CaveatsOf | None = None) -> Value:
    """A document Value for one observation."""
    caveats = tuple(caveats_of(point, metric, lang)) if caveats_of else ()
    return Value(
        text=point.value_text(metric, lang),
        number=point.value,
        qualifier=point.qualifier,
        status=point.status,
        period=point.period.label(lang),
        unit=metric.unit_label(lang),
        scope=metric.scope_label(lang),
        source_id=point.source_id,
        metric_id=metric.id,
        obs_id=point.obs_id,
        period_code=point.period.code,
        unit_code=metric.unit,
        caveats=caveats,
        formula=point.formula,
    )
