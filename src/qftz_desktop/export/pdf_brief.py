"""The PDF brief: one QPdfWriter, one QPainter, vector charts, the bundled Chinese font.

How a caller exports
--------------------
Everything needs a ``QApplication`` (the charts are pyqtgraph widgets) and runs on the GUI
thread. Fonts are registered on first use.

* The whole brief, in one call (the headless command)::

      from qftz_desktop.export.pdf_brief import BriefOptions, export_brief
      result = export_brief(briefing, "brief.pdf", BriefOptions(lang="zh", year_from=2019,
                            year_to=2024, paper="A4"), progress=lambda done, total: ...,
                            cancelled=lambda: False)
      result.path, result.pages

* Step by step from the event loop (the export dialog), one page per step::

      job = BriefJob(briefing, "brief.pdf", options)
      job.start()                # a temporary file is opened next to the target
      while job.step():          # lays out one section, then paints one page, per call
          ...                    # job.done / job.total (0 until laid out); event loop runs
      result = job.finish()      # closes the PDF, fixes its dates, replaces the target

  ``job.abort()`` (cancel or error) removes the temporary file; an existing file at the target
  is never touched until ``finish()`` replaces it atomically (:mod:`.atomic`).

* A document of one's own — e.g. a 16:9 slide handout, one chart a page — through the same
  chart path (:class:`~qftz_desktop.render.chart_view.ChartView`, vectors) and the same font::

      page = QPageSize(QSizeF(254, 142.875), QPageSize.Unit.Millimeter, "16:9")  # wide as
      with atomic_target("handout.pdf") as tmp:       # given: keep the default Portrait
          canvas = PdfCanvas(tmp, page, title="…", doc_key=f"handout:{content_id}:{lang}",
                             date=briefing.snapshot.as_of)
          for i, spec in enumerate(charts):           # canvas.page_rect: 960 × 540 px
              if i:
                  canvas.new_page()
              canvas.draw_text(canvas.layout_text(spec.title(lang), canvas.font(20, True),
                               canvas.page_rect.width() - 96), 48, 36)
              canvas.draw_chart(spec, briefing, lang, QRectF(48, 90, 860, 420), theme=PRINT,
                                years=(2019, 2024))   # or None for all years
          canvas.finish()            # ends the painter and fixes the dates (reproducible)

  Canvas units are CSS pixels (96 per inch; 1 pt = 4/3 px) so that a chart widget of
  ``w × h`` pixels is drawn 1:1 into a ``w × h`` rectangle, tick labels at their screen size
  (NOTES: resolution mismatch). ``canvas.page_rect`` is the full page; there are no margins
  but the ones you leave. Any theme works (``PROJECTOR_LIGHT`` for big type); to place a chart
  and know its size first, ``view = canvas.chart_view(...)``, then ``canvas.render_view(view,
  x, y)``; ``chart_height(view)`` gives the height at which its legend clears the bar labels.
  ``canvas.finish()`` must run before the file is closed, or it is not a valid PDF.

Reproducibility: the same snapshot, options and app version give a byte-identical file. The
document id is derived from them, the dates Qt writes (it has no setter) are replaced by the
brief date (an option; default the snapshot's as-of date, never the clock), and the xref table
is corrected for the change (``normalize_pdf_dates``).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLineF,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
    QUuid,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from .. import APP_NAME, __version__
from ..domain.briefing import TABS, Briefing, ChartSpec, Highlight, Metric, Point, Source
from ..domain.chart_model import LEGEND_BASE_PX, LEGEND_OFFSET_PX, LEGEND_ROW_PX
from ..domain.formatting import format_value
from ..domain.i18n import tr
from ..domain.narrative import YearRange, headline_figures, summary_sentences
from ..render.fonts import prepare_pdf_fonts, ui_font
from ..render.theme import PRINT, Theme
from .atomic import AtomicWriteError, atomic_target

RESOLUTION = 96  # canvas units are CSS pixels: charts are drawn 1:1 in widget pixels
PT = RESOLUTION / 72.0
MM = RESOLUTION / 25.4
PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
SECTION_TABS = tuple(tab for tab, _ in TABS if tab != "overview")
CHART_HEIGHT = 230  # px, a chart without legend (the window's chart panels: 260 and up)
# px more for a line chart's legend, each of its rows, and its offset below the plot's top:
# one definition, beside the chart model that decides the legend's rows
LEGEND_BASE, LEGEND_ROW, LEGEND_OFFSET = LEGEND_BASE_PX, LEGEND_ROW_PX, LEGEND_OFFSET_PX
SUMMARY_SENTENCES = 10
TABLE_MAX_ROWS = 40  # a chart's table lists every value up to this many rows …
TABLE_CAPPED_ROWS = 24  # … beyond, only the latest this many, and says so
MAX_CHARTS_PER_SECTION = 30  # a section of more charts lists the rest by name instead
CHARTS_LEFT_OUT_NAMED = 12  # … the first this many of them
HEADER_FILL = "#EEF1F4"  # table header rows

# Text sizes in points.
SIZE_BODY = 9.5
SIZE_TABLE = 8.0
SIZE_SMALL = 7.5
SIZE_H1 = 24.0
SIZE_H2 = 15.0
SIZE_H3 = 11.0

# Words used only by the PDF (zh, en); shared words come from domain.i18n.
WORDS: dict[str, tuple[str, str]] = {
    "brief": ("简报", "Brief"),
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
    "contents": ("目录", "Contents"),
    "summary": ("摘要", "Executive summary"),
    "summary_points": ("数据要点", "What the data shows"),
    "summary_note": (
        "以上句子由本简报的数据按固定规则自动生成；标注“推算”的数值由本简报计算，括号内为公式。",
        "These sentences are generated from the data by fixed rules; values marked 'derived' "
        "are computed for this brief, with the formula in brackets.",
    ),
    "tab_counts": (
        "{charts} 幅图表 · {cards} 项关键数据 · {highlights} 条要点",
        "{charts} charts · {cards} key figures · {highlights} highlights",
    ),
    "no_data": ("所选年份内无数据。", "No data for the selected years."),
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
    "source_id": ("编号", "Id"),
    "source_title": ("来源", "Source"),
    "source_date": ("日期", "Date"),
    "source_url": ("网址", "Address"),
    "page_of": ("第 {n} / {total} 页", "Page {n} of {total}"),
    "no_date": ("未注明", "undated"),
}


def word(key: str, lang: str, **params: object) -> str:
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


# -- options ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefOptions:
    """What to export. ``brief_date`` (YYYY-MM-DD) defaults to the snapshot's as-of date."""

    lang: str = "zh"
    year_from: int | None = None
    year_to: int | None = None
    paper: str = "A4"
    brief_date: str | None = None
    app_version: str = __version__

    def years(self, briefing: Briefing) -> YearRange:
        if self.year_from is None and self.year_to is None:
            return None
        lo = briefing.year_min if self.year_from is None else self.year_from
        hi = briefing.year_max if self.year_to is None else self.year_to
        return (min(lo, hi), max(lo, hi))

    def date(self, briefing: Briefing) -> str:
        meta = briefing.snapshot.meta
        return self.brief_date or briefing.snapshot.as_of or meta.get("created_at", "")[:10]

    def key(self, briefing: Briefing) -> str:
        """Everything the output depends on, as one string (for the document id)."""
        years = self.years(briefing)
        return "|".join(
            [
                "qftz-brief",
                briefing.snapshot.content_id,
                self.lang,
                f"{years[0]}-{years[1]}" if years else "all",
                self.paper,
                self.date(briefing),
                self.app_version,
            ]
        )


