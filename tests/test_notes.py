"""The presenter's notes store: targets, file format, merging on import, orphans (no Qt)."""

from __future__ import annotations

import json

import pytest

from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.deck import Deck
from qftz_desktop.domain.notes import (
    NoteBook,
    NotesFileError,
    chart_target,
    known_targets,
    notes_for_slides,
    slide_target,
    tab_target,
)

OLD, NEW = "a" * 64, "b" * 64


def test_targets_spell_out_what_they_point_at():
    assert tab_target("trade") == "tab:trade"
    assert chart_target("chart:x") == "chart:x" == chart_target("x")
    # a chart slide's note is its chart's note; the title slide's is the cover's
    assert slide_target("trade/chart:x", "chart", "trade") == "chart:x"
    assert slide_target("title", "title") == "cover"
    assert slide_target("kpis:1", "kpis") == "slide:kpis:1"


def test_set_get_and_remove_with_empty_text():
    book = NoteBook()
    assert book.set(OLD, "cover", "  Open with the port.\r\n  ")
    assert book.get(OLD, "cover") == "Open with the port."
    assert not book.set(OLD, "cover", "Open with the port.")  # nothing changed
    assert book.set(OLD, "cover", "   ")
    assert book.get(OLD, "cover") == "" and len(book) == 0
    with pytest.raises(ValueError):
        book.set(OLD, "nonsense", "x")


def test_file_round_trip_keeps_both_languages(tmp_path):
    book = NoteBook()
    book.set(OLD, "tab:trade", "先讲进出口总额，再讲结构。", label="青岛片区")
    book.set(OLD, "chart:x", "Mention the 2023 dip.")
    path = tmp_path / "n.json"
    book.save(path)
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "qftz-notes" and data["version"] == 1
    assert data["snapshots"][OLD]["notes"]["tab:trade"] == "先讲进出口总额，再讲结构。"
    again = NoteBook.load(path)
    assert again.notes(OLD) == book.notes(OLD)
    assert again.label(OLD) == "青岛片区"
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"not json", "not valid UTF-8 JSON"),
        (b'{"format": "other"}', "not a QFTZ Briefing notes file"),
        (b'{"format": "qftz-notes", "version": 99, "snapshots": {}}', "newer version"),
        (b'{"format": "qftz-notes", "version": 1}', "no 'snapshots'"),
        (
            b'{"format": "qftz-notes", "version": 1, "snapshots": {"x": {"notes": {"bad": 1}}}}',
            "malformed",
        ),
    ],
)
def test_bad_files_give_a_message_naming_the_file(tmp_path, content, needle):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(NotesFileError) as info:
        NoteBook.load(path)
    assert str(path) in info.value.message("en") and needle in info.value.message("en")
    assert str(path) in info.value.message("zh")


def test_missing_file_is_empty_only_when_allowed(tmp_path):
    assert len(NoteBook.load(tmp_path / "none.json", missing_ok=True)) == 0
    with pytest.raises(NotesFileError):
        NoteBook.load(tmp_path / "none.json")


def test_merge_adds_keeps_and_combines_without_losing_a_word():
    mine, theirs = NoteBook(), NoteBook()
    mine.set(OLD, "cover", "Mine.")
    mine.set(OLD, "tab:trade", "Same.")
    theirs.set(OLD, "tab:trade", "Same.")
    theirs.set(OLD, "cover", "Theirs.")
    theirs.set(OLD, "tab:shipping", "Only theirs.")
    report = mine.merge(theirs, OLD, "li.json")
    assert mine.get(OLD, "tab:shipping") == "Only theirs."
    assert mine.get(OLD, "tab:trade") == "Same."
    assert mine.get(OLD, "cover") == "Mine.\n\n— li.json —\nTheirs."
    assert (report.added, report.unchanged, report.combined) == (1, 1, [(OLD, "cover")])
    # importing the same file again changes nothing
    again = mine.merge(theirs, OLD, "li.json")
    assert not again.changed and mine.get(OLD, "cover") == "Mine.\n\n— li.json —\nTheirs."


