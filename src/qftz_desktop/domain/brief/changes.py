"""'What changed since <date>': the comparison with an earlier snapshot as a brief section.

Built from :mod:`qftz_desktop.domain.changes` (Qt-free), so the PDF brief, the handout, the
slides and the PowerPoint deck can show the same page. Values are printed as before and now,
side by side, with their sources; no growth or percentage is computed between them, because
a revision corrects the same period — it is not a change over time.
"""

from __future__ import annotations

import dataclasses

from ...text import tr
from ..changes import KINDS, Changes, cells, word
from .model import BriefDocument, Column, Heading, Paragraph, Row, Section, Table

SECTION_ID = "changes"
MEETING_ROWS = 20  # a meeting brief lists at most this many; the command line lists all

TEXT: dict[str, tuple[str, str]] = {
    "compared": (
        "与 {date} 的快照（标识 {id}）相比：{counts}。",
        "Compared with the snapshot of {date} (id {id}): {counts}.",
    ),
    "capped": (
        "此处列出 {shown} 项，共 {total} 项；完整清单请用 qftz-desktop snapshot diff。",
        "{shown} of {total} changes are listed; qftz-desktop snapshot diff lists them all.",
    ),
    "col.tab": ("栏目", "Tab"),
    "col.what": ("变化", "Change"),
    "col.subject": ("指标与期间", "Metric and period"),
    "col.before": ("原值", "Before"),
    "col.now": ("现值", "Now"),
    "col.source": ("来源", "Source"),
}


def _w(key: str, lang: str, **kw: object) -> str:
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**kw)


def _counts(changes: Changes, lang: str) -> str:
    counts = changes.counts()
    parts = [f"{word(k, lang)} {counts[k]}" for k in KINDS if counts.get(k)]
    return ("，" if lang == "zh" else ", ").join(parts)


def changes_title(changes: Changes, lang: str) -> str:
    return word("title", lang, date=changes.old_as_of or changes.old_id[:12])


def changes_section(changes: Changes, lang: str, limit: int | None = MEETING_ROWS) -> Section:
    """The section: a summary line, the revision rule, and a table of the changes by tab."""
    title = changes_title(changes, lang)
    heading = Heading(title, 2, anchor=SECTION_ID)
    if changes.empty:
        return Section(SECTION_ID, title, (heading, Paragraph(word("none", lang), "body")))
    since = changes.old_as_of or "—"
    blocks: list = [
        heading,
        Paragraph(
            _w("compared", lang, date=since, id=changes.old_id[:12], counts=_counts(changes, lang)),
            "lead",
        ),
        Paragraph(word("revision_note", lang), "small"),
    ]
    rows: list[Row] = []
    for tab, items in changes.by_tab().items():
        for change in items:
            rows.append(Row((tr(f"tab.{tab}", lang), *cells(change, changes, lang))))
    total = len(rows)
    note = ""
    if limit is not None and total > limit:
        rows = rows[:limit]
        note = _w("capped", lang, shown=limit, total=total)
    columns = (
        Column(_w("col.tab", lang), 0.8),
        Column(_w("col.what", lang), 0.9),
        Column(_w("col.subject", lang), 2.4),
        Column(_w("col.before", lang), 1.2, "right"),
        Column(_w("col.now", lang), 1.2, "right"),
        Column(_w("col.source", lang), 0.8),
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
