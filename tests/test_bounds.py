"""Interval arithmetic for derived values (domain.bounds): qualifiers propagate, bounds are
rounded outwards, precision follows the inputs, and growth from a tiny or mixed base is not a
percentage. Each case is written down by hand, with its words in both languages."""

from __future__ import annotations

import pytest

from qftz_desktop.domain.bounds import (
    Bounded,
    Said,
    decimals,
    difference,
    growth,
    ratio_pct,
    say,
    significant_digits,
)
from qftz_desktop.domain.formatting import format_value
from qftz_desktop.domain.narrative import change_phrase, points_phrase

B = Bounded.of


def _ratio_words(said: Said | None, lang: str) -> str | None:
    return None if said is None else format_value(said.value, said.qualifier, "%", lang, "pct")


# part, whole -> share of the target, in English and Chinese (None: no statement)
RATIO_CASES = [
    ((580, "exact"), (1000, "over"), "under 58%", "不到58%"),  # the case
    ((580, "exact"), (1000, "at_least"), "at most 58%", "至多58%"),
    ((260, "over"), (1000, "exact"), "over 26%", "超过26%"),
    ((1870, "exact"), (2000, "exact"), "93.5%", "93.5%"),
    ((1133.3, "about"), (2000, "exact"), "about 56.7%", "约56.7%"),
    ((580, "exact"), (1000, "about"), "about 58%", "约58%"),
    ((571.4, "exact"), (1000, "over"), "under 57.2%", "不到57.2%"),  # rounded up: still true
    ((260.06, "over"), (1000, "exact"), "over 26%", "超过26%"),  # rounded down: still true
    ((1, "exact"), (3, "exact"), "33%", "33%"),  # at least 2 digits, not "30%"
    ((300, "over"), (1000, "over"), None, None),  # "over" of "over": could be anything
    ((18, "about"), (25, "at_least"), None, None),  # "at most about 72%" says nothing usable
    ((5, "exact"), (0, "exact"), None, None),  # no ratio to zero
]


@pytest.mark.parametrize(("part", "whole", "en", "zh"), RATIO_CASES)
def test_share_of_a_target(part, whole, en, zh):
    said = ratio_pct(B(*part), B(*whole))
    assert _ratio_words(said, "en") == en
    assert _ratio_words(said, "zh") == zh


# from, to -> the change in words (None: no sentence)
GROWTH_CASES = [
    ((8498, "exact"), (9117.2, "exact"), "up 7.3%", "增长7.3%"),
    ((10, "exact"), (14, "exact"), "up 40%", "增长40%"),
    ((14, "exact"), (10, "exact"), "down 29%", "下降29%"),
    ((1133.3, "about"), (1870, "exact"), "up about 65%", "增长约65%"),
    ((68, "exact"), (285, "exact"), "4.2 times", "4.2倍"),  # not "up 319.1%"
    ((68, "exact"), (300, "over"), "over 4.4 times", "4.4倍以上"),  # a bound stays a bound
    ((100, "exact"), (200, "exact"), "2 times", "2倍"),
    ((68, "about"), (285, "exact"), "about 4.2 times", "约4.2倍"),
    ((100, "exact"), (199, "exact"), "up 99%", "增长99%"),
    ((0.001, "exact"), (1e9, "exact"), None, None),  # never "up 99,999,999,999,900%"
    ((1, "exact"), (150, "exact"), None, None),  # over a hundredfold: not a growth
    ((0, "exact"), (10, "exact"), None, None),  # zero base
    ((-5, "exact"), (10, "exact"), None, None),  # mixed signs
    ((3090, "exact"), (3000, "over"), None, None),  # rise or fall: undecided
    ((2000, "over"), (3000, "at_least"), None, None),  # unbounded base
    ((100, "exact"), (120, "over"), "up over 20%", "增长超过20%"),
    ((100, "exact"), (80, "over"), None, None),  # over 80 may be a rise or a fall
    ((100, "about"), (80, "exact"), "down about 20%", "下降约20%"),
]


@pytest.mark.parametrize(("a", "b", "en", "zh"), GROWTH_CASES)
def test_growth_in_words(a, b, en, zh):
    change = growth(B(*a), B(*b))
    if en is None:
        assert change is None
        return
    assert change is not None
    assert change_phrase(change, "en") == en
    assert change_phrase(change, "zh") == zh


# from, to -> percentage points
POINTS_CASES = [
    ((16, "exact"), (23, "exact"), "up 7 percentage points", "提高7个百分点"),
    ((7.5, "exact"), (6.1, "exact"), "down 1.4 percentage points", "下降1.4个百分点"),
    ((4.1, "exact"), (9.7, "exact"), "up 5.6 percentage points", "提高5.6个百分点"),
    ((20, "exact"), (31, "over"), "up over 11 percentage points", "提高超过11个百分点"),
    ((22, "about"), (23, "exact"), "up about 1 percentage point", "提高约1个百分点"),
    ((26, "over"), (31, "over"), None, None),
    ((30, "over"), (20, "exact"), "down over 10 percentage points", "下降超过10个百分点"),
    ((20, "exact"), (31, "at_least"), "up at least 11 percentage points", "提高至少11个百分点"),
]


@pytest.mark.parametrize(("a", "b", "en", "zh"), POINTS_CASES)
def test_percentage_points(a, b, en, zh):
    said = difference(B(*a), B(*b))
    if en is None:
        assert said is None
        return
    assert said is not None
    assert points_phrase(said, "en") == en
    assert points_phrase(said, "zh") == zh


@pytest.mark.parametrize(
    ("value", "digits", "places"),
    [(580, 3, 0), (1000, 4, 0), (9117.2, 5, 1), (0.0004, 1, 4), (1.72, 3, 2), (0, 1, 0)],
)
def test_precision_of_an_input(value, digits, places):
    assert significant_digits(value) == digits
    assert decimals(value) == places


def test_intervals_from_qualifiers():
    assert B(300, "over") == Bounded(300, float("inf"), low_open=True, digits=3)
    assert B(3000, "at_least").low == 3000 and not B(3000, "at_least").low_open
    assert B(18, "about").approx and B(18, "about").is_point
    assert say(B(300, "over")) == Said("over", 300)
    assert say(B(18, "about")) == Said("about", 18)
    # a range bounded on both sides is no single statement
    assert say(Bounded(40, 60)) is None


def test_percentage_points_that_do_not_say_which_way():
    # b "under 30" from 20: anything below +10 points, a fall included: no words
    said = difference(B(20), B(30, "under"))
    assert said == Said("under", 10)
    assert points_phrase(said, "en") == "" and points_phrase(said, "zh") == ""
    # no change
    assert points_phrase(Said("about", 0), "en") == ""
    # b − a "over −10": a fall of under 10 points or a rise
    assert points_phrase(Said("over", -10), "en") == ""
    assert points_phrase(Said("at_least", -10), "zh") == ""
