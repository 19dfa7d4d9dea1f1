"""Observations as document values: text, what they are, and their caveats (no Qt)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ...text import tr
from ..briefing import Metric, Point
from .model import Caveat, Value

CaveatsOf = Callable[[Point, Metric, str], Iterable[Caveat]]


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def short_publisher(publisher: str, lang: str) -> str:
    """The publisher's name without its gloss, in the reader's language when the snapshot
    gives both: '青岛日报/观海新闻 (Qingdao Daily / Guanhai News)' -> '青岛日报/观海新闻' (zh)
    or 'Qingdao Daily / Guanhai News' (en); 'China Daily, Qingdao channel (qingdao.….cn)'
    -> 'China Daily, Qingdao channel'."""
    m = re.match(r"^(.*?)\s*[(（](.*)[)）]\s*$", publisher)
    if not m or not m.group(1).strip():
        return publisher
    head, gloss = m.group(1).strip(), m.group(2).strip()
    if lang != "zh" and _cjk(head) and re.search(r"[A-Za-z]{3,}", gloss) and not _cjk(gloss):
        return gloss.split(",")[0].strip()
    return head


def pick_half(text: str, lang: str) -> str:
    """Bilingual snapshot notes are written 'Chinese / English': keep the reader's half.

    Only when the text clearly is such a pair — more Chinese before the ' / ' than after it,
    and English words after it; '150 / 200 = 75%' stays whole. A note of several such pairs
    joined by '；' or '。' ('甲 / A；乙 / B') gives each pair's half ('甲；乙' / 'A; B'), a piece in
    one language only going with that language (numbers-and-units pieces go with both)."""
    pieces = [p for p in re.split(r"\s*[；。]\s*", text) if p.strip()]
    several = len(re.findall(r"\s?/\s", text)) >= 2
    if several and len(pieces) > 1 and any(_pair(p) for p in pieces):
        if lang == "zh":
            return tr("punct.semicolon", lang).join(pick_half(p, lang) for p in pieces)
        # English: each pair's half; a piece in Chinese only belongs to the Chinese half
        kept = [pick_half(p, lang) for p in pieces if _pair(p) or _latin(p) >= _cjk(p)]
        return tr("punct.semicolon", lang).join(kept)
    parts = re.split(r"\s?/\s", text)
    if len(parts) >= 2:
        zh, en = parts[0].strip(), " / ".join(parts[1:]).strip()
        if zh and en and _cjk(zh) > _cjk(en) and re.search(r"[A-Za-z]{3,}", en):
            # the English half may end in pieces after '；': Chinese-only ones belong to the
            # Chinese half, the others (numbers, units) to both
            main, *tails = [t.strip() for t in en.split("；")]
            shared = [t for t in tails if t and _latin(t) >= _cjk(t)]
            half = zh if lang == "zh" else main  # the data's own halves, not interface text
            return tr("punct.semicolon", lang).join([half, *shared])
    return text


def _latin(text: str) -> int:
    return len(re.findall(r"[A-Za-z]", text))


def _pair(text: str) -> bool:
    parts = re.split(r"\s?/\s", text)
    if len(parts) != 2:
        return False
    zh, en = parts[0].strip(), parts[1].strip()
    return bool(zh and en and _cjk(zh) > _cjk(en) and re.search(r"[A-Za-z]{3,}", en))


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
