"""Compose the brief once: the meeting brief and the full data book as document models.

The renderers (PDF, handout, slides, PowerPoint) draw what this module decides. Rules:

**Meeting brief** (2–4 pages): the zone in three lines; the headline figures with period and
status; the target scorecard (:mod:`.scorecard`); the key charts with their takeaways
(:mod:`.takeaway`); what the data cannot say; the sources cited; the presenter's notes where
given, marked as theirs.

*Which charts* (:func:`key_charts`): a chart must show at least two actual (reported or
derived) values in the year range — a chart of targets alone shows no outcome. Charts holding a
headline metric come first, in headline order; then zone-wide charts before city and port
context; then the most recent, then the most complete (reported periods). One chart per tab
is taken first, then a second (``MAX_PER_TAB``) where room is left, so the brief covers the
zone's fields; between ``MIN_CHARTS`` and ``MAX_CHARTS`` in all (fewer only when fewer are
eligible), shown in the order above. A user's own choice (chart ids)
replaces the rule.

**Full data book**: composed in :mod:`.databook` (every figure, tab by tab, with the table
of its values); ``compose`` gives it for ``options.kind == "full"``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ...snapshot.schema import ZONE_LINES, zone_line_sources
from ...text import tr
from ..age import latest_zone_wide_text, month_label, newest_by_tab
from ..briefing import Briefing, ChartSpec, Metric, Point
from ..captions import scope_unit_line
from ..caveats import MarkBook
from ..narrative import headline_figures
from ..notes import chart_target, cover_target, takeaway_target
from .model import (
    BriefDocument,
    CaveatItem,
    Caveats,
    ChartBlock,
    Column,
    Heading,
    KeyValue,
    KeyValues,
    Paragraph,
    PresenterNote,
    Row,
    Scorecard,
    Section,
    SourceItem,
    Sources,
    Table,
)
from .options import BriefOptions, YearRange
from .scorecard import rules_line, scorecard_rows
from .takeaway import takeaway_parts
from .values import CaveatsOf, default_caveats, short_publisher, value_of

MIN_CHARTS = 4
MAX_CHARTS = 5  # with the scorecard and the notes, what 4 pages hold
MAX_CHOSEN = 6  # a user's own choice: at most this many (the issue's 4–6 charts)
MAX_PER_TAB = 2
ZONE_SCOPES = ("ftz",)


def _in(p: Point, years: YearRange) -> bool:
    return years is None or years[0] <= p.year <= years[1]


def _as_date(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return date.today()


# -- rules -------------------------------------------------------------------------------------


def key_charts(
    briefing: Briefing,
    years: YearRange = None,
    chosen: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[ChartSpec]:
    """The meeting brief's charts, by the rules in the module docstring (or ``chosen``, at
    most MAX_CHOSEN of them). ``limit``: at most this many (default MAX_CHARTS by the rules)."""
    charts = [c for tab in briefing.tabs for c in tab.charts]
    if chosen:
        by_id = {c.id: c for c in charts}
        mine = [by_id[i] for i in dict.fromkeys(chosen) if i in by_id]
        return mine[: MAX_CHOSEN if limit is None else limit]
    limit = MAX_CHARTS if limit is None else limit

    def actuals(c: ChartSpec) -> list[Point]:
        return [p for s in c.series for p in s.points if p.status != "target" and _in(p, years)]

    eligible = [c for c in charts if len(actuals(c)) >= 2]

    def order(c: ChartSpec) -> tuple:
        heads = [m.headline for m in c.metrics if m.headline is not None]
        pts = actuals(c)
        latest = max(p.period.end for p in pts)
        reported = len({p.period.code for p in pts if p.status == "reported"})
        zone = c.metrics[0].scope in ZONE_SCOPES
        return (
            min(heads) if heads else 10**6,
            0 if zone else 1,
            -latest.toordinal(),
            -reported,
            c.id,
        )

    picked: list[ChartSpec] = []
    per_tab: dict[str, int] = {}
    ranked = sorted(eligible, key=order)
    for cap in (1, MAX_PER_TAB):  # one chart per tab first, then a second where room is left
        for c in ranked:
            if len(picked) >= limit:
                break
            if c in picked or per_tab.get(c.tab, 0) >= cap:
                continue
            picked.append(c)
            per_tab[c.tab] = per_tab.get(c.tab, 0) + 1
    picked.sort(key=ranked.index)
    return picked


def chart_ids(briefing: Briefing) -> dict[str, str]:
    """Every chart id of the briefing, each under its own name and its bare key
    (``chart:ftz_trade_value`` and ``ftz_trade_value``) — what ``--charts`` accepts."""
    out: dict[str, str] = {}
    for tab in briefing.tabs:
        for c in tab.charts:
            out.setdefault(c.id, c.id)
            out.setdefault(c.id.removeprefix("chart:"), c.id)
    return out


def resolve_charts(briefing: Briefing, wanted: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """The chart ids of ``wanted`` in order (repeats dropped), and the names that are no chart
    of this snapshot (for a message naming them)."""
    known = chart_ids(briefing)
    ids: dict[str, None] = {}
    unknown: list[str] = []
    for name in wanted:
        name = name.strip()
        if name in known:
            ids.setdefault(known[name], None)
        elif name:
            unknown.append(name)
    return tuple(ids), unknown


# -- the composer ------------------------------------------------------------------------------


class Composer:
    """One brief, one language: builds a BriefDocument; remembers the sources it cites."""

    def __init__(
        self,
        briefing: Briefing,
        options: BriefOptions,
        caveats_of: CaveatsOf | None = None,
        charts: Sequence[str] | None = None,
    ):
        self.b = briefing
        self.o = options
        self.lang = options.lang
        self.years = options.years(briefing)
        self.brief_date = options.date(briefing)
        self.caveats_of = caveats_of or default_caveats()
        self.chosen = charts
        self.chart_limit: int | None = None
        self.cited: dict[str, None] = {}
        # the document's caveat marks (①②…), numbered as values are placed: the sentences
        # carry them in their text, the renderers number tables, charts and footnotes by them
        self.book = MarkBook(self.lang)

    def counted(self, one: str, many: str, n: int) -> str:
        """A sentence about ``n`` things, in the singular when there is one."""
        return tr(one, self.lang) if n == 1 else tr(many, self.lang, n=n)

    def cite(self, *ids: str) -> None:
        for sid in ids:
            if sid:
                self.cited.setdefault(sid, None)

    def value(self, point: Point, metric):
        self.cite(point.source_id)
        v = value_of(point, metric, self.lang, self.caveats_of)
        self.book.of_value(v)  # numbered where it is first shown
        return v

    def mark(self, point: Point, metric: Metric) -> str:
        """The marks of a value a sentence cites (the same notes its table cell shows)."""
        return self.book.of_value(value_of(point, metric, self.lang, self.caveats_of))

    def sentence_values(self, points, metric: Metric) -> tuple:
        return tuple(value_of(p, metric, self.lang, self.caveats_of) for p in points)

    def note(self, key: str) -> PresenterNote | None:
        text = self.o.note(key)
        return PresenterNote(text, key, tr("brief.presenter", self.lang)) if text else None

    # document ------------------------------------------------------------------------------
    def document(self) -> BriefDocument:
        sections = self.meeting() if self.o.kind == "meeting" else self.full()
        snap = self.b.snapshot
        sep = tr("punct.colon", self.lang)
        footer = (
            f"{tr('label.as_of', self.lang)}{sep}{snap.as_of or '—'} · "
            f"{tr('label.content_id', self.lang)}{sep}{snap.short_id or '—'}"
        )
        return BriefDocument(
            kind=self.o.kind,
            lang=self.lang,
            title=snap.title(self.lang),
            subtitle=tr(f"brief.kind_{self.o.kind}", self.lang),
            zone=snap.zone(self.lang),
            as_of=snap.as_of,
            brief_date=self.brief_date,
            snapshot_id=snap.content_id,
            years=self.years,
            sections=tuple(sections),
            publisher=snap.publisher(self.lang),
            footer=footer,
            notes=self.book.notes,
        )

    def meeting(self) -> list[Section]:
        cover = self.cover_section()
        head = self.headline_section()
        score = self.scorecard_section()
        charts = self.charts_section()
        cannot = self.caveats_section(score, charts)
        sources = self.sources_section()
        return [s for s in (cover, head, score, charts, cannot, sources) if s.blocks]

    # sections ------------------------------------------------------------------------------
    def zone_lines(self) -> list[Paragraph]:
        """The zone: its name, then in three lines what it is, when it was approved and where
        (reported text from the snapshot's meta, each with its source); then what the brief
        rests on and how old the data is (the last line: the caveats repeat it)."""
        lang, snap = self.lang, self.b.snapshot
        lines: list[Paragraph] = [Paragraph(snap.zone(lang), "lead")]
        for line in ZONE_LINES:  # what it is, approved when, where: reported, with source
            text = snap.meta.get(f"zone_{line}_{lang}") or ""
            if text:
                ids = zone_line_sources(snap.meta.get(f"zone_{line}_source") or "")
                self.cite(*ids)
                lines.append(Paragraph(text + (f" [{'; '.join(ids)}]" if ids else "")))
        obs = snap.observations
        actual_years = obs.loc[obs["status"] != "target", "period_end"].str.slice(0, 4)
        if self.years is not None:
            y1, y2 = self.years
        elif len(actual_years):
            y1, y2 = int(actual_years.min()), int(actual_years.max())
        else:
            y1, y2 = self.b.year_min, self.b.year_max
        lines.append(
            Paragraph(
                tr(
                    "brief.coverage",
                    self.lang,
                    metrics=len(self.b.series),
                    figures=len(obs),
                    sources=len(set(obs["source_id"])),
                    y1=y1,
                    y2=y2,
                )
            )
        )
        latest = latest_zone_wide_text(self.b, lang)
        if latest:
            text = tr("brief.age", self.lang, as_of=snap.as_of or "—", latest=latest)
        else:
            text = tr("brief.age_none", self.lang, as_of=snap.as_of or "—")
        lines.append(Paragraph(text))
        return lines

    def cover_facts(self) -> KeyValues:
        lang, snap = self.lang, self.b.snapshot
        rows = [
            KeyValue(tr("label.as_of", self.lang), snap.as_of or "—"),
            KeyValue(tr("brief.brief_date", self.lang), self.brief_date),
        ]
        for tab, end in newest_by_tab(self.b, self.years).items():
            if end is not None:
                label = tr("brief.latest_tab", self.lang, tab=tr(f"tab.{tab}", lang))
                rows.append(KeyValue(label, month_label(end, lang)))
        if self.years is not None:
            rows.append(
                KeyValue(tr("label.period_range", self.lang), f"{self.years[0]}–{self.years[1]}")
            )
        rows.append(KeyValue(tr("label.content_id", self.lang), snap.short_id or "—"))
        return KeyValues(tuple(rows))

    def cover_section(self) -> Section:
        blocks: list = [Heading(self.b.snapshot.title(self.lang), 1)]
        blocks += self.zone_lines()
        blocks.append(self.cover_facts())
        note = self.note(cover_target())
        if note:
            blocks.append(note)
        return Section("cover", self.b.snapshot.title(self.lang), tuple(blocks))

    def headline_table(self) -> Table:
        lang = self.lang
        rows = []
        for f in headline_figures(self.b, self.years):
            v = self.value(f.point, f.metric)
            rows.append(
                Row(
                    (
                        f.metric.name(lang),
                        v.text,
                        v.period,
                        tr(f"status.{v.status}", lang),
                        f"[{v.source_id}]",
                    ),
                    (v,),
                )
            )
        columns = (
            Column(tr("label.metric", lang), 0.47),
            Column(tr("label.value", lang), 0.17),
            Column(tr("label.period", lang), 0.17),
            Column(tr("label.status", lang), 0.09),
            Column(tr("label.source", lang), 0.1),
        )
        return Table(columns, tuple(rows), title=tr("label.headline", self.lang))

    def headline_section(self) -> Section:
        table = self.headline_table()
        if not table.rows:
            return Section("headline", tr("label.headline", self.lang), ())
        return Section(
            "headline",
            tr("label.headline", self.lang),
            (Heading(tr("label.headline", self.lang), 3), table),
        )

    def scorecard(self) -> Scorecard:
        as_of = _as_date(self.brief_date)
        rows = scorecard_rows(self.b, as_of, self.lang, self.years, self.caveats_of)
        for r in rows:
            self.cite(*r.source_ids)
        return Scorecard(
            tuple(rows),
            self.brief_date,
            title=tr("brief.scorecard", self.lang),
            rules=rules_line(self.lang, self.brief_date),
        )

    def scorecard_section(self) -> Section:
        card = self.scorecard()
        if not card.rows:
            return Section("scorecard", card.title, ())
        return Section("scorecard", card.title, (Heading(card.title, 3), card))

    def chart_block(self, chart: ChartSpec, with_table: bool = False) -> ChartBlock:
        lang = self.lang
        parts = takeaway_parts(chart, lang, self.years, self.caveats_of, mark=self.mark)
        values = []
        source_ids: dict[str, None] = {}
        for s in chart.series:
            for p in s.points:
                if _in(p, self.years):
                    values.append(self.value(p, s.metric))
                    source_ids.setdefault(p.source_id, None)
        for v in parts.values:
            self.cite(v.source_id)
        subtitle = scope_unit_line(chart, lang)
        note = self.o.note(chart_target(chart.id))
        own = self.o.note(takeaway_target(chart.id))  # the presenter's words replace it
        table = self.chart_table(chart, values) if with_table else None
        return ChartBlock(
            chart_id=chart.id,
            tab=chart.tab,
            title=chart.title(lang),
            subtitle=subtitle,
            takeaway=own or parts.text,
            source_line=self.b.source_note(list(source_ids), lang),
            takeaway_computed=parts.text,
            takeaway_values=() if own else parts.values,
            takeaway_own=bool(own),
            takeaway_label=tr("brief.own_takeaway", self.lang) if own else "",
            notes=note,
            values=tuple(values),
            source_ids=tuple(source_ids),
            years=self.years,
            table=table,
        )

    def chart_table(self, chart: ChartSpec, values) -> Table:
        lang = self.lang
        multi = len(chart.series) > 1
        names = {s.metric.id: s.metric.name(lang) for s in chart.series}
        columns = ([Column(tr("label.metric", lang), 0.25)] if multi else []) + [
            Column(tr("label.period", lang), 0.2),
            Column(tr("label.value", lang), 0.2, "right"),
            Column(tr("label.status", lang), 0.1),
            Column(tr("label.source", lang), 0.25),
        ]
        rows = []
        for v in values:
            cells = ([names[v.metric_id]] if multi else []) + [
                v.period,
                v.text,
                tr(f"status.{v.status}", lang),
                f"[{v.source_id}]",
            ]
            rows.append(Row(tuple(cells), (v,)))
        return Table(tuple(columns), tuple(rows))

    def charts_section(self) -> Section:
        charts = key_charts(self.b, self.years, self.chosen, limit=self.chart_limit)
        blocks: list = [Heading(tr("brief.key_charts", self.lang), 2, anchor="charts")]
        blocks += [self.chart_block(c) for c in charts]
        if len(blocks) == 1:
            return Section("charts", tr("brief.key_charts", self.lang), ())
        return Section("charts", tr("brief.key_charts", self.lang), tuple(blocks))

    def caveats_section(self, score: Section, charts: Section) -> Section:
        items: list[CaveatItem] = []
        age = self.zone_lines()[-1].text
        items.append(CaveatItem("age", age))
        card = next((b for b in score.blocks if isinstance(b, Scorecard)), None)
        if card is not None:
            none = [r for r in card.rows if r.actual is None]
            if none:
                items.append(
                    CaveatItem(
                        "gap",
                        tr("brief.gap_targets", self.lang, n=len(none), total=len(card.rows)),
                    )
                )
        shown = [b for b in charts.blocks if isinstance(b, ChartBlock)]
        specs = {c.id: c for tab in self.b.tabs for c in tab.charts}
        context = [
            c
            for c in shown
            if c.chart_id in specs and specs[c.chart_id].metrics[0].scope not in ZONE_SCOPES
        ]
        values = [v for c in shown for v in c.values]
        bounds = [v for v in values if v.qualifier in ("over", "at_least")]
        if bounds:
            items.append(
                CaveatItem("bound", self.counted("brief.bounds_1", "brief.bounds", len(bounds)))
            )
        derived = [v for v in values if v.status == "derived"]
        if derived:
            items.append(
                CaveatItem(
                    "derived", self.counted("brief.derived_1", "brief.derived", len(derived))
                )
            )
        noted = [v for v in values if v.caveats]
        if noted:
            items.append(
                CaveatItem("note", self.counted("brief.noted_1", "brief.noted", len(noted)))
            )
        if context:
            items.append(
                CaveatItem("scope", self.counted("brief.context_1", "brief.context", len(context)))
            )
        title = tr("brief.cannot_say", self.lang)
        return Section("caveats", title, (Heading(title, 3), Caveats(tuple(items), title)))

    def sources_section(self) -> Section:
        items = []
        order = [sid for sid in self.b.used_source_ids() if sid in self.cited]
        order += [sid for sid in self.cited if sid not in order]
        for sid in order:
            src = self.b.sources.get(sid)
            if src is None:
                items.append(SourceItem(sid, sid, ""))
                continue
            joiner = tr("punct.comma", self.lang)
            name = joiner.join(x for x in (src.publisher, src.title) if x)
            short = " ".join(x for x in (short_publisher(src.publisher, self.lang), src.date) if x)
            items.append(SourceItem(sid, name, src.date, src.url, short))
        title = tr("label.sources", self.lang)
        intro = tr("brief.sources_intro", self.lang, n=len(items))
        more = tr("brief.sources_more", self.lang) if self.o.kind == "meeting" else ""
        block = Sources(tuple(items), title, intro, more)
        return Section("sources", title, (Heading(title, 3), block))

    # the full data book ------------------------------------------------------------------
    def full(self) -> list[Section]:
        """The data book's parts: :mod:`.databook` composes them (its own module: the meeting
        brief's rules and the data book's do not share a page)."""
        from .databook import DataBookComposer

        book = DataBookComposer(self.b, self.o, self.caveats_of)
        book.book = self.book  # one numbering of caveat marks for the document
        sections = book.full()
        self.cited = book.cited
        return sections


def compose(
    briefing: Briefing,
    options: BriefOptions,
    caveats_of: CaveatsOf | None = None,
    charts: Sequence[str] | None = None,
    chart_limit: int | None = None,
) -> BriefDocument:
    """The brief of ``options.kind`` as a document model (see the module docstring).

    ``charts``: the user's own choice of chart ids for the meeting brief (deck dialog), in
    order; None for the rule's choice. ``chart_limit``: at most this many of the rule's charts
    (a paged renderer asks for fewer, down to ``MIN_CHARTS``, when the brief would not fit on
    its pages)."""
    if charts is None:
        charts = options.charts

    def composer() -> Composer:
        made = Composer(briefing, options, caveats_of, charts)
        made.chart_limit = chart_limit
        return made

    return numbered(composer)


def numbered(make: Callable[[], Composer]) -> BriefDocument:
    """A document whose caveat marks run ①, ②, … in reading order, down the pages.

    The sentences carry their values' numbers in their text, so the order is found on a
    draft and the document composed again with it (composing is cheap beside drawing)."""
    doc = make().document()
    order = MarkBook(doc.lang)
    for value in doc.values():
        order.of_value(value)
    if order.notes == doc.notes:
        return doc
    final = make()
    final.book = MarkBook(doc.lang, order.notes)
    return final.document()
