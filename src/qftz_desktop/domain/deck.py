"""The slide deck of meeting mode, built from a Briefing and nothing else (no Qt).

Default order: a title slide, the headline KPI cards in groups, then for every tab its charts
(one chart a slide), its figure cards in groups and its highlights in groups.

Every slide has an id that stays the same across runs and across snapshots that keep the same
metrics: ``title``, ``kpis:1``, ``trade/chart:<chart key>``, ``trade/cards:2``,
``trade/highlights:1``. Chart ids carry their tab because the same chart key may appear on two
tabs (a share metric of trade and of investment, for instance).

The user's deck — which slides, in which order — is a :class:`DeckChoice`: the slide ids in the
chosen order plus the ids left out. :meth:`DeckChoice.reconcile` keeps it valid for another
snapshot: ids that no longer exist are dropped, slides the choice never saw are appended (and
included), so a remembered deck survives a new snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .briefing import Briefing, ChartSpec, FigureCard, Highlight
from .i18n import tr

KPIS_PER_SLIDE = 4
CARDS_PER_SLIDE = 4
HIGHLIGHTS_PER_SLIDE = 3

SLIDE_KINDS = ("title", "kpis", "chart", "cards", "highlights")


def _chunks(items: Sequence, size: int) -> list[tuple]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


@dataclass(frozen=True, eq=False)
class Slide:
    """One slide: what it shows, its stable id, title, source note and as-of date."""

    id: str
    kind: str  # one of SLIDE_KINDS
    briefing: Briefing = field(repr=False)
    tab: str | None = None
    chart: ChartSpec | None = None
    cards: tuple[FigureCard, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    part: int = 1  # this slide's place among the slides of its group (1-based)
    parts: int = 1

    @property
    def as_of(self) -> str:
        return self.briefing.snapshot.as_of

    def kicker(self, lang: str) -> str:
        """The small line above the title: the tab (or the zone on the title slide)."""
        if self.kind == "title":
            return self.briefing.snapshot.zone(lang)
        if self.tab is None:
            return tr("tab.overview", lang)
        return tr(f"tab.{self.tab}", lang)

    def title(self, lang: str) -> str:
        if self.kind == "title":
            return self.briefing.snapshot.title(lang)
        if self.kind == "chart" and self.chart is not None:
            return self.chart.title(lang)
        key = {"kpis": "label.headline", "cards": "label.key_figures"}.get(
            self.kind, "label.highlights"
        )
        text = tr(key, lang)
        return f"{text} ({self.part}/{self.parts})" if self.parts > 1 else text

    def subtitle(self, lang: str) -> str:
        """Scope and unit of a chart; the publisher on the title slide; else empty."""
        if self.kind == "title":
            return self.briefing.snapshot.publisher(lang)
        if self.kind == "chart" and self.chart is not None:
            sep = "：" if lang == "zh" else ": "
            return (
                f"{tr('label.scope', lang)}{sep}{self.chart.scope_label(lang)} · "
                f"{tr('label.unit', lang)}{sep}{self.chart.unit_label(lang)}"
            )
        return ""

    def source_ids(self, year: int | None = None) -> tuple[str, ...]:
        """Sources of what the slide shows; cards show the focused year's value, so it counts."""
        if self.chart is not None:
            return self.chart.source_ids
        ids: dict[str, None] = {}
        for card in self.cards:
            point, _ = card.point_for(year)
            ids.setdefault(point.source_id, None)
        for h in self.highlights:
            ids.setdefault(h.source_id, None)
        return tuple(ids)

    def source_note(self, lang: str, year: int | None = None, limit: int = 2) -> str:
        """One line: '来源：…' for content slides, the publisher for the title slide."""
        if self.kind == "title":
            return self.briefing.snapshot.publisher(lang)
        ids = self.source_ids(year)
        return self.briefing.source_note(ids, lang, limit=limit) if ids else ""

    def metric_ids(self) -> tuple[str, ...]:
        if self.chart is not None:
            return tuple(m.id for m in self.chart.metrics)
        return tuple(c.metric.id for c in self.cards)


