"""The PDF canvas: one QPdfWriter and one QPainter in CSS pixels, the bundled font, vector
charts through the one chart path, and reproducible dates.

Canvas units are CSS pixels (96 per inch; 1 pt = 4/3 px) so that a chart widget of ``w × h``
pixels is drawn 1:1 into a ``w × h`` rectangle, tick labels at their screen size (NOTES:
resolution mismatch). ``canvas.page_rect`` is the full page; there are no margins but the ones
you leave. To place a chart and know its size first, ``view = canvas.chart_view(...)``, then
``canvas.render_view(view, x, y)``; ``chart_height(view)`` gives the height at which its legend
clears the bar labels. ``canvas.finish()`` must run before the file is closed, or it is not a
valid PDF.

Reproducibility: the same snapshot, options and app version give a byte-identical file. The
document id is derived from them, the dates Qt writes (it has no setter) are replaced by the
brief's date (an option: ``--date`` or SOURCE_DATE_EPOCH fix it), and the xref table is
corrected for the change (``normalize_pdf_dates``).
"""

from __future__ import annotations

import math
import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QPointF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
    QTextLayout,
    QTextOption,
)

from ... import APP_NAME, __version__
from ...domain.brief.options import YearRange
from ...domain.briefing import Briefing, ChartSpec
from ...domain.chart_model import LEGEND_BASE_PX, LEGEND_OFFSET_PX, LEGEND_ROW_PX
from ...render.fonts import prepare_pdf_fonts, ui_font
from ...render.theme import PRINT, Theme
from ..atomic import AtomicWriteError

RESOLUTION = 96  # canvas units are CSS pixels: charts are drawn 1:1 in widget pixels
PT = RESOLUTION / 72.0
MM = RESOLUTION / 25.4
PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
CHART_HEIGHT = 230  # px, a chart without legend (the window's chart panels: 260 and up)
# px more for a line chart's legend, each of its rows, and its offset below the plot's top:
# one definition, beside the chart model that decides the legend's rows
LEGEND_BASE, LEGEND_ROW, LEGEND_OFFSET = LEGEND_BASE_PX, LEGEND_ROW_PX, LEGEND_OFFSET_PX


# -- reproducible dates ----------------------------------------------------------------------

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[^)]{0,8}\)")
_XMP_DATE = re.compile(rb'(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)="([^"]*)"')
_STARTXREF = re.compile(rb"startxref\s+([0-9]+)\s+%%EOF\s*$")


def _stamp_digits(day: str) -> str:
    """YYYYMMDDHHMMSS from 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS' (missing parts: 01, 00)."""
    digits = re.sub(r"[^0-9]", "", day)[:14]
    if len(digits) < 4:
        return "20000101000000"
    date_part = (digits[:8] + "0101")[:8]
    return (date_part + digits[8:14] + "000000")[:14]


def pdf_timestamp(day: str, environ: Mapping[str, str] | None = None) -> str:
    """The time to write into the PDF's metadata, as 'YYYY-MM-DDTHH:MM:SS' (UTC): never the
    clock. ``day`` is the date printed on the document (``--date``, else the day of
    ``SOURCE_DATE_EPOCH``, else today); the metadata says the same day, at the exact time of
    ``SOURCE_DATE_EPOCH`` when that falls on it, else at 00:00.
    """
    env = os.environ if environ is None else environ
    epoch = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
        if moment.date().isoformat() == day[:10]:
            return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return day


