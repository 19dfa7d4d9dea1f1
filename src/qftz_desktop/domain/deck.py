"""The slide deck of meeting mode, built from a Briefing and nothing else (no Qt).

Every slide, in order: a title slide, the headline KPI cards in groups, then for every tab its
charts (one chart a slide), its figure cards in groups and its highlights in groups; then the
slides of the meeting brief's document (:mod:`.brief`): the target scorecard in groups, what
the data cannot say, the sources.

The default deck is the **meeting deck** (:func:`meeting_ids`), the same content as the
meeting brief: title, headline figures, scorecard, the key charts (the brief's rule,
:func:`.brief.compose.key_charts`) with their takeaways, caveats, sources — about 8–15 slides.
"All slides" stays one click away (the deck dialog's All button).

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
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..text import tr
from .brief.changes import changes_section, changes_title
from .brief.compose import MAX_CHOSEN, compose, key_charts
from .brief.model import BriefDocument, Caveats, Paragraph, Sources, Table
from .brief.options import BriefOptions, export_day
from .brief.scorecard import scorecard_rows
from .brief.takeaway import takeaway
from .briefing import Briefing, ChartSpec, FigureCard, Highlight
from .captions import scope_unit_line
from .caveats import MarkBook
from .changes import Changes
from .notes import own_takeaway

KPIS_PER_SLIDE = 4
CARDS_PER_SLIDE = 4
HIGHLIGHTS_PER_SLIDE = 3
SCORE_ROWS_PER_SLIDE = 5  # a row: the target and its status, then what it is judged by
CHANGE_ROWS_PER_SLIDE = 5  # the rest are in the changes panel and the brief's section

# The meeting brief's document per briefing and language, for the scorecard, caveats and
# sources slides (made when first shown; the briefing is read-only).
_DOCS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def meeting_document(briefing: Briefing, lang: str) -> BriefDocument:
    """The meeting brief's document of this briefing, dated today (cached)."""
    docs = _DOCS.setdefault(briefing, {})
    if lang not in docs:
        docs[lang] = compose(briefing, BriefOptions(kind="meeting", lang=lang))
    return docs[lang]


@dataclass(frozen=True)
class SlideLine:
    """One line of a text slide: the text and how it is set (``head``, ``body``, ``muted``,
    or a scorecard status such as ``met`` / ``unknown``)."""

    text: str
    role: str = "body"


def _chunks(items: Sequence, size: int) -> list[tuple]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


