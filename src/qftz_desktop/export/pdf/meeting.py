"""The meeting brief: draws a :class:`~qftz_desktop.domain.brief.model.BriefDocument` on 2–4
pages with the block renderers of :mod:`.document`. Nothing is decided here — which figures,
targets, charts, caveats and sources appear is the document's business; this module sets the
brief's denser margins and shorter charts, draws the target scorecard, and refits the brief when
it runs over four pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QFont, QPen

from ...domain.brief.compose import MIN_CHARTS
from ...domain.brief.model import BriefDocument, Scorecard
from ...domain.briefing import Briefing
from ...domain.caveats import circled
from ...text import tr
from .canvas import MM, PdfCanvas, TextBox
from .document import DocumentRenderer
from .layout import SIZE_SMALL
from .paginate import Block, PageLayout

NEAR_EMPTY = 0.25  # a last page less filled than this is pulled back onto the one before
NEAR_EMPTY_MIN_CHART = 150  # px: charts stay readable (a plot of ~100 px) to save a near-empty page
MAX_PAGES = 4  # a meeting brief: 2–4 pages
MEETING_CHART_HEIGHT = 210  # px: as tall as four pages allow (layout_steps shrinks from here)
MEETING_CHART_MIN = 165  # px: shorter than this, a chart fewer reads better
STATUS_COLOURS = {
    "met": "#1B7F3B",
    "on_track": "#1B7F3B",
    "behind": "#B35C00",
    "missed": "#B3261E",
    "unknown": "#5F6B76",
}


@dataclass(frozen=True)
class Line:
    """One run of text in a rich cell: text, font and colour."""

    text: str
    font: QFont
    color: str


class MeetingRenderer(DocumentRenderer):
    """Lays out and paints one meeting brief."""

    def __init__(
        self,
        briefing: Briefing,
        doc: BriefDocument,
        canvas: PdfCanvas,
        recompose: Callable[[int], BriefDocument] | None = None,
    ):
        super().__init__(briefing, doc, canvas)
        self.recompose = recompose
        self.chart_base = MEETING_CHART_HEIGHT
        page = canvas.page_rect
        self.left = 16 * MM  # a meeting brief is dense: slightly narrower margins
        self.width = page.width() - 2 * self.left
        self.top = 16 * MM

    # layout -------------------------------------------------------------------------------
    def layout_steps(self) -> Iterator[str]:
        """Lay the document out. Should it need more than MAX_PAGES pages, draw the
        charts a little shorter, then the same brief with one chart fewer (the document's
        rules decide which goes) down to the rule's minimum, then shorter charts still (never
        below 100 px)."""
        while True:
            yield from self._layout_once()
            if len(self.pages) <= MAX_PAGES:
                yield from self._pull_back_last_page()
                return
            charts = len(self.doc.charts)
            if self.chart_base > MEETING_CHART_MIN:
                self.chart_base -= 15  # first a little shorter …
            elif self.recompose is not None and charts > MIN_CHARTS:
                self.doc = self.recompose(charts - 1)  # … then a chart fewer …
                self._reset_marks()
            elif self.chart_base > 100:
                self.chart_base -= 15  # … then shorter still
            else:
                return
            yield "refit"

    def page_fill(self, page: PageLayout) -> float:
        """How much of a page's body its blocks and footnotes take (0–1)."""
        body = self.bottom - self.top
        used = max((y + b.height for b, y in page.blocks), default=self.top) - self.top
        return (used + page.footnote_height()) / body if body > 0 else 1.0

    def _pull_back_last_page(self) -> Iterator[str]:
        """A last page holding only a line or two (a source list's tail, a caveat) reads as a
        mistake: draw the charts a little shorter (not below NEAR_EMPTY_MIN_CHART px) until
        the pages break so that the last one has real content, or there is one page fewer;
        if no such height exists, keep the layout as it was."""
        if len(self.pages) < 3 or self.page_fill(self.pages[-1]) >= NEAR_EMPTY:
            return
        before = (self.pages, self.chart_base)
        while self.chart_base - 10 >= NEAR_EMPTY_MIN_CHART:
            self.chart_base -= 10
            yield "refit"
            yield from self._layout_once()
            fewer = len(self.pages) < len(before[0])
            if fewer or self.page_fill(self.pages[-1]) >= NEAR_EMPTY:
                return
        self.pages, self.chart_base = before

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
                [Line(tr(k, lang), self.f_table_bold, text)]
                for k in (
                    "brief.what",
                    "brief.deadline",
                    "pdf.target_value",
                    "brief.actual",
                    "brief.progress",
                    "brief.status",
                )
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
            blocks += self.text_blocks(
                tr("pdf.scorecard_no_actual", lang), self.f_small, color=muted, gap=3.0
            )
        if card.rules:
            blocks += self.text_blocks(card.rules, self.f_small, color=muted, gap=1.0)
        blocks += self.text_blocks(tr("pdf.how_marks", lang), self.f_small, color=muted, gap=1.0)
        return blocks


__all__ = ["MeetingRenderer", "SIZE_SMALL", "circled"]
