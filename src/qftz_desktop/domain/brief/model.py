"""The brief as a document: what to say, decided once, for every renderer (no Qt).

A :class:`BriefDocument` is a list of :class:`Section` s, each a list of blocks. The PDF, the
16:9 handout, the slides and the PowerPoint export draw the same document; none of them decides
which figures, charts, caveats or sources go in — :mod:`.compose` does, by rules.

Every block that shows a number carries it as a :class:`Value`: the text as printed and what
it is — status (reported / derived / target), period, unit, scope, source — plus its
:class:`Caveat` s (notes, inferred or imprecise periods, conflicts, scope warnings, bounds), so
that a renderer can put a mark beside the value and the caveat on the same page or slide. The
document's sentences already carry their values' marks (①②…, :attr:`BriefDocument.notes` in
their numbers' order); a renderer numbers everything else the same way.

Stability: renderers in other modules build on these classes. Add fields (with defaults) and
block types; do not rename or remove them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

# The statuses a target can have on the scorecard, in the order a reader scans them.
SCORE_STATUSES = ("met", "on_track", "behind", "missed", "unknown")


@dataclass(frozen=True)
class Caveat:
    """Something a reader must know about a value, in the document's language.

    ``key`` is stable and unique per caveat (e.g. ``"obs:12"``), so that a renderer that meets
    the same caveat twice on one page prints its footnote once. ``kind``: ``note``,
    ``inferred`` (period inferred), ``imprecise`` (period not dated), ``conflict``, ``scope``
    or ``bound`` (a lower/upper bound, not an exact value)."""

    key: str
    kind: str
    text: str
    mark: str = ""  # unused: a value's marks are numbered by domain.caveats.MarkBook


@dataclass(frozen=True)
class Value:
    """One number as printed, with what it is. ``number`` is None for a value that is not
    numeric (a rank shown as text is still a number)."""

    text: str  # "超过1,000亿元" / "over CNY 100 bn" — qualifier, number and unit
    number: float | None
    qualifier: str  # exact | over | about | at_least | at_most | under
    status: str  # reported | derived | target
    period: str  # period label in the document's language
    unit: str  # unit label in the document's language
    scope: str  # scope label in the document's language
    source_id: str = ""
    metric_id: str = ""
    obs_id: int | None = None
    period_code: str = ""
    unit_code: str = ""
    caveats: tuple[Caveat, ...] = ()
    formula: str = ""  # how a derived value was computed (plain text)


# -- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 title, 2 section, 3 sub-section
    anchor: str = ""  # id a contents list may point at


@dataclass(frozen=True)
class Paragraph:
    """Running text. ``style``: ``body``, ``lead`` (larger), ``small``, ``muted``, ``bold``
    (a run-in title), ``note`` (small and muted: a remark on the block before or after it) or
    ``bullet``. ``values`` are the numbers the sentence states (for their caveats).
    ``keep_with_next``: a page-break hint — this paragraph's last line stays on the page of
    what follows (a highlight's title and text with its source line)."""

    text: str
    style: str = "body"
    values: tuple[Value, ...] = ()
    keep_with_next: bool = False


@dataclass(frozen=True)
class KeyValue:
    label: str
    text: str
    value: Value | None = None
    source_id: str = ""


@dataclass(frozen=True)
class KeyValues:
    """Label–value lines: the cover's facts, the headline figures."""

    rows: tuple[KeyValue, ...]
    title: str = ""


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0
    align: str = "left"  # left | right | center
    anywhere: bool = False  # text may break inside words (addresses)
    marks: bool = False  # this column shows the row's (first) value: its caveat marks go here


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    values: tuple[Value, ...] = ()  # the numbers in this row (their caveats go with the row)


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str = ""
    note: str = ""  # said before the table (e.g. "only the latest 24 of 80 values")
    total: int = 0  # rows the whole table has when only some are listed (0: all are)

    def value_column(self, value_title: str) -> int | None:
        """The column whose cells show each row's (first) value, where its caveat marks go:
        the one flagged ``marks``, else the one titled as the value (``value_title``), so
        that the PDF and the PowerPoint deck mark the same cell."""
        flagged = next((i for i, col in enumerate(self.columns) if col.marks), None)
        if flagged is not None:
            return flagged
        return next((i for i, col in enumerate(self.columns) if col.title == value_title), None)


@dataclass(frozen=True)
class ChartBlock:
    """A chart of the briefing (by id) with its computed takeaway and the presenter's note.

    ``takeaway`` is what is shown (the computed sentence, or the presenter's own words when
    they replaced it: ``takeaway_own``, printed under ``takeaway_label``, never as data);
    ``takeaway_computed`` always holds the computed one."""

    chart_id: str
    tab: str
    title: str
    subtitle: str  # "范围：片区 · 单位：亿元"
    takeaway: str
    source_line: str  # "来源：青岛日报 2024-06-26；…"
    takeaway_computed: str = ""
    takeaway_values: tuple[Value, ...] = ()  # the values the takeaway states
    notes: str = ""  # the presenter's note on this chart (plain text), "" when none
    values: tuple[Value, ...] = ()  # every value drawn, in the year range
    source_ids: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    table: Table | None = None  # the numbers behind the chart (the full data book)
    takeaway_own: bool = False  # ``takeaway`` is the presenter's words, not the computed one
    takeaway_label: str = ""  # "主讲人的话" / "Presenter's words" when takeaway_own

    @property
    def takeaway_marked(self) -> str:
        """The takeaway as one line for a renderer with no style of its own for the presenter's
        words (a slide subtitle): their label first, so they never read as sourced data."""
        if self.takeaway_own and self.takeaway:
            sep = ": " if self.takeaway_label.isascii() else "："
            return f"{self.takeaway_label}{sep}{self.takeaway}"
        return self.takeaway


@dataclass(frozen=True)
class ScorecardRow:
    """One target judged against the latest comparable actual; see :mod:`.scorecard`."""

    metric_id: str
    what: str  # the metric's name
    deadline: str  # period label of the target ("2025年" / "2025"), or "no deadline"
    target: Value
    actual: Value | None  # None: no comparable actual
    progress: str  # "58%" / "不到58%" / "" when not computable
    progress_low: float | None  # progress as a share (0.58), lower bound; None if unknown
    progress_high: float | None  # upper bound (None: unbounded or unknown)
    status: str  # one of SCORE_STATUSES
    status_text: str  # the status in the document's language
    reason: str  # why this status, one short clause
    source_ids: tuple[str, ...] = ()
    reason_key: str = ""  # which rule decided (scorecard.REASONS key), e.g. "no_actual"


@dataclass(frozen=True)
class Scorecard:
    rows: tuple[ScorecardRow, ...]
    as_of: str  # the date the targets are judged at (the brief's date)
    title: str = ""
    rules: str = ""  # one line: how the statuses are decided


@dataclass(frozen=True)
class CaveatItem:
    """One thing the data cannot say ('what the data cannot say')."""

    kind: str  # age | gap | conflict | scope | bound | inferred
    text: str
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Caveats:
    items: tuple[CaveatItem, ...]
    title: str = ""


@dataclass(frozen=True)
class SourceItem:
    id: str
    citation: str  # "青岛日报/观海新闻，《…》"
    date: str  # "" when the source is undated
    url: str = ""
    short: str = ""  # "青岛日报/观海新闻 2024-06-26": publisher without its gloss, and date


@dataclass(frozen=True)
class Sources:
    items: tuple[SourceItem, ...]
    title: str = ""
    intro: str = ""
    more: str = ""  # where the full citations are (the meeting brief lists them short)


@dataclass(frozen=True)
class PresenterNote:
    """The presenter's own words (never data): printed marked as their remarks."""

    text: str
    target: str = ""  # what it annotates: "cover", a chart id, "tab:<id>"
    label: str = ""  # "主讲人备注" / "Presenter's remarks"


@dataclass(frozen=True)
class ContentsItem:
    title: str
    anchor: str  # the ``Heading.anchor`` of the section it points at


@dataclass(frozen=True)
class Contents:
    """A list of sections with the page each starts on (paged renderers fill in the pages)."""

    items: tuple[ContentsItem, ...]
    title: str = ""


@dataclass(frozen=True)
class PageBreak:
    """A hint: start a new page here (renderers of slides may ignore it)."""


Block = (
    Heading
    | Paragraph
    | KeyValues
    | Table
    | ChartBlock
    | Scorecard
    | Caveats
    | Sources
    | PresenterNote
    | Contents
    | PageBreak
)

B = TypeVar("B")


@dataclass(frozen=True)
class Section:
    """A part of the brief. ``new_page``: starts on a new page in paged output."""

    id: str  # cover | headline | scorecard | charts | caveats | sources | tab:<id> | notes …
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = False
    left_out: tuple[str, ...] = ()  # chart ids of this part not in the document (too many)


@dataclass(frozen=True)
class BriefDocument:
    """The whole brief, in one language, for one snapshot and set of options."""

    kind: str  # meeting | full
    lang: str
    title: str  # "青岛自贸片区发展简报"
    subtitle: str  # "会议简报" / "Meeting brief"
    zone: str
    as_of: str  # the data's as-of date
    brief_date: str  # the day the brief was made
    snapshot_id: str  # content id
    years: tuple[int, int] | None
    sections: tuple[Section, ...]
    publisher: str = ""
    footer: str = ""  # "数据截至 2026-01-22 · 快照标识 e89ccc346a32"
    # the caveat notes in the order of their marks (①, ②, …): the text of the document
    # (sentences, takeaways) carries these numbers; paged renderers print the footnotes by them
    notes: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def blocks(self) -> Iterator[Block]:
        for s in self.sections:
            yield from s.blocks

    def blocks_of(self, kind: type[B]) -> list[B]:
        return [b for b in self.blocks() if isinstance(b, kind)]

    @property
    def charts(self) -> list[ChartBlock]:
        return self.blocks_of(ChartBlock)

    @property
    def scorecard(self) -> Scorecard | None:
        found = self.blocks_of(Scorecard)
        return found[0] if found else None

    def values(self) -> Iterator[Value]:
        """Every value the document states (for caveat and consistency checks)."""
        for b in self.blocks():
            if isinstance(b, Paragraph):
                yield from b.values
            elif isinstance(b, KeyValues):
                yield from (r.value for r in b.rows if r.value is not None)
            elif isinstance(b, Table):
                for r in b.rows:
                    yield from r.values
            elif isinstance(b, ChartBlock):
                yield from b.values
                yield from b.takeaway_values
            elif isinstance(b, Scorecard):
                for row in b.rows:
                    yield row.target
                    if row.actual is not None:
                        yield row.actual
