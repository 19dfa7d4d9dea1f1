"""What changed between two snapshots (domain/changes.py and ``snapshot diff``).

The 'new' snapshot is built from an edited copy of data/source; every expected change below
is written down from that edit.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qftz_desktop.domain.changes import compare, describe
from qftz_desktop.resources import data_path
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.snapshot.reader import open_snapshot

NEW_ROW = {
    "metric_id": "ftz_trade_value",
    "period": "2024",
    "value": "2600",
    "qualifier": "about",
    "status": "reported",
    "source_id": "PR2024",
    "quote": "约2600亿元",
}


def _edit_csv(path: Path, fn) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0].keys())
    rows = fn(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff")
    src = root / "src"
    shutil.copytree(data_path("source"), src)
    old = root / "old.sqlite"
    build_snapshot(src, old, created_at="2026-01-01T00:00:00Z")

    def obs(rows):
        for r in rows:
            key = (r["metric_id"], r["period"], r["status"])
            if key == ("ftz_trade_value", "2021?", "reported"):
                r["value"], r["source_id"] = "1880", "S2"  # revised, other source
            if key == ("ftz_trade_value", "2022?", "target"):
                r["value"] = "2100"  # target changed
            if key == ("ftz_trade_quarter", "2022Q1?", "reported"):
                r["note"] = "new note"
        # a new row *first*: every row id shifts by one, which must not read as a change
        return [{**{k: "" for k in rows[0]}, **NEW_ROW}] + rows

    _edit_csv(src / "observations.csv", obs)
    _edit_csv(
        src / "highlights.csv", lambda rows: [r for r in rows if r["id"] != "hl_f500_investors"]
    )
    new = root / "new.sqlite"
    build_snapshot(src, new, created_at="2026-04-01T00:00:00Z")
    return old, new


def test_changes_match_by_metric_period_status_not_row_id(pair):
    changes = compare(open_snapshot(pair[0]), open_snapshot(pair[1]))
    got = {(c.kind, c.metric_id or c.item_id, c.period) for c in changes.items}
    assert got == {
        ("observation_added", "ftz_trade_value", "2024"),
        ("value_revised", "ftz_trade_value", "2021?"),
        ("target_changed", "ftz_trade_value", "2022?"),
        ("note_changed", "ftz_trade_quarter", "2022Q1?"),
        ("highlight_removed", "hl_f500_investors", None),
    }
    assert list(changes.by_tab()) == ["trade", "finance"]  # investment is on the finance tab
    assert changes.changed_keys() == {
        ("ftz_trade_value", "2024", "reported"),
        ("ftz_trade_value", "2021?", "reported"),
        ("ftz_trade_value", "2022?", "target"),
    }


def test_a_revision_is_old_to_new_with_both_sources_never_growth(pair):
    changes = compare(open_snapshot(pair[0]), open_snapshot(pair[1]))
    rev = next(c for c in changes.items if c.kind == "value_revised")
    en = describe(rev, changes, "en")
    zh = describe(rev, changes, "zh")
    assert (
        en == "Revised: FTZ foreign trade (imports + exports), 2021, year inferred: "
        "CNY 187 bn → CNY 188 bn (source S1 → S2)"
    )
    assert zh == (
        "数值修订：片区外贸进出口额，2021年，年份为推断：1,870亿元 → 1,880亿元（来源 S1 → S2）"
    )
    for text in (en, zh):
        assert "%" not in text and "up" not in text and "增长" not in text
    added = next(c for c in changes.items if c.kind == "observation_added")
    assert describe(added, changes, "en").endswith("2024: about CNY 260 bn (source PR2024)")


def test_same_snapshot_has_no_changes(bundled_path):
    snap = open_snapshot(bundled_path)
    assert compare(snap, snap).empty


def test_cli_diff_json_and_text(pair):
    run = [sys.executable, "-m", "qftz_desktop", "snapshot", "diff", str(pair[0]), str(pair[1])]
    r = subprocess.run(run + ["--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["counts"] == {
        "observation_added": 1,
        "value_revised": 1,
        "target_changed": 1,
        "note_changed": 1,
        "highlight_removed": 1,
    }
    target = next(c for c in data["tabs"]["trade"] if c["kind"] == "target_changed")
    assert (target["old"]["value"], target["new"]["value"]) == (2000.0, 2100.0)
    r = subprocess.run(run + ["--lang", "zh"], capture_output=True, text=True)
    assert "[贸易]" in r.stdout and "目标调整：" in r.stdout
    r = subprocess.run(run[:-1] + ["/nonexistent.sqlite"], capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_brief_section_lists_before_and_now_after_the_scorecard(pair):
    from qftz_desktop.domain.brief.changes import changes_section, with_changes
    from qftz_desktop.domain.brief.compose import compose
    from qftz_desktop.domain.brief.model import Table
    from qftz_desktop.domain.brief.options import BriefOptions
    from qftz_desktop.domain.briefing import Briefing

    new = open_snapshot(pair[1])
    changes = compare(open_snapshot(pair[0]), new)
    section = changes_section(changes, "en")
    assert section.title == "What changed since 2026-01-22"
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    rows = [r.cells for r in table.rows]
    assert len(rows) == 5
    revised = next(r for r in rows if r[1] == "Revised")
    assert revised[0] == "Trade" and "2021" in revised[2]
    assert revised[3:] == ("CNY 187 bn", "CNY 188 bn", "S1 → S2")
    target = next(r for r in rows if r[1] == "Target changed")
    assert target[3:5] == ("CNY 200 bn", "CNY 210 bn")
    text = " ".join(" ".join(r) for r in rows)
    assert "%" not in text  # before and now, never a growth rate
    assert section.blocks[0].text == "What changed since 2026-01-22"  # the heading
    lead = section.blocks[1].text
    assert "1 value revised" in lead and "1 new figure" in lead  # counted as English says it
    zh_lead = changes_section(changes, "zh").blocks[1].text
    assert "数值修订1项" in zh_lead and "新数据1项" in zh_lead
    zh = changes_section(changes, "zh", limit=2)
    (zt,) = [b for b in zh.blocks if isinstance(b, Table)]
    assert len(zt.rows) == 2 and zt.note.startswith("此处列出 2 项，共 5 项")

    doc = compose(Briefing(new), BriefOptions(lang="en", brief_date="2026-04-01"))
    ids = [s.id for s in with_changes(doc, section).sections]
    assert ids[ids.index("changes") - 1] == "scorecard"


def test_export_pdf_since_adds_the_changes_page_and_pptx_a_slide(pair, tmp_path):
    from pypdf import PdfReader

    old, new = pair
    run = [sys.executable, "-m", "qftz_desktop"]
    pdf = tmp_path / "brief.pdf"
    r = subprocess.run(
        run + ["export-pdf", "--snapshot", str(new), "--since", str(old), "--out", str(pdf),
               "--lang", "en", "--date", "2026-04-01"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    reader = PdfReader(str(pdf))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert "What changed since 2026-01-22" in text
    assert "S1 → S2" in text and "CNY 188 bn" in text
    assert len(reader.pages) <= 4  # still a meeting brief
    r = subprocess.run(
        run + ["export-pdf", "--snapshot", str(new), "--since", str(old), "--kind", "full",
               "--out", str(tmp_path / "full.pdf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 2 and "--since" in r.stderr

    from pptx import Presentation

    deck = tmp_path / "deck.pptx"
    r = subprocess.run(
        run + ["export-pptx", "--snapshot", str(new), "--since", str(old), "--out", str(deck),
               "--lang", "en", "--date", "2026-04-01"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    titles = [
        shape.text_frame.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(t.startswith("What changed since 2026-01-22") for t in titles)


def test_the_meeting_deck_has_a_what_changed_slide(pair):
    """Issue 13: the deck (F5) gets a 'what changed since' slide when compared with an earlier
    snapshot — the brief's own section, revisions as before → after, never as growth."""
    from qftz_desktop.domain.briefing import Briefing
    from qftz_desktop.domain.deck import Deck, meeting_ids

    old, new = (open_snapshot(p) for p in pair)
    changes = compare(old, new)
    briefing = Briefing(new)
    assert "changes" not in Deck(briefing)  # no comparison, no slide
    deck = Deck(briefing, changes=changes)
    assert deck.ids[:2] == ("title", "changes") and meeting_ids(deck)[1] == "changes"
    slide = deck.get("changes")
    assert slide.title("zh") == f"自 {old.as_of} 以来的变化"
    assert slide.title("en") == f"What changed since {old.as_of}"
    text = "\n".join(line.text for line in slide.lines("zh"))
    # the revision of the pair fixture: 1,870 -> 1,880 亿元 (ftz_trade_value, 2021?)
    assert "1,870亿元 → 1,880亿元" in text
    assert "修订是对同一期间数值的更正，不代表增长或下降。" in text
    assert "%" not in text and "增长1" not in text  # a revision is not growth
    assert slide.source_note("zh") == ""


