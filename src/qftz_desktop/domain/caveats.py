"""What a reader must know about a value, decided once for cards, charts, tables and the PDF.

A value carries a caveat when the snapshot says more about it than its number: a note on the
observation (a conflict between sources when the note says so), a period that is inferred or
undated, or a qualifier that makes it a bound ("over 3,000" is a
lower bound, not 3,000). Every output puts :data:`MARK` beside such a value and shows the
caveat's text where it has room (tooltip on screen, presenter view, footnote on the PDF page).
Leaving one out is a data error, so the rule lives here and nowhere else (no Qt).

The brief's document model picks :func:`brief_caveats` up as its caveat provider
(``domain/brief/values.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..snapshot.periods import AROUND, BEFORE, INFERRED
from .brief.model import Caveat
from .brief.values import pick_half
from .formatting import format_number, format_value

if TYPE_CHECKING:
    from .briefing import Metric, Point

CONFLICT_WORDS = re.compile(r"conflict|disagree|do(?:es)? not fit|不符|不一致|矛盾|冲突", re.I)
MARK = "*"  # beside a value that has a caveat; the PDF may number its footnotes instead

# qualifier -> which side the true value lies on ("over 3,000": 3,000 is a lower bound)
BOUNDS = {"over": "lower", "at_least": "lower", "under": "upper", "at_most": "upper"}

_TEXT: dict[str, tuple[str, str]] = {
    "bound.lower": (
        "下限值：来源称“{word}{number}”，实际数值不低于此",
        "a lower bound: the source says “{word} {number}”, the exact value is not given",
    ),
    "bound.upper": (
        "上限值：来源称“{word}{number}”，实际数值不高于此",
        "an upper bound: the source says “{word} {number}”, the exact value is not given",
    ),
    "inferred": (
        "期间系根据上下文推断，来源未写明",
        "period inferred from the context; the source does not state it",
    ),
    "imprecise": (
        "来源未注明确切时间：{label}",
        "the source gives no exact date: {label}",
    ),
}

_WORDS = {
    "over": ("超过", "over"),
    "at_least": ("至少", "at least"),
    "under": ("不到", "under"),
    "at_most": ("至多", "at most"),
}


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang == "zh" else en).format(**params)


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
        out.append(Caveat(key, note_kind(point.note), pick_half(point.note, lang), MARK))
    precision = point.period.precision
    if precision == INFERRED:
        out.append(
            Caveat(
                f"{key}:period",
                "inferred",
                _t("inferred", lang),
                MARK,
            )
        )
    elif precision in (AROUND, BEFORE):
        out.append(
            Caveat(
                f"{key}:period",
                "imprecise",
                _t("imprecise", lang, label=_undated_label(point, lang)),
                MARK,
            )
        )
    side = BOUNDS.get(point.qualifier)
    if side:
        zh_word, en_word = _WORDS[point.qualifier]
        word = zh_word if lang == "zh" else en_word
        out.append(
            Caveat(
                f"{key}:bound",
                "bound",
                _t(f"bound.{side}", lang, word=word, number=format_number(point.value)),
                MARK,
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
    """True when the value must carry :data:`MARK` (cheap: no text is made)."""
    return bool(point.note or not point.period.is_precise or point.qualifier in BOUNDS)


def caveat_mark(point: Point) -> str:
    """:data:`MARK` for a value with a caveat, else ''."""
    return MARK if has_caveat(point) else ""


def caveat_lines(caveats: Iterable[Caveat], lang: str) -> list[str]:
    """'* text' lines for a tooltip or a presenter view."""
    return [f"{c.mark or MARK} {c.text}" for c in caveats]


def value_caveat_lines(
    values: Iterable[tuple[Point, Metric]], lang: str, limit: int = 6
) -> list[str]:
    """The caveats of the values an audience sees on one slide, for the presenter view:
    '* 片区外贸占全市比重 23%（2024年6月前后）：…', the first ``limit`` of them, then how many
    more. A speaker who is asked "is that exact?" has the answer in front of them."""
    lines: list[str] = []
    for point, metric in values:
        caveats = caveats_for(point, metric, lang)
        if not caveats:
            continue
        value = format_value(
            point.value, point.qualifier, metric.unit_label(lang), lang, metric.unit
        )
        what = f"{metric.name(lang)} {value}"
        label = point.period.label(lang)
        where = f"（{label}）" if lang == "zh" else f" ({label})"
        sep = "：" if lang == "zh" else ": "
        text = ("；" if lang == "zh" else "; ").join(c.text for c in caveats)
        lines.append(f"{MARK} {what}{where}{sep}{text}")
    if len(lines) > limit:
        more = len(lines) - limit
        tail = f"…另有{more}条说明" if lang == "zh" else f"… and {more} more"
        lines = [*lines[:limit], tail]
    return lines
