"""The full data book: draws the document :func:`~qftz_desktop.domain.brief.databook.
compose_full` makes, with the block renderers of :mod:`.document` (the meeting brief's).

Nothing is decided here: the parts, tables, notes and sources are the document's. The data book
differs from the meeting brief in layout only — wider margins, charts at full width and height
each followed by its table, the cover's facts one to a line, the sources as a full table, the
contents with page numbers — and it is laid out once (no refitting)."""

from __future__ import annotations

from collections.abc import Sequence

from ...domain.brief.databook import (
    MAX_CHARTS_PER_SECTION,
    SECTION_TABS,
    TABLE_CAPPED_ROWS,
    TABLE_MAX_ROWS,
)
from ...domain.brief.model import BriefDocument, ChartBlock, KeyValues, Sources, Table
from ...domain.briefing import Briefing
from ...text import tr
from .canvas import CHART_HEIGHT, PdfCanvas
from .document import DocumentRenderer
from .layout import Column
from .paginate import Block


class DataBookRenderer(DocumentRenderer):
    """Lays out and paints one data book (see the module docstring)."""

    chart_limit = 2.0
    chart_gap = 16.0
    h3_gap = 14.0
    paragraph_gap = {"bullet": 4.0, "bold": 8.0, "body": 1.0, "muted": 0.0}
    keep_first = True
    pair_small = False
    record_charts = True  # laid out once: each chart built once, recorded, played at paint

    def __init__(self, briefing: Briefing, doc: BriefDocument, canvas: PdfCanvas):
        super().__init__(briefing, doc, canvas)
        self.chart_base = float(CHART_HEIGHT)
        self.f_title = self.f_h1

    def facts(self, kv: KeyValues) -> list[Block]:
        """The cover's facts one to a line: the full content id needs the width."""
        blocks = self.key_values([(r.label, r.text) for r in kv.rows])
        if blocks:
            blocks[0].gap_before = 28.0
        return blocks

    def sources(self, src: Sources) -> list[Block]:
        """Every source in full: id, publisher and title, date, address."""
        blocks = []
        if src.intro:
            blocks += self.text_blocks(src.intro, self.f_small, color=self.theme.muted)
        rows = [
            [it.id, it.citation, it.date or tr("pdf.no_date", self.lang), it.url or "—"]
            for it in src.items
        ]
        blocks += self.table(
            [
                Column(tr("pdf.source_id", self.lang), 0.1),
                Column(tr("label.source", self.lang), 0.52),
                Column(tr("pdf.source_date", self.lang), 0.12),
                Column(tr("pdf.source_url", self.lang), 0.26, anywhere=True),
            ],
            rows,
        )
        return blocks

    # what the document holds, for tests and callers that check the export ------------------
    def _tab_tables(self) -> list[tuple[ChartBlock | None, Table]]:
        out: list[tuple[ChartBlock | None, Table]] = []
        for section in self.doc.sections:
            if not section.id.startswith("tab:"):
                continue
            for b in section.blocks:
                if isinstance(b, ChartBlock) and b.table is not None:
                    out.append((b, b.table))
                elif isinstance(b, Table):
                    out.append((None, b))
        return out

    @property
    def shown(self) -> list[int]:
        """Observation ids in the tabs' tables (charts' and single figures'), in order."""
        return [
            v.obs_id
            for _chart, table in self._tab_tables()
            for row in table.rows
            for v in row.values[:1]
            if v.obs_id is not None
        ]

    @property
    def capped(self) -> list[tuple[str, int, int]]:
        """(chart id, rows listed, values in all) of each chart whose table is cut short."""
        return [
            (chart.chart_id, len(table.rows), table.total)
            for chart, table in self._tab_tables()
            if chart is not None and table.total > len(table.rows)
        ]

    @property
    def charts_left_out(self) -> Sequence[str]:
        """Chart ids not in the book because their tab has more than MAX_CHARTS_PER_SECTION."""
        return [cid for s in self.doc.sections for cid in s.left_out]


BriefComposer = DataBookRenderer  # the name callers and tests knew it by

__all__ = [
    "MAX_CHARTS_PER_SECTION",
    "SECTION_TABS",
    "TABLE_CAPPED_ROWS",
    "TABLE_MAX_ROWS",
    "BriefComposer",
    "DataBookRenderer",
]
