"""The short texts that go with a chart or a figure, written once for every output (no Qt).

The window's chart panels and cards, the slides and the PDF used to build these lines each in
their own way (and they had started to differ). Call these instead:

* :func:`scope_unit_line` — "范围：青岛港 · 单位：万标准箱" under a chart title;
* :func:`card_period_text` — "2024年 · 公开报道" (and "2023年无数据，显示最近一期" when the
  focused year has no value) under a card's value;
* :func:`value_with_mark` — a value as printed, with its caveat mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import tr
from .caveats import caveat_mark

if TYPE_CHECKING:
    from .briefing import ChartSpec, Metric, Point


def _sep(lang: str) -> str:
    return tr("punct.colon", lang)


def scope_unit_line(subject: ChartSpec | Metric, lang: str) -> str:
    """'范围：青岛港 · 单位：万标准箱' / 'Scope: Qingdao Port · Unit: 10,000 TEU'."""
    sep = _sep(lang)
    return (
        f"{tr('label.scope', lang)}{sep}{subject.scope_label(lang)} · "
        f"{tr('label.unit', lang)}{sep}{subject.unit_label(lang)}"
    )


def card_period_text(point: Point, lang: str, year: int | None = None, exact: bool = True) -> str:
    """The line under a card's value: its period and status, and, when a focused ``year`` has
    no value (``exact`` False), that the latest value is shown instead."""
    text = f"{point.period.label(lang)} · {tr(f'status.{point.status}', lang)}"
    if year is not None and not exact:
        text += " · " + tr("label.no_data_year", lang, year=year)
    return text


def value_with_mark(point: Point, metric: Metric, lang: str) -> str:
    """'超过3,000万标准箱①②': the value as printed, with its caveat marks (numbered from ①:
    a value shown on its own, whose notes its tooltip lists under the same numbers)."""
    return point.value_text(metric, lang) + caveat_mark(point, metric, lang)
