"""The window against hostile input: markup in the data, broken files, unexpected errors."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from factory import write_sources
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.ui.app import install_excepthook, make_application
from qftz_desktop.ui.main_window import TAB_IDS, MainWindow, load_briefing

HOSTILE = "<b>粗体</b><img src=x onerror=alert(1)>'; DROP TABLE observations; --"


@pytest.fixture
def hostile_snapshot(tmp_path) -> Path:
    src = write_sources(tmp_path / "src")
    for name in ("metrics.csv", "highlights.csv", "sources.csv"):
        path = src / name
        text = path.read_text(encoding="utf-8")
        text = text.replace("测试出口额", "测试出口额" + HOSTILE.replace(",", " "))
        # a metric of a two-series chart: its name stands in the chart's legend
        text = text.replace("测试进口额", "测试进口额" + HOSTILE.replace(",", " "))
        text = text.replace("测试亮点", HOSTILE.replace(",", " "))
        text = text.replace("QFTZ test suite", "<i>suite</i> &amp; <script>x</script>")
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "hostile.sqlite"
    build_snapshot(src, out)
    return out


def test_snapshot_strings_are_plain_text(qtbot, hostile_snapshot):
    make_application()
    win = MainWindow(load_briefing(hostile_snapshot), lang="zh")
    qtbot.addWidget(win)
    win.show()
    markup_seen = 0
    chart_markup_seen = 0
    for tab_id in TAB_IDS:
        page = win.page(tab_id)
        for label in page.findChildren(QLabel):
            if "<" in label.text():
                markup_seen += 1
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        for panel in page.panels:
            plot = panel.chart.plotItem
            # pyqtgraph's axis and legend labels are rich text: what they *show* must be the
            # hostile string itself, tags and all, never bold text or an image
            shown = [plot.getAxis("left").label.toPlainText()]
            if plot.legend is not None:
                shown += [label.item.toPlainText() for _sample, label in plot.legend.items]
            for text in shown:
                if "粗体" in text:
                    chart_markup_seen += 1
                    assert "<b>粗体</b><img src=x onerror=alert(1)>" in text, text
        for card in page.cards:
            # tooltips are escaped HTML: the literal tag must survive as text
            assert "<b>粗体" not in card.toolTip()
    assert markup_seen >= 2, "the hostile strings are on screen"
    assert chart_markup_seen >= 1, "the hostile name is in a chart's legend"


def test_unexpected_error_shows_dialog_logs_and_keeps_running(qtbot, tmp_path, test_snapshot_path):
    make_application()
    win = MainWindow(load_briefing(test_snapshot_path))
    qtbot.addWidget(win)
    win.show()
    log = tmp_path / "app.log"
    import logging

    handler = logging.FileHandler(log, encoding="utf-8")
    logging.getLogger("qftz_desktop").addHandler(handler)
    old = sys.excepthook
    try:
        install_excepthook(log)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        box = sys.excepthook.last_box
        assert "boom in a slot" in box.text()
        # both languages: the failure may come before the language is known
        assert "出现意外错误，程序将继续运行。" in box.text()
        assert "An unexpected error occurred; the app keeps running." in box.text()
        assert str(log) in box.informativeText()
        box.close()
    finally:
        sys.excepthook = old
        logging.getLogger("qftz_desktop").removeHandler(handler)
        handler.close()
    assert "Traceback" in log.read_text(encoding="utf-8")
    # still usable: the Shipping tab's action (Ctrl+3) opens the Shipping page
    assert win.tabs.currentIndex() == 0
    win.tab_actions[2].trigger()
    assert win.tabs.currentIndex() == 2
    assert win.tabs.tabText(2) == "航运"


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00" + b"\x00" * 50, b"\x89PNG\r\n\x1a\n" + os.urandom(300)],
    ids=["empty", "truncated-header", "png"],
)
def test_bad_files_keep_window_usable(qtbot, tmp_path, test_snapshot_path, content):
    make_application()
    win = MainWindow(load_briefing(test_snapshot_path))
    qtbot.addWidget(win)
    win.show()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with qtbot.waitSignal(win.snapshotFailed, timeout=5000):
        win.open_path(bad)
    win._last_error_box.close()
    assert win.briefing.snapshot.path == test_snapshot_path
    win.tabs.setCurrentIndex(1)
    assert win.page("trade").panels


def test_browsing_leaves_snapshot_untouched(qtbot, tmp_path, test_snapshot_path):
    folder = tmp_path / "snapshots"
    folder.mkdir()
    path = folder / "browse.sqlite"
    path.write_bytes(test_snapshot_path.read_bytes())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    mtime = path.stat().st_mtime_ns
    make_application()
    win = MainWindow(load_briefing(path))
    qtbot.addWidget(win)
    win.show()
    for i in range(len(TAB_IDS)):
        win.tabs.setCurrentIndex(i)
        win.page(TAB_IDS[i])
    win.selection.set_focus(2014)
    win.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in folder.iterdir()) == ["browse.sqlite"]


def test_window_uses_bundled_font_without_system_cjk_fonts(tmp_path):
    """In a process that sees only DejaVu, the window still draws Chinese with our font."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        textwrap.dedent(f"""\
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>
              <dir>/usr/share/fonts/truetype/dejavu</dir>
              <cachedir>{tmp_path / "cache"}</cachedir>
            </fontconfig>
            """),
        encoding="utf-8",
    )
    script = textwrap.dedent("""\
        from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QFont
        from qftz_desktop.resources import bundled_snapshot
        from qftz_desktop.ui.app import make_application
        from qftz_desktop.render.fonts import FAMILY
        from qftz_desktop.ui.main_window import MainWindow, load_briefing
        app = make_application()
        system = [f for f in QFontDatabase.families() if f != FAMILY]
        cjk = [f for f in system if QFontDatabase.writingSystems(f).count(
            QFontDatabase.WritingSystem.SimplifiedChinese)]
        assert not cjk, cjk
        win = MainWindow(load_briefing(bundled_snapshot()), lang="zh")
        win.show(); app.processEvents()
        assert QFontInfo(app.font()).family() == FAMILY
        metrics = QFontMetrics(app.font())
        assert all(metrics.inFontUcs4(ord(c)) for c in "青岛自贸片区外贸进出口")
        image = win.grab()
        assert image.width() > 0
        print("ok")
        win.close()
        """)
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
