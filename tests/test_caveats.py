"""Caveats travel with the value: which values carry a mark, and what the caveat says.

Expected marks and words are written down from the observation rows below (tests/factory.py
plus the extra rows here), not taken from the code under test.
"""

from __future__ import annotations

import pytest

from factory import write_sources
from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.caveats import (
    MarkBook,
    brief_caveats,
    caveat_mark,
    caveats_for,
    circled,
    point_notes,
)
from qftz_desktop.snapshot.builder import build_snapshot

EXTRA = [
    # a conflict between sources is kept in the note of the value kept (one value a period)
    (
        "t_banks",
        "2013",
        "22",
        "exact",
        "reported",
        "T1",
        "22 banks",
        "",
        "与T2不符（24家） / Conflicts with T2 (24 banks)",
    ),
    ("t_berths", "2012?", "42", "exact", "reported", "T1", "42 berths", "", ""),
    ("t_berths", "<2010-08", "30", "exact", "reported", "T2", "获批前30个", "", ""),
]


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("caveats")
    out = folder / "c.sqlite"
    build_snapshot(write_sources(folder / "src", EXTRA), out)
    return load_briefing(out)


def _point(briefing, metric_id, code):
    s = briefing.series[metric_id]
    return s, next(p for p in s.points if p.period.code == code)


def test_plain_exact_value_has_no_mark(briefing):
    s, p = _point(briefing, "t_exports", "2010")
    assert caveat_mark(p, s.metric, "zh") == ""
    assert caveats_for(p, s.metric, "zh") == ()


@pytest.mark.parametrize(
    ("metric", "code", "kind", "zh", "en"),
    [
        ("t_exports", "2013", "note", "revised", "revised"),
        (
            "t_exports",
            "2012",
            "bound",
            "下限值：来源称“超过15”",
            "a lower bound: the source says “over 15”",
        ),
        (
            "t_exports",
            "2016",
            "bound",
            "下限值：来源称“至少25”",
            "a lower bound: the source says “at least 25”",
        ),
        ("t_berths", "2012?", "inferred", "推断", "period inferred"),
        (
            "t_berths",
            "<2010-08",
            "imprecise",
            "来源未注明确切时间：2010年8月以前",
            "the source gives no exact date: before Aug 2010",
        ),
    ],
)
def test_each_kind_of_caveat_marks_the_value_and_says_why(briefing, metric, code, kind, zh, en):
    s, p = _point(briefing, metric, code)
    assert caveat_mark(p, s.metric, "zh") == "①"  # one note, numbered from ① on its own
    for lang, words in (("zh", zh), ("en", en)):
        found = [c for c in caveats_for(p, s.metric, lang) if c.kind == kind]
        assert len(found) == 1, (kind, lang)
        assert words in found[0].text


def test_conflict_note_is_a_conflict_in_the_readers_language(briefing):
    s, p = _point(briefing, "t_banks", "2013")
    (c,) = caveats_for(p, s.metric, "en")
    assert (c.kind, c.text) == ("conflict", "Conflicts with T2 (24 banks)")
    (c,) = caveats_for(p, s.metric, "zh")
    assert (c.kind, c.text) == ("conflict", "与T2不符（24家）")
    # an approximate value is not a bound: '≈' says it already, no mark
    s, p = _point(briefing, "t_exports", "2014")
    assert p.qualifier == "about" and caveat_mark(p, s.metric, "en") == ""


def test_brief_picks_this_provider(briefing):
    from qftz_desktop.domain.brief.values import default_caveats

    assert default_caveats() is brief_caveats
    s, p = _point(briefing, "t_output", "2016")
    kinds = [c.kind for c in brief_caveats(p, s.metric, "en")]
    assert kinds == ["bound"]


def test_an_undated_caveat_says_it_once(briefing):
    s, p = _point(briefing, "t_berths", "<2010-08")
    texts = {c.kind: c.text for c in caveats_for(p, s.metric, "zh")}
    assert texts["imprecise"] == "来源未注明确切时间：2010年8月以前"
    texts = {c.kind: c.text for c in caveats_for(p, s.metric, "en")}
    assert texts["imprecise"] == "the source gives no exact date: before Aug 2010"


def test_one_mark_style_numbers_each_note_once_per_surface(briefing):
    """The notes written down from the rows: 2013 'revised'; 2012 'over 15' (a lower bound);
    t_berths 2012? (inferred). One book numbers a note once, wherever it is cited."""
    book = MarkBook("en")
    s, revised = _point(briefing, "t_exports", "2013")
    _s, over = _point(briefing, "t_exports", "2012")
    _s, least = _point(briefing, "t_exports", "2016")
    b, inferred = _point(briefing, "t_berths", "2012?")
    assert book.of_point(revised, s.metric) == "①"
    assert book.of_point(over, s.metric) == "②"
    # 'at least 25' is a lower bound too: the same note, the same number
    assert book.of_point(least, s.metric) == "②"
    assert book.of_point(inferred, b.metric) == "③"
    assert book.of_point(revised, s.metric) == "①"
    assert book.lines(point_notes(over, s.metric, "en")) == [
        "② A lower bound: the source says 'over' or 'at least'; the exact value is not given."
    ]
    zh = MarkBook("zh")
    assert zh.lines(point_notes(inferred, b.metric, "zh")) == ["① 期间系根据上下文推断，来源未写明"]
    assert [circled(n) for n in (1, 20, 21, 35, 36, 50, 51)] == [
        "①",
        "⑳",
        "㉑",
        "㉟",
        "㊱",
        "㊿",
        "(51)",
    ]