@dataclass(frozen=True, eq=False)
class Slide:
    """One slide: what it shows, its stable id, title, source note and as-of date."""

    id: str
    kind: str  # title, changes, kpis, chart, cards, highlights, scorecard, caveats, sources
    briefing: Briefing = field(repr=False)
    tab: str | None = None
    chart: ChartSpec | None = None
    cards: tuple[FigureCard, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    part: int = 1  # this slide's place among the slides of its group (1-based)
    parts: int = 1
    rows: tuple[int, int] = (0, 0)  # scorecard slides: the rows [start, end) they show
    changes: Changes | None = field(default=None, repr=False)  # the "what changed" slide

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
        if self.kind == "changes" and self.changes is not None:
            return changes_title(self.changes, lang)
        if self.kind in ("scorecard", "caveats", "sources"):
            key = {"scorecard": "brief.scorecard", "caveats": "brief.cannot_say"}.get(
                self.kind, "label.sources"
            )
            text = tr(key, lang)
            return f"{text} ({self.part}/{self.parts})" if self.parts > 1 else text
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
            return scope_unit_line(self.chart, lang)
        return ""

    def takeaway(self, lang: str) -> str:
        """A chart slide's takeaway (its subtitle in meeting mode): the presenter's own words
        when they replaced it (:func:`takeaway_is_own`), else the computed one; else ''."""
        if self.kind == "chart" and self.chart is not None:
            own = own_takeaway(self.briefing, self.chart.id)
            return own or takeaway(self.chart, lang, mark=self.marks(lang).of_point)
        return ""

    def takeaway_is_own(self) -> bool:
        """The takeaway is the presenter's words (shown marked as theirs, not as data)."""
        return self.chart is not None and bool(own_takeaway(self.briefing, self.chart.id))

    def marks(self, lang: str, focus_year: int | None = None) -> MarkBook:
        """The slide's caveat numbering (①②…): its chart's labels left to right, then the
        values its computed takeaway cites, then its cards' values as shown for
        ``focus_year``. Made afresh each time and always the same, so that the slide, its
        takeaway and the presenter view show the same numbers."""
        from .chart_model import build_chart_model

        book = MarkBook(lang)
        if self.chart is not None:
            build_chart_model(self.chart, lang, marks=book)  # the labels, left to right
            takeaway(self.chart, lang, mark=book.of_point)  # a line chart has none: these
        for card in self.cards:
            point, _exact = card.point_for(focus_year)
            book.of_point(point, card.metric)
        return book

    def lines(self, lang: str) -> tuple[SlideLine, ...]:
        """The text of a scorecard, caveats or sources slide, from the meeting brief's
        document (the same words as the PDF)."""
        doc = meeting_document(self.briefing, lang)
        out: list[SlideLine] = []
        if self.kind == "scorecard" and doc.scorecard is not None:
            sep = tr("punct.colon", lang)
            for row in doc.scorecard.rows[self.rows[0] : self.rows[1]]:
                actual = "—"
                if row.actual:
                    actual = row.actual.text + tr("punct.in_parens", lang, text=row.actual.period)
                parts = [
                    row.target.text + tr("deck.by_deadline", lang, deadline=row.deadline),
                    f"{tr('deck.latest', lang)}{sep}{actual}",
                ]
                if row.progress:
                    parts.append(f"{tr('deck.progress', lang)}{sep}{row.progress}")
                out.append(SlideLine(row.what, "head"))
                out.append(SlideLine(row.status_text, row.status))
                out.append(SlideLine(" · ".join(parts), "muted"))
        elif self.kind == "changes" and self.changes is not None:
            # the meeting brief's own section (domain.brief.changes): summary, revision rule,
            # then a line per change — tab, what, subject, before → now (never a growth)
            section = changes_section(self.changes, lang, limit=CHANGE_ROWS_PER_SLIDE)
            for block in section.blocks[1:]:
                if isinstance(block, Paragraph):
                    out.append(SlideLine(block.text, "muted" if block.style == "small" else "body"))
                elif isinstance(block, Table):
                    sep = tr("punct.colon", lang)
                    for change_row in block.rows:
                        cells: list[str] = [*change_row.cells, "", "", "", "", ""]
                        before, now = cells[3], cells[4]
                        change = f"{before} → {now}" if before and now else (now or before)
                        head = f"{cells[0]} · {cells[1]}{sep}{cells[2]}"
                        out.append(SlideLine(head, "head"))
                        if change:  # a new or removed metric has no value: no empty line
                            out.append(SlideLine(change, "muted"))
                    if block.note:
                        out.append(SlideLine(block.note, "muted"))
        elif self.kind == "caveats":
            for cav in doc.blocks_of(Caveats):
                out += [SlideLine(item.text) for item in cav.items]
        elif self.kind == "sources":
            for src in doc.blocks_of(Sources):
                out += [SlideLine(f"[{i.id}] {i.short or i.citation}") for i in src.items]
        return tuple(out)

    def source_ids(self, year: int | None = None) -> tuple[str, ...]:
        """Sources of what the slide shows; cards show the focused year's value, so it counts."""
        if self.chart is not None:
            return self.chart.source_ids
        if self.kind == "scorecard":
            score = meeting_document(self.briefing, "en").scorecard
            rows = score.rows[self.rows[0] : self.rows[1]] if score else ()
            return tuple(dict.fromkeys(sid for r in rows for sid in r.source_ids))
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
        if self.kind in ("caveats", "sources", "changes"):
            return ""
        ids = self.source_ids(year)
        return self.briefing.source_note(ids, lang, limit=limit) if ids else ""


class Deck:
    """All slides a briefing can show, in the default order."""

    def __init__(
        self,
        briefing: Briefing,
        kpis_per_slide: int = KPIS_PER_SLIDE,
        cards_per_slide: int = CARDS_PER_SLIDE,
        highlights_per_slide: int = HIGHLIGHTS_PER_SLIDE,
        changes: Changes | None = None,
    ):
        self.briefing = briefing
        slides: list[Slide] = [Slide("title", "title", briefing)]
        if changes is not None:  # compared with an earlier snapshot: what changed, first
            slides.append(Slide("changes", "changes", briefing, changes=changes))
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
        # the meeting brief's own slides: scorecard, what the data cannot say, sources
        n_rows = len(scorecard_rows(briefing, date.fromisoformat(export_day()), "en"))
        parts = -(-n_rows // SCORE_ROWS_PER_SLIDE)
        slides += [
            Slide(
                f"scorecard:{i}",
                "scorecard",
                briefing,
                part=i,
                parts=parts,
                rows=((i - 1) * SCORE_ROWS_PER_SLIDE, min(n_rows, i * SCORE_ROWS_PER_SLIDE)),
            )
            for i in range(1, parts + 1)
        ]
        slides += [Slide("caveats", "caveats", briefing), Slide("sources", "sources", briefing)]
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
        """The slides to present for a remembered choice (the meeting deck when none)."""
        if choice is None:
            return self.chosen(meeting_ids(self))
        return self.chosen(choice.reconcile(self.ids).included)

    def chart_slide_id(self, chart_id: str) -> str | None:
        """The id of the slide that shows a chart (``<tab>/<chart id>``)."""
        return next((s.id for s in self.slides if s.chart and s.chart.id == chart_id), None)


def meeting_ids(deck: Deck) -> tuple[str, ...]:
    """The meeting deck, in order: title, headline figures, scorecard, the key charts (the
    meeting brief's rule), what the data cannot say, sources."""
    ids = [s.id for s in deck.slides if s.kind in ("title", "changes", "kpis", "scorecard")]
    for chart in key_charts(deck.briefing):
        slide_id = deck.chart_slide_id(chart.id)
        if slide_id:
            ids.append(slide_id)
    ids += [s.id for s in deck.slides if s.kind in ("caveats", "sources")]
    return tuple(ids)


def brief_charts(deck: Deck, choice: DeckChoice | None) -> tuple[str, ...] | None:
    """The meeting brief's charts for a deck choice: the chart ids of its ticked chart slides,
    in the deck's order (a chart shown on two tabs counts once). None — the rules' choice —
    when there is no choice, when it ticks no chart, or more than
    :data:`.brief.compose.MAX_CHOSEN` (a deck of all slides is for presenting, not a choice
    of the brief's few charts)."""
    if choice is None:
        return None
    ids: dict[str, None] = {}
    for slide in deck.chosen(choice.reconcile(deck.ids).included):
        if slide.kind == "chart" and slide.chart is not None:
            ids.setdefault(slide.chart.id, None)
    return tuple(ids) if 0 < len(ids) <= MAX_CHOSEN else None


@dataclass(frozen=True)
class DeckChoice:
    """The user's deck: every known slide id in the chosen order, and the ones left out."""

    order: tuple[str, ...]
    hidden: frozenset[str] = frozenset()

    @classmethod
    def default(cls, deck: Deck) -> DeckChoice:
        """The meeting deck; every other slide is listed after it, left out."""
        return cls.from_included(meeting_ids(deck), deck.ids)

    @classmethod
    def all_slides(cls, deck: Deck) -> DeckChoice:
        """Every slide, in the deck's order ("all charts")."""
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
