"""The builder: reproducible content ids, atomic writes, clear errors on bad sources."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from factory import write_sources
from qftz_desktop.resources import data_path
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.snapshot.issues import SnapshotError
from qftz_desktop.snapshot.reader import open_snapshot

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def test_same_sources_same_content_id(tmp_path):
    src = write_sources(tmp_path / "src")
    a = build_snapshot(src, tmp_path / "a.sqlite", created_at="2020-01-01T00:00:00Z")
    b = build_snapshot(src, tmp_path / "b.sqlite", created_at="2024-05-05T00:00:00Z")
    assert a == b
    assert open_snapshot(tmp_path / "b.sqlite").meta["created_at"] == "2024-05-05T00:00:00Z"


def test_same_options_same_bytes(tmp_path):
    src = write_sources(tmp_path / "src")
    build_snapshot(src, tmp_path / "a.sqlite")
    build_snapshot(src, tmp_path / "b.sqlite")
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()


def test_changed_value_changes_content_id(tmp_path):
    src = write_sources(tmp_path / "src")
    a = build_snapshot(src, tmp_path / "a.sqlite")
    text = (src / "observations.csv").read_text(encoding="utf-8")
    (src / "observations.csv").write_text(text.replace(",12.5,", ",12.6,"), encoding="utf-8")
    assert build_snapshot(src, tmp_path / "b.sqlite") != a


def test_bad_source_names_csv_line_and_keeps_old_file(tmp_path):
    src = write_sources(tmp_path / "src")
    out = tmp_path / "out.sqlite"
    build_snapshot(src, out)
    before = out.read_bytes()
    text = (src / "observations.csv").read_text(encoding="utf-8")
    (src / "observations.csv").write_text(text.replace(",12.5,", ",twelve,"), encoding="utf-8")
    with pytest.raises(SnapshotError) as info:
        build_snapshot(src, out)
    message = str(info.value)
    assert "observations.csv" in message and "line 3" in message and "twelve" in message
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sqlite", "src"]


def test_a_cell_longer_than_the_csv_default_limit_builds(tmp_path):
    # Found by the random fuzz profile: a quote of more than 131,072 characters (the csv
    # module's default limit) was refused as "field larger than field limit". It is valid.
    src = write_sources(tmp_path / "src")
    path = src / "observations.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    long_quote = "青岛自贸片区" * 35_000  # 210,000 characters
    rows[0]["quote"] = long_quote
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    build_snapshot(src, tmp_path / "long.sqlite")
    snap = open_snapshot(tmp_path / "long.sqlite", full=True)
    assert snap.observations["quote"].iloc[0] == long_quote


def test_missing_source_file(tmp_path):
    src = write_sources(tmp_path / "src")
    (src / "highlights.csv").unlink()
    with pytest.raises(SnapshotError, match="highlights.csv"):
        build_snapshot(src, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


# --- the bundled snapshot -------------------------------------------------------------------


def test_bundled_snapshot_matches_its_sources(tmp_path, bundled_path):
    rebuilt = build_snapshot(data_path("source"), tmp_path / "rebuilt.sqlite")
    assert open_snapshot(bundled_path, full=True).content_id == rebuilt


def test_every_observation_has_a_source_and_its_evidence(bundled_path):
    snap = open_snapshot(bundled_path, full=True)
    obs = snap.observations
    assert obs["source_id"].isin(snap.sources["id"]).all()
    reported = obs[obs["status"].isin(["reported", "target"])]
    assert reported["quote"].map(lambda q: bool(q and q.strip())).all()
    derived = obs[obs["status"] == "derived"]
    assert derived["formula"].map(lambda f: bool(f and f.strip())).all()


def _plain(text: str) -> str:
    """Fold quotation marks and full-width punctuation, which the seed files write both ways."""
    table = str.maketrans({"“": '"', "”": '"', "，": ",", "；": ";", "：": ":", "、": "、"})
    return text.translate(table)


def _seed_refs() -> list[str]:
    text = (SEED / "FIGURES.md").read_text(encoding="utf-8")
    return re.findall(r"^\| ((?:INN|INV|TRD|SHP|FIN|IND)-\d+) \|", text, flags=re.M)


# The ids of every figure in ../shared/seed/FIGURES.md, kept in the repo so the check runs
# even where the seed folder is not beside the checkout; compared with the seed when it is.
FIGURE_IDS = Path(__file__).resolve().parent / "data" / "seed-figure-ids.txt"


def test_every_press_release_figure_is_present(bundled_path):
    snap = open_snapshot(bundled_path)
    refs = set(snap.observations["ref"].dropna()) | set(snap.highlights["ref"].dropna())
    expected = FIGURE_IDS.read_text(encoding="utf-8").split()
    assert len(expected) == 37
    assert sorted(set(expected) - refs) == []


@pytest.mark.skipif(not (SEED / "FIGURES.md").is_file(), reason="seed folder not beside repo")
def test_figure_id_list_matches_the_seed():
    assert FIGURE_IDS.read_text(encoding="utf-8").split() == _seed_refs()


# The press release and the excerpts of PUBLISHED_FIGURES_2.md, kept in the repo so the quote
# checks always run (they used to be skipped where the seed folder is not beside the checkout).
SEED_COPY = Path(__file__).resolve().parent / "data" / "seed"
SEED_FILES = ("press-release-2024-06-26.zh.txt", "PUBLISHED_FIGURES_2.md")


def test_every_reported_figure_is_quoted_from_the_press_release(bundled_path):
    snap = open_snapshot(bundled_path)
    pr = data_path("source", "observations.csv")
    with pr.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source_id"] == "PR2024" and r["quote"]]
    assert len(rows) >= 25, "the press release is the main source"
    text = _plain((SEED_COPY / SEED_FILES[0]).read_text(encoding="utf-8"))
    for r in rows:
        assert _plain(r["quote"]) in text, f"quote not in press release: {r['quote']}"
    highlights = snap.highlights[snap.highlights["source_id"] == "PR2024"]["quote"].dropna()
    assert len(highlights) >= 10
    for quote in highlights:
        assert _plain(quote) in text, f"quote not in press release: {quote}"
    assert len(snap.observations) >= 60


@pytest.mark.parametrize("name", SEED_FILES)
@pytest.mark.skipif(not SEED.is_dir(), reason="seed folder not beside repo")
def test_seed_copies_match_the_seed(name):
    assert (SEED_COPY / name).read_bytes() == (SEED / name).read_bytes()


def test_the_zone_lines_are_quoted_from_their_sources(bundled_path):
    """The meeting brief's 'zone in three lines' (what, approved when, where) are reported
    text: each quote is in the press release of 26 June 2024; the launch month is S5's (its
    title names the launch, '挂牌', and it is dated August 2019)."""
    meta = open_snapshot(bundled_path).meta
    text = _plain((SEED_COPY / SEED_FILES[0]).read_text(encoding="utf-8"))
    for line in ("about", "approved", "where"):
        assert meta[f"zone_{line}_zh"] and meta[f"zone_{line}_en"]
        assert meta[f"zone_{line}_source"].split(",")[0] == "PR2024"
        assert _plain(meta[f"zone_{line}_quote"]) in text, meta[f"zone_{line}_quote"]
    approved = meta["zone_approved_zh"]
    assert "获批近五年来" in approved and "2019年8月挂牌" in approved
    assert meta["zone_approved_source"] == "PR2024,S5"
    with data_path("source", "sources.csv").open(encoding="utf-8") as fh:
        s5 = next(r for r in csv.DictReader(fh) if r["id"] == "S5")
    assert s5["title"].endswith("青岛片区挂牌") and s5["date"] == "2019-08"
