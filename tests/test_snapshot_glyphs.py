"""Characters no bundled font can draw: found without Qt, reported as warnings (issue 11)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factory import write_sources
from qftz_desktop.resources import resource_path
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.snapshot.glyphs import (
    describe,
    load_coverage,
    missing_characters,
    parse_coverage,
    snapshot_glyph_warnings,
)
from qftz_desktop.snapshot.reader import open_snapshot

BISMILLAH = "\ufdfd"  # ﷽, in no bundled font
GRINNING = "\U0001f600"  # 😀


def test_parse_coverage_merges_and_ignores_comments():
    cov = parse_coverage(["# header", "0041-005A", "0061", "", "0062-0063  # b c", "005B"])
    assert (cov.starts, cov.ends) == ((0x41, 0x61), (0x5B, 0x63))
    assert len(cov) == 26 + 1 + 3
    assert 0x41 in cov and 0x5B in cov and 0x63 in cov
    assert 0x40 not in cov and 0x5C not in cov and 0x64 not in cov and 0x60 not in cov
    assert "A" not in cov  # code points, not characters


@pytest.mark.parametrize(
    ("lines", "message"),
    [(["00G1"], "line 1: '00G1' is not hex"), (["# c", "0050-0040"], "line 2: '0050-0040' ends")],
)
def test_parse_coverage_errors(lines, message):
    with pytest.raises(ValueError, match=message):
        parse_coverage(lines)


def test_missing_characters_in_order_once_each():
    cov = parse_coverage(["0020-007E"])
    text = f"a{BISMILLAH}b{GRINNING}{BISMILLAH}\n\t\u200d"
    assert missing_characters(text, cov) == [BISMILLAH, GRINNING]  # controls, ZWJ: not drawn
    assert missing_characters("plain text", cov) == []


def test_describe_names_the_code_point():
    assert describe(BISMILLAH) == (
        f"U+FDFD ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM ({BISMILLAH})"
    )
    assert describe("\U000e0001").startswith("U+E0001 LANGUAGE TAG")


def test_bundled_fonts_cover_chinese_latin_and_combining_marks():
    cov = load_coverage()
    for text in ("青岛自贸片区", "Qingdao 58% ≥ ≈ → ①", "《》“”、。", "e\u0301", "ā ǚ", "㎡ ℃"):
        assert missing_characters(text, cov) == [], text
    assert missing_characters(f"{BISMILLAH}{GRINNING}", cov) == [BISMILLAH, GRINNING]


def test_coverage_file_is_what_the_fonts_map():
    """resources/fonts/coverage.txt is generated from the fonts: it must not go stale."""
    from fontTools.ttLib import TTFont

    fonts = sorted(resource_path("fonts").glob("QFTZNotoSansSC-*.ttf"))
    assert len(fonts) == 2
    common = set(TTFont(str(fonts[0]), lazy=True).getBestCmap())
    common &= set(TTFont(str(fonts[1]), lazy=True).getBestCmap())
    cov = load_coverage()
    assert len(cov) == len(common)
    assert all(cp in cov for cp in common)
    assert 0x0301 in common


def test_the_bundled_snapshot_has_no_character_the_fonts_lack(bundled_path):
    assert snapshot_glyph_warnings(open_snapshot(bundled_path)) == []


def _sources_with_rare_characters(tmp_path):
    extra = [
        ("t_banks", "2016", "36", "exact", "reported", "T2", "36家", "", f"祝福{BISMILLAH}"),
    ]
    src = write_sources(tmp_path / "src", extra)
    text = (src / "metrics.csv").read_text(encoding="utf-8")
    (src / "metrics.csv").write_text(text.replace("Test berths", f"Test berths {GRINNING}"))
    return src


def test_builder_warns_naming_file_line_metric_column_and_character(tmp_path):
    src = _sources_with_rare_characters(tmp_path)
    warnings: list = []
    build_snapshot(src, tmp_path / "out.sqlite", warnings=warnings)
    assert (tmp_path / "out.sqlite").is_file()  # a warning, not an error
    messages = sorted(w.message("en") for w in warnings)
    assert len(messages) == 2
    metric, observation = messages
    assert metric.startswith(f"{src / 'metrics.csv'}, table metrics, line 5 (id 't_berths'): ")
    assert "'name_en'" in metric and f"U+1F600 GRINNING FACE ({GRINNING})" in metric
    assert observation.startswith(
        f"{src / 'observations.csv'}, table observations, line 25 (t_banks 2016 reported): "
    )
    assert "'note'" in observation and "U+FDFD" in observation
    zh = [w.message("zh") for w in warnings]
    assert all("内置字体无法显示" in m for m in zh)


def test_build_without_a_warnings_list_still_builds(tmp_path):
    src = _sources_with_rare_characters(tmp_path)
    build_snapshot(src, tmp_path / "out.sqlite")
    assert open_snapshot(tmp_path / "out.sqlite").observations["note"].str.contains(BISMILLAH).any()


def test_snapshot_check_and_build_commands_print_the_warning(tmp_path):
    src = _sources_with_rare_characters(tmp_path)
    out = tmp_path / "out.sqlite"
    run = [sys.executable, "-m", "qftz_desktop", "snapshot"]
    build = subprocess.run(
        [*run, "build", str(src), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert build.returncode == 0, build.stderr
    assert "U+FDFD" in build.stdout and "U+1F600" in build.stdout
    check = subprocess.run(
        [*run, "check", str(out)], capture_output=True, text=True, encoding="utf-8"
    )
    assert check.returncode == 0 and check.stdout.startswith("OK ")
    assert "table observations, row 24 (t_banks 2016 reported)" in check.stdout
    assert "U+FDFD" in check.stdout and "U+1F600" in check.stdout
