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
from .compose import SEP, Composer, numbered
from .compose import w as brief_word
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

# The data book's own words (zh, en); the brief's shared ones come from .compose.
WORDS: dict[str, tuple[str, str]] = {
    "brief_date": ("简报日期", "Date of this brief"),
    "years": ("年份范围", "Years"),
    "all_years": ("全部年份", "all years"),
    "snapshot_id": ("快照标识", "Snapshot content id"),
    "compiled_by": ("资料编制", "Compiled by"),
    "software": ("生成软件", "Made with"),
    "reading": ("阅读说明", "How to read this brief"),
    "reading_reported": (
        "公开报道：公开资料中发布的数值（图中实心柱）。",
        "Reported: a value published in a public source (solid bars).",
    ),
    "reading_derived": (
        "推算：由公开数值计算得出，公式列于表下（图中斜线柱）。",
        "Derived: computed from reported values; the formula is listed under the table "
        "(hatched bars).",
    ),
    "reading_target": (
        "目标：规划或文件提出的目标值，并非实际完成数（图中虚线框）。",
        "Target: a goal stated in a plan, not an outcome (dashed outlines).",
    ),
    "reading_qualifier": (
        "数值前的“超过”“约”“至少”照录原文；每个数字都注明期间与来源，来源清单见文末。",
        "'over', 'about' and 'at least' are as the source wrote them; every number has its "
        "period and source, listed in full at the end.",
    ),
    # caveat marks (issue 10): one style in tables, chart labels, sentences and takeaways
    "reading_marks": (
        "数字后的①②…表示该数值附有说明（期间推断、来源冲突、上下限等）；表格、图表数值标签和"
        "文中句子用同一编号，说明印在同一页的页脚。",
        "①, ②… after a value mark a note (inferred period, conflicting sources, bounds…); "
        "tables, chart labels and sentences use the same numbers, and the note is printed at the "
        "foot of the same page.",
    ),
    "contents": ("目录", "Contents"),
    "summary_note": (
        "以上句子由本简报的数据按固定规则自动生成；标注“推算”的数值由本简报计算，括号内为公式。",
        "These sentences are generated from the data by fixed rules; values marked 'derived' "
        "are computed for this brief, with the formula in brackets.",
    ),
    # a tab's counts line: "2 幅图表 · 1 项关键数据 · 0 条要点", "1 chart · 2 key figures"
    "count_charts": ("{n} 幅图表", "{n} charts"),
    "count_charts_1": ("1 幅图表", "1 chart"),
    "count_cards": ("{n} 项关键数据", "{n} key figures"),
    "count_cards_1": ("1 项关键数据", "1 key figure"),
    "count_highlights": ("{n} 条要点", "{n} highlights"),
    "count_highlights_1": ("1 条要点", "1 highlight"),
    "charts_left_out": (
        "本节收入前 {shown} 幅图表，另有 {hidden} 幅未收入简报（可在应用中查看、导出）：{names}",
        "This section includes the first {shown} charts; {hidden} more are not in the brief "
        "(see them, and export their data, in the app): {names}",
    ),
    "capped": (
        "本表仅列出最近的 {shown} 个数值（共 {total} 个，{hidden} 个未列出）；图中绘出全部数值。"
        "完整数据表见应用中本图的“数据表”按钮，可复制或导出 CSV。",
        "This table lists the latest {shown} of {total} values ({hidden} not listed); the chart "
        "draws them all. The full table is in the app: the chart's Data button shows it, "
        "copies it and saves it as CSV.",
    ),
    "derived_notes": ("推算方法", "How derived values were computed"),
    "sources_intro": (
        "本简报引用的 {n} 个来源，按日期排列。",
        "The {n} sources cited in this brief, by date.",
    ),
}


def word(key: str, lang: str, **kw: object) -> str:
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**kw) if kw else text


