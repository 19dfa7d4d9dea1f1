"""A chart as a picture for someone else's slides or email: PNG (2×), SVG, or the clipboard.

Never a bare plot: the picture carries the chart's title, the "scope · unit" line, the chart
itself (through :meth:`ChartView.render_to`, the same path as the window, slides and PDF), a
status legend for the statuses it shows (and what the caveat mark means, if any value has
one), the source line and "data as of … · snapshot id". SVG text stays text (QSvgGenerator
writes ``<text>``), so a pasted chart can still be searched and translated.

Only drawing here; the menu, shortcut and file dialogs are in ``ui/chart_menu.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from ..domain.captions import scope_unit_line
from ..domain.chart_model import STATUS_STYLES, STATUSES
from ..text import tr
from .fonts import ui_font
from .theme import PRINT, Theme

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec

WIDTH = 800  # logical px: a slide's half width at 2×, an email's full width at 1×
CHART_HEIGHT = 380
MARGIN = 16
PNG_SCALE = 2  # PNGs are written at twice the logical size, sharp on a projector

PICTURE_NOTES = 5  # caveat notes listed under a picture; the data table has the rest
# the bundled family first, then what a reader's machine likely has: the text stays text
SVG_FONTS = "'QFTZ Noto Sans SC', 'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"


class ChartPicture:
    """The layout of one chart picture at a logical width; paints onto any QPainter."""

    def __init__(
        self,
        spec: ChartSpec,
        briefing: Briefing,
        lang: str,
        year_range: tuple[int, int] | None = None,
        theme: Theme = PRINT,
        width: int = WIDTH,
    ):
        self.spec = spec
        self.briefing = briefing
        self.lang = lang
        self.year_range = year_range
        self.theme = theme
        self.width = width
        self.title_font = self._font(15, bold=True)
        self.body_font = self._font(12)
        self.small_font = self._font(11)
        snap = briefing.snapshot
        self.title = spec.title(lang)
        self.subtitle = scope_unit_line(spec, lang)
        self.source = briefing.source_note(spec.source_ids, lang)
        sep = tr("punct.colon", lang)
        self.stamp = (
            f"{tr('label.as_of', lang)}{sep}{snap.as_of} · "
            f"{tr('label.content_id', lang)}{sep}{snap.short_id}"
        )
        from ..domain.chart_model import build_chart_model

        model = build_chart_model(spec, lang, year_range)
        self.statuses = [s for s in STATUSES if s in model.statuses]
        # the notes its labels' marks (①②…) point to, listed under the chart
        self.book = model.book
        notes = list(model.book.notes) if model.book is not None else []
        self.marked = bool(notes)
        note_lines = model.book.lines(notes[:PICTURE_NOTES]) if model.book is not None else []
        if len(notes) > PICTURE_NOTES:
            note_lines.append(tr("picture.more_notes", lang, n=len(notes) - PICTURE_NOTES))
        inner = width - 2 * MARGIN
        self._blocks: list[tuple[str, QFont, QColor, float]] = []
        y = MARGIN
        for text, font, colour in (
            (self.title, self.title_font, QColor(theme.text)),
            (self.subtitle, self.body_font, QColor(theme.muted)),
        ):
            h = self._height(text, font, inner)
            self._blocks.append((text, font, colour, y))
            y += h + 4
        self.chart_top = y + 2
        y = self.chart_top + CHART_HEIGHT + 6
        self.legend_top = y
        y += self._legend_height(inner) + 4
        for text, font in (
            *((line, self.small_font) for line in note_lines),
            (self.source, self.small_font),
            (self.stamp, self.small_font),
        ):
            h = self._height(text, font, inner)
            self._blocks.append((text, font, QColor(theme.muted), y))
            y += h + 3
        self.height = int(y + MARGIN)

    # -- layout helpers ----------------------------------------------------------------------
    @staticmethod
    def _font(px: int, bold: bool = False) -> QFont:
        font = ui_font()
        font.setPixelSize(px)
        font.setBold(bold)
        return font

    @staticmethod
    def _height(text: str, font: QFont, width: float) -> float:
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 10_000), flags, text).height()

    def _legend_items(self) -> list[tuple[str, str]]:
        lang = self.lang
        items = []
        for status in self.statuses:
            drawn = tr(f"picture.drawn.{status}", lang)
            label = tr(f"status.{status}", lang)
            items.append((status, tr("picture.status_key", lang, label=label, drawn=drawn)))
        return items

    def _legend_height(self, _inner: float) -> float:
        return QFontMetricsF(self.small_font).height() + 4 if self.statuses else 0.0

    @property
    def size(self) -> QSize:
        return QSize(self.width, self.height)

    # -- painting ----------------------------------------------------------------------------
    def paint(self, painter: QPainter) -> None:
        """Paint the whole picture at logical coordinates (0, 0)–(width, height)."""
        from .chart_view import ChartView

        t = self.theme
        painter.fillRect(QRectF(0, 0, self.width, self.height), QColor(t.background))
        inner = self.width - 2 * MARGIN
        flags = int(Qt.TextFlag.TextWordWrap)
        for text, font, colour, y in self._blocks:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(MARGIN, y, inner, 10_000), flags, text)
        view = ChartView(
            self.spec,
            self.briefing,
            t,
            self.lang,
            interactive=False,
            year_range=self.year_range,
            marks=self.book,
        )
        try:
            view.resize(int(inner), CHART_HEIGHT)
            painter.save()
            view.render_to(painter, QRectF(MARGIN, self.chart_top, inner, CHART_HEIGHT))
            painter.restore()
        finally:
            view.close()
            view.deleteLater()
        self._paint_legend(painter)

    def _paint_legend(self, painter: QPainter) -> None:
        t = self.theme
        x = float(MARGIN)
        fm = QFontMetricsF(self.small_font)
        box = fm.height() * 0.8
        painter.setFont(self.small_font)
        colour = QColor(t.muted)
        for status, text in self._legend_items():
            style = STATUS_STYLES[status]
            pen = QPen(colour, 1.5)
            pen.setStyle(Qt.PenStyle.DashLine if style.fill == "none" else Qt.PenStyle.SolidLine)
            brush_style = {
                "solid": Qt.BrushStyle.SolidPattern,
                "hatched": Qt.BrushStyle.BDiagPattern,
                "none": Qt.BrushStyle.NoBrush,
            }[style.fill]
            painter.setPen(pen)
            painter.setBrush(QBrush(colour, brush_style))
            painter.drawRect(QRectF(x, self.legend_top + (fm.height() - box) / 2, box, box))
            x += box + 5
            painter.setPen(colour)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawText(QRectF(x, self.legend_top, 10_000, fm.height()), 0, text)
            x += fm.horizontalAdvance(text) + 16


def chart_image(picture: ChartPicture, scale: int = PNG_SCALE) -> QImage:
    """The picture as an image at ``scale``× (devicePixelRatio, so type stays sharp)."""
    size = picture.size
    image = QImage(size.width() * scale, size.height() * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(picture.theme.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    picture.paint(painter)
    painter.end()
    return image


def png_bytes(picture: ChartPicture, scale: int = PNG_SCALE) -> bytes:
    image = chart_image(picture, scale)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def svg_bytes(picture: ChartPicture) -> bytes:
    """The picture as SVG: shapes as paths, every label as ``<text>``."""
    from PySide6.QtSvg import QSvgGenerator  # only when asked: not needed to start the app

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(picture.size)
    gen.setViewBox(QRectF(0, 0, picture.size.width(), picture.size.height()))
    gen.setResolution(96)
    gen.setTitle(picture.title)
    gen.setDescription(f"{picture.source} — {picture.stamp}")
    painter = QPainter(gen)
    picture.paint(painter)
    painter.end()
    buf.close()
    svg = bytes(data.data()).decode("utf-8")
    family = picture.title_font.family()
    svg = svg.replace(f'font-family="{family}"', f'font-family="{SVG_FONTS}"')
    return svg.encode("utf-8")


def picture_bytes(picture: ChartPicture, path: Path) -> bytes:
    """PNG or SVG bytes by the file's suffix."""
    return svg_bytes(picture) if path.suffix.lower() == ".svg" else png_bytes(picture)
