"""Layout shared by the PDF renderers: fonts, margins, paragraphs that may continue on the next
page, headings kept with what follows, tables with repeated headers, label–value lines, and the
running header and footer of every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from ...domain.brief.model import Value
from ...domain.caveats import MarkBook, notes_of
from ...render.theme import PRINT
from ...text import tr
from .canvas import MM, PdfCanvas
from .paginate import Block, Footnote, PageLayout, footnote_columns

HEADER_FILL = "#EEF1F4"  # table header rows
SIZE_FOOT = 6.5
FOOT_GAP = 14.0  # px between the two columns of footnotes


# Text sizes in points.
SIZE_BODY = 9.5
SIZE_TABLE = 8.0
SIZE_SMALL = 7.5
SIZE_H1 = 24.0
SIZE_H2 = 15.0
SIZE_H3 = 11.0

# Words of the PDF's own layout (zh, en); what the documents say comes from
# domain.brief, shared words from qftz_desktop.text.


@dataclass(frozen=True)
class Column:
    title: str
    weight: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    anywhere: bool = False


class PageKit:
    """Margins, fonts and the block makers of one PDF in one language."""

    PAD_X = 4.0
    PAD_Y = 2.5

    def __init__(self, canvas: PdfCanvas, lang: str):
        self.c = canvas
        self.lang = lang
        self.theme = PRINT
        page = canvas.page_rect
        self.left = 18 * MM
        self.width = page.width() - 2 * self.left
        self.top = 18 * MM
        self.bottom = page.height() - 18 * MM
        self.pages: list[PageLayout] = []
        self.f_body = canvas.font(SIZE_BODY)
        self.f_bold = canvas.font(SIZE_BODY, bold=True)
        self.f_table = canvas.font(SIZE_TABLE)
        self.f_table_bold = canvas.font(SIZE_TABLE, bold=True)
        self.f_small = canvas.font(SIZE_SMALL)
        self.f_h1 = canvas.font(SIZE_H1, bold=True)
        self.f_h2 = canvas.font(SIZE_H2, bold=True)
        self.f_h3 = canvas.font(SIZE_H3, bold=True)
        self.f_foot = canvas.font(SIZE_FOOT)
        # the caveat marks of this PDF (domain.caveats): the same numbers in tables, chart
        # labels, sentences and footnotes; a document's renderer seeds it with the document's
        self.book = MarkBook(lang)
        self._notes: dict[str, Footnote] = {}

    @property
    def foot_width(self) -> float:
        """Footnotes are set in two columns."""
        return (self.width - FOOT_GAP) / 2

    def t(self, key: str, **params: object) -> str:
        return tr(key, self.lang, **params)

    def sep(self) -> str:
        return tr("punct.colon", self.lang)

    def text_blocks(
        self,
        text: str,
        font: QFont,
        *,
        color: str | None = None,
        gap: float = 0.0,
        indent: float = 0.0,
        bullet: str = "",
        keep_first: bool = False,
        section: str = "",
        anchor: str = "",
        new_page: bool = False,
        keep_last: bool = False,
    ) -> list[Block]:
        """A paragraph as one block per line, so that it may continue on the next page."""
        box = self.c.layout_text(text, font, self.width - indent)
        bullet_box = self.c.layout_text(bullet, font, indent) if bullet else None
        colour = color or self.theme.text
        blocks = []
        for i, (_top, h) in enumerate(box.lines):

            def draw(c: PdfCanvas, x: float, y: float, i: int = i) -> None:
                c.painter.setPen(QColor(colour))
                if i == 0 and bullet_box is not None:
                    bullet_box.draw_line(c.painter, 0, x, y)
                box.draw_line(c.painter, i, x + indent, y)

            blocks.append(Block(h, draw, gap_before=gap if i == 0 else 0.0))
        if blocks:
            first, last = blocks[0], blocks[-1]
            first.section, first.anchor, first.new_page = section, anchor, new_page
            if keep_first and len(blocks) > 1:
                first.keep_with_next = True  # no lone first line at a page's foot
            if keep_last:
                last.keep_with_next = True
            if len(blocks) > 2:
                blocks[-2].keep_with_next = True  # no lone last line at a page's top
        return blocks

    def heading(self, text: str, level: int, **kw) -> list[Block]:
        font = {1: self.f_h1, 2: self.f_h2, 3: self.f_h3}[level]
        gap = {1: 0.0, 2: 0.0, 3: 14.0}[level]
        blocks = self.text_blocks(text, font, gap=gap, **kw)
        for b in blocks:
            b.keep_with_next = True
        if level == 2:
            blocks.append(Block(6.0, lambda c, x, y: None, keep_with_next=True))
        return blocks

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[Block]:
        """A table: a header block (repeated on continued pages) and one block per row."""
        total = sum(col.weight for col in columns)
        widths = [self.width * col.weight / total for col in columns]
        grid = QColor(self.theme.grid)

        def row_block(cells: Sequence[str], header: bool) -> Block:
            font = self.f_table_bold if header else self.f_table
            boxes = [
                self.c.layout_text(
                    cell, font, w - 2 * self.PAD_X, align=col.align, anywhere=col.anywhere
                )
                for cell, w, col in zip(cells, widths, columns, strict=True)
            ]
            height = max(box.height for box in boxes) + 2 * self.PAD_Y

            def draw(c: PdfCanvas, x: float, y: float) -> None:
                p = c.painter
                if header:
                    p.fillRect(QRectF(x, y, self.width, height), QColor(HEADER_FILL))
                p.setPen(QColor(self.theme.text))
                cx = x
                for box, w in zip(boxes, widths, strict=True):
                    box.draw(p, cx + self.PAD_X, y + self.PAD_Y)
                    cx += w
                pen = QPen(grid if not header else QColor(self.theme.muted))
                pen.setWidthF(0.75 if header else 0.5)
                p.setPen(pen)
                p.drawLine(QLineF(x, y + height, x + self.width, y + height))

            return Block(height, draw)

        header = row_block([col.title for col in columns], header=True)
        header.keep_with_next = True
        header.gap_before = 4.0
        blocks = [header]
        for cells in rows:
            block = row_block(cells, header=False)
            block.repeat = header
            blocks.append(block)
        return blocks

    def key_values(self, facts: Sequence[tuple[str, str]]) -> list[Block]:
        label_w = 34 * MM
        blocks = []
        for label, value in facts:
            lbox = self.c.layout_text(label, self.f_body, label_w - 6)
            vbox = self.c.layout_text(value, self.f_body, self.width - label_w, anywhere=True)
            h = max(lbox.height, vbox.height) + 4.0

            def draw(c: PdfCanvas, x: float, y: float, lbox=lbox, vbox=vbox) -> None:
                c.painter.setPen(QColor(self.theme.muted))
                lbox.draw(c.painter, x, y + 2)
                c.painter.setPen(QColor(self.theme.text))
                vbox.draw(c.painter, x + label_w, y + 2)

            blocks.append(Block(h, draw))
        return blocks

    def canvas_font(self, size: float, bold: bool = False) -> QFont:
        return self.c.font(size, bold)

    # values and their footnotes --------------------------------------------------------------
    def notes_of(self, value: Value) -> list[str]:
        """The footnote texts of a value (domain.caveats.notes_of: the one rule)."""
        return notes_of(value, self.lang)

    def marked(self, value: Value, text: str | None = None) -> str:
        """The value's text followed by the marks of its caveats."""
        return (value.text if text is None else text) + self.book.of_value(value)

    def footnotes(self, values: Sequence[Value]) -> tuple[Footnote, ...]:
        out: dict[str, Footnote] = {}
        for v in values:
            for text in self.notes_of(v):
                if text not in out:
                    out[text] = self.footnote(text)
        return tuple(sorted(out.values(), key=lambda f: self._order(f.key)))

    def _order(self, text: str) -> int:
        return self.book.number(text)

    def mark_of(self, text: str) -> str:
        """The mark of a footnote text: numbered in the order values are laid out."""
        return self.book.mark(text)

    def reset_marks(self, notes: Sequence[str] = ()) -> None:
        """Number afresh (a re-laid-out document), from ``notes`` first."""
        self.book = MarkBook(self.lang, notes)
        self._notes.clear()

    def footnote(self, text: str) -> Footnote:
        if text in self._notes:
            return self._notes[text]
        mark = self.mark_of(text)
        box = self.c.layout_text(f"{mark} {text}", self.f_foot, self.foot_width)

        def draw(c: PdfCanvas, x: float, y: float) -> None:
            c.painter.setPen(QColor(self.theme.muted))
            box.draw(c.painter, x, y)

        note = Footnote(text, box.height + 1.0, draw)
        self._notes[text] = note
        return note

    # pages ---------------------------------------------------------------------------------
    def paint_page(self, index: int) -> None:
        page = self.pages[index]
        if index > 0:
            self.c.new_page()
        self.chrome(index, page)
        for block, y in page.blocks:
            block.draw(self.c, self.left, y)
        self.paint_footnotes(page)

    def paint_footnotes(self, page: PageLayout) -> None:
        """The notes of the values on this page, at its foot, in two columns."""
        if not page.footnotes:
            return
        notes = sorted(page.footnotes, key=lambda f: self._order(f.key))
        left, right, height = footnote_columns(notes)
        top = self.bottom - height
        pen = QPen(QColor(self.theme.grid))
        pen.setWidthF(0.5)
        self.c.painter.setPen(pen)
        self.c.painter.drawLine(QLineF(self.left, top - 5, self.left + 30 * MM, top - 5))
        for column, x in ((left, self.left), (right, self.left + self.foot_width + FOOT_GAP)):
            y = top
            for f in column:
                f.draw(self.c, x, y)
                y += f.height

    def running_title(self) -> str:
        raise NotImplementedError

    def footer_text(self) -> str:
        raise NotImplementedError

    def chrome(self, index: int, page: PageLayout) -> None:
        """Running header (after the cover) and the footer on every page."""
        p = self.c.painter
        muted = QColor(self.theme.muted)
        pen = QPen(QColor(self.theme.grid))
        pen.setWidthF(0.5)
        if index > 0:
            head_y = 9 * MM
            left = self.c.layout_text(self.running_title(), self.f_small, self.width / 2)
            right = self.c.layout_text(
                page.section, self.f_small, self.width / 2, align=Qt.AlignmentFlag.AlignRight
            )
            p.setPen(muted)
            left.draw(p, self.left, head_y)
            right.draw(p, self.left + self.width / 2, head_y)
            p.setPen(pen)
            line_y = head_y + left.height + 2
            p.drawLine(QLineF(self.left, line_y, self.left + self.width, line_y))
        foot_y = self.c.page_rect.height() - 13 * MM
        text = self.footer_text()
        left = self.c.layout_text(text, self.f_small, self.width * 0.75)
        right = self.c.layout_text(
            self.t("pdf.page_of", n=index + 1, total=len(self.pages)),
            self.f_small,
            self.width * 0.25,
            align=Qt.AlignmentFlag.AlignRight,
        )
        p.setPen(pen)
        p.drawLine(QLineF(self.left, foot_y - 3, self.left + self.width, foot_y - 3))
        p.setPen(muted)
        left.draw(p, self.left, foot_y)
        right.draw(p, self.left + self.width * 0.75, foot_y)