def test_the_windows_pdf_export_says_what_changed_while_it_compares(
    pair, qtbot, monkeypatch, tmp_path
):
    """File ▸ Export PDF while the window compares with an earlier snapshot: the meeting brief
    has 'What changed since …', as `export-pdf --since` gives it (the pair's revision: trade
    value 2021 from source S1 to S2, CNY 188 bn); the data book has no such section."""
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.changes_panel import compare_controller
    from qftz_desktop.ui.export_dialog import KIND_KEY, running_export
    from qftz_desktop.ui.main_window import MainWindow, load_briefing

    old, new = pair
    make_application()
    win = MainWindow(load_briefing(new), lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    ctrl = compare_controller(win)
    ctrl.compare_with(old)
    qtbot.waitUntil(lambda: ctrl.changes is not None, timeout=60000)

    def export(kind: str) -> str:
        out = tmp_path / f"{kind}.pdf"
        win.settings.setValue(KIND_KEY, kind)
        chosen = staticmethod(lambda *a, **k: (str(out), a[4]))  # the kind offered first
        monkeypatch.setattr(QFileDialog, "getSaveFileName", chosen)
        win.export_pdf()
        controller = running_export(win)
        qtbot.waitUntil(lambda: controller.state != "running", timeout=120000)
        assert controller.state == "done", controller.error
        return "\n".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)

    text = export("meeting")
    assert "What changed since 2026-01-22" in text
    assert "S1 → S2" in text and "CNY 188 bn" in text
    assert "What changed since" not in export("full")
    win.close()
