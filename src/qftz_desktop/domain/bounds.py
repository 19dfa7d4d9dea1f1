"""Values with their bounds, for anything the brief computes from reported figures.

A source says "over 1,000", "about 18", "at least 3,000": each is an interval, not a number.
Computing with the number alone turns a bound into a false exact value (580 of a target of
"over 1,000" is *under* 58 %, not 58 %). This module does the arithmetic on intervals and says
the result the way it may honestly be said:

* qualifiers propagate: a ratio to an "over" denominator is an upper bound ("under 58 %"); a
  value derived from an "about" is approximate; an interval bounded on both sides that is not a
  single value cannot be said as one number, so nothing is said;
* bounds are rounded *outwards* (an upper bound up, a lower bound down), so a rounded bound is
  still true;
* precision follows the inputs: a result keeps no more significant digits than its least
  precise input, and a percentage at most one decimal (no 319.1 % from counts of 68 and 285);
* growth from a tiny, zero, negative or mixed-sign base is not a percentage: a rise to twice the
  base or more is said as a multiple ("×4.2"), and a ratio beyond :data:`MAX_MULTIPLE` is not
  said at all (0.001 → 1e9 is a change of definition, not growth).

Qt-free and small, so that the narrative, the PDF and tests share one arithmetic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

INF = math.inf
MAX_MULTIPLE = 100.0  # beyond ×100 a "growth" compares two different things
MULTIPLE_FROM = 2.0  # from twice the base on, a multiple reads better than "+250 %"
PCT_DECIMALS = 1
MIN_DIGITS = 2


def significant_digits(value: float) -> int:
    """Digits the source wrote: 580 -> 3, 1000 -> 4 (a reported figure's zeros count),
    9117.2 -> 5, 0.0004 -> 1, 1.72 -> 3."""
    if not math.isfinite(value) or value == 0:
        return 1
    if float(value).is_integer():
        return len(str(abs(int(value))))
    digits = Decimal(repr(abs(float(value)))).normalize().as_tuple().digits
    return len(digits)


def decimals(value: float) -> int:
    """Decimal places the source wrote: 9.7 -> 1, 23 -> 0, 0.0004 -> 4."""
    if not math.isfinite(value) or float(value).is_integer():
        return 0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


@dataclass(frozen=True)
class Bounded:
    """A value known to lie between ``low`` and ``high`` (either may be infinite).

    ``low_open`` / ``high_open``: the bound itself is excluded ("over 300" is (300, ∞)).
    ``approx``: the value is itself approximate ("about 18").
    ``digits``: significant digits of the least precise input.
    ``places``: decimal places of the most precise input (for sums and differences).
    """

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    approx: bool = False
    digits: int = 15
    places: int = 0

    @classmethod
    def of(cls, value: float, qualifier: str = "exact") -> Bounded:
        """The interval a qualified figure stands for."""
        d, p = significant_digits(value), decimals(value)
        if qualifier == "over":
            return cls(value, INF, low_open=True, digits=d, places=p)
        if qualifier == "at_least":
            return cls(value, INF, digits=d, places=p)
        if qualifier == "under":
            return cls(-INF, value, high_open=True, digits=d, places=p)
        if qualifier == "at_most":
            return cls(-INF, value, digits=d, places=p)
        return cls(value, value, approx=qualifier == "about", digits=d, places=p)

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def _join(self, other: Bounded, low: float, high: float, lo: bool, ho: bool) -> Bounded:
        return Bounded(
            low,
            high,
            lo,
            ho,
            self.approx or other.approx,
            min(self.digits, other.digits),
            max(self.places, other.places),
        )

    def minus(self, other: Bounded) -> Bounded:
        """self − other: [a.low − b.high, a.high − b.low]."""
        low = self.low - other.high if math.isfinite(self.low - other.high) else -INF
        high = self.high - other.low if math.isfinite(self.high - other.low) else INF
        return self._join(
            other, low, high, self.low_open or other.high_open, self.high_open or other.low_open
        )

    def over(self, other: Bounded) -> Bounded | None:
        """self ÷ other for positive quantities, or None when the base may be zero or less."""
        if other.low <= 0 or self.low < 0:
            return None
        low = self.low / other.high if other.high != INF else 0.0
        high = self.high / other.low
        lo = (self.low_open or other.high_open) if other.high != INF else False
        return self._join(other, low, high, lo, self.high_open or other.low_open)

    def times(self, k: float) -> Bounded:
        """self × k for a positive exact constant (e.g. 100 for a percentage)."""
        return Bounded(
            self.low * k,
            self.high * k,
            self.low_open,
            self.high_open,
            self.approx,
            self.digits,
            self.places,
        )


@dataclass(frozen=True)
class Said:
    """A result as it may be said: qualifier ('exact', 'about', 'over', 'at_least', 'under',
    'at_most') and the rounded number."""

    qualifier: str
    value: float


def _clean(x: float) -> float:
    return float(f"{x:.12g}") if math.isfinite(x) else x


def _round(x: float, digits: int, places: int | None, mode: str) -> float:
    """Round ``x`` to ``digits`` significant digits and at most ``places`` decimals."""
    if x == 0 or not math.isfinite(x):
        return x
    d = Decimal(repr(x))
    exp_sig = d.adjusted() - digits + 1  # exponent of the last significant digit kept
    exp = exp_sig if places is None else max(exp_sig, -places)
    quantum = Decimal(1).scaleb(exp)
    return float(d.quantize(quantum, rounding=mode))


def say(
    b: Bounded | None, digits: int | None = None, places: int | None = PCT_DECIMALS
) -> Said | None:
    """How ``b`` may be said, rounded to its precision; None when it is no single statement.

    ``digits`` caps the significant digits (default: the inputs'); ``places`` the decimals.
    A lower bound is rounded down and an upper bound up, so that the words stay true.
    """
    if b is None:
        return None
    if b.approx and not b.is_point:
        return None  # "at most about 72 %" bounds nothing a reader can use
    # float noise (580 / 1000 * 100 = 57.99999999999999) is not information
    b = replace(b, low=_clean(b.low), high=_clean(b.high))
    # at least MIN_DIGITS: 1 of 3 is 33 %, not 30 %
    n = max(MIN_DIGITS, b.digits if digits is None else min(digits, b.digits))
    if b.is_point:
        if not math.isfinite(b.low):
            return None
        value = _round(b.low, n, places, ROUND_HALF_EVEN)
        return Said("about" if b.approx else "exact", value)
    if math.isfinite(b.low) and b.high == INF:
        if b.low <= 0:
            return None  # "at least 0": says nothing
        low = _round(b.low, n, places, ROUND_FLOOR)
        strict = b.low_open or low < b.low
        return Said("over" if strict else "at_least", low)
    if math.isfinite(b.high) and b.low in (-INF, 0.0):
        high = _round(b.high, n, places, ROUND_CEILING)
        strict = b.high_open or high > b.high
        return Said("under" if strict else "at_most", high)
    return None  # a range such as "between 40 % and 60 %": not one figure


def difference(a: Bounded, b: Bounded) -> Said | None:
    """b − a (e.g. percentage points), to the decimals of the inputs."""
    diff = b.minus(a)
    places = max(a.places, b.places)
    return say(diff, digits=15, places=places)


def ratio_pct(part: Bounded, whole: Bounded) -> Said | None:
    """part ÷ whole as a percentage (progress towards a target)."""
    r = part.over(whole)
    return say(r.times(100.0) if r is not None else None)


@dataclass(frozen=True)
class Change:
    """A growth said as a percentage ('pct', +/−) or as a multiple ('times')."""

    kind: str  # "pct" or "times"
    said: Said
    up: bool


def growth(a: Bounded, b: Bounded) -> Change | None:
    """The change from ``a`` to ``b``, or None when it should not be said as a growth."""
    if a.low <= 0 or b.low < 0 or not (math.isfinite(a.high)):
        return None  # zero, negative, mixed-sign or unbounded base
    r = b.over(a)
    if r is None:
        return None
    if r.low > MAX_MULTIPLE:
        return None
    if r.low >= MULTIPLE_FROM:
        said = say(r, digits=2, places=1)
        return Change("times", said, True) if said is not None else None
    if r.is_point and r.low == 1.0:
        return Change("pct", Said("about" if r.approx else "exact", 0.0), True)
    if r.low >= 1.0:
        said = say(r.minus(Bounded(1.0, 1.0)).times(100.0))
        return Change("pct", said, True) if said is not None else None
    if r.high <= 1.0:
        fall = Bounded(1.0, 1.0).minus(r).times(100.0)
        # a fall's bounds swap: b "over" makes the fall "under"
        said = say(fall)
        return Change("pct", said, False) if said is not None else None
    return None  # the bounds allow both a rise and a fall