class YearRangeError(ValueError):
    """--from/--to that cannot be used; the message says why (English and Chinese)."""

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh

    def message(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


def check_year_range(briefing: Briefing, year_from: int | None, year_to: int | None) -> None:
    """Raise YearRangeError for a reversed range or one with no data at all."""
    lo, hi = briefing.year_min, briefing.year_max
    if year_from is not None and year_to is not None and year_from > year_to:
        raise YearRangeError(
            f"--from {year_from} is after --to {year_to}",
            f"起始年份 {year_from} 晚于结束年份 {year_to}",
        )
    a = lo if year_from is None else year_from
    b = hi if year_to is None else year_to
    if b < lo or a > hi or a > b:
        raise YearRangeError(
            f"no data for {a}–{b}: the snapshot covers {lo}–{hi}",
            f"{a}–{b} 年无数据：快照涵盖 {lo}–{hi} 年",
        )


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
    """The time to write into the PDF's metadata, as 'YYYY-MM-DDTHH:MM:SS' (UTC).

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention) when it is
    set and valid; otherwise ``day`` (the brief's date) at 00:00 UTC. Never the clock.
    """
    env = os.environ if environ is None else environ
    epoch = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
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
            raise AtomicWriteError(self.path, "Qt could not open the PDF", "无法创建PDF文件")
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
            raise AtomicWriteError(self.path, "Qt could not add a page", "无法添加PDF页面")
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
    ):
        """A ChartView for printing: never shown, sized explicitly, the year range applied."""
        from ..render.chart_view import ChartView

        rng = None if years is None else (min(years), max(years))
        view = ChartView(spec, briefing, theme, lang, interactive=False, year_range=rng)
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


