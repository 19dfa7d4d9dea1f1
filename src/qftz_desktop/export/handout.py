"""The meeting deck as a 16:9 PDF handout: one slide a page, exactly as projected.

Each page is the slide widget of meeting mode (light projector theme) painted onto a
``QPdfWriter``: labels stay real text in the bundled font, and the chart is painted separately
through ``ChartView.render_to`` so that it stays vectors (the widget's own on-screen paint would
leave cached bitmaps). The file is written through
:func:`~qftz_desktop.export.atomic.atomic_target`, so a failed export never leaves half a PDF.

Page size 338.67 × 190.5 mm (13.333 × 7.5 in, PowerPoint's 16:9). The PDF is made by the
brief's :class:`~qftz_desktop.export.pdf_brief.PdfCanvas`: CSS pixels at 96 dpi (pyqtgraph's
recorded pictures scale with the device resolution, so charts print right only there), the
bundled font, reproducible document id and dates. A slide is laid out at the page's size,
1280×720 CSS px, with type scaled as on a 720p projector, and painted 1:1 — scaling the
painter instead leaves pyqtgraph's legend text at its unscaled size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from ..domain.deck import Slide
from ..render.selection import Selection
from ..render.slide_view import SlideView, build_slide_view
from ..render.theme import PROJECTOR_LIGHT, Theme
from .atomic import atomic_target
from .pdf_brief import PdfCanvas

PAGE_MM = QSizeF(338.67, 190.5)


def handout_page_size() -> QPageSize:
    return QPageSize(PAGE_MM, QPageSize.Unit.Millimeter, "16:9")


def _paint_slide(painter: QPainter, view: SlideView, target: QRectF) -> None:
    """The slide's widgets as text and shapes, then its chart through ChartView.render_to."""
    sx = target.width() / view.width()
    sy = target.height() / view.height()
    region = QRegion(view.rect())
    chart_rect = None
    if view.chart is not None:
        chart_rect = view.chart.rect().translated(view.chart.mapTo(view, QPoint(0, 0)))
        region -= QRegion(chart_rect)  # the chart is painted as vectors below, not as a bitmap
    flags = QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren
    # QWidget.render leaves the painter changed: each part starts from a saved state
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(sx, sy)
    view.render(painter, QPoint(0, 0), region, flags)
    painter.restore()
    if view.chart is not None and chart_rect is not None:
        painter.save()
        painter.translate(target.topLeft())
        painter.scale(sx, sy)
        view.chart.render_to(painter, QRectF(chart_rect))
        painter.restore()


def export_handout(
    slides: Sequence[Slide],
    path: str | Path,
    lang: str,
    selection: Selection | None = None,
    theme: Theme = PROJECTOR_LIGHT,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write ``slides`` to ``path`` as a PDF, one 16:9 page each; returns the path.

    ``selection`` (the window's) gives the year range and focused year drawn on the slides.
    The PDF is written by :class:`~qftz_desktop.export.pdf_brief.PdfCanvas` (the brief's
    canvas: bundled font, reproducible dates) into a temporary file that replaces ``path``
    only when complete. Raises :class:`~qftz_desktop.export.atomic.AtomicWriteError` when the
    file cannot be written. Needs a QApplication.
    """
    if not slides:
        raise ValueError("a handout needs at least one slide")
    briefing = slides[0].briefing
    snap = briefing.snapshot
    own = Selection(briefing.year_min, briefing.year_max, lang)
    if selection is not None:
        own.set_range(selection.year_from, selection.year_to)
        own.set_focus(selection.focus_year)
    path = Path(path)
    total = len(slides)
    ids = ",".join(s.id for s in slides)
    key = f"handout:{snap.content_id}:{lang}:{theme.name}:{own.year_from}-{own.year_to}:"
    key += f"{own.focus_year}:{ids}"
    try:
        with atomic_target(path) as tmp:
            canvas = PdfCanvas(
                tmp,
                handout_page_size(),
                QPageLayout.Orientation.Portrait,
                title=f"{snap.title(lang)} — {snap.as_of}",
                doc_key=key,
                date=snap.as_of,
            )
            # the slide is laid out at the page's size in CSS pixels (1280×720) and painted
            # 1:1: scaling the painter instead would leave pyqtgraph's legend text unscaled
            page = canvas.page_rect
            size = QSize(round(page.width()), round(page.height()))
            try:
                for i, slide in enumerate(slides):
                    if i:
                        canvas.new_page()
                    view = build_slide_view(
                        slide, theme, lang, size, i + 1, total, own, handout=True
                    )
                    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
                    view.show()
                    QApplication.processEvents()
                    _paint_slide(canvas.painter, view, canvas.page_rect)
                    view.close()
                    view.deleteLater()
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                    if progress is not None:
                        progress(i + 1, total)
                canvas.finish()
            except BaseException:
                canvas.abandon()
                raise
    finally:
        own.deleteLater()
    return path
