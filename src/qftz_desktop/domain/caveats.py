"""What a reader must know about a value, decided once for cards, charts, tables and the PDF.

A value carries a caveat when the snapshot says more about it than its number: a note on the
observation (a conflict between sources when the note says so), a period that is inferred or
undated, or a qualifier that makes it a bound ("over 3,000" is a
lower bound, not 3,000). Leaving one out is a data error, so the rule lives here and nowhere
else (no Qt).

**One mark style everywhere.** Such a value carries a circled number per note (①, ②, …)
right after the value, before any punctuation: "超过3,000万标准箱②（2023年）". The number
points into the note list of the surface the value is on — the footnotes of the PDF page,
the caveats of the slide in the presenter view, the tooltip of a card, a chart or a table
cell. :func:`notes_of` decides a value's note texts and :class:`MarkBook` numbers them (one
note shared by several values is one number); every renderer uses both and nothing else.

The brief's document model picks :func:`brief_caveats` up as its caveat provider
(``domain/brief/values.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..snapshot.periods import AROUND, BEFORE, INFERRED
from ..text import tr
from .brief.model import Caveat, Value
from .brief.values import pick_half
from .formatting import format_number, format_value

if TYPE_CHECKING:
    from .briefing import Metric, Point

CONFLICT_WORDS = re.compile(r"conflict|disagree|do(?:es)? not fit|不符|不一致|矛盾|冲突", re.I)

# qualifier -> which side the true value lies on ("over 3,000": 3,000 is a lower bound)
BOUNDS = {"over": "lower", "at_least": "lower", "under": "upper", "at_most": "upper"}


def bound_note(side: str, lang: str) -> str:
    """The one note a document prints for all its lower (``side='lower'``) or upper bounds."""
    return tr(f"caveat.bound_note.{side}", lang)


def note_kind(note: str) -> str:
    """'conflict' for a note that says sources disagree, else 'note'.

    The snapshot holds one value per metric, period and status, so a conflict between sources
    is recorded in the kept value's note ("与S10不符 / Conflicts with S10").
    """
    return "conflict" if CONFLICT_WORDS.search(note) else "note"


def caveats_for(point: Point, metric: Metric, lang: str) -> tuple[Caveat, ...]:
    """Every caveat of one value, in a fixed order: note (or conflict), period, bound."""
    out: list[Caveat] = []
    key = f"obs:{point.obs_id}"
    if point.note:
        out.append(Caveat(key, note_kind(point.note), pick_half(point.note, lang)))
    precision = point.period.precision
    if precision == INFERRED:
        out.append(
            Caveat(
                f"{key}:period",
                "inferred",
                tr("caveat.inferred", lang),
            )
        )
    elif precision in (AROUND, BEFORE):
        out.append(
            Caveat(
                f"{key}:period",
                "imprecise",
                tr("caveat.imprecise", lang, label=_undated_label(point, lang)),
            )
        )
    side = BOUNDS.get(point.qualifier)
    if side:
        word = tr(f"qualifier.{point.qualifier}", lang)
        out.append(
            Caveat(
                f"{key}:bound",
                "bound",
                tr(f"caveat.bound.{side}", lang, word=word, number=format_number(point.value)),
            )
        )
    return tuple(out)


def _undated_label(point: Point, lang: str) -> str:
    """'2019年8月以前' / 'before Aug 2019': the period's label without its own '(undated)',
    which the caveat's sentence already says."""
    label = point.period.label(lang)
    for tail in ("，未注明时间", "（未注明时间）", ", undated", " (undated)"):
        label = label.removesuffix(tail)
    return label


def brief_caveats(point: Point, metric: Metric, lang: str) -> list[Caveat]:
    """The caveat provider of the brief's document model (signature it expects)."""
    return list(caveats_for(point, metric, lang))


def has_caveat(point: Point) -> bool:
    """True when the value must carry a mark (cheap: no text is made)."""
    return bool(point.note or not point.period.is_precise or point.qualifier in BOUNDS)