class Deck:
    """All slides a briefing can show, in the default order."""

    def __init__(
        self,
        briefing: Briefing,
        kpis_per_slide: int = KPIS_PER_SLIDE,
        cards_per_slide: int = CARDS_PER_SLIDE,
        highlights_per_slide: int = HIGHLIGHTS_PER_SLIDE,
    ):
        self.briefing = briefing
        slides: list[Slide] = [Slide("title", "title", briefing)]
        groups = _chunks(briefing.headline, kpis_per_slide)
        slides += [
            Slide(f"kpis:{i}", "kpis", briefing, cards=g, part=i, parts=len(groups))
            for i, g in enumerate(groups, 1)
        ]
        for tab in briefing.tabs:
            for chart in tab.charts:
                slides.append(Slide(f"{tab.id}/{chart.id}", "chart", briefing, tab.id, chart))
            card_groups = _chunks(tab.cards, cards_per_slide)
            slides += [
                Slide(
                    f"{tab.id}/cards:{i}",
                    "cards",
                    briefing,
                    tab.id,
                    cards=g,
                    part=i,
                    parts=len(card_groups),
                )
                for i, g in enumerate(card_groups, 1)
            ]
            hl_groups = _chunks(tab.highlights, highlights_per_slide)
            slides += [
                Slide(
                    f"{tab.id}/highlights:{i}",
                    "highlights",
                    briefing,
                    tab.id,
                    highlights=g,
                    part=i,
                    parts=len(hl_groups),
                )
                for i, g in enumerate(hl_groups, 1)
            ]
        seen: set[str] = set()
        unique: list[Slide] = []
        for s in slides:  # chart keys are unique per tab; keep the first should that change
            if s.id not in seen:
                seen.add(s.id)
                unique.append(s)
        self.slides: tuple[Slide, ...] = tuple(unique)
        self._by_id = {s.id: s for s in self.slides}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.slides)

    @property
    def as_of(self) -> str:
        return self.briefing.snapshot.as_of

    def get(self, slide_id: str) -> Slide | None:
        return self._by_id.get(slide_id)

    def __len__(self) -> int:
        return len(self.slides)

    def __contains__(self, slide_id: object) -> bool:
        return slide_id in self._by_id

    def chosen(self, ids: Iterable[str]) -> tuple[Slide, ...]:
        """The slides of ``ids`` in that order; unknown and repeated ids are skipped."""
        out: list[Slide] = []
        seen: set[str] = set()
        for i in ids:
            s = self._by_id.get(i)
            if s is not None and i not in seen:
                seen.add(i)
                out.append(s)
        return tuple(out)

    def slides_for(self, choice: DeckChoice | None) -> tuple[Slide, ...]:
        """The slides to present for a remembered choice (all slides when there is none)."""
        if choice is None:
            return self.slides
        return self.chosen(choice.reconcile(self.ids).included)


@dataclass(frozen=True)
class DeckChoice:
    """The user's deck: every known slide id in the chosen order, and the ones left out."""

    order: tuple[str, ...]
    hidden: frozenset[str] = frozenset()

    @classmethod
    def default(cls, deck: Deck) -> DeckChoice:
        return cls(deck.ids)

    @classmethod
    def from_included(cls, included: Sequence[str], available: Sequence[str]) -> DeckChoice:
        """A choice from just the chosen ids in order; the other known slides are left out."""
        keep = list(dict.fromkeys(i for i in included if i in set(available)))
        rest = [i for i in available if i not in set(keep)]
        return cls(tuple(keep + rest), frozenset(rest))

    @property
    def included(self) -> tuple[str, ...]:
        return tuple(i for i in self.order if i not in self.hidden)

    def reconcile(self, available: Sequence[str]) -> DeckChoice:
        """Drop ids that no longer exist; append slides this choice never saw, included."""
        known = set(available)
        order = [i for i in dict.fromkeys(self.order) if i in known]
        seen = set(order)
        order += [i for i in available if i not in seen]
        return DeckChoice(tuple(order), frozenset(i for i in self.hidden if i in known))

    def to_json(self) -> str:
        return json.dumps(
            {"version": 1, "order": list(self.order), "hidden": sorted(self.hidden)},
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: object) -> DeckChoice | None:
        """Parse a remembered choice; anything unreadable gives None (use the default)."""
        if not isinstance(text, str) or not text:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        order = data.get("order")
        hidden = data.get("hidden", [])
        if not isinstance(order, list) or not isinstance(hidden, list):
            return None
        return cls(
            tuple(str(i) for i in order if isinstance(i, str)),
            frozenset(str(i) for i in hidden if isinstance(i, str)),
        )


def deck_key(briefing: Briefing) -> str:
    """Settings key of a snapshot's remembered deck: by content id, so copies share it."""
    snap = briefing.snapshot
    ident = snap.content_id or str(snap.path)
    safe = "".join(ch if ch.isalnum() else "_" for ch in ident)[:64]
    return f"presentation/deck/{safe}"
