"""Numbers as a reader sees them: qualifier, value and unit in the chosen language."""

from __future__ import annotations

import math

from .i18n import tr

SYMBOLS = {"exact": "", "over": ">", "about": "≈", "at_least": "≥"}


def format_number(value: float) -> str:
    """1758 -> '1,758'; 9.7 -> '9.7'; 0.333 -> '0.333'; keeps what the source gave."""
    if not math.isfinite(value):
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text


def format_value(value: float, qualifier: str, unit: str, lang: str, unit_code: str = "") -> str:
    """'超过 700 亿吨'-style text for cards and tables (words for the qualifier)."""
    number = format_number(value)
    word = tr(f"qualifier.{qualifier}", lang) if qualifier in SYMBOLS else ""
    if unit_code == "rank":
        core = f"第{number}位" if lang == "zh" else f"No. {number}"
        return f"{word}{core}" if lang == "zh" else (f"{word} {core}" if word else core)
    sep = "" if unit in ("%", "％") else " "
    core = f"{number}{sep}{unit}" if unit else number
    if not word:
        return core
    return f"{word}{core}" if lang == "zh" else f"{word} {core}"


def format_short(value: float, qualifier: str) -> str:
    """Compact bar label: '>700', '≈18', '≥3,000', '23'."""
    return f"{SYMBOLS.get(qualifier, '')}{format_number(value)}"
