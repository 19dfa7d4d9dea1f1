"""Which slides the PowerPoint deck has and what each holds, from the brief's document model.

No python-pptx and no Qt here: a :class:`SlidePlan` per slide — the cover; each table of the
document (long ones continue on the next slide, broken by estimated row heights so that 18 pt
text never runs into the footer); one slide per chart; bullets for caveats, sentences and
highlights; the sources — with its source line and what its speaker notes say (presenter's
notes, caveats, sources). Nothing is chosen here that the document did not choose; tests read
these plans back from the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.brief.model import (
    BriefDocument,
    Caveats,
    ChartBlock,
    Heading,
    KeyValues,
    Paragraph,
    PresenterNote,
    Scorecard,
    Section,
    Sources,
    Table,
    Value,
)
from ..domain.briefing import Briefing
from ..domain.caveats import MarkBook, notes_of
from ..text import tr

TABLE_HEIGHT_PT = 370.0  # room for a table under a one-line title, above the footer
SLIDE_WIDTH_PT = 880.0  # 12.23 in of text width on a 13.33 in slide
BULLET_HEIGHT_PT = 330.0  # room for bullets under the title, above the footer


@dataclass
class SlidePlan:
    """One slide: what it shows and what its notes say (tests check these against the file)."""

    kind: str  # cover | table | chart | bullets | sources | changes
    section: str
    title: str
    kicker: str = ""
    subtitle: str = ""
    paragraphs: list[str] = field(default_factory=list)
    rows: tuple = ()  # cover facts: (label, text)
    columns: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    aligns: list[str] = field(default_factory=list)  # per column: "" left, "r" right
    cells: list[list[str]] = field(default_factory=list)
    chart: ChartBlock | None = None
    source_ids: tuple[str, ...] = ()
    source_line: str = ""
    notes_presenter: list[str] = field(default_factory=list)
    notes_caveats: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


def _paginate_text(items: Sequence, size: float, text=str) -> list[list]:
    """Items per slide, by their estimated height at ``size`` (a line and a gap each)."""
    from .pptx_layout import lines_needed

    pages: list[list] = [[]]
    used = 0.0
    for item in items:
        h = lines_needed("• " + text(item), size, SLIDE_WIDTH_PT - 20) * size * 1.2 + 12
        if pages[-1] and used + h > BULLET_HEIGHT_PT:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += h
    return pages


def _caveats(values: Sequence[Value], doc: BriefDocument | None = None) -> list[str]:
    """The notes of the values on a slide, under the document's marks ('⑯ …': the number its
    takeaway shows), each once."""
    if doc is not None:
        book = MarkBook(doc.lang, doc.notes)
        notes = dict.fromkeys(n for v in values for n in notes_of(v, doc.lang))
        return book.lines(notes)
    seen: dict[str, str] = {}
    for v in values:
        for c in v.caveats:
            seen.setdefault(c.key, c.text)
    return list(seen.values())


def _part(title: str, i: int, n: int) -> str:
    return f"{title} ({i}/{n})" if n > 1 else title


def plan_slides(doc: BriefDocument, briefing: Briefing) -> list[SlidePlan]:
    """The deck's slides from the document's sections, in its order."""
    lang = doc.lang
    out: list[SlidePlan] = []
    for section in doc.sections:
        out += _section_slides(section, doc, briefing)
    for s in out:
        if not s.source_line:
            s.source_line = (
                briefing.source_note(s.source_ids, lang)
                if s.source_ids
                else f"{tr('label.source', lang)}{tr('punct.colon', lang)}{doc.publisher}"
            )
    return out


def _section_slides(section: Section, doc: BriefDocument, briefing: Briefing) -> list[SlidePlan]:
    lang = doc.lang
    book = MarkBook(lang, doc.notes)  # the document's numbering, as the speaker notes'
    notes = [b.text for b in section.blocks if isinstance(b, PresenterNote)]
    if section.id == "cover":
        paras = [b.text for b in section.blocks if isinstance(b, Paragraph)]
        facts = next((b for b in section.blocks if isinstance(b, KeyValues)), None)
        plan = SlidePlan(
            "cover",
            section.id,
            doc.title,
            kicker=doc.zone,
            subtitle=doc.subtitle,
            paragraphs=paras,
            rows=tuple((kv.label, kv.text) for kv in facts.rows) if facts else (),
            notes_presenter=notes,
        )
        ids = [kv.source_id for kv in facts.rows if kv.source_id] if facts else []
        ids += [v.source_id for p in section.blocks if isinstance(p, Paragraph) for v in p.values]
        plan.source_ids = tuple(dict.fromkeys(i for i in ids if i))
        return [plan]
    slides: list[SlidePlan] = []
    top = next((b.text for b in section.blocks if isinstance(b, Heading)), section.title)
    heading = top
    pending: list[Paragraph] = []

    def flush() -> None:  # sentences and highlights of the full deck: text slides
        if not pending:
            return
        items = _merge_titles(pending, lang)
        groups = _paginate_text(items, 20, lambda p: p.text)
        for i, group in enumerate(groups, 1):
            slides.append(
                SlidePlan(
                    "bullets",
                    section.id,
                    _part(heading, i, len(groups)),
                    bullets=[p.text for p in group],
                    source_ids=tuple(
                        dict.fromkeys(v.source_id for p in group for v in p.values if v.source_id)
                    ),
                )
            )
        pending.clear()

    for block in section.blocks:
        if isinstance(block, Paragraph):
            pending.append(block)
            continue
        intro: list[Paragraph] = []
        if isinstance(block, Table) and block.rows and 0 < len(pending) <= 2:
            intro, pending[:] = list(pending), []  # a short lead-in goes above its table
        flush()
        if isinstance(block, Heading):
            heading = block.text if block.text == top else f"{top} · {block.text}"
        elif isinstance(block, ChartBlock):
            values = list(block.values)
            slides.append(
                SlidePlan(
                    "chart",
                    section.id,
                    block.title,
                    kicker=block.subtitle,
                    subtitle=block.takeaway_marked,  # own words behind their label
                    chart=block,
                    source_ids=block.source_ids,
                    source_line=block.source_line,
                    notes_presenter=[block.notes] if block.notes else [],
                    notes_caveats=_caveats(values, doc),
                )
            )
        elif isinstance(block, Table) and block.rows:
            columns = [c.title for c in block.columns]
            weights = [max(c.weight, 0.12) for c in block.columns]
            aligns = [{"right": "r", "center": "ctr"}.get(c.align, "") for c in block.columns]
            cells = [list(r.cells) for r in block.rows]
            value_col = block.value_column(tr("label.value", lang))
            if value_col is not None:  # the value's marks, numbered as in the speaker notes
                for row, r in zip(cells, block.rows, strict=True):
                    if r.values:
                        row[value_col] += book.of_value(r.values[0])
            lead = next((p.text for p in intro if p.style == "lead"), "")
            aside = "\n".join(
                x for x in [block.note] + [p.text for p in intro if p.text != lead] if x
            )
            extra = _intro_height(lead, aside)
            groups = _paginate(columns, weights, cells, first_page_less=extra)
            for i, idx in enumerate(groups, 1):
                values = [v for j in idx for v in block.rows[j].values]
                slides.append(
                    SlidePlan(
                        "table",
                        section.id,
                        _part(heading if block.title in ("", top) else block.title, i, len(groups)),
                        kicker=aside if i == 1 else block.note,
                        subtitle=lead if i == 1 else "",
                        columns=columns,
                        weights=weights,
                        aligns=aligns,
                        cells=[cells[j] for j in idx],
                        source_ids=tuple(dict.fromkeys(v.source_id for v in values if v.source_id)),
                        notes_caveats=_caveats(values, doc),
                    )
                )
        elif isinstance(block, Scorecard) and block.rows:
            columns, weights = _scorecard_columns(lang)
            cells = [_scorecard_cells(r, lang, book) for r in block.rows]
            groups = _paginate(columns, weights, cells)
            judged = tr("pptx.judged_as", lang, of=block.as_of)
            for i, idx in enumerate(groups, 1):
                rows = [block.rows[j] for j in idx]
                values = [v for r in rows for v in (r.target, r.actual) if v is not None]
                slides.append(
                    SlidePlan(
                        "scorecard",
                        section.id,
                        _part(block.title or heading, i, len(groups)),
                        kicker=judged,
                        columns=columns,
                        weights=weights,
                        cells=[cells[j] for j in idx],
                        source_ids=tuple(dict.fromkeys(s for r in rows for s in r.source_ids)),
                        notes_caveats=[block.rules]
                        + [f"{r.what}: {r.status_text} — {r.reason}" for r in rows]
                        + _caveats(values, doc),
                    )
                )
        elif isinstance(block, Caveats) and block.items:
            groups = _paginate_text(block.items, 20, lambda c: c.text)
            for i, items in enumerate(groups, 1):
                slides.append(
                    SlidePlan(
                        "bullets",
                        section.id,
                        _part(block.title or heading, i, len(groups)),
                        bullets=[c.text for c in items],
                        source_ids=tuple(dict.fromkeys(s for c in items for s in c.source_ids)),
                    )
                )
        elif isinstance(block, Sources) and block.items:
            groups = _paginate_text(block.items, 18, lambda s: f"[{s.id}] {s.citation}, {s.date}")
            for i, items in enumerate(groups, 1):
                slides.append(
                    SlidePlan(
                        "sources",
                        section.id,
                        _part(block.title or heading, i, len(groups)),
                        kicker=block.intro,
                        bullets=[
                            f"[{s.id}] {s.citation}" + tr("punct.comma", lang) + s.date
                            if s.date
                            else f"[{s.id}] {s.citation}"
                            for s in items
                        ],
                        source_ids=tuple(s.id for s in items),
                    )
                )
    flush()
    if slides and notes:
        slides[0].notes_presenter = notes + slides[0].notes_presenter
    return slides


def _merge_titles(paragraphs: list[Paragraph], lang: str) -> list[Paragraph]:
    """A highlight's bold title and its text as one bullet: 'title：text'."""
    out: list[Paragraph] = []
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if p.style == "bold" and nxt is not None and nxt.style != "bold":
            sep = tr("punct.colon", lang)
            out.append(Paragraph(f"{p.text}{sep}{nxt.text}", nxt.style, p.values + nxt.values))
            i += 2
        else:
            out.append(p)
            i += 1
    return out


