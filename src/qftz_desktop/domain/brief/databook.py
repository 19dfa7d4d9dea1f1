"""Compose the full data book as a document model (no Qt): what every renderer of it draws.

The data book is the meeting brief's appendix — every figure of the snapshot, with its period,
status and source, in the year range. Its parts, in order:

* **cover**: the zone, the title, the facts a reader checks first (data as of, how old the
  newest figures are — zone-wide and per tab —, the brief's date, the years, the snapshot's
  full content id, who compiled the data, the software), how to read the book, the contents;
* **summary**: the headline figures (the Overview's headline rule), the generated sentences
  (:func:`~qftz_desktop.domain.narrative.summary_sentences`, at most ``SUMMARY_SENTENCES``);
* **one part per tab** (overview excepted: the summary is its part): every chart with a value in
  the year range — title, scope and unit, its takeaway, its source line, then the table of its
  values (every value, or only the latest ``TABLE_CAPPED_ROWS`` of a chart with more than
  ``TABLE_MAX_ROWS``, said before the table) and how its derived values were computed —, at
  most ``MAX_CHARTS_PER_SECTION`` charts (the rest named, ``Section.left_out``); the tab's
  single figures; its highlights with their sources;
* **sources**: every source cited above, by date, with title, date and address.

Each part but the cover starts a new page (``Section.new_page``); the contents list points at
their headings' anchors. The presenter's notes, when given, go with the cover, the tab and
the chart they were written for, marked as theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ... import APP_NAME
from ...text import tr
from ..age import month_label, newest_by_tab, newest_zone_wide
from ..briefing import Briefing, ChartSpec, Highlight, Metric, Point, SeriesData
from ..narrative import headline_figures, summary_sentences
from ..notes import cover_target, tab_target
from ..tabs import TABS
from .compose import Composer, numbered
from .model import (
    BriefDocument,
    ChartBlock,
    Column,
    Contents,
    ContentsItem,
    Heading,
    KeyValue,
    KeyValues,
    Paragraph,
    Row,
    Section,
    SourceItem,
    Sources,
    Table,
    Value,
)
from .options import BriefOptions
from .values import CaveatsOf, pick_half, short_publisher

SECTION_TABS = tuple(tab for tab, _ in TABS if tab != "overview")
SUMMARY_SENTENCES = 10
TABLE_MAX_ROWS = 40  # a chart's table lists every value up to this many rows …
TABLE_CAPPED_ROWS = 24  # … beyond, only the latest this many, and says so
MAX_CHARTS_PER_SECTION = 30  # a part of more charts lists the rest by name instead
CHARTS_LEFT_OUT_NAMED = 12  # … the first this many of them


class DataBookComposer(Composer):
    """The data book of one Briefing with one set of options (see the module docstring)."""

    def in_range(self, point: Point) -> bool:
        return self.years is None or self.years[0] <= point.year <= self.years[1]

    def cite_text(self, source_id: str) -> str:
        """'[S3] 青岛日报/观海新闻 2024-06-26': the id the sources list is keyed by, with the
        publisher and date a reader recognises."""
        self.cite(source_id)
        src = self.b.sources.get(source_id)
        if src is None:
            return f"[{source_id}]"
        short = " ".join(x for x in (short_publisher(src.publisher, self.lang), src.date) if x)
        return f"[{source_id}] {short}"

    # the parts -----------------------------------------------------------------------------
    def full(self) -> list[Section]:
        lang = self.lang
        body = [self.summary_section()]
        body += [self.book_tab_section(tab_id) for tab_id in SECTION_TABS]
        body.append(self.book_sources_section())
        contents = [ContentsItem(tr("brief.summary", self.lang), "summary")]
        contents += [ContentsItem(tr(f"tab.{t}", lang), f"tab:{t}") for t in SECTION_TABS]
        contents.append(ContentsItem(tr("label.sources", lang), "sources"))
        return [self.book_cover(contents), *body]

    def book_cover(self, contents: Sequence[ContentsItem]) -> Section:
        lang, snap = self.lang, self.b.snapshot
        if self.years is not None:
            years_text = f"{self.years[0]}–{self.years[1]}"
        else:
            span = f"{self.b.year_min}–{self.b.year_max}"
            all_years = tr("brief.all_years", self.lang)
            years_text = span + tr("punct.in_parens", lang, text=all_years)
        facts = [
            KeyValue(tr("label.as_of", lang), snap.as_of or "—"),
            *self.age_facts(),
            KeyValue(tr("brief.brief_date", self.lang), self.brief_date or "—"),
            KeyValue(tr("label.period_range", self.lang), years_text),
            KeyValue(tr("pdf.snapshot_id", self.lang), snap.content_id or "—"),
            KeyValue(tr("pdf.compiled_by", self.lang), snap.publisher(lang) or "—"),
            KeyValue(tr("pdf.software", self.lang), f"{APP_NAME} {self.o.app_version}"),
        ]
        blocks: list = [
            Paragraph(snap.zone(lang), "muted"),
            Heading(snap.title(lang), 1),
            KeyValues(tuple(facts)),
        ]
        note = self.note(cover_target())
        if note:
            blocks.append(note)
        blocks.append(Heading(tr("pdf.reading", self.lang), 3))
        for key in ("reported", "derived", "target", "qualifier", "marks"):
            blocks.append(Paragraph(tr(f"pdf.reading_{key}", self.lang), "bullet"))
        blocks += [
            Heading(tr("pdf.contents", self.lang), 3),
            Contents(tuple(contents), tr("pdf.contents", self.lang)),
        ]
        return Section("cover", snap.title(lang), tuple(blocks))

    def age_facts(self) -> list[KeyValue]:
        """How old the data is (issue 10): the newest zone-wide figure and, per tab, the
        newest figure it shows — beside the as-of date, which alone hides the data's age."""
        lang = self.lang
        out = []
        zone = newest_zone_wide(self.b, self.years)
        if zone is not None:
            out.append(KeyValue(tr("brief.latest_zone", lang), month_label(zone, lang)))
        for tab, end in newest_by_tab(self.b, self.years).items():
            if end is not None:
                label = tr("brief.latest_tab", lang, tab=tr(f"tab.{tab}", lang))
                out.append(KeyValue(label, month_label(end, lang)))
        return out

    def summary_section(self) -> Section:
        lang = self.lang
        title = tr("brief.summary", self.lang)
        blocks: list = [Heading(title, 2, anchor="summary")]
        figures = headline_figures(self.b, self.years)
        if figures:
            blocks.append(Heading(tr("label.headline", lang), 3))
            blocks.append(self.figures_table([(f.metric, f.point) for f in figures]))
        blocks.append(Heading(tr("brief.summary_points", self.lang), 3))
        sentences = summary_sentences(
            self.b, lang, self.years, limit=SUMMARY_SENTENCES, mark=self.mark
        )
        for s in sentences:
            self.cite(*s.source_ids)
            # the values it cites carry their marks; their notes go on the sentence's page
            series = self.b.series.get(s.metric_id)
            values = self.sentence_values(s.points, series.metric) if series else ()
            blocks.append(Paragraph(s.text, "bullet", values))
        if isinstance(blocks[-1], Paragraph):  # 'the sentences above…' never alone on a page
            blocks[-1] = replace(blocks[-1], keep_with_next=True)
        blocks.append(Paragraph(tr("pdf.summary_note", self.lang), "note"))
        return Section("summary", title, tuple(blocks), new_page=True)

    def figures_table(self, items: Sequence[tuple[Metric, Point]]) -> Table:
        """Single figures: metric, value with qualifier and unit, period, status, source — the
        headline figures of the summary and the figure cards of each tab."""
        lang = self.lang
        rows = []
        for m, p in items:
            v = self.value(p, m)
            cells = (m.name(lang), v.text, v.period, tr(f"status.{v.status}", lang))
            rows.append(Row((*cells, self.cite_text(p.source_id)), (v,)))
        columns = (
            Column(tr("label.metric", lang), 0.3),
            Column(tr("label.value", lang), 0.14, marks=True),
            Column(tr("label.period", lang), 0.19),
            Column(tr("label.status", lang), 0.08),
            Column(tr("label.source", lang), 0.29),
        )
        return Table(columns, tuple(rows))

    def book_tab_section(self, tab_id: str) -> Section:
        lang = self.lang
        tab = self.b.tab(tab_id)
        title = tr(f"tab.{tab_id}", lang)
        blocks: list = [Heading(title, 2, anchor=f"tab:{tab_id}")]
        note = self.note(tab_target(tab_id))
        if note:
            blocks.append(note)
        charts = [c for c in tab.charts if any(len(s.rows_in(self.years)) for s in c.series)]
        cards = [c for c in tab.cards if any(self.in_range(p) for p in c.series.points)]
        counted = (
            ("charts", len(charts)),
            ("cards", len(cards)),
            ("highlights", len(tab.highlights)),
        )
        counts = " · ".join(
            tr(f"databook.count_{k}_1", self.lang)
            if n == 1
            else tr(f"databook.count_{k}", self.lang, n=n)
            for k, n in counted
        )
        blocks.append(Paragraph(counts, "note"))
        if not (charts or cards or tab.highlights):
            blocks.append(Paragraph(tr("brief.no_data", self.lang)))
        left_out: list[ChartSpec] = []
        if len(charts) > MAX_CHARTS_PER_SECTION:
            # a brief stays brief: a part of hundreds of charts is cut, and says so by name
            charts, left_out = charts[:MAX_CHARTS_PER_SECTION], charts[MAX_CHARTS_PER_SECTION:]
            names = "; ".join(c.title(lang) for c in left_out[:CHARTS_LEFT_OUT_NAMED])
            if len(left_out) > CHARTS_LEFT_OUT_NAMED:
                names += " …"
            text = tr(
                "pdf.charts_left_out",
                self.lang,
                shown=len(charts),
                hidden=len(left_out),
                names=names,
            )
            blocks.append(Paragraph(text, "note"))
        for chart in charts:
            block = self.book_chart(chart)
            blocks.append(block)
            blocks += self.derived_notes(chart, block)
        if cards:
            blocks.append(Heading(tr("label.key_figures", self.lang), 3))
            items = [(c.metric, p) for c in cards for p in c.series.points if self.in_range(p)]
            blocks.append(self.figures_table(items))
        if tab.highlights:
            blocks.append(Heading(tr("label.highlights", self.lang), 3))
            for h in tab.highlights:
                blocks += self.highlight(h)
        return Section(
            f"tab:{tab_id}",
            title,
            tuple(blocks),
            new_page=True,
            left_out=tuple(c.id for c in left_out),
        )

    def book_chart(self, spec: ChartSpec) -> ChartBlock:
        """The chart (takeaway and source line as in the meeting brief) with the table of its
        values: every value, or the latest ``TABLE_CAPPED_ROWS`` when there are more than
        ``TABLE_MAX_ROWS`` (the note before the table says how many are left out)."""
        lang = self.lang
        block = self.chart_block(spec)
        parts = [(s, s.rows_in(self.years)) for s in spec.series]
        total = sum(len(rows) for _s, rows in parts)
        if total > TABLE_MAX_ROWS:
            parts = latest_rows(parts, TABLE_CAPPED_ROWS)
        by_obs = {v.obs_id: v for v in block.values}
        listed = [(s, p) for s, rows in parts for p in s.points_at(rows)]
        multi = len(spec.series) > 1
        columns = [Column(tr("label.metric", lang), 0.25)] if multi else []
        columns += [
            Column(tr("label.period", lang), 0.19 if multi else 0.21),
            # value and unit in one cell, as each language writes them (58万平方米, US$141 m)
            Column(tr("label.value", lang), 0.19 if multi else 0.25, "right", marks=True),
            Column(tr("label.status", lang), 0.08 if multi else 0.1),
            Column(tr("label.source", lang), 0.29 if multi else 0.44),
        ]
        rows = []
        for s, p in listed:
            v = by_obs.get(p.obs_id) or self.value(p, s.metric)
            cells = [s.metric.name(lang)] if multi else []
            cells += [v.period, v.text, tr(f"status.{v.status}", lang), self.cite_text(p.source_id)]
            rows.append(Row(tuple(cells), (v,)))
        note = ""
        if len(listed) < total:  # said before the table, so no reader takes it as complete
            shown = len(listed)
            note = tr("pdf.capped", self.lang, shown=shown, total=total, hidden=total - shown)
        table = Table(tuple(columns), tuple(rows), note=note, total=total if note else 0)
        return replace(block, table=table)

    def derived_notes(self, spec: ChartSpec, block: ChartBlock) -> list[Paragraph]:
        """How each derived value in the chart's table was computed (the snapshot's formula)."""
        assert block.table is not None
        multi = len(spec.series) > 1
        names = {s.metric.id: s.metric.name(self.lang) for s in spec.series}
        sep = tr("punct.colon", self.lang)
        out: list[Paragraph] = []
        for row in block.table.rows:
            v: Value = row.values[0]
            if v.status == "derived" and v.formula:
                who = f"{names[v.metric_id]}, " if multi else ""
                label = f"{tr('pdf.derived_notes', self.lang)}{sep}" if not out else ""
                text = f"{label}{who}{v.period}{sep}{pick_half(v.formula, self.lang)}"
                out.append(Paragraph(text, "note"))
        return out

    def highlight(self, h: Highlight) -> list[Paragraph]:
        """A highlight: its title, its text and its source, kept together on a page."""
        lang = self.lang
        self.cite(h.source_id)
        source = f"{self.b.source_note([h.source_id], lang)} [{h.source_id}]"
        return [
            Paragraph(h.title(lang), "bold", keep_with_next=True),
            Paragraph(h.text(lang), keep_with_next=True),
            Paragraph(source, "note"),
        ]

    def book_sources_section(self) -> Section:
        """Every source cited, by date (undated ones last), with the full citation."""
        lang = self.lang
        order = [sid for sid in self.b.used_source_ids() if sid in self.cited]
        order += [sid for sid in self.cited if sid not in order]
        joiner = tr("punct.comma", lang)
        items = []
        for sid in order:
            src = self.b.sources.get(sid)
            if src is None:
                items.append(SourceItem(sid, "", ""))
                continue
            name = joiner.join(x for x in (src.publisher, src.title) if x)
            short = " ".join(x for x in (short_publisher(src.publisher, lang), src.date) if x)
            items.append(SourceItem(sid, name, src.date, src.url, short))
        title = tr("label.sources", lang)
        intro = tr("pdf.sources_intro", self.lang, n=len(items))
        block = Sources(tuple(items), title, intro)
        return Section(
            "sources", title, (Heading(title, 2, anchor="sources"), block), new_page=True
        )


def latest_rows(
    parts: Sequence[tuple[SeriesData, np.ndarray]], limit: int
) -> list[tuple[SeriesData, np.ndarray]]:
    """Of each series' rows, keep those among the ``limit`` latest of the chart (by period
    end; a later series wins a tie), in their order."""
    tails = []
    for si, (s, rows) in enumerate(parts):
        tail = rows[-limit:]
        ends = s.frame["period_end"].to_numpy(dtype=str)[tail]
        tails += [(str(e), si, int(r)) for e, r in zip(ends, tail, strict=True)]
    keep = sorted(tails)[-limit:]
    return [
        (s, np.array(sorted(r for _e, i, r in keep if i == si), dtype=int))
        for si, (s, _rows) in enumerate(parts)
    ]


def compose_full(
    briefing: Briefing, options: BriefOptions, caveats_of: CaveatsOf | None = None
) -> BriefDocument:
    """The full data book of ``briefing`` as a document model (whatever ``options.kind``)."""
    if options.kind != "full":
        options = replace(options, kind="full")
    return numbered(lambda: DataBookComposer(briefing, options, caveats_of))
