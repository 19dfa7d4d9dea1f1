"""The full data book: cover with contents, executive summary, every tab's charts with the
table of their values, single figures and highlights, and the sources — laid out one section
per step so that a window stays responsive while it exports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor, QPen

from ... import APP_NAME
from ...domain.age import month_label, newest_by_tab, newest_zone_wide
from ...domain.brief.model import Value
from ...domain.brief.options import BriefOptions
from ...domain.brief.values import short_publisher as _short_publisher
from ...domain.brief.values import value_of
from ...domain.briefing import TABS, Briefing, ChartSpec, Highlight, Metric, Point, Source
from ...domain.captions import scope_unit_line
from ...domain.caveats import brief_caveats
from ...domain.formatting import format_value
from ...domain.narrative import headline_figures, summary_sentences
from ...text import tr
from .canvas import CHART_HEIGHT, LEGEND_BASE, LEGEND_ROW, PdfCanvas, chart_height, dispose_view
from .layout import Column, PageKit, _pick
from .paginate import Block, paginate

SECTION_TABS = tuple(tab for tab, _ in TABS if tab != "overview")
SUMMARY_SENTENCES = 10
TABLE_MAX_ROWS = 40  # a chart's table lists every value up to this many rows …
TABLE_CAPPED_ROWS = 24  # … beyond, only the latest this many, and says so
MAX_CHARTS_PER_SECTION = 30  # a section of more charts lists the rest by name instead
CHARTS_LEFT_OUT_NAMED = 12  # … the first this many of them


class BriefComposer(PageKit):
    """Lays out and paints the data book of one Briefing with one set of options."""

    def __init__(self, briefing: Briefing, options: BriefOptions, canvas: PdfCanvas):
        super().__init__(canvas, options.lang)
        self.b = briefing
        self.o = options
        self.years = options.years(briefing)
        self.cited: dict[str, None] = {}
        self.anchors: dict[str, int] = {}
        self._view = None  # the one chart widget every chart of the brief is drawn with
        self.shown: list[int] = []  # observation ids in the brief's tables, in order
        self.capped: list[tuple[str, int, int]] = []  # (chart id, rows listed, values) cut
        self.charts_left_out: list[str] = []  # chart ids beyond MAX_CHARTS_PER_SECTION

    def in_range(self, point: Point) -> bool:
        return self.years is None or self.years[0] <= point.year <= self.years[1]

    def chart_in_range(self, chart: ChartSpec) -> bool:
        return any(len(s.rows_in(self.years)) for s in chart.series)

    def chart_view_for(self, spec: ChartSpec, height: float):
        """The brief's one chart widget, showing ``spec`` at full width and ``height``.

        Made once and given each chart in turn: a widget per chart costs more time than
        drawing the chart, and hundreds of them held until painted cost memory."""
        years = None if self.years is None else (min(self.years), max(self.years))
        if self._view is None:
            self._view = self.c.chart_view(
                spec, self.b, self.lang, self.width, height, years=self.years
            )
        else:
            self._view.set_spec(spec, years)
            self._view.resize(int(self.width), int(height))
        return self._view

    def cite(self, source_id: str) -> str:
        self.cited.setdefault(source_id, None)
        src = self.b.sources.get(source_id)
        if src is None:
            return f"[{source_id}]"
        short = " ".join(x for x in (_short_publisher(src.publisher, self.lang), src.date) if x)
        return f"[{source_id}] {short}"

    def figures_table(self, items: Sequence[tuple[Metric, Point]]) -> list[Block]:
        """Single figures as a table: metric, value with qualifier and unit, period, status,
        source — the headline figures of the summary and the figure cards of each tab."""
        lang = self.lang
        values = [self.value(m, p) for m, p in items]
        rows = [
            [
                m.name(lang),
                self.marked(v),
                p.period.label(lang),
                tr(f"status.{p.status}", lang),
                self.cite(p.source_id),
            ]
            for (m, p), v in zip(items, values, strict=True)
        ]
        columns = [
            Column(tr("label.metric", lang), 0.3),
            Column(tr("label.value", lang), 0.14),
            Column(tr("label.period", lang), 0.19),
            Column(tr("label.status", lang), 0.08),
            Column(tr("label.source", lang), 0.29),
        ]
        blocks = self.table(columns, rows)
        for block, (_m, p), v in zip(blocks[1:], items, values, strict=True):
            block.footnotes = self.footnotes([v])
            block.obs_ids = (p.obs_id,)
        return blocks

    def value(self, metric: Metric, point: Point) -> Value:
        """The document value of an observation, with its caveats (domain.caveats)."""
        return value_of(point, metric, self.lang, brief_caveats)

    def layout_steps(self) -> Iterator[str]:
        """Lay the brief out one section per step (so a window stays responsive); when the
        iterator is exhausted, ``self.pages`` holds the pages."""
        blocks = self.cover()
        yield "cover"
        blocks += self.summary()
        yield "summary"
        for tab_id in SECTION_TABS:
            yield from self.tab_section_steps(tab_id, blocks)
            yield tab_id
        blocks += self.sources()
        self.pages = paginate(blocks, self.top, self.bottom)
        self.anchors = {}
        for n, page in enumerate(self.pages, start=1):
            for block, _y in page.blocks:
                if block.anchor:
                    self.anchors.setdefault(block.anchor, n)

    def section_titles(self) -> list[tuple[str, str]]:
        items = [("summary", self.t("summary"))]
        items += [(f"tab:{t}", tr(f"tab.{t}", self.lang)) for t in SECTION_TABS]
        items.append(("sources", tr("label.sources", self.lang)))
        return items

    def cover(self) -> list[Block]:
        lang, snap = self.lang, self.b.snapshot
        blocks: list[Block] = []
        blocks += self.text_blocks(snap.zone(lang), self.f_body, color=self.theme.muted)
        blocks += self.text_blocks(snap.title(lang), self.f_h1, gap=6.0)
        blocks += self.text_blocks(self.t("brief"), self.canvas_font(13), gap=2.0)
        if self.years is not None:
            years_text = f"{self.years[0]}–{self.years[1]}"
        else:
            span = f"{self.b.year_min}–{self.b.year_max}"
            all_years = self.t("all_years")
            years_text = f"{span}（{all_years}）" if lang == "zh" else f"{span} ({all_years})"
        facts = [
            (tr("label.as_of", lang), snap.as_of or "—"),
            *self.age_facts(),
            (self.t("brief_date"), self.o.date(self.b) or "—"),
            (self.t("years"), years_text),
            (self.t("snapshot_id"), snap.content_id or "—"),
            (self.t("compiled_by"), snap.publisher(lang) or "—"),
            (self.t("software"), f"{APP_NAME} {self.o.app_version}"),
        ]
        blocks.append(Block(28.0, lambda c, x, y: None))
        blocks += self.key_values(facts)
        blocks += self.heading(self.t("reading"), 3)
        for key in (
            "reading_reported",
            "reading_derived",
            "reading_target",
            "reading_qualifier",
            "reading_marks",
        ):
            blocks += self.text_blocks(self.t(key), self.f_body, gap=2.0, indent=12.0, bullet="•")
        blocks += self.heading(self.t("contents"), 3)
        for anchor, title in self.section_titles():
            blocks.append(self.contents_line(anchor, title))
        return blocks

    def age_facts(self) -> list[tuple[str, str]]:
        """How old the data is (issue 10): the newest zone-wide figure and, per tab, the
        newest figure it shows — beside the as-of date, which alone hides the data's age."""
        lang = self.lang
        out = []
        zone = newest_zone_wide(self.b, self.years)
        if zone is not None:
            out.append((self.t("latest_zone"), month_label(zone, lang)))
        for tab, end in newest_by_tab(self.b, self.years).items():
            if end is not None:
                out.append(
                    (self.t("latest_tab", tab=tr(f"tab.{tab}", lang)), month_label(end, lang))
                )
        return out

    def contents_line(self, anchor: str, title: str) -> Block:
        box = self.c.layout_text(title, self.f_body, self.width - 40)
        h = box.height + 3.0

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            c.painter.setPen(QColor(self.theme.text))
            box.draw(c.painter, x, y + 1.5)
            num = self.c.layout_text(
                str(self.anchors.get(anchor, "")),
                self.f_body,
                40,
                align=Qt.AlignmentFlag.AlignRight,
            )
            num.draw(c.painter, x + self.width - 40, y + 1.5)
            pen = QPen(QColor(self.theme.grid))
            pen.setStyle(Qt.PenStyle.DotLine)
            c.painter.setPen(pen)
            base = y + 1.5 + box.lines[0][1] * 0.78
            start = x + box.layout.lineAt(0).naturalTextWidth() + 6
            c.painter.drawLine(QLineF(start, base, x + self.width - 30, base))

        return Block(h, draw)

    def summary(self) -> list[Block]:
        lang = self.lang
        title = self.t("summary")
        blocks = self.heading(title, 2, section=title, anchor="summary", new_page=True)
        figures = headline_figures(self.b, self.years)
        if figures:
            blocks += self.heading(tr("label.headline", lang), 3)
            blocks += self.figures_table([(f.metric, f.point) for f in figures])
        sentences = summary_sentences(self.b, lang, self.years, limit=SUMMARY_SENTENCES)
        blocks += self.heading(self.t("summary_points"), 3)
        for s in sentences:
            for sid in s.source_ids:
                self.cited.setdefault(sid, None)
            blocks += self.text_blocks(
                s.text, self.f_body, gap=4.0, indent=12.0, bullet="•", keep_first=True
            )
        blocks += self.text_blocks(
            self.t("summary_note"), self.f_small, color=self.theme.muted, gap=8.0
        )
        return blocks

    def tab_section_steps(self, tab_id: str, blocks: list[Block]) -> Iterator[str]:
        """Append a tab's section to ``blocks``, yielding after each chart (charts are the
        slow part: each is a widget)."""
        lang = self.lang
        tab = self.b.tab(tab_id)
        title = tr(f"tab.{tab_id}", lang)
        blocks += self.heading(title, 2, section=title, anchor=f"tab:{tab_id}", new_page=True)
        charts = [c for c in tab.charts if self.chart_in_range(c)]
        cards = [c for c in tab.cards if any(self.in_range(p) for p in c.series.points)]
        counts = self.t(
            "tab_counts", charts=len(charts), cards=len(cards), highlights=len(tab.highlights)
        )
        blocks += self.text_blocks(counts, self.f_small, color=self.theme.muted)
        if not (charts or cards or tab.highlights):
            blocks += self.text_blocks(self.t("no_data"), self.f_body, gap=8.0)
        if len(charts) > MAX_CHARTS_PER_SECTION:
            # a brief stays brief: a section of hundreds of charts is cut, and says so by name
            left_out = charts[MAX_CHARTS_PER_SECTION:]
            charts = charts[:MAX_CHARTS_PER_SECTION]
            self.charts_left_out.extend(c.id for c in left_out)
            names = "; ".join(c.title(lang) for c in left_out[:CHARTS_LEFT_OUT_NAMED])
            if len(left_out) > CHARTS_LEFT_OUT_NAMED:
                names += " …"
            note = self.t("charts_left_out", shown=len(charts), hidden=len(left_out), names=names)
            blocks += self.text_blocks(note, self.f_small, color=self.theme.muted, gap=6.0)
        for chart in charts:
            blocks += self.chart_blocks(chart)
            yield chart.id
        if cards:
            blocks += self.heading(tr("label.key_figures", lang), 3)
            items = [
                (card.metric, p) for card in cards for p in card.series.points if self.in_range(p)
            ]
            self.shown.extend(p.obs_id for _m, p in items)
            blocks += self.figures_table(items)
        if tab.highlights:
            blocks += self.heading(tr("label.highlights", lang), 3)
            for h in tab.highlights:
                blocks += self.highlight_blocks(h)

    def chart_blocks(self, spec: ChartSpec) -> list[Block]:
        """Title, scope and unit, the chart, the source note — one block — then its table."""
        lang = self.lang
        sep = self.sep()
        title = self.c.layout_text(spec.title(lang), self.f_h3, self.width)
        sub = self.c.layout_text(
            scope_unit_line(spec, lang),
            self.f_small,
            self.width,
        )
        parts = [(s, s.rows_in(self.years)) for s in spec.series]
        source_ids: dict[str, None] = {}
        for s, rows in parts:
            for sid in pd.unique(s.frame["source_id"].to_numpy()[rows]):
                source_ids.setdefault(str(sid), None)
        for sid in source_ids:
            self.cited.setdefault(sid, None)
        note = self.c.layout_text(
            self.b.source_note(list(source_ids), lang), self.f_small, self.width
        )
        if spec.kind == "line":
            from ...render.chart_view import line_legend_rows

            chart_h = float(CHART_HEIGHT)
            rows = line_legend_rows(spec, self.years)
            if rows:
                chart_h += LEGEND_BASE + LEGEND_ROW * rows
        else:
            chart_h = chart_height(self.chart_view_for(spec, CHART_HEIGHT))
        height = title.height + 2 + sub.height + 4 + chart_h + 4 + note.height
        total = sum(len(rows) for _, rows in parts)
        if total > TABLE_MAX_ROWS:
            parts = _latest(parts, TABLE_CAPPED_ROWS)
        points = [(s, p) for s, rows in parts for p in s.points_at(rows)]

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            p = c.painter
            p.setPen(QColor(self.theme.text))
            title.draw(p, x, y)
            yy = y + title.height + 2
            p.setPen(QColor(self.theme.muted))
            sub.draw(p, x, yy)
            yy += sub.height + 4
            c.render_view(self.chart_view_for(spec, chart_h), x, yy, close=False)
            yy += chart_h + 4
            p.setPen(QColor(self.theme.muted))
            note.draw(p, x, yy)

        values = [self.value(s.metric, p) for s, p in points]
        chart_block = Block(
            height,
            draw,
            gap_before=16.0,
            keep_with_next=True,
            footnotes=self.footnotes(values),
            obs_ids=tuple(p.obs_id for _s, p in points),
        )
        multi = len(spec.series) > 1
        columns = []
        if multi:
            columns.append(Column(tr("label.metric", lang), 0.25))
        columns += [
            Column(tr("label.period", lang), 0.19 if multi else 0.21),
            # value and unit in one cell, as each language writes them (58万平方米, US$141 m)
            Column(tr("label.value", lang), 0.19 if multi else 0.25, Qt.AlignmentFlag.AlignRight),
            Column(tr("label.status", lang), 0.08 if multi else 0.1),
            Column(tr("label.source", lang), 0.29 if multi else 0.44),
        ]
        rows = []
        derived: list[str] = []
        for (s, p), v in zip(points, values, strict=True):
            m = s.metric
            row = [m.name(lang)] if multi else []
            row += [
                p.period.label(lang),
                self.marked(
                    v, format_value(p.value, p.qualifier, m.unit_label(lang), lang, m.unit)
                ),
                tr(f"status.{p.status}", lang),
                self.cite(p.source_id),
            ]
            rows.append(row)
            self.shown.append(p.obs_id)
            if p.status == "derived" and p.formula:
                who = f"{m.name(lang)}, " if multi else ""
                derived.append(f"{who}{p.period.label(lang)}{sep}{_pick(p.formula, lang)}")
        blocks = [chart_block]
        if len(points) < total:  # said before the table, so no reader takes it as complete
            self.capped.append((spec.id, len(points), total))
            note_blocks = self.text_blocks(
                self.t("capped", shown=len(points), total=total, hidden=total - len(points)),
                self.f_small,
                color=self.theme.muted,
                gap=3.0,
            )
            for b in note_blocks:
                b.keep_with_next = True
            blocks += note_blocks
        table = self.table(columns, rows)
        for block, (_s, p), v in zip(table[1:], points, values, strict=True):
            block.footnotes = self.footnotes([v])
            block.obs_ids = (p.obs_id,)
        blocks += table
        for i, text in enumerate(derived):
            label = f"{self.t('derived_notes')}{sep}" if i == 0 else ""
            blocks += self.text_blocks(
                label + text, self.f_small, color=self.theme.muted, gap=3.0 if i == 0 else 0.0
            )
        return blocks

    def highlight_blocks(self, h: Highlight) -> list[Block]:
        lang = self.lang
        self.cited.setdefault(h.source_id, None)
        blocks = self.text_blocks(h.title(lang), self.f_bold, gap=8.0, keep_last=True)
        blocks += self.text_blocks(h.text(lang), self.f_body, gap=1.0, keep_first=True)
        blocks += self.text_blocks(
            self.b.source_note([h.source_id], lang) + f" [{h.source_id}]",
            self.f_small,
            color=self.theme.muted,
            gap=1.0,
        )
        if len(blocks) > 1:
            blocks[-2].keep_with_next = True
        return blocks

    def sources(self) -> list[Block]:
        lang = self.lang
        title = tr("label.sources", lang)
        ids = [sid for sid in self.b.used_source_ids() if sid in self.cited]
        ids += [sid for sid in self.cited if sid not in ids]
        blocks = self.heading(title, 2, section=title, anchor="sources", new_page=True)
        blocks += self.text_blocks(
            self.t("sources_intro", n=len(ids)), self.f_small, color=self.theme.muted
        )
        rows = []
        for sid in ids:
            src = self.b.sources.get(sid) or Source(sid, "", "", "", "", "")
            name = "，".join(x for x in (src.publisher, src.title) if x)
            if lang != "zh":
                name = ", ".join(x for x in (src.publisher, src.title) if x)
            rows.append([sid, name, src.date or self.t("no_date"), src.url or "—"])
        blocks += self.table(
            [
                Column(self.t("source_id"), 0.1),
                Column(self.t("source_title"), 0.52),
                Column(self.t("source_date"), 0.12),
                Column(self.t("source_url"), 0.26, anywhere=True),
            ],
            rows,
        )
        return blocks

    def layout(self) -> int:
        """Lay out the whole brief at once; return the number of pages."""
        for _ in self.layout_steps():
            pass
        return len(self.pages)

    def dispose(self) -> None:
        """Drop the chart widgets (the export is done, cancelled or failed)."""
        if self._view is not None:
            view, self._view = self._view, None
            dispose_view(view)

    def running_title(self) -> str:
        return self.b.snapshot.title(self.lang)

    def footer_text(self) -> str:
        snap, lang, sep = self.b.snapshot, self.lang, self.sep()
        return (
            f"{tr('label.as_of', lang)}{sep}{snap.as_of or '—'} · "
            f"{tr('label.content_id', lang)}{sep}{snap.short_id or '—'}"
        )


def _latest(parts, limit: int):
    """Of each series' rows, keep those among the ``limit`` latest of the chart (by period
    end; a later series wins a tie), in their order."""
    tails = []
    for si, (s, rows) in enumerate(parts):
        tail = rows[-limit:]
        ends = s.frame["period_end"].to_numpy(dtype=str)[tail]
        tails += [(str(e), si, int(r)) for e, r in zip(ends, tail, strict=True)]
    keep = sorted(tails)[-limit:]
    out = []
    for si, (s, _rows) in enumerate(parts):
        out.append((s, np.array(sorted(r for _e, i, r in keep if i == si), dtype=int)))
    return out