def _scorecard_columns(lang: str) -> tuple[list[str], list[float]]:
    keys = (
        "brief.what",
        "brief.deadline",
        "pdf.target_value",
        "brief.actual",
        "pptx.progress",
        "pptx.status",
    )
    return [tr(key, lang) for key in keys], [0.27, 0.1, 0.17, 0.22, 0.11, 0.13]


def _scorecard_cells(r, lang: str, book: MarkBook) -> list[str]:
    """A scorecard row's cells, its values with their caveat marks (as the PDF's)."""
    if r.actual is None:
        actual = "—"
    else:
        actual = (
            r.actual.text
            + book.of_value(r.actual)
            + tr("punct.in_parens", lang, text=r.actual.period)
        )
    target = r.target.text + book.of_value(r.target)
    return [r.what, r.deadline, target, actual, r.progress or "—", r.status_text]


def _row_height(cells: Sequence[str], widths: Sequence[float], size: float) -> float:
    from .pptx_layout import lines_needed

    lines = max(lines_needed(c, size, w - 12) for c, w in zip(cells, widths, strict=True))
    return lines * size * 1.2 + 8


def _intro_height(lead: str, aside: str) -> float:
    """Points a lead-in (20 pt subtitle) and more than one kicker line (16 pt) take from the
    first slide of a table, beyond the one-line kicker the table's room already allows for."""
    from .pptx_layout import lines_needed

    height = 0.0
    if lead:
        height += lines_needed(lead, 20, SLIDE_WIDTH_PT - 20) * 20 * 1.3 + 7
    if aside:
        height += (lines_needed(aside, 16, SLIDE_WIDTH_PT) - 1) * 16 * 1.25
    return height


def _paginate(
    columns: list[str],
    weights: list[float],
    cells: list[list[str]],
    size: float = 18,
    first_page_less: float = 0.0,
) -> list[list[int]]:
    """Row indices per slide, so that a table at 18 pt never runs into the footer."""
    total = sum(weights)
    widths = [SLIDE_WIDTH_PT * w / total for w in weights]
    head = _row_height(columns, widths, size)
    pages: list[list[int]] = [[]]
    used = head + first_page_less
    for i, row in enumerate(cells):
        h = _row_height(row, widths, size)
        if pages[-1] and used + h > TABLE_HEIGHT_PT:
            pages.append([])
            used = head
        pages[-1].append(i)
        used += h
    return pages