def dispose_view(view) -> None:
    """Close a chart widget and delete it now, so that a long document stays small."""
    view.close()
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def legend_rows(view) -> int:
    legend = view.plotItem.legend
    return 0 if legend is None else legend.layout.rowCount()


def chart_height(view, base: float = CHART_HEIGHT, limit: float = 2 * CHART_HEIGHT) -> float:
    """How tall a chart must be for its legend to clear the bars' value labels.

    The legend has a fixed size in pixels at the top of the plot, while ChartView keeps a
    fixed share of the value range as headroom above the tallest bar: a short chart puts the
    legend over the labels. Solve for the plot height at which the legend box ends above the
    tallest label (conservatively, as if that bar stood under the legend).
    """
    legend = view.plotItem.legend
    if legend is None:
        return base
    view.resize(view.width(), int(base))
    view.sync_geometry()
    vb = view.plotItem.getViewBox()
    bottom, top = vb.viewRange()[1]
    if view.spec.kind != "bar" or top <= bottom:
        return base + LEGEND_BASE + LEGEND_ROW * legend_rows(view)
    years = view.year_range
    values = [float(v) for s in view.spec.series for v in s.values[s.rows_in(years)]]
    ymax = max([0.0, *values])
    share = (top - ymax) / (top - bottom)  # headroom above the tallest bar, as a share
    label = view.theme.label_px * 2.4  # a value label with its text margins
    legend_px = LEGEND_OFFSET + legend.boundingRect().height()
    if share <= 0:
        return base
    plot_needed = (legend_px + label) / share
    nonplot = view.height() - vb.height()
    return float(min(limit, max(base, math.ceil(plot_needed + nonplot))))


# -- layout blocks -----------------------------------------------------------------------------

Draw = Callable[[PdfCanvas, float, float], None]  # (canvas, x, y)


@dataclass
class Block:
    """Something drawn at full content width: never split across pages."""

    height: float
    draw: Draw
    gap_before: float = 0.0  # dropped at the top of a page
    keep_with_next: bool = False
    new_page: bool = False
    repeat: Block | None = None  # a table's header, drawn again on a continued page
    section: str = ""  # section title for the running header, from this block's page on
    anchor: str = ""  # id whose page number the contents list shows


@dataclass
class PageLayout:
    blocks: list[tuple[Block, float]] = field(default_factory=list)  # (block, y)
    section: str = ""


def paginate(blocks: Sequence[Block], top: float, bottom: float) -> list[PageLayout]:
    """Place blocks on pages: break before a block that does not fit, keep chains of
    ``keep_with_next`` blocks together when they fit on one page, repeat table headers."""
    pages = [PageLayout()]
    y = top
    section = ""
    room = bottom - top

    def chain_height(i: int) -> float:
        h = blocks[i].height
        j = i
        while blocks[j].keep_with_next and j + 1 < len(blocks) and not blocks[j + 1].new_page:
            j += 1
            h += blocks[j].gap_before + blocks[j].height
        return h if h <= room else blocks[i].height

    for i, block in enumerate(blocks):
        page = pages[-1]
        if block.section:
            section = block.section
        if block.new_page and page.blocks:
            pages.append(PageLayout(section=section))
            page, y = pages[-1], top
        gap = block.gap_before if page.blocks else 0.0
        if page.blocks and y + gap + chain_height(i) > bottom:
            pages.append(PageLayout(section=section))
            page, y, gap = pages[-1], top, 0.0
            if block.repeat is not None:
                page.blocks.append((block.repeat, y))
                y += block.repeat.height
        if not page.section or block.section:
            page.section = section
        y += gap
        page.blocks.append((block, y))
        y += block.height
    return pages


