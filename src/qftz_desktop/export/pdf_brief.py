"""The PDF brief — kept as the import path callers already use; the code lives in
:mod:`qftz_desktop.export.pdf` (canvas, paginate, layout, meeting, databook, job).

How a caller exports: see :mod:`qftz_desktop.export.pdf`.
"""

from __future__ import annotations

from ..domain.brief.options import BriefOptions, YearRangeError, check_year_range
from .pdf.canvas import (
    CHART_HEIGHT,
    MM,
    PAPERS,
    PT,
    RESOLUTION,
    PdfCanvas,
    TextBox,
    chart_height,
    dispose_view,
    legend_rows,
    normalize_pdf_dates,
    pdf_timestamp,
)
from .pdf.databook import (
    MAX_CHARTS_PER_SECTION,
    SECTION_TABS,
    TABLE_CAPPED_ROWS,
    TABLE_MAX_ROWS,
    BriefComposer,
)
from .pdf.job import BriefJob, BriefResult, ExportCancelled, brief_title, export_brief
from .pdf.layout import Column
from .pdf.meeting import MeetingRenderer
from .pdf.paginate import Block, PageLayout, paginate

__all__ = [
    "CHART_HEIGHT",
    "MAX_CHARTS_PER_SECTION",
    "MM",
    "PAPERS",
    "PT",
    "RESOLUTION",
    "SECTION_TABS",
    "TABLE_CAPPED_ROWS",
    "TABLE_MAX_ROWS",
    "Block",
    "BriefComposer",
    "BriefJob",
    "BriefOptions",
    "BriefResult",
    "Column",
    "ExportCancelled",
    "MeetingRenderer",
    "PageLayout",
    "PdfCanvas",
    "TextBox",
    "YearRangeError",
    "brief_title",
    "chart_height",
    "check_year_range",
    "dispose_view",
    "export_brief",
    "legend_rows",
    "normalize_pdf_dates",
    "paginate",
    "pdf_timestamp",
]