def circled(n: int) -> str:
    """The n-th mark: ①…⑳, ㉑…㉟, ㊱…㊿; beyond 50, '(51)'."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return f"({n})"


def note_texts(caveats: Iterable[Caveat], qualifier: str, lang: str) -> list[str]:
    """The notes a reader is given for a value with these caveats, each once, in the caveats'
    order: the note (or conflict), the period, then the bound — told in one text for every
    bound of its side (the value itself already says "over 300")."""
    out = []
    for cav in caveats:
        if cav.kind == "bound":
            side = "upper" if BOUNDS.get(qualifier) == "upper" else "lower"
            out.append(bound_note(side, lang))
        elif cav.text:
            out.append(cav.text)
    return list(dict.fromkeys(out))


def notes_of(value: Value, lang: str) -> list[str]:
    """The note texts of a document value (its caveats, see :func:`note_texts`)."""
    return note_texts(value.caveats, value.qualifier, lang)


def point_notes(point: Point, metric: Metric, lang: str) -> list[str]:
    """The note texts of an observation (empty for a plain exact value)."""
    if not has_caveat(point):
        return []
    return note_texts(caveats_for(point, metric, lang), point.qualifier, lang)


class MarkBook:
    """The marks of one surface: a PDF document, a slide, a chart, a table, a card.

    Notes are numbered in the order they are first met, so that the same note is the same
    number wherever it is cited on that surface; :meth:`lines` gives the note list that
    the numbers point into (footnotes, tooltip, presenter view)."""

    def __init__(self, lang: str, notes: Iterable[str] = ()):
        self.lang = lang
        self._numbers: dict[str, int] = {}
        for text in notes:
            self.mark(text)

    @property
    def notes(self) -> tuple[str, ...]:
        """The notes in their numbers' order."""
        return tuple(self._numbers)

    def number(self, text: str) -> int:
        if text not in self._numbers:
            self._numbers[text] = len(self._numbers) + 1
        return self._numbers[text]

    def mark(self, text: str) -> str:
        """The mark of one note ('②')."""
        return circled(self.number(text))

    def marks(self, notes: Iterable[str]) -> str:
        """The marks of a value's notes, side by side ('①③'); '' for none."""
        return "".join(self.mark(t) for t in notes)

    def of_point(self, point: Point, metric: Metric) -> str:
        """The marks of an observation ('' when it has no caveat)."""
        return self.marks(point_notes(point, metric, self.lang))

    def of_value(self, value: Value) -> str:
        """The marks of a document value."""
        return self.marks(notes_of(value, self.lang))

    def line(self, text: str) -> str:
        """'② note' — a note as listed under the marks that point to it."""
        return f"{self.mark(text)} {text}"

    def lines(self, notes: Iterable[str]) -> list[str]:
        return [self.line(t) for t in notes]


def caveat_mark(point: Point, metric: Metric, lang: str) -> str:
    """The marks of a value shown on its own (a card, a cell): its notes numbered from ①."""
    return MarkBook(lang).of_point(point, metric)


def value_caveat_lines(
    values: Iterable[tuple[Point, Metric]],
    lang: str,
    limit: int = 6,
    book: MarkBook | None = None,
) -> list[str]:
    """The caveats of the values an audience sees on one slide, for the presenter view:
    '① 片区外贸占全市比重 23%（2024年6月前后）：…', numbered by ``book`` (the slide's marks,
    so the number is the one the audience sees), the first ``limit`` of them, then how many
    more. A speaker who is asked "is that exact?" has the answer in front of them."""
    book = book or MarkBook(lang)
    found: list[tuple[int, str]] = []
    for point, metric in values:
        notes = point_notes(point, metric, lang)
        if not notes:
            continue
        value = format_value(
            point.value, point.qualifier, metric.unit_label(lang), lang, metric.unit
        )
        what = f"{metric.name(lang)} {value}"
        label = point.period.label(lang)
        where = tr("punct.in_parens", lang, text=label)
        sep = tr("punct.colon", lang)
        text = tr("punct.semicolon", lang).join(notes)
        found.append((book.number(notes[0]), f"{book.marks(notes)} {what}{where}{sep}{text}"))
    # in the order of their numbers, as the audience meets the marks
    lines = [line for _n, line in sorted(found, key=lambda f: f[0])]
    if len(lines) > limit:
        more = len(lines) - limit
        tail = tr("caveat.more", lang, n=more)
        lines = [*lines[:limit], tail]
    return lines
