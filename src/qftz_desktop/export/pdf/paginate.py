"""Placing blocks on pages (no Qt): page breaks, chains kept together, table headers repeated,
and room kept at the foot of each page for the footnotes of the values on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Draw = Callable[[Any, float, float], None]  # (canvas, x, y)


@dataclass(frozen=True)
class Footnote:
    """A note printed at the foot of every page that shows a value it belongs to.

    ``key`` identifies it (two values with the same note share one footnote on a page)."""

    key: str
    height: float
    draw: Draw


FOOTNOTE_RULE = 10.0  # px above a page's footnotes: a short rule and some air


def footnote_columns(notes: Sequence[Footnote]) -> tuple[list[Footnote], list[Footnote], float]:
    """Footnotes in two columns, in order (down the left, then the right): (left, right,
    height). Footnote heights are for a column's width; the renderer lays them out so."""
    total = sum(f.height for f in notes)
    left: list[Footnote] = []
    used = 0.0
    for f in notes:
        if left and used + f.height / 2 > total / 2:
            break
        left.append(f)
        used += f.height
    right = list(notes[len(left) :])
    return left, right, max(used, sum(f.height for f in right))


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
    footnotes: tuple[Footnote, ...] = ()  # notes of the values this block shows
    obs_ids: tuple[int, ...] = ()  # the observations whose values this block shows


@dataclass
class PageLayout:
    blocks: list[tuple[Block, float]] = field(default_factory=list)  # (block, y)
    section: str = ""
    footnotes: list[Footnote] = field(default_factory=list)

    def footnote_height(self, extra: Sequence[Footnote] = ()) -> float:
        keys = {f.key for f in self.footnotes}
        new = [f for f in dict((f.key, f) for f in extra).values() if f.key not in keys]
        notes = self.footnotes + new
        return (FOOTNOTE_RULE + footnote_columns(notes)[2]) if notes else 0.0

    def add_footnotes(self, notes: Sequence[Footnote]) -> None:
        keys = {f.key for f in self.footnotes}
        for f in notes:
            if f.key not in keys:
                keys.add(f.key)
                self.footnotes.append(f)


def paginate(blocks: Sequence[Block], top: float, bottom: float) -> list[PageLayout]:
    """Place blocks on pages: break before a block that does not fit, keep chains of
    ``keep_with_next`` blocks together when they fit on one page, repeat table headers.

    A block's footnotes go on the page where the block is placed: the room they need at the
    foot of the page counts when deciding whether the block fits (so a value and its note are
    never on different pages)."""
    pages = [PageLayout()]
    y = top
    section = ""
    room = bottom - top

    def chain(i: int) -> tuple[float, list[Footnote]]:
        """Height of block ``i`` and the blocks kept with it, and all their footnotes."""
        h = blocks[i].height
        notes = list(blocks[i].footnotes)
        j = i
        while blocks[j].keep_with_next and j + 1 < len(blocks) and not blocks[j + 1].new_page:
            j += 1
            h += blocks[j].gap_before + blocks[j].height
            notes += blocks[j].footnotes
        if h <= room:
            return h, notes
        return blocks[i].height, list(blocks[i].footnotes)

    for i, block in enumerate(blocks):
        page = pages[-1]
        if block.section:
            section = block.section
        if block.new_page and page.blocks:
            pages.append(PageLayout(section=section))
            page, y = pages[-1], top
        gap = block.gap_before if page.blocks else 0.0
        height, notes = chain(i)
        if page.blocks and y + gap + height > bottom - page.footnote_height(notes):
            pages.append(PageLayout(section=section))
            page, y, gap = pages[-1], top, 0.0
            if block.repeat is not None:
                page.blocks.append((block.repeat, y))
                y += block.repeat.height
        if not page.section or block.section:
            page.section = section
        y += gap
        page.blocks.append((block, y))
        page.add_footnotes(block.footnotes)
        y += block.height
    return pages
