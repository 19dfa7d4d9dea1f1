"""The meeting brief: draws a :class:`~qftz_desktop.domain.brief.model.BriefDocument` on 2–4
pages. Nothing is decided here — which figures, targets, charts, caveats and sources appear is
the document's business; this module only places and paints them.

Caveats travel with their values: every value that has one gets a mark (①, ②, …, numbered
through the document by the caveat's text, so that one note shared by several values is one
footnote), and the note is printed as a footnote on each page where a value carrying it is
shown — in a table, a scorecard row or a chart. The presenter's remarks are set apart in a
tinted box under their label, never in the typography of sourced figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from ...domain.brief.compose import MIN_CHARTS
from ...domain.brief.model import (
    BriefDocument,
    Caveats,
    ChartBlock,
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
from ...text import tr
from .canvas import MM, PdfCanvas, TextBox, chart_height, dispose_view
from .layout import SIZE_SMALL, PageKit, circled, word
from .paginate import Block, paginate

MAX_PAGES = 4  # a meeting brief: 2–4 pages
MEETING_CHART_HEIGHT = 165  # px: three charts with their notes on a page
CHART_GAP = 16.0  # px between two charts of a row
NOTE_FILL = "#FFF6DD"  # the presenter's remarks: a warm tint no data block uses
NOTE_EDGE = "#E0B23A"
STATUS_COLOURS = {
    "met": "#1B7F3B",
    "on_track": "#1B7F3B",
    "behind": "#B35C00",
    "missed": "#B3261E",
    "unknown": "#5F6B76",
}

WORDS: dict[str, tuple[str, str]] = {
    "what": ("目标", "Target"),
    "deadline": ("期限", "By"),
    "target": ("目标值", "Target value"),
    "actual": ("最新可比实际值", "Latest comparable actual"),
    "progress": ("完成度", "Progress"),
    "status": ("判断", "Status"),
    "no_actual": (
        "“—”：快照中没有同一指标、同类期间的实际值，无法判断。",
        "'—': the snapshot has no actual of the same metric and kind of period to judge by.",
    ),
}


def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class Line:
    """One run of text in a rich cell: text, font and colour."""

    text: str
    font: QFont
    color: str


class MeetingRenderer(PageKit):
    """Lays out and paints one meeting brief."""

    def __init__(
        self,
        briefing: Briefing,
        doc: BriefDocument,
        canvas: PdfCanvas,
        recompose: Callable[[int], BriefDocument] | None = None,
    ):
        super().__init__(canvas, doc.lang)
        self.recompose = recompose
        self.chart_base = MEETING_CHART_HEIGHT
        page = canvas.page_rect
        self.left = 16 * MM  # a meeting brief is dense: slightly narrower margins
        self.width = page.width() - 2 * self.left
        self.top = 16 * MM
        self.b = briefing
        self.doc = doc
        self.f_lead = canvas.font(11.0)
        self.f_title = canvas.font(20.0, bold=True)
        self._view = None
        self._charts: dict[str, ChartSpec] = {c.id: c for t in briefing.tabs for c in t.charts}
        self._reset_marks()

    def _reset_marks(self) -> None:
        """Number the footnotes in the order their values appear in the document."""
        self.reset_marks()
        for value in self.doc.values():
            for text in self.notes_of(value):
                self.mark_of(text)

    # layout -------------------------------------------------------------------------------
    def layout_steps(self) -> Iterator[str]:
        """Lay the document out. Should it need more than MAX_PAGES pages, draw the
        charts a little shorter, then the same brief with one chart fewer (the document's
        rules decide which goes) down to the rule's minimum, then shorter charts still (never
        below 100 px)."""
        while True:
            yield from self._layout_once()
            if len(self.pages) <= MAX_PAGES:
                return
            charts = len(self.doc.charts)
            if self.chart_base > 135:
                self.chart_base -= 15  # first a little shorter …
            elif self.recompose is not None and charts > MIN_CHARTS:
                self.doc = self.recompose(charts - 1)  # … then a chart fewer …
                self._reset_marks()
            elif self.chart_base > 100:
                self.chart_base -= 15  # … then shorter still
            else:
                return
            yield "refit"

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
            yield section.id
        self.pages = paginate(blocks, self.top, self.bottom)

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
        if isinstance(item, PresenterNote):
            return [self.presenter_note(item.label, item.text, self.width)]
        if isinstance(item, PageBreak):
            return [Block(0.0, lambda c, x, y: None, new_page=True)]
        return []

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
            blocks[0].gap_before = 10.0
        return blocks

    def paragraph(self, p: Paragraph) -> list[Block]:
        font = {"lead": self.f_lead, "small": self.f_small, "bold": self.f_bold}.get(
            p.style, self.f_body
        )
        color = self.theme.muted if p.style == "muted" else None
        bullet = "•" if p.style == "bullet" else ""
        blocks = self.text_blocks(
            p.text, font, color=color, gap=3.0, indent=12.0 if bullet else 0.0, bullet=bullet
        )
        if blocks and p.values:
            blocks[0].footnotes = self.footnotes(p.values)
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
        """A table whose rows carry values: value cells get their marks, rows their notes."""
        value_col = next(
            (i for i, col in enumerate(t.columns) if col.title == tr("label.value", self.lang)),
            None,
        )
        blocks: list[Block] = []
        if t.note:
            blocks += self.text_blocks(t.note, self.f_small, color=self.theme.muted, gap=3.0)
        rows = []
        for r in t.rows:
            cells = list(r.cells)
            if value_col is not None and r.values:
                cells[value_col] = self.marked(r.values[0], cells[value_col])
            rows.append(cells)
        from .layout import Column as KitColumn

        align = {"right": Qt.AlignmentFlag.AlignRight, "center": Qt.AlignmentFlag.AlignHCenter}
        columns = [
            KitColumn(c.title, c.weight, align.get(c.align, Qt.AlignmentFlag.AlignLeft), c.anywhere)
            for c in t.columns
        ]
        made = self.table(columns, rows)
        for block, row in zip(made[1:], t.rows, strict=True):
            block.footnotes = self.footnotes(row.values)
        return blocks + made

    # the scorecard ------------------------------------------------------------------------
    def rich_row(
        self,
        cells: Sequence[Sequence[Line]],
        weights: Sequence[float],
        header: bool = False,
    ) -> Block:
        total = sum(weights)
        widths = [self.width * w / total for w in weights]
        laid: list[list[tuple[TextBox, str]]] = []
        for cell, w in zip(cells, widths, strict=True):
            laid.append(
                [
                    (self.c.layout_text(ln.text, ln.font, w - 2 * self.PAD_X), ln.color)
                    for ln in cell
                    if ln.text
                ]
            )
        height = max((sum(b.height for b, _ in col) for col in laid), default=0) + 2 * self.PAD_Y
        grid = QColor(self.theme.grid)

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            p = c.painter
            if header:
                p.fillRect(QRectF(x, y, self.width, height), QColor("#EEF1F4"))
            cx = x
            for col, w in zip(laid, widths, strict=True):
                cy = y + self.PAD_Y
                for box, colour in col:
                    p.setPen(QColor(colour))
                    box.draw(p, cx + self.PAD_X, cy)
                    cy += box.height
                cx += w
            pen = QPen(grid if not header else QColor(self.theme.muted))
            pen.setWidthF(0.75 if header else 0.5)
            p.setPen(pen)
            p.drawLine(QLineF(x, y + height, x + self.width, y + height))

        return Block(height, draw)

    def scorecard(self, card: Scorecard) -> list[Block]:
        lang, text, muted = self.lang, self.theme.text, self.theme.muted
        weights = (0.36, 0.1, 0.15, 0.17, 0.1, 0.12)
        head = self.rich_row(
            [
                [Line(_w(k, lang), self.f_table_bold, text)]
                for k in ("what", "deadline", "target", "actual", "progress", "status")
            ],
            weights,
            header=True,
        )
        head.keep_with_next = True
        head.gap_before = 4.0
        blocks = [head]
        for row in card.rows:
            actual = []
            if row.actual is not None:
                actual = [
                    Line(self.marked(row.actual), self.f_table, text),
                    Line(row.actual.period, self.f_small, muted),
                ]
            else:
                actual = [Line("—", self.f_table, muted)]
            reason = "" if row.reason_key == "no_actual" else row.reason
            cells = [
                [Line(row.what, self.f_table, text), Line(reason, self.f_small, muted)],
                [Line(row.deadline, self.f_table, text)],
                [Line(self.marked(row.target), self.f_table, text)],
                actual,
                [Line(row.progress or "—", self.f_table, text if row.progress else muted)],
                [Line(row.status_text, self.f_table_bold, STATUS_COLOURS.get(row.status, text))],
            ]
            block = self.rich_row(cells, weights)
            block.repeat = head
            values = [row.target] + ([row.actual] if row.actual is not None else [])
            block.footnotes = self.footnotes(values)
            blocks.append(block)
        if any(r.reason_key == "no_actual" for r in card.rows):
            blocks += self.text_blocks(_w("no_actual", lang), self.f_small, color=muted, gap=3.0)
        if card.rules:
            blocks += self.text_blocks(card.rules, self.f_small, color=muted, gap=1.0)
        blocks += self.text_blocks(word("how_marks", lang), self.f_small, color=muted, gap=1.0)
        return blocks

    # charts -------------------------------------------------------------------------------
    def chart_view_for(self, spec: ChartSpec, width: float, height: float):
        """The brief's one chart widget, showing ``spec`` at this size (made once)."""
        years = self.doc.years
        if self._view is None:
            self._view = self.c.chart_view(spec, self.b, self.lang, width, height, years=years)
            self._view.setMinimumHeight(0)  # the window's minimum is too tall for a brief
            self._view.resize(int(width), int(height))
        else:
            self._view.set_spec(spec, years)
            self._view.resize(int(width), int(height))
        return self._view

    def chart_blocks(self, charts: Sequence[ChartBlock]) -> list[Block]:
        """One chart a row at full width (a legend needs it), two small ones side by side:
        title, scope and unit, the chart, the takeaway, the source line, the presenter's
        remarks if any; the notes of every value drawn go at the foot of the page."""
        rows: list[list[ChartBlock]] = []
        for chart in charts:
            if rows and len(rows[-1]) == 1 and self._small(rows[-1][0]) and self._small(chart):
                rows[-1].append(chart)
            else:
                rows.append([chart])
        return [self.chart_row(row) for row in rows]

    def _small(self, chart: ChartBlock) -> bool:
        """A chart that reads well at half width: one series (no legend), few bars."""
        spec = self._charts.get(chart.chart_id)
        return spec is not None and len(spec.series) == 1 and spec.kind == "bar"

    def chart_cell(self, chart: ChartBlock, width: float):
        spec = self._charts.get(chart.chart_id)
        title = self.c.layout_text(chart.title, self.f_h3, width)
        sub = self.c.layout_text(chart.subtitle, self.f_small, width)
        take = self.c.layout_text(chart.takeaway, self.f_bold, width)
        source = self.c.layout_text(chart.source_line, self.f_small, width)
        chart_h = 0.0
        if spec is not None:
            chart_h = chart_height(
                self.chart_view_for(spec, width, self.chart_base),
                base=self.chart_base,
                limit=1.6 * self.chart_base,
            )
        note = (
            self.presenter_note(tr_presenter(self.lang), chart.notes, width)
            if chart.notes
            else None
        )
        height = title.height + 2 + sub.height + 3 + chart_h + 4 + take.height + 2 + source.height
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
            if spec is not None:
                view = self.chart_view_for(spec, width, chart_h)
                c.render_view(view, x, yy, close=False)
            yy += chart_h + 4
            p.setPen(QColor(self.theme.text))
            take.draw(p, x, yy)
            yy += take.height + 2
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

        values = [v for ch in charts for v in ch.values]
        return Block(height, draw, gap_before=12.0, footnotes=self.footnotes(values))

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


def tr_presenter(lang: str) -> str:
    return "主讲人备注" if lang == "zh" else "Presenter's remarks"


__all__ = ["MeetingRenderer", "SIZE_SMALL", "circled"]