def normalize_pdf_dates(data: bytes, day: str) -> bytes:
    """Replace the creation/modification dates Qt writes with ``day`` (YYYY-MM-DD, or
    YYYY-MM-DDTHH:MM:SS in UTC; see :func:`pdf_timestamp`).

    The Info dictionary's dates become ``D:YYYYMMDDHHMMSSZ`` whatever time zone the machine
    is in (their length may change, so every xref offset after them is moved by the
    difference); the XMP dates keep their length, so the metadata stream's /Length stays
    valid. Raises ValueError if the file does not look like Qt's output.
    """
    d = _stamp_digits(day)
    iso = f"{d[:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}"
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement)
    for m in _PDF_DATE.finditer(data):
        edits.append((m.start(), m.end(), b"/%s (D:%sZ)" % (m.group(1), d.encode())))
    for m in _XMP_DATE.finditer(data):
        old = m.group(2)
        new = (iso + ("Z" if old.endswith(b"Z") else "+00:00")).encode()
        if len(new) != len(old):
            raise ValueError(f"unexpected XMP date format {old!r}")
        edits.append((m.start(2), m.end(2), new))
    if not edits:
        return data
    edits.sort()

    def shift(offset: int) -> int:
        return offset + sum(len(r) - (e - s) for s, e, r in edits if s < offset)

    tail = _STARTXREF.search(data)
    if tail is None:
        raise ValueError("no startxref at the end of the PDF")
    xref_at = int(tail.group(1))
    if data[xref_at : xref_at + 4] != b"xref":
        raise ValueError("startxref does not point at an xref table")
    out = bytearray()
    pos = 0
    for s, e, r in edits:
        if s < pos or e > xref_at:
            raise ValueError("overlapping or misplaced date edits")
        out += data[pos:s] + r
        pos = e
    out += data[pos:xref_at]
    # rewrite the xref table: each entry is 'oooooooooo ggggg n\r\n' (20 bytes)
    lines = data[xref_at : tail.start()].split(b"\n")
    fixed = []
    for line in lines:
        m = re.fullmatch(rb"([0-9]{10}) ([0-9]{5}) n( ?\r?)", line)
        if m:
            line = b"%010d %s n%s" % (shift(int(m.group(1))), m.group(2), m.group(3))
        fixed.append(line)
    out += b"\n".join(fixed)
    out += b"startxref\n%d\n%%%%EOF\n" % shift(xref_at)
    return bytes(out)


# -- the canvas --------------------------------------------------------------------------------


@dataclass
class TextBox:
    """A paragraph laid out for a width; lines can be drawn one by one (page breaks)."""

    layout: QTextLayout
    lines: list[tuple[float, float]]  # (top, height) of each line within the box
    width: float

    @property
    def height(self) -> float:
        return self.lines[-1][0] + self.lines[-1][1] if self.lines else 0.0

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        self.layout.draw(painter, QPointF(x, y))

    def draw_line(self, painter: QPainter, index: int, x: float, y: float) -> None:
        line = self.layout.lineAt(index)
        line.draw(painter, QPointF(x, y - line.y()))


