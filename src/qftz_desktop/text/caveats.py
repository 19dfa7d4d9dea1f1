"""Words of the caveats that travel with a value (domain/caveats.py) and of a chart picture's
notes and status key (render/chart_picture.py), in (zh, en)."""

from __future__ import annotations

CAVEATS: dict[str, tuple[str, str]] = {
    "caveat.bound.lower": (
        "下限值：来源称“{word}{number}”，实际数值不低于此",
        "a lower bound: the source says “{word} {number}”, the exact value is not given",
    ),
    "caveat.bound.upper": (
        "上限值：来源称“{word}{number}”，实际数值不高于此",
        "an upper bound: the source says “{word} {number}”, the exact value is not given",
    ),
    # one shared note for every lower (upper) bound of a document (MarkBook)
    "caveat.bound_note.lower": (
        "下限值：来源只说“超过”或“至少”某数，确切数值未给出。",
        "A lower bound: the source says 'over' or 'at least'; the exact value is not given.",
    ),
    "caveat.bound_note.upper": (
        "上限值：来源只说“不到”或“至多”某数，确切数值未给出。",
        "An upper bound: the source says 'under' or 'at most'; the exact value is not given.",
    ),
    "caveat.more": ("…另有{n}条说明", "… and {n} more"),
    "caveat.inferred": (
        "期间系根据上下文推断，来源未写明",
        "period inferred from the context; the source does not state it",
    ),
    "caveat.imprecise": (
        "来源未注明确切时间：{label}",
        "the source gives no exact date: {label}",
    ),
    # a chart saved as a picture (render/chart_picture.py)
    "picture.more_notes": (
        "……另有{n}条说明，见数据表",
        "… and {n} more notes: see the data table",
    ),
    "picture.drawn.reported": ("实心", "solid"),
    "picture.drawn.derived": ("斜线", "hatched"),
    "picture.drawn.target": ("虚线框", "dashed outline"),
    "picture.status_key": ("{label}（{drawn}）", "{label} ({drawn})"),
}