class DataBookComposer(Composer):
    """The data book of one Briefing with one set of options (see the module docstring)."""

    def t(self, key: str, **kw: object) -> str:
        return word(key, self.lang, **kw)

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
        contents = [ContentsItem(self.w("summary"), "summary")]
        contents += [ContentsItem(tr(f"tab.{t}", lang), f"tab:{t}") for t in SECTION_TABS]
        contents.append(ContentsItem(tr("label.sources", lang), "sources"))
        return [self.book_cover(contents), *body]

    def book_cover(self, contents: Sequence[ContentsItem]) -> Section:
        lang, snap = self.lang, self.b.snapshot
        if self.years is not None:
            years_text = f"{self.years[0]}–{self.years[1]}"
        else:
            span = f"{self.b.year_min}–{self.b.year_max}"
            all_years = self.t("all_years")
            years_text = f"{span}（{all_years}）" if lang == "zh" else f"{span} ({all_years})"
        facts = [
            KeyValue(tr("label.as_of", lang), snap.as_of or "—"),
            *self.age_facts(),
            KeyValue(self.t("brief_date"), self.brief_date or "—"),
            KeyValue(self.t("years"), years_text),
            KeyValue(self.t("snapshot_id"), snap.content_id or "—"),
            KeyValue(self.t("compiled_by"), snap.publisher(lang) or "—"),
            KeyValue(self.t("software"), f"{APP_NAME} {self.o.app_version}"),
        ]
        blocks: list = [
            Paragraph(snap.zone(lang), "muted"),
            Heading(snap.title(lang), 1),
            KeyValues(tuple(facts)),
        ]
        note = self.note(cover_target())
        if note:
            blocks.append(note)
        blocks.append(Heading(self.t("reading"), 3))
        for key in ("reported", "derived", "target", "qualifier", "marks"):
            blocks.append(Paragraph(self.t(f"reading_{key}"), "bullet"))
        blocks += [Heading(self.t("contents"), 3), Contents(tuple(contents), self.t("contents"))]
        return Section("cover", snap.title(lang), tuple(blocks))

    def age_facts(self) -> list[KeyValue]:
        """How old the data is (issue 10): the newest zone-wide figure and, per tab, the
        newest figure it shows — beside the as-of date, which alone hides the data's age."""
        lang = self.lang
        out = []
        zone = newest_zone_wide(self.b, self.years)
        if zone is not None:
            out.append(KeyValue(brief_word("latest_zone", lang), month_label(zone, lang)))
        for tab, end in newest_by_tab(self.b, self.years).items():
            if end is not None:
                label = brief_word("latest_tab", lang, tab=tr(f"tab.{tab}", lang))
                out.append(KeyValue(label, month_label(end, lang)))
        return out

    def summary_section(self) -> Section:
        lang = self.lang
        title = self.w("summary")
        blocks: list = [Heading(title, 2, anchor="summary")]
        figures = headline_figures(self.b, self.years)
        if figures:
            blocks.append(Heading(tr("label.headline", lang), 3))
            blocks.append(self.figures_table([(f.metric, f.point) for f in figures]))
        blocks.append(Heading(self.w("summary_points"), 3))
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
        blocks.append(Paragraph(self.t("summary_note"), "note"))
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
            self.t(f"count_{k}_1") if n == 1 else self.t(f"count_{k}", n=n) for k, n in counted
        )
        blocks.append(Paragraph(counts, "note"))
        if not (charts or cards or tab.highlights):
            blocks.append(Paragraph(self.w("no_data")))
        left_out: list[ChartSpec] = []
        if len(charts) > MAX_CHARTS_PER_SECTION:
            # a brief stays brief: a part of hundreds of charts is cut, and says so by name
            charts, left_out = charts[:MAX_CHARTS_PER_SECTION], charts[MAX_CHARTS_PER_SECTION:]
            names = "; ".join(c.title(lang) for c in left_out[:CHARTS_LEFT_OUT_NAMED])
            if len(left_out) > CHARTS_LEFT_OUT_NAMED:
                names += " …"
            text = self.t("charts_left_out", shown=len(charts), hidden=len(left_out), names=names)
            blocks.append(Paragraph(text, "note"))
        for chart in charts:
            block = self.book_chart(chart)
            blocks.append(block)
            blocks += self.derived_notes(chart, block)
        if cards:
            blocks.append(Heading(self.w("key_figures"), 3))
            items = [(c.metric, p) for c in cards for p in c.series.points if self.in_range(p)]
            blocks.append(self.figures_table(items))
        if tab.highlights:
            blocks.append(Heading(self.w("highlights"), 3))
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
            note = self.t("capped", shown=shown, total=total, hidden=total - shown)
        table = Table(tuple(columns), tuple(rows), note=note, total=total if note else 0)
        return replace(block, table=table)

    def derived_notes(self, spec: ChartSpec, block: ChartBlock) -> list[Paragraph]:
        """How each derived value in the chart's table was computed (the snapshot's formula)."""
        assert block.table is not None
        multi = len(spec.series) > 1
        names = {s.metric.id: s.metric.name(self.lang) for s in spec.series}
        sep = SEP[self.lang]
        out: list[Paragraph] = []
        for row in block.table.rows:
            v: Value = row.values[0]
            if v.status == "derived" and v.formula:
                who = f"{names[v.metric_id]}, " if multi else ""
                label = f"{self.t('derived_notes')}{sep}" if not out else ""
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
        joiner = "，" if lang == "zh" else ", "
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
        intro = self.t("sources_intro", n=len(items))
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