class PdfCanvas:
    """One QPdfWriter and one QPainter, in CSS pixels, with the bundled font.

    ``path`` should be a temporary file (see :func:`~.atomic.atomic_target`); ``doc_key``
    names the content so that the same content always gets the same document id.
    """

    def __init__(
        self,
        path: str | Path,
        page_size: QPageSize,
        orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait,
        *,
        title: str,
        doc_key: str,
        date: str = "",
        author: str = "",
        creator: str = f"{APP_NAME} {__version__}",
    ):
        prepare_pdf_fonts()  # fixed font objects and order: same bytes on every machine
        self.path = Path(path)
        self.date = date
        self.writer = QPdfWriter(str(self.path))
        self.writer.setResolution(RESOLUTION)
        self.writer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
        self.writer.setTitle(title)
        self.writer.setCreator(creator)
        if author:
            self.writer.setAuthor(author)
        self.writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, doc_key))))
        full = self.writer.pageLayout().fullRectPoints()
        self.page_rect = QRectF(0, 0, full.width() * PT, full.height() * PT)
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise AtomicWriteError(self.path, "export.qt_cannot_open_pdf")
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.pages = 1

    # text --------------------------------------------------------------------------------
    @staticmethod
    def font(point_size: float, bold: bool = False) -> QFont:
        return ui_font(point_size, bold=bold)

    def layout_text(
        self,
        text: str,
        font: QFont,
        width: float,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        anywhere: bool = False,
        spacing: float = 1.0,
    ) -> TextBox:
        """Lay out plain text (never HTML) for ``width`` px, breaking lines as Qt does for
        Chinese and Latin text; ``anywhere`` also breaks inside long words (addresses)."""
        layout = QTextLayout(text, font, self.writer)
        option = QTextOption(align)
        option.setUseDesignMetrics(True)  # never hinted advances (render/fonts.py says why)
        option.setWrapMode(
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
            if anywhere
            else QTextOption.WrapMode.WordWrap
        )
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        lines: list[tuple[float, float]] = []
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            line.setPosition(QPointF(0, y))
            h = line.height() * spacing
            lines.append((y, h))
            y += h
        layout.endLayout()
        return TextBox(layout, lines, width)

    def draw_text(self, box: TextBox, x: float, y: float, color: str | None = None) -> None:
        self.painter.setPen(QColor(color or PRINT.text))
        box.draw(self.painter, x, y)

    # pages and charts ----------------------------------------------------------------------
    def new_page(self) -> None:
        if not self.writer.newPage():
            raise AtomicWriteError(self.path, "export.qt_cannot_add_page")
        self.pages += 1

    @staticmethod
    def chart_view(
        spec: ChartSpec,
        briefing: Briefing,
        lang: str,
        width: float,
        height: float,
        theme: Theme = PRINT,
        years: YearRange = None,
        marks=None,
    ):
        """A ChartView for printing: never shown, sized explicitly, the year range applied;
        ``marks`` (a MarkBook): the PDF's caveat numbering, so labels match the footnotes."""
        from ...render.chart_view import ChartView

        rng = None if years is None else (min(years), max(years))
        view = ChartView(
            spec, briefing, theme, lang, interactive=False, year_range=rng, marks=marks
        )
        view.resize(int(width), int(height))
        return view

    def render_view(self, view, x: float, y: float, close: bool = True) -> None:
        """Paint a ChartView as vectors at (x, y), 1:1 in px; then dispose of it."""
        try:
            size = view.size()
            self.painter.save()
            try:
                view.render_to(self.painter, QRectF(x, y, size.width(), size.height()))
            finally:
                self.painter.restore()
        finally:
            if close:
                dispose_view(view)

    def play(self, picture: QPicture, x: float, y: float) -> None:
        """Paint a recorded chart (:func:`picture_of`) at (x, y), 1:1 in px, as vectors."""
        self.painter.save()
        try:
            self.painter.translate(x, y)
            picture.play(self.painter)
        finally:
            self.painter.restore()

    def draw_chart(
        self,
        spec: ChartSpec,
        briefing: Briefing,
        lang: str,
        rect: QRectF,
        theme: Theme = PRINT,
        years: YearRange = None,
    ) -> None:
        """Draw a chart into ``rect`` through the one chart path (ChartView), as vectors."""
        view = self.chart_view(spec, briefing, lang, rect.width(), rect.height(), theme, years)
        self.render_view(view, rect.x(), rect.y())

    def finish(self) -> None:
        """End the painter (the PDF is complete) and make its dates reproducible."""
        if self.painter.isActive():
            self.painter.end()
            data = self.path.read_bytes()
            fixed = normalize_pdf_dates(data, pdf_timestamp(self.date))
            if fixed != data:
                self.path.write_bytes(fixed)

    def abandon(self) -> None:
        """End the painter without caring about the file (it is about to be removed)."""
        if self.painter.isActive():
            self.painter.end()


def picture_of(view) -> QPicture:
    """A chart widget's drawing, recorded as paint commands (vectors, text as text) at its
    size, to be played onto the PDF when its page is painted (:meth:`PdfCanvas.play`).

    Why: a document lays out all its pages before painting the first (the contents list needs
    the page numbers), and it draws every chart with one reused widget. Painting from the widget
    would rebuild each chart a second time at paint time — most of a data book's cost. Recorded
    at layout, a chart is built once; the recording is small (a few kB a chart)."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        size = view.size()
        # a chart set into the reused widget at the size of the one before gets no resize
        # event: place its layout's rows (the legend's) now, or it is drawn where the last
        # chart's layout left them
        view.plotItem.layout.activate()
        view.render_to(painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    return picture


def dispose_view(view) -> None:
    """Close a chart widget and delete it now, so that a long document stays small."""
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def legend_rows(view) -> int:
    legend = view.plotItem.legend
    return 0 if legend is None else legend.layout.rowCount()


def chart_height(view, base: float = CHART_HEIGHT, limit: float = 2 * CHART_HEIGHT) -> float:
    """How tall a chart must be for its plot to have the room of a chart without legend.

    The legend stands in its own row above the plot (render/chart_view: it covered a short
    chart's values when it was inside), so it adds its own height — known once the chart is
    built, whatever the widget's height — to ``base``; never more than ``limit``.
    """
    legend = view.plotItem.legend
    if legend is None:
        return base
    return float(min(limit, base + math.ceil(legend.boundingRect().height())))
