"""The bundle's smoke test fails on any unexpected Qt warning (the frozen app is tested by
packaging/smoke_test.py in CI; here its judgement of output is checked on known lines)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def smoke():
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import smoke_test
    finally:
        sys.path.remove(str(REPO / "packaging"))
    return smoke_test


def _verdict(smoke, output: str) -> list[str]:
    return [what for pattern, what in smoke.BAD_OUTPUT if pattern.search(output)]


@pytest.mark.parametrize(
    "line",
    [
        "This plugin does not support propagateSizeHints()",
        "QPainter::begin: Paint device returned engine == 0, type: 3",
        "QWidget::setMinimumSize: (/QLabel) Negative sizes (-1,-1) are not possible",
        "qt.qpa.fonts: Populating font family aliases took 120 ms",
        "qt.text.font.db: OpenType support missing",
        "QFont::setPointSizeF: Point size <= 0 (0.000000), must be greater than 0",
        "Fontconfig error: Cannot load default config file",
    ],
)
def test_qt_warnings_fail_a_step(smoke, line):
    assert _verdict(smoke, f"tab overview: ok\n{line}\ntab trade: ok\n")


@pytest.mark.parametrize(
    "output",
    [
        "tab overview: ok\ntab trade: ok\n",
        "qftz-desktop: cannot open snapshot /tmp/garbage.sqlite:\n"
        "/tmp/garbage.sqlite: not a snapshot (not an SQLite database)\n",
        "qftz-desktop: 无法打开快照 /tmp/garbage.sqlite：\n/tmp/garbage.sqlite: 不是快照文件\n",
        "wrote /tmp/out/brief.pdf (38 pages)\n",
        "QFTZ Briefing: Qingdao FTZ Area Briefing\n",
    ],
)
def test_the_apps_own_output_passes(smoke, output):
    assert not _verdict(smoke, output)
