"""'What changed since <date>': the comparison with an earlier snapshot as a brief section.

Built from :mod:`qftz_desktop.domain.changes` (Qt-free), so the PDF brief, the handout, the
slides and the PowerPoint deck can show the same page. Values are printed as before and now,
side by side, with their sources; no growth or percentage is computed between them, because
a revision corrects the same period — it is not a change over time.
"""

from __future__ import annotations

import dataclasses

from ...text import tr
from ..changes import KINDS, Changes, cells
from .model import BriefDocument, Column, Heading, Paragraph, Row, Section, Table

SECTION_ID = "changes"
MEETING_ROWS = 20  # a meeting brief lists at most this many; the command line lists all


def _counts(changes: Changes, lang: str) -> str:
    counts = changes.counts()
    parts = [
        tr(f"changes.count_one.{k}", lang)
        if counts[k] == 1
        else tr(f"changes.count.{k}", lang, n=counts[k])
        for k in KINDS
        if counts.get(k)
    ]
    return tr("punct.comma", lang).join(parts)


def changes_title(changes: Changes, lang: str) -> str:
    return tr("changes.title", lang, date=changes.old_as_of or changes.old_id[:12])


def changes_section(changes: Changes, lang: str, limit: int | None = MEETING_ROWS) -> Section:
    """The section: a summary line, the revision rule, and a table of the changes by tab."""
    title = changes_title(changes, lang)
    heading = Heading(title, 2, anchor=SECTION_ID)
    if changes.empty:
        return Section(SECTION_ID, title, (heading, Paragraph(tr("changes.none", lang), "body")))
    since = changes.old_as_of or "—"
    blocks: list = [
        heading,
        Paragraph(
            tr(
                "changes.compared",
                lang,
                date=since,
                id=changes.old_id[:12],
                counts=_counts(changes, lang),
            ),
            "lead",
        ),
        Paragraph(tr("changes.revision_note", lang), "small"),
    ]
    rows: list[Row] = []
    for tab, items in changes.by_tab().items():
        for change in items:
            rows.append(Row((tr(f"tab.{tab}", lang), *cells(change, changes, lang))))
    total = len(rows)
    note = ""
    if limit is not None and total > limit:
        rows = rows[:limit]
        note = tr("changes.capped", lang, shown=limit, total=total)
    columns = (
        Column(tr("changes.col_tab", lang), 0.8),
        Column(tr("changes.col_what", lang), 0.9),
        Column(tr("changes.col_subject", lang), 2.4),
        Column(tr("changes.col_before", lang), 1.2, "right"),
        Column(tr("changes.col_now", lang), 1.2, "right"),
        Column(tr("label.source", lang), 0.8),
    )
    blocks.append(Table(columns, tuple(rows), note=note))
    return Section(SECTION_ID, title, tuple(blocks), new_page=False)


def with_changes(doc: BriefDocument, section: Section) -> BriefDocument:
    """The document with the section after the scorecard (else after the headline figures,
    else after the cover); a section of that id already there is replaced."""
    sections = [s for s in doc.sections if s.id != SECTION_ID]
    ids = [s.id for s in sections]
    after = next((ids.index(i) for i in ("scorecard", "headline", "cover") if i in ids), -1)
    sections.insert(after + 1, section)
    return dataclasses.replace(doc, sections=tuple(sections))