def test_notes_of_another_snapshot_are_applied_to_the_one_shown_and_kept_under_their_own():
    mine, theirs = NoteBook(), NoteBook()
    theirs.set(OLD, "chart:gone", "A chart this snapshot lacks.")
    report = mine.merge(theirs, NEW)
    assert report.carried == 1
    assert mine.get(OLD, "chart:gone") == "A chart this snapshot lacks."
    assert mine.orphans(NEW, ["cover"]) == {"chart:gone": "A chart this snapshot lacks."}


def test_carry_over_to_a_new_snapshot_keeps_the_old_group():
    book = NoteBook()
    book.set(OLD, "cover", "Old cover note.")
    assert book.carry_over(OLD, NEW) == 1
    assert book.get(NEW, "cover") == "Old cover note." == book.get(OLD, "cover")
    book.set(NEW, "cover", "New.")
    assert book.carry_over(OLD, NEW) == 0  # the new snapshot has notes of its own now
    assert book.get(NEW, "cover") == "New."


def test_orphans_on_the_bundled_deck(bundled_path):
    briefing = load_briefing(bundled_path)
    deck = Deck(briefing)
    slides = [(s.id, s.kind, s.tab) for s in deck.slides]
    targets = known_targets([t.id for t in briefing.tabs], slides)
    chart = next(s for s in deck.slides if s.kind == "chart")
    assert chart.chart is not None and chart.chart.id in targets
    assert "tab:trade" in targets and "cover" in targets
    book = NoteBook()
    cid = briefing.snapshot.content_id
    book.set(cid, chart.chart.id, "Kept.")
    book.set(cid, "chart:no_such_metric", "Orphan.")
    assert book.orphans(cid, targets) == {"chart:no_such_metric": "Orphan."}


def test_a_tab_note_shows_once_on_the_tabs_first_slide():
    notes = {"tab:trade": "Trade intro.", "chart:c2": "C2.", "cover": "Hello."}
    slides = [
        ("title", "title", None),
        ("trade/chart:c1", "chart", "trade"),
        ("trade/chart:c2", "chart", "trade"),
    ]
    got = notes_for_slides(notes, slides)
    assert [n.text() for n in got] == ["Hello.", "Trade intro.", "C2."]


def test_own_takeaways_keep_the_computed_sentence_through_file_merge_and_carry_over(tmp_path):
    """An own takeaway (takeaway:chart:<key>) travels with the computed sentence it replaced:
    saved, loaded, merged into another notebook and carried to a new snapshot; removing it
    (restore computed) removes both."""
    from qftz_desktop.domain.notes import NoteBook, takeaway_target

    target = takeaway_target("chart:ftz_trade_value")
    assert target == "takeaway:chart:ftz_trade_value"
    computed = {
        "zh": "片区外贸进出口额：2021年为1,890亿元。",
        "en": "FTZ trade: CNY 189 bn (2021).",
    }
    book = NoteBook()
    assert book.set_takeaway("old", "chart:ftz_trade_value", "Trade first.", computed)
    assert book.get("old", target) == "Trade first." and book.computed("old", target) == computed
    path = tmp_path / "n.json"
    book.save(path)
    data = json.loads(path.read_text("utf-8"))["snapshots"]["old"]
    assert data["computed"] == {target: computed}
    loaded = NoteBook.load(path)
    assert loaded.computed("old", target) == computed
    other = NoteBook()
    other.merge(loaded)
    assert other.get("old", target) == "Trade first." and other.computed("old", target) == computed
    assert other.carry_over("old", "new") == 1
    assert other.computed("new", target) == computed
    # restore computed: the words and the sentence they replaced go together
    assert other.set_takeaway("new", "chart:ftz_trade_value", "")
    assert other.get("new", target) == "" and other.computed("new", target) == {}
    assert "new" not in json.loads(other.to_json())["snapshots"]
