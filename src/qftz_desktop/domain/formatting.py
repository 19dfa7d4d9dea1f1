"""Numbers as a reader sees them: qualifier, value and unit in the chosen language.

This is the one place where a stored value becomes text. The snapshot keeps each value in the
unit its source used (580 亿元, 3,090 万标准箱, 141 百万美元); a reader of English expects
"CNY 58 bn", "30.9 m TEU", "US$141 m", and a reader of Chinese "1.41亿美元" and "58万平方米"
rather than "141 百万美元" or "580,000 平方米". Only the wording changes: the number is rescaled
exactly (decimal arithmetic, no rounding), so "580" and "CNY 58 bn" say the same thing, and the
qualifier ("over", "超过") always stays in front of the number it bounds.

Window cards, chart tooltips, slides, the PDF and CSV headers all call these functions, so a
unit reads the same way everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..text import tr

# Symbols for compact chart labels; words for text (text catalogue "qualifier.*").
SYMBOLS = {
    "exact": "",
    "over": ">",
    "about": "≈",
    "at_least": "≥",
    "under": "<",
    "at_most": "≤",
}


def _decimal(value: float) -> Decimal:
    """The shortest decimal that reads back as ``value`` (what the source wrote: 0.0004, 9.7)."""
    return Decimal(repr(float(value)))


def _plain(d: Decimal) -> str:
    """A decimal with thousands separators and no exponent, trailing zeros dropped."""
    if d == 0:
        return "0"  # also -0.0: a sign on zero means nothing to a reader
    d = d.normalize()
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}"
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def format_number(value: float) -> str:
    """1758 -> '1,758'; 9.7 -> '9.7'; 0.0004 -> '0.0004'; 1.23456 -> '1.23456'.

    Keeps every digit the source gave (the shortest decimal form of the float), never rounds:
    rounding a computed result is the job of whoever computed it (see ``domain.bounds``),
    because only they know how precise it is.
    """
    if not math.isfinite(value):
        return "—"
    return _plain(_decimal(value))


# --- units ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """Write amounts of at least ``minimum`` (in base units) as ``amount / divisor`` in
    ``pattern`` ('{n}' stands for the number)."""

    minimum: float
    divisor: int
    pattern: str


S = Step
# English: thousands separators up to a million, then m / bn / tn
_CNY_EN: tuple[Step, ...] = (
    S(0, 1, "CNY {n}"),
    S(1e6, 10**6, "CNY {n} m"),
    S(1e9, 10**9, "CNY {n} bn"),
)
_CNY_EN += (S(1e12, 10**12, "CNY {n} tn"),)
_USD_EN: tuple[Step, ...] = (
    S(0, 1, "US${n}"),
    S(1e6, 10**6, "US${n} m"),
    S(1e9, 10**9, "US${n} bn"),
)
_USD_EN += (S(1e12, 10**12, "US${n} tn"),)
_TEU_EN = (S(0, 1, "{n} TEU"), S(1e6, 10**6, "{n} m TEU"), S(1e9, 10**9, "{n} bn TEU"))
_T_EN = (S(0, 1, "{n} t"), S(1e6, 10**6, "{n} m t"), S(1e9, 10**9, "{n} bn t"))
# Chinese: counts in 万 and 亿 (58万平方米, 1.41亿美元, 1.62万亿元)
_CNY_ZH: tuple[Step, ...] = (S(0, 1, "{n}元"), S(1e4, 10**4, "{n}万元"), S(1e8, 10**8, "{n}亿元"))
_CNY_ZH += (S(1e12, 10**12, "{n}万亿元"),)
_USD_ZH: tuple[Step, ...] = (
    S(0, 1, "{n}美元"),
    S(1e4, 10**4, "{n}万美元"),
    S(1e8, 10**8, "{n}亿美元"),
)
_USD_ZH += (S(1e12, 10**12, "{n}万亿美元"),)
_TEU_ZH = (S(0, 1, "{n}标准箱"), S(1e4, 10**4, "{n}万标准箱"), S(1e8, 10**8, "{n}亿标准箱"))
_T_ZH = (S(0, 1, "{n}吨"), S(1e4, 10**4, "{n}万吨"), S(1e8, 10**8, "{n}亿吨"))
_M2_ZH = (S(0, 1, "{n}平方米"), S(1e4, 10**4, "{n}万平方米"), S(1e8, 10**8, "{n}亿平方米"))
_MU_ZH = (S(0, 1, "{n}亩"), S(1e4, 10**4, "{n}万亩"), S(1e8, 10**8, "{n}亿亩"))
_PCT = (S(0, 1, "{n}%"),)


@dataclass(frozen=True)
class Unit:
    """How one stored unit code is written.

    ``base`` is the size of one stored unit in the base unit (亿元 = 10⁸ yuan); ``en`` and
    ``zh`` list the wordings from small to large; ``stored_en`` / ``stored_zh`` name the stored
    unit itself, for a table column or a CSV header next to unscaled values.
    """

    base: int
    en: tuple[Step, ...]
    zh: tuple[Step, ...]
    stored_en: str
    stored_zh: str


UNITS: dict[str, Unit] = {
    "cny_100m": Unit(10**8, _CNY_EN, _CNY_ZH, "CNY 100 million", "亿元"),
    "usd_100m": Unit(10**8, _USD_EN, _USD_ZH, "US$100 million", "亿美元"),
    "usd_1m": Unit(10**6, _USD_EN, _USD_ZH, "US$ million", "百万美元"),
    "teu_10k": Unit(10**4, _TEU_EN, _TEU_ZH, "10,000 TEU", "万标准箱"),
    "t_100m": Unit(10**8, _T_EN, _T_ZH, "100 million t", "亿吨"),
    "m2": Unit(1, (S(0, 1, "{n} m²"),), _M2_ZH, "m²", "平方米"),
    "mu": Unit(1, (S(0, 1, "{n} mu"),), _MU_ZH, "mu", "亩"),
    "pct": Unit(1, _PCT, _PCT, "%", "%"),
}
# the test snapshot's spelling of US$ million
UNITS["usd_m"] = UNITS["usd_1m"]

# English count nouns whose singular is not the plural minus "s"
_SINGULAR = {
    "people": "person",
    "species": "species",
    "entities": "entity",
    "companies": "company",
    "factories": "factory",
    "mu": "mu",
}


def singular(noun: str) -> str:
    """'projects' -> 'project', 'companies' -> 'company', 'people' -> 'person'."""
    if noun in _SINGULAR:
        return _SINGULAR[noun]
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def count_phrase(n: int, noun: str, lang: str) -> str:
    """'2个来源' / '2 sources', '1 source': ``noun`` is the catalogue's (noun.*) — a Chinese
    measure word, or an English plural made singular for one."""
    if lang == "zh":
        return f"{format_number(n)}{noun}"
    return f"{format_number(n)} {singular(noun) if n == 1 else noun}"


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _step(amount: Decimal, unit: Unit, lang: str) -> Step:
    """The largest wording whose minimum the amount (in base units) reaches."""
    steps = unit.zh if lang == "zh" else unit.en
    return next(s for s in reversed(steps) if abs(amount) >= Decimal(repr(s.minimum)))


def _scaled(value: float, unit: Unit, lang: str) -> str:
    amount = _decimal(value) * unit.base
    step = _step(amount, unit, lang)
    return step.pattern.format(n=_plain(amount / step.divisor))


def amount_text(value: float, unit: str, lang: str, unit_code: str = "") -> str:
    """The number and its unit, no qualifier: 'CNY 58 bn', '58万平方米', 'No. 4', '1 project'.

    ``unit`` is the metric's own unit label (used for counts and for codes this module does
    not know); ``unit_code`` the stored unit code. An empty ``unit`` means the caller shows
    the unit elsewhere (a table's unit column): the number then stays in the stored scale.
    """
    if not math.isfinite(value):
        return "—"
    number = format_number(value)
    if unit_code == "rank":
        return tr("format.no", lang, number=number)
    if not unit:
        return number
    known = UNITS.get(unit_code)
    if known is not None:
        return _scaled(value, known, lang)
    if unit in ("%", "％"):
        return f"{number}%"
    if lang == "zh":
        if _is_cjk(unit[0]) and abs(value) >= 1e4:
            return f"{_plain(_decimal(value) / 10**4)}万{unit}"
        return f"{number}{unit}" if _is_cjk(unit[0]) else f"{number} {unit}"
    return f"{number} {singular(unit) if value == 1 else unit}"


def scaled_numbers(values: list[float], unit_code: str, lang: str) -> list[str]:
    """The numbers of a formula in the scale the sentence uses, without unit: 580 and 1,000
    (亿元) read '58' and '100' beside 'CNY 58 bn' and 'CNY 100 bn'. One scale for all of them
    (the largest value's), so that the arithmetic can be checked by hand."""
    unit = UNITS.get(unit_code)
    finite = [v for v in values if math.isfinite(v)]
    if unit is None or not finite:
        return [format_number(v) for v in values]
    step = _step(max(abs(_decimal(v)) for v in finite) * unit.base, unit, lang)
    return [
        _plain(_decimal(v) * unit.base / step.divisor) if math.isfinite(v) else "—" for v in values
    ]


def qualifier_word(qualifier: str, lang: str) -> str:
    """'超过' / 'over', '约' / 'about', '不到' / 'under' … ('' for exact or unknown)."""
    return tr(f"qualifier.{qualifier}", lang) if SYMBOLS.get(qualifier) else ""


def format_value(value: float, qualifier: str, unit: str, lang: str, unit_code: str = "") -> str:
    """'超过1,000亿元' / 'over CNY 100 bn' for cards, tables and sentences."""
    core = amount_text(value, unit, lang, unit_code)
    word = qualifier_word(qualifier, lang)
    if not word:
        return core
    return tr("format.qualified", lang, word=word, core=core)


def unit_label(unit_code: str, lang: str, authored: str = "") -> str:
    """The stored unit named for a reader, for a column or CSV header beside stored numbers:
    'CNY 100 million' / '亿元'. Falls back to the snapshot's own label (``authored``)."""
    if unit_code == "rank":
        return tr("format.rank", lang)
    known = UNITS.get(unit_code)
    if known is not None:
        return known.stored_zh if lang == "zh" else known.stored_en
    return authored


def format_short(value: float, qualifier: str) -> str:
    """Compact bar label in the stored scale: '>700', '≈18', '≥3,000', '23'."""
    return f"{SYMBOLS.get(qualifier, '')}{format_number(value)}"