# -- the brief -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    title: str
    weight: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    anywhere: bool = False


class BriefComposer:
    """Lays out and paints the brief of one Briefing with one set of options."""

    PAD_X = 4.0
    PAD_Y = 2.5

    def __init__(self, briefing: Briefing, options: BriefOptions, canvas: PdfCanvas):
        self.b = briefing
        self.o = options
        self.lang = options.lang
        self.years = options.years(briefing)
        self.c = canvas
        self.theme = PRINT
        page = canvas.page_rect
        self.left = 18 * MM
        self.width = page.width() - 2 * self.left
        self.top = 18 * MM
        self.bottom = page.height() - 18 * MM
        self.cited: dict[str, None] = {}
        self.anchors: dict[str, int] = {}
        self.pages: list[PageLayout] = []
        self.views: list = []  # chart widgets made while laying out, disposed once painted
        self._view = None  # the one chart widget every chart of the brief is drawn with
        self.shown: list[int] = []  # observation ids in the brief's tables, in order
        self.capped: list[tuple[str, int, int]] = []  # (chart id, rows listed, values) cut
        self.charts_left_out: list[str] = []  # chart ids beyond MAX_CHARTS_PER_SECTION
        self.f_body = canvas.font(SIZE_BODY)
        self.f_bold = canvas.font(SIZE_BODY, bold=True)
        self.f_table = canvas.font(SIZE_TABLE)
        self.f_table_bold = canvas.font(SIZE_TABLE, bold=True)
        self.f_small = canvas.font(SIZE_SMALL)
        self.f_h1 = canvas.font(SIZE_H1, bold=True)
        self.f_h2 = canvas.font(SIZE_H2, bold=True)
        self.f_h3 = canvas.font(SIZE_H3, bold=True)

    # helpers -------------------------------------------------------------------------------
    def t(self, key: str, **params: object) -> str:
        return word(key, self.lang, **params)

    def sep(self) -> str:
        return "：" if self.lang == "zh" else ": "

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

    def figures_table(self, items: Sequence[tuple[Metric, Point]]) -> list[Block]:
        """Single figures as a table: metric, value with qualifier and unit, period, status,
        source — the headline figures of the summary and the figure cards of each tab."""
        lang = self.lang
        rows = [
            [
                m.name(lang),
                p.value_text(m, lang),
                p.period.label(lang),
                tr(f"status.{p.status}", lang),
                self.cite(p.source_id),
            ]
            for m, p in items
        ]
        columns = [
            Column(tr("label.metric", lang), 0.3),
            Column(tr("label.value", lang), 0.14),
            Column(tr("label.period", lang), 0.19),
            Column(tr("label.status", lang), 0.08),
            Column(tr("label.source", lang), 0.29),
        ]
        return self.table(columns, rows)

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

    # sections ------------------------------------------------------------------------------
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
            (self.t("brief_date"), self.o.date(self.b) or "—"),
            (self.t("years"), years_text),
            (self.t("snapshot_id"), snap.content_id or "—"),
            (self.t("compiled_by"), snap.publisher(lang) or "—"),
            (self.t("software"), f"{APP_NAME} {self.o.app_version}"),
        ]
        blocks.append(Block(28.0, lambda c, x, y: None))
        blocks += self.key_values(facts)
        blocks += self.heading(self.t("reading"), 3)
        for key in ("reading_reported", "reading_derived", "reading_target", "reading_qualifier"):
            blocks += self.text_blocks(self.t(key), self.f_body, gap=2.0, indent=12.0, bullet="•")
        blocks += self.heading(self.t("contents"), 3)
        for anchor, title in self.section_titles():
            blocks.append(self.contents_line(anchor, title))
        return blocks

    def canvas_font(self, size: float, bold: bool = False) -> QFont:
        return self.c.font(size, bold)

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

    def tab_section(self, tab_id: str) -> list[Block]:
        blocks: list[Block] = []
        for _ in self.tab_section_steps(tab_id, blocks):
            pass
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
            f"{tr('label.scope', lang)}{sep}{spec.scope_label(lang)} · "
            f"{tr('label.unit', lang)}{sep}{spec.unit_label(lang)}",
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
            from ..render.chart_view import line_legend_rows

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

        chart_block = Block(height, draw, gap_before=16.0, keep_with_next=True)
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
        for s, p in points:
            m = s.metric
            row = [m.name(lang)] if multi else []
            row += [
                p.period.label(lang),
                format_value(p.value, p.qualifier, m.unit_label(lang), lang, m.unit),
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
        blocks += self.table(columns, rows)
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

    # pages ---------------------------------------------------------------------------------
    def layout(self) -> int:
        """Lay out the whole brief at once; return the number of pages."""
        for _ in self.layout_steps():
            pass
        return len(self.pages)

    def dispose(self) -> None:
        """Drop the chart widgets (the export is done, cancelled or failed)."""
        views, self.views = self.views, []
        if self._view is not None:
            views.append(self._view)
            self._view = None
        for view in views:
            dispose_view(view)

    def paint_page(self, index: int) -> None:
        page = self.pages[index]
        if index > 0:
            self.c.new_page()
        self.chrome(index, page)
        for block, y in page.blocks:
            block.draw(self.c, self.left, y)

    def chrome(self, index: int, page: PageLayout) -> None:
        """Running header (after the cover) and the footer on every page."""
        p, lang, snap = self.c.painter, self.lang, self.b.snapshot
        muted = QColor(self.theme.muted)
        pen = QPen(QColor(self.theme.grid))
        pen.setWidthF(0.5)
        if index > 0:
            head_y = 9 * MM
            left = self.c.layout_text(snap.title(lang), self.f_small, self.width / 2)
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
        sep = self.sep()
        text = (
            f"{tr('label.as_of', lang)}{sep}{snap.as_of or '—'} · "
            f"{tr('label.content_id', lang)}{sep}{snap.short_id or '—'}"
        )
        left = self.c.layout_text(text, self.f_small, self.width * 0.75)
        right = self.c.layout_text(
            self.t("page_of", n=index + 1, total=len(self.pages)),
            self.f_small,
            self.width * 0.25,
            align=Qt.AlignmentFlag.AlignRight,
        )
        p.setPen(pen)
        p.drawLine(QLineF(self.left, foot_y - 3, self.left + self.width, foot_y - 3))
        p.setPen(muted)
        left.draw(p, self.left, foot_y)
        right.draw(p, self.left + self.width * 0.75, foot_y)


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


def _short_publisher(publisher: str, lang: str) -> str:
    """The publisher's name without its gloss, in the reader's language when the snapshot
    gives both: '青岛日报/观海新闻 (Qingdao Daily / Guanhai News)' -> '青岛日报/观海新闻' (zh)
    or 'Qingdao Daily / Guanhai News' (en); 'China Daily, Qingdao channel (qingdao.….cn)'
    -> 'China Daily, Qingdao channel'."""
    m = re.match(r"^(.*?)\s*[(（](.*)[)）]\s*$", publisher)
    if not m or not m.group(1).strip():
        return publisher
    head, gloss = m.group(1).strip(), m.group(2).strip()
    if lang != "zh" and _cjk(head) and re.search(r"[A-Za-z]{3,}", gloss) and not _cjk(gloss):
        return gloss.split(",")[0].strip()
    return head


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _pick(text: str, lang: str) -> str:
    """Bilingual snapshot notes are written 'Chinese / English': keep the reader's half.

    Only when the text clearly is such a pair — more Chinese before the ' / ' than after it,
    and English words after it; '150 / 200 = 75%' stays whole."""
    parts = re.split(r"\s?/\s", text)
    if len(parts) == 2:
        zh, en = parts[0].strip(), parts[1].strip()
        if zh and en and _cjk(zh) > _cjk(en) and re.search(r"[A-Za-z]{3,}", en):
            return zh if lang == "zh" else en
    return text


# -- the export job --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefResult:
    path: Path
    pages: int
    size: int


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def brief_title(briefing: Briefing, options: BriefOptions) -> str:
    snap = briefing.snapshot
    return f"{snap.title(options.lang)} — {tr('label.as_of', options.lang)} {snap.as_of}"


class BriefJob:
    """One export, done in small steps; see the module docstring.

    ``start()`` opens the temporary file; each ``step()`` lays out one section or, once the
    layout is done, paints one page; ``total`` is the page count (0 until laid out) and
    ``done`` the pages painted. ``finish()`` completes what is left and replaces the target;
    ``abort()`` removes the temporary file. After an exception, call ``abort()``.
    """

    def __init__(self, briefing: Briefing, path: str | Path, options: BriefOptions):
        if options.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
        if options.lang not in ("zh", "en"):
            raise ValueError("lang must be 'zh' or 'en'")
        self.briefing = briefing
        self.path = Path(path)
        self.options = options
        self.total = 0
        self.done = 0
        self.laid_out = False
        self._stack: contextlib.ExitStack | None = None
        self._canvas: PdfCanvas | None = None
        self._composer: BriefComposer | None = None
        self._layout: Iterator[str] | None = None

    def start(self) -> None:
        stack = contextlib.ExitStack()
        tmp = stack.enter_context(atomic_target(self.path))
        self._stack = stack
        try:
            o, b = self.options, self.briefing
            self._canvas = PdfCanvas(
                tmp,
                QPageSize(PAPERS[o.paper]),
                title=brief_title(b, o),
                doc_key=o.key(b),
                date=o.date(b),
                author=b.snapshot.publisher(o.lang),
                creator=f"{APP_NAME} {o.app_version}",
            )
            self._composer = BriefComposer(b, o, self._canvas)
            self._layout = self._composer.layout_steps()
        except BaseException:
            self.abort()
            raise

    def step(self) -> bool:
        """Lay out the next section or paint the next page; return whether work remains."""
        assert self._composer is not None and self._layout is not None, "start() first"
        if not self.laid_out:
            try:
                next(self._layout)
            except StopIteration:
                self.laid_out = True
                self.total = len(self._composer.pages)
            return True
        if self.done < self.total:
            self._composer.paint_page(self.done)
            self.done += 1
        return self.done < self.total

    def finish(self) -> BriefResult:
        assert self._canvas is not None and self._stack is not None, "start() first"
        try:
            while self.step():
                pass
            self._canvas.finish()
            if self._composer is not None:
                self._composer.dispose()
        except BaseException:
            self.abort()
            raise
        stack, self._stack = self._stack, None
        stack.close()  # os.replace onto the target; AtomicWriteError if it cannot
        return BriefResult(self.path, self.total, self.path.stat().st_size)

    def abort(self) -> None:
        """Forget the export: the temporary file goes, the target stays as it was."""
        if self._composer is not None:
            with contextlib.suppress(Exception):
                self._composer.dispose()
        if self._canvas is not None:
            with contextlib.suppress(Exception):
                self._canvas.abandon()
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.__exit__(ExportCancelled, ExportCancelled(), None)

    @property
    def active(self) -> bool:
        return self._stack is not None

    @property
    def composer(self) -> BriefComposer | None:
        return self._composer

    def run(self, progress: Progress | None = None, cancelled: Cancelled | None = None):
        """Export synchronously, calling ``progress(done, total)`` after each page and
        stopping with ExportCancelled when ``cancelled()`` says so (checked between steps)."""
        self.start()
        try:
            while True:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                more = self.step()
                if progress and self.laid_out:
                    progress(self.done, self.total)
                if not more:
                    break
            return self.finish()
        except BaseException:
            self.abort()
            raise


def export_brief(
    briefing: Briefing,
    path: str | Path,
    options: BriefOptions | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BriefResult:
    """Write the brief to ``path`` (atomically); see the module docstring."""
    return BriefJob(briefing, path, options or BriefOptions()).run(progress, cancelled)


__all__ = [
    "BriefComposer",
    "BriefJob",
    "BriefOptions",
    "BriefResult",
    "ExportCancelled",
    "PdfCanvas",
    "YearRangeError",
    "check_year_range",
    "export_brief",
    "normalize_pdf_dates",
]
