"""Draws a :class:`~qftz_desktop.domain.brief.model.BriefDocument` on pages: the block renderers
the meeting brief (:mod:`.meeting`) and the full data book (:mod:`.databook`) share.

Nothing is decided here — which figures, tables, charts, caveats and sources appear, and in
which words, is the document's business (:mod:`qftz_desktop.domain.brief`). A renderer only
places and paints blocks; the two kinds differ in margins, type sizes and how much room a chart
gets, which subclasses set.

Caveats travel with their values: every value that has one gets a mark (①, ②, …, numbered
through the document by the caveat's text, so that one note shared by several values is one
footnote — the document's own numbering, which its sentences already carry), and the note is
printed as a footnote on each page where a value carrying it is shown — in a table, a
scorecard row, a chart's labels or a sentence. The presenter's remarks are set apart in a
tinted box under their label, never in the typography of sourced figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from ...domain.brief.model import (
    BriefDocument,
    Caveats,
    ChartBlock,
    Contents,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    PresenterNote,
    Scorecard,
    Sources,
    Table,
)
from ...domain.briefing import Briefing, ChartSpec
from ...domain.chart_model import build_chart_model
from ...text import tr
from .canvas import (
    CHART_HEIGHT,
    PdfCanvas,
    chart_height,
    dispose_view,
    picture_of,
)
from .layout import Column, PageKit
from .paginate import Block, paginate

CHART_GAP = 16.0  # px between two charts of a row
NOTE_FILL = "#FFF6DD"  # the presenter's remarks: a warm tint no data block uses
NOTE_EDGE = "#E0B23A"


class DocumentRenderer(PageKit):
    """Lays out and paints one document; see the module docstring.

    Layout knobs a kind sets: ``record_charts`` (below), ``chart_base`` (a chart's plot height,
    px), ``chart_limit`` (how much taller a legend may make it, as a factor), ``chart_gap``
    (space above a chart), ``h3_gap`` (space above a sub-heading), ``keep_first`` (no paragraph
    leaves its first line alone at a page's foot) and ``pair_small`` (two small charts side by
    side).
    """

    chart_limit = 1.6
    chart_gap = 12.0
    h3_gap = 10.0
    paragraph_gap: dict[str, float] = {}  # by Paragraph.style; 3 px when not listed
    keep_first = False
    pair_small = True
    # charts recorded at layout and played at paint (built once), or built again at paint:
    # the first for a document laid out once, the second for one laid out again until it fits
    # its pages (each pass would record every chart anew)
    record_charts = False

    def __init__(self, briefing: Briefing, doc: BriefDocument, canvas: PdfCanvas):
        super().__init__(canvas, doc.lang)
        self.b = briefing
        self.doc = doc
        self.chart_base = float(CHART_HEIGHT)
        self.f_lead = canvas.font(11.0)
        self.f_title = canvas.font(20.0, bold=True)
        self.anchors: dict[str, int] = {}  # Heading.anchor -> page number (from 1)
        self._legend_px: dict[tuple[str, float], float] = {}  # (chart, width) -> legend row
        self._view = None
        self._charts: dict[str, ChartSpec] = {c.id: c for t in briefing.tabs for c in t.charts}
        self._reset_marks()

    def _reset_marks(self) -> None:
        """Number the footnotes as the document does (its sentences carry those numbers),
        then any other value's in the order it appears."""
        self.reset_marks(self.doc.notes)
        for value in self.doc.values():
            for text in self.notes_of(value):
                self.mark_of(text)

    # layout -------------------------------------------------------------------------------
    def layout_steps(self) -> Iterator[str]:
        """Lay the document out, one section (or chart) per step so that a window stays
        responsive; when exhausted, ``self.pages`` holds the pages."""
        yield from self._layout_once()

    def _layout_once(self) -> Iterator[str]:
        blocks: list[Block] = []
        for section in self.doc.sections:
            first = True
            for item in _grouped(section.blocks):
                made = self.chart_blocks(item) if isinstance(item, list) else self.block(item)
                if made and first:
                    made[0].section = section.title
                    made[0].new_page = made[0].new_page or section.new_page
                    first = False
                blocks += made
                if isinstance(item, list):
                    yield f"{section.id}:charts"  # charts are the slow part
            yield section.id
        self.pages = paginate(blocks, self.top, self.bottom)
        self.anchors = {}
        for n, page in enumerate(self.pages, start=1):
            for block, _y in page.blocks:
                if block.anchor:
                    self.anchors.setdefault(block.anchor, n)

    def layout(self) -> int:
        for _ in self.layout_steps():
            pass
        return len(self.pages)

    def block(self, item) -> list[Block]:
        if isinstance(item, Heading):
            return self.heading_block(item)
        if isinstance(item, Paragraph):
            return self.paragraph(item)
        if isinstance(item, KeyValues):
            return self.facts(item)
        if isinstance(item, Table):
            return self.values_table(item)
        if isinstance(item, Scorecard):
            return self.scorecard(item)
        if isinstance(item, ChartBlock):
            return self.chart_blocks([item])
        if isinstance(item, Caveats):
            return self.caveats(item)
        if isinstance(item, Sources):
            return self.sources(item)
        if isinstance(item, Contents):
            return self.contents(item)
        if isinstance(item, PresenterNote):
            return [self.presenter_note(item.label, item.text, self.width)]
        if isinstance(item, PageBreak):
            return [Block(0.0, lambda c, x, y: None, new_page=True)]
        return []

    # text ---------------------------------------------------------------------------------
    def heading_block(self, h: Heading) -> list[Block]:
        if h.level == 1:
            blocks = self.text_blocks(h.text, self.f_title)
            sub = f"{self.doc.subtitle} · {self.doc.brief_date}"
            blocks += self.text_blocks(sub, self.f_body, color=self.theme.muted, gap=2.0)
            for b in blocks:
                b.keep_with_next = True
            blocks.append(Block(6.0, lambda c, x, y: None, keep_with_next=True))
            return blocks
        blocks = self.heading(h.text, h.level, anchor=h.anchor)
        if h.level == 3 and blocks:
            blocks[0].gap_before = self.h3_gap
        return blocks

    def paragraph(self, p: Paragraph) -> list[Block]:
        font = {
            "lead": self.f_lead,
            "small": self.f_small,
            "note": self.f_small,
            "bold": self.f_bold,
        }.get(p.style, self.f_body)
        color = self.theme.muted if p.style in ("muted", "note") else None
        bullet = "•" if p.style == "bullet" else ""
        blocks = self.text_blocks(
            p.text,
            font,
            color=color,
            gap=self.paragraph_gap.get(p.style, 3.0),
            indent=12.0 if bullet else 0.0,
            bullet=bullet,
            keep_first=self.keep_first and p.style in ("body", "bullet"),
            keep_last=p.keep_with_next,
        )
        if p.values:  # the cited values' notes, on whichever page a line falls
            notes = self.footnotes(p.values)
            for b in blocks:
                b.footnotes = notes
        return blocks

    def facts(self, kv: KeyValues) -> list[Block]:
        """Label–value pairs two to a line: the cover's dates and ids take little room."""
        half = (self.width - 12) / 2
        label_w = half * 0.45
        rows = list(kv.rows)
        blocks = []
        for i in range(0, len(rows), 2):
            pair = rows[i : i + 2]
            boxes = []
            for r in pair:
                text = self.marked(r.value, r.text) if r.value else r.text
                boxes.append(
                    (
                        self.c.layout_text(r.label, self.f_small, label_w - 4),
                        self.c.layout_text(text, self.f_small, half - label_w, anywhere=True),
                    )
                )
            h = max(max(lb.height, vb.height) for lb, vb in boxes) + 3.0

            def draw(c: PdfCanvas, x: float, y: float, boxes=boxes) -> None:
                for j, (lb, vb) in enumerate(boxes):
                    cx = x + j * (half + 12)
                    c.painter.setPen(QColor(self.theme.muted))
                    lb.draw(c.painter, cx, y + 1.5)
                    c.painter.setPen(QColor(self.theme.text))
                    vb.draw(c.painter, cx + label_w, y + 1.5)

            values = [r.value for r in pair if r.value is not None]
            blocks.append(
                Block(h, draw, gap_before=4.0 if i == 0 else 0.0, footnotes=self.footnotes(values))
            )
        return blocks

    def values_table(self, t: Table) -> list[Block]:
        """A table whose rows carry values: value cells get their marks, rows their notes.

        The marks go in the column marked ``marks`` (else the one titled as the value)."""
        value_col = t.value_column(tr("label.value", self.lang))
        blocks: list[Block] = []
        if t.note:  # said before the table, kept with it
            blocks += self.text_blocks(t.note, self.f_small, color=self.theme.muted, gap=3.0)
            for b in blocks:
                b.keep_with_next = True
        rows = []
        for r in t.rows:
            cells = list(r.cells)
            if value_col is not None and r.values:
                cells[value_col] = self.marked(r.values[0], cells[value_col])
            rows.append(cells)
        align = {"right": Qt.AlignmentFlag.AlignRight, "center": Qt.AlignmentFlag.AlignHCenter}
        columns = [
            Column(c.title, c.weight, align.get(c.align, Qt.AlignmentFlag.AlignLeft), c.anywhere)
            for c in t.columns
        ]
        made = self.table(columns, rows)
        for block, row in zip(made[1:], t.rows, strict=True):
            block.footnotes = self.footnotes(row.values)
            block.obs_ids = tuple(v.obs_id for v in row.values if v.obs_id is not None)
        return blocks + made

    def contents(self, toc: Contents) -> list[Block]:
        """One line per section: its title, a dotted leader and the page it starts on."""
        return [self.contents_line(item.anchor, item.title) for item in toc.items]

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

    def scorecard(self, card: Scorecard) -> list[Block]:
        raise NotImplementedError(f"{type(self).__name__} has no scorecard layout")

    # charts -------------------------------------------------------------------------------
    def chart_view_for(self, spec: ChartSpec, width: float, height: float):
        """The document's one chart widget, showing ``spec`` at this size (made once: a
        widget per chart costs more time than drawing the chart)."""
        years = self.doc.years
        rng = None if years is None else (min(years), max(years))
        view = self._view
        if view is None:
            view = self._view = self.c.chart_view(
                spec, self.b, self.lang, width, height, years=years, marks=self.book
            )
            view.setMinimumHeight(0)  # the window's minimum is too tall for a brief
        elif view.spec is spec and view.year_range == rng and view.marks is self.book:
            # the same chart at another size (its height, once the legend is measured): back
            # to the model's value range, which the next fit raises for the new height as a
            # fresh build would — without building the chart again
            view.plotItem.setYRange(*view.model.y_range, padding=0)
        else:
            view.marks = self.book  # labels numbered as the footnotes (a refit renumbers)
            view.set_spec(spec, years)
        view.resize(int(width), int(height))
        return view

    def chart_size(self, spec: ChartSpec, width: float) -> float:
        """The chart's height: ``chart_base`` for its plot, plus its legend's row above the
        plot when it has one — measured on the built chart once, and remembered: a brief laid
        out again with shorter charts (the meeting brief's refitting) keeps its legends."""
        key = (spec.id, round(width, 3))
        legend_px = self._legend_px.get(key)
        if legend_px is None:
            years = self.doc.years
            rng = None if years is None else (min(years), max(years))
            legend_px = 0.0
            if build_chart_model(spec, self.lang, rng).legend:
                view = self.chart_view_for(spec, width, self.chart_base)
                legend_px = chart_height(view, base=0.0, limit=float("inf"))
            self._legend_px[key] = legend_px
        return min(self.chart_base + legend_px, self.chart_limit * self.chart_base)

    def chart_blocks(self, charts: Sequence[ChartBlock]) -> list[Block]:
        """One chart a row at full width (a legend needs it), two small ones side by side
        (``pair_small``, and neither with a table): title, scope and unit, the chart, the
        takeaway, the source line, the presenter's remarks if any, then the chart's table; the
        notes of every value drawn go at the foot of the page."""
        rows: list[list[ChartBlock]] = []
        for chart in charts:
            if (
                self.pair_small
                and rows
                and len(rows[-1]) == 1
                and self._small(rows[-1][0])
                and self._small(chart)
            ):
                rows[-1].append(chart)
            else:
                rows.append([chart])
        blocks: list[Block] = []
        for row in rows:
            table = row[0].table if len(row) == 1 else None
            blocks.append(self.chart_row(row))
            if table is not None:
                blocks[-1].keep_with_next = True  # never a chart alone at a page's foot
                blocks += self.values_table(table)
        return blocks

    def _small(self, chart: ChartBlock) -> bool:
        """A chart that reads well at half width: one series (no legend), few bars."""
        spec = self._charts.get(chart.chart_id)
        return (
            chart.table is None
            and spec is not None
            and len(spec.series) == 1
            and spec.kind == "bar"
        )

    def chart_cell(self, chart: ChartBlock, width: float):
        spec = self._charts.get(chart.chart_id)
        title = self.c.layout_text(chart.title, self.f_h3, width)
        sub = self.c.layout_text(chart.subtitle, self.f_small, width)
        take = self.c.layout_text(chart.takeaway, self.f_bold, width)
        # the presenter's own takeaway (brief area): in the remarks' tinted box, under its
        # label, never in the typography of the computed (sourced) sentence
        own = (
            self.presenter_note(chart.takeaway_label, chart.takeaway, width)
            if chart.takeaway_own
            else None
        )
        take_h = own.height if own is not None else take.height
        source = self.c.layout_text(chart.source_line, self.f_small, width)
        chart_h = 0.0
        picture = None
        if spec is not None:
            chart_h = self.chart_size(spec, width)
            if self.record_charts:
                picture = picture_of(self.chart_view_for(spec, width, chart_h))
        note = (
            self.presenter_note(tr("brief.presenter", self.lang), chart.notes, width)
            if chart.notes
            else None
        )
        height = title.height + 2 + sub.height + 3 + chart_h + 4 + take_h + 2 + source.height
        if note is not None:
            height += 4 + note.height

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            p = c.painter
            p.setPen(QColor(self.theme.text))
            title.draw(p, x, y)
            yy = y + title.height + 2
            p.setPen(QColor(self.theme.muted))
            sub.draw(p, x, yy)
            yy += sub.height + 3
            if picture is not None:
                c.play(picture, x, yy)
            elif spec is not None:
                view = self.chart_view_for(spec, width, chart_h)
                view.plotItem.layout.activate()  # see picture_of: a chart at an unchanged size
                c.render_view(view, x, yy, close=False)
            yy += chart_h + 4
            p.setPen(QColor(self.theme.text))
            if own is not None:
                own.draw(c, x, yy)
            else:
                take.draw(p, x, yy)
            yy += take_h + 2
            p.setPen(QColor(self.theme.muted))
            source.draw(p, x, yy)
            yy += source.height
            if note is not None:
                note.draw(c, x, yy + 4)

        return height, draw

    def chart_row(self, charts: Sequence[ChartBlock]) -> Block:
        width = self.width if len(charts) == 1 else (self.width - CHART_GAP) / 2
        cells = [self.chart_cell(ch, width) for ch in charts]
        height = max(h for h, _ in cells)

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            for j, (_h, paint) in enumerate(cells):
                paint(c, x + j * (width + CHART_GAP), y)

        # the takeaway may cite a target beyond the years drawn: its note goes here too
        values = [v for ch in charts for v in (*ch.values, *ch.takeaway_values)]
        return Block(height, draw, gap_before=self.chart_gap, footnotes=self.footnotes(values))

    def presenter_note(self, label: str, text: str, width: float) -> Block:
        pad = 6.0
        head = self.c.layout_text(label, self.f_table_bold, width - 2 * pad - 3)
        body = self.c.layout_text(text, self.f_body, width - 2 * pad - 3)
        height = head.height + body.height + 2 * pad + 1

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            p = c.painter
            p.fillRect(QRectF(x, y, width, height), QColor(NOTE_FILL))
            p.fillRect(QRectF(x, y, 3, height), QColor(NOTE_EDGE))
            p.setPen(QColor("#7A5A00"))
            head.draw(p, x + pad + 3, y + pad)
            p.setPen(QColor(self.theme.text))
            body.draw(p, x + pad + 3, y + pad + head.height + 1)

        return Block(height, draw, gap_before=6.0)

    # the rest -----------------------------------------------------------------------------
    def caveats(self, cav: Caveats) -> list[Block]:
        blocks: list[Block] = []
        for item in cav.items:
            blocks += self.text_blocks(
                item.text, self.f_body, gap=3.0, indent=12.0, bullet="•", keep_first=True
            )
        return blocks

    def sources(self, src: Sources) -> list[Block]:
        """The sources short, three to a line: id, publisher, date (the data book has the
        full list)."""
        blocks: list[Block] = []
        cols = 3
        col_w = (self.width - 12 * (cols - 1)) / cols
        items = list(src.items)
        for i in range(0, len(items), cols):
            boxes = [
                self.c.layout_text(f"[{it.id}] {it.short or it.citation}", self.f_small, col_w)
                for it in items[i : i + cols]
            ]
            h = max(b.height for b in boxes) + 1.5

            def draw(c: PdfCanvas, x: float, y: float, boxes=boxes) -> None:
                c.painter.setPen(QColor(self.theme.text))
                for j, box in enumerate(boxes):
                    box.draw(c.painter, x + j * (col_w + 12), y)

            blocks.append(Block(h, draw, gap_before=2.0 if i == 0 else 0.0))
        if src.more:
            blocks += self.text_blocks(src.more, self.f_small, color=self.theme.muted, gap=3.0)
        return blocks

    def running_title(self) -> str:
        return f"{self.doc.title} · {self.doc.subtitle}"

    def footer_text(self) -> str:
        return self.doc.footer

    def dispose(self) -> None:
        """Drop the chart widget (the export is done, cancelled or failed)."""
        if self._view is not None:
            view, self._view = self._view, None
            dispose_view(view)


def _grouped(blocks) -> list:
    """Consecutive chart blocks as one list (laid out two to a row), other blocks as they are."""
    out: list = []
    for b in blocks:
        if isinstance(b, ChartBlock):
            if out and isinstance(out[-1], list):
                out[-1].append(b)
            else:
                out.append([b])
        else:
            out.append(b)
    return out
