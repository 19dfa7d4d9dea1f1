"""The PDF brief, read back with pypdf (and poppler/qpdf when installed).

Exports are made once per module (they take about a second each) from the bundled snapshot
and the synthetic test snapshot, in both languages and both paper sizes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.domain.formatting import amount_text
from qftz_desktop.export import pdf_brief
from qftz_desktop.export.atomic import AtomicWriteError
from qftz_desktop.export.pdf_brief import (
    BriefJob,
    BriefOptions,
    ExportCancelled,
    export_brief,
    normalize_pdf_dates,
)
from qftz_desktop.resources import bundled_snapshot
from qftz_desktop.snapshot.reader import open_snapshot
from qftz_desktop.ui.export_dialog import running_export

REPO = Path(__file__).resolve().parents[1]
SIZES = {"A4": (595.0, 842.0), "Letter": (612.0, 792.0)}
CASES = [
    ("bundled", "zh", "A4"),
    ("bundled", "en", "Letter"),
    ("test", "zh", "Letter"),
    ("test", "en", "A4"),
]

needs_bundled = pytest.mark.skipif(
    not bundled_snapshot().is_file(), reason="data/qftz-snapshot.sqlite not built yet"
)


def _case_id(case) -> str:
    return "-".join(case)


def _params():
    return [
        pytest.param(c, id=_case_id(c), marks=[needs_bundled] if c[0] == "bundled" else [])
        for c in CASES
    ]


def _bare(text: str) -> str:
    """Extracted text without whitespace: readers guess spaces from glyph positions."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def briefings(test_snapshot_path) -> dict[str, Briefing]:
    out = {"test": Briefing(open_snapshot(test_snapshot_path))}
    if bundled_snapshot().is_file():
        out["bundled"] = Briefing(open_snapshot(bundled_snapshot()))
    return out


@pytest.fixture(scope="module")
def exported(qapp, briefings, tmp_path_factory):
    """(snapshot, lang, paper) -> (path, BriefJob) exported lazily, once."""
    folder = tmp_path_factory.mktemp("briefs")
    cache: dict[tuple[str, str, str], tuple[Path, BriefJob]] = {}

    def get(case):
        if case not in cache:
            which, lang, paper = case
            path = folder / f"{'-'.join(case)}.pdf"
            job = BriefJob(
                briefings[which], path, BriefOptions(kind="full", lang=lang, paper=paper)
            )
            job.run()
            cache[case] = (path, job)
        return cache[case]

    return get


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _xobjects(resources):
    """Every XObject reachable from a resources dictionary (forms, patterns included)."""
    if resources is None:
        return
    resources = resources.get_object()
    for key in ("/XObject", "/Pattern"):
        for obj in (resources.get(key) or {}).values():
            obj = obj.get_object()
            yield obj
            yield from _xobjects(obj.get("/Resources"))


# -- the document -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _params())
def test_pages_size_and_footer(exported, briefings, case):
    path, job = exported(case)
    which, lang, paper = case
    snap = briefings[which].snapshot
    reader = PdfReader(path)
    assert len(reader.pages) == job.total >= 8  # cover, summary, 5 tabs, sources
    for page in reader.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(SIZES[paper], abs=1)
    total = len(reader.pages)
    for n, text in enumerate(_page_texts(path), start=1):
        bare = _bare(text)
        assert snap.short_id in bare, f"page {n} has no snapshot id"
        assert _bare(snap.as_of) in bare, f"page {n} has no as-of date"
        mark = f"第{n}/{total}页" if lang == "zh" else f"Page{n}of{total}"
        assert mark in bare, f"page {n} has no page number"


@pytest.mark.parametrize("case", _params())
def test_text_fonts_and_no_images(exported, briefings, case):
    path, _job = exported(case)
    which, lang, _paper = case
    b = briefings[which]
    text = "\n".join(_page_texts(path))
    bare = _bare(text)
    # the chosen language's words, exactly as written (no Kangxi radicals, nothing dropped)
    assert _bare(b.snapshot.title(lang)) in bare
    assert b.snapshot.content_id in bare  # the full id on the cover
    for tab in ("trade", "shipping", "finance", "industry", "innovation"):
        assert _bare(b.tab(tab).title(lang)) in bare
        for chart in b.tab(tab).charts:
            assert _bare(chart.title(lang)) in bare, chart.title(lang)
    for metric in b.metrics.values():
        if metric.headline is not None:
            assert _bare(metric.name(lang)) in bare
    if which == "test":
        # tests/factory.py's headline metrics, latest values: t_exports about 18 亿元 (2014),
        # t_berths over 50 (2015-06), t_banks 35 (2015)
        words = {
            "zh": ["约18亿元", "超过50个", "35家"],
            "en": ["aboutCNY1.8bn", "over50berths", "35banks"],
        }[lang]
        for word in words:
            assert word in bare, word
    for sid in b.used_source_ids():
        assert f"[{sid}]" in bare or sid in bare
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF], "Kangxi radicals extracted"

    reader = PdfReader(path)
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
                names.add(str(font["/BaseFont"]))
        for xobj in _xobjects(page["/Resources"]):
            assert xobj.get("/Subtype") != "/Image", "raster image in the brief"
    assert names and all("QFTZNotoSansSC" in n for n in names), names


def test_chinese_extracts_exactly(exported, briefings):
    path, _job = exported(("test", "zh", "Letter"))
    bare = _bare("\n".join(_page_texts(path)))
    for words in ["测试快照", "测试出口额", "测试转口额", "金融与投资", "产业集群", "制度创新"]:
        assert words in bare
    assert "一个测试用的亮点。" in bare  # a highlight's text
    assert "合成测试来源" in bare  # on the sources page
    if shutil.which("pdftotext"):
        poppler = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
        ).stdout
        assert "测试出口额" in _bare(poppler) and "合成测试来源" in _bare(poppler)
        assert not [ch for ch in poppler if 0x2E80 <= ord(ch) <= 0x2FDF]


def _in_order(needle: str, hay: str) -> bool:
    """Every character of needle in hay, in order: a wrapped cell's text is interleaved with
    the other cells of its row in pdftotext's layout."""
    rest = iter(hay)
    return all(ch in rest for ch in needle)


def test_every_observation_is_in_a_table(exported, briefings):
    """Read from the printed pages: each observation has a table row — a line that holds its
    period, its number and its source's [id] (not a list the composer fills as it lays out)."""
    for which in briefings:
        b = briefings[which]
        path, _job = exported((which, "zh", "A4" if which == "bundled" else "Letter"))
        layout = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = layout.splitlines()
        # a table row is a line with its source's [id]; a cell that wraps (a long period label)
        # continues on the line above or below, which has no [id] of its own
        rows = []
        for i, line in enumerate(lines):
            if "[" in line:
                near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
                rows.append(_bare(line + "".join(n for n in near if "[" not in n)))
        missing = []
        for series in b.series.values():
            for r in series.frame.itertuples(index=False):
                period = _bare(series.periods[r.period].label("zh"))
                # the number as a reader sees it (58万 for 580,000 平方米), without the unit
                amount = amount_text(r.value, series.metric.unit_zh, "zh", series.metric.unit)
                number = re.search(r"-?[0-9][0-9,.]*[万亿]?", _bare(amount)).group()
                cite = f"[{r.source_id}]"
                if not any(
                    _in_order(period, row) and number in row and cite in row for row in rows
                ):
                    missing.append((series.metric.id, r.period, number))
        assert not missing, missing


def test_key_numbers_of_the_test_snapshot(exported):
    path, _job = exported(("test", "en", "A4"))
    bare = _bare("\n".join(_page_texts(path)))
    # tests/factory.py: t_exports 12.5, over 15, about 18 亿元 and a target of at least 25 亿元
    words = ["CNY1.25bn", "overCNY1.5bn", "aboutCNY1.8bn", "atleastCNY2.5bn"]
    for text in [*words, "Testexports", "Testre-exports"]:
        assert text in bare, text
    # the executive summary's generated sentences, with their formula
    # (domain rules: the trend ends at the latest year, "about 18" = CNY 1.8 bn; the 2016
    # target is quoted beside the 2014 actual, with no ratio across years)
    assert "(1.8−1)÷1=80%" in bare
    assert "latestCNY15bn(2014);targetfor2016:overCNY20bn" in bare
    assert "150÷200=75%" not in bare
    assert "derived" in bare and "150/200=75%" in bare  # the snapshot's own formula, noted


def test_each_chart_has_its_takeaway_and_the_book_its_name(exported, briefings):
    """The data book is drawn from the same document as the meeting brief: each chart has its
    one-line takeaway under it — the latest actual with its period, the change from the
    previous comparable one, the target with its own year (written down from
    tests/factory.py; the wording is takeaway.py's) — and the running header names the
    kind of document."""
    from qftz_desktop.domain.brief.databook import compose_full

    path, _job = exported(("test", "en", "A4"))
    texts = _page_texts(path)
    bare = _bare("\n".join(texts))
    doc = compose_full(briefings["test"], BriefOptions(kind="full", lang="en"))
    takeaways = {c.chart_id: _bare(c.takeaway) for c in doc.charts}
    pieces = {
        "chart:t_exports": ["aboutCNY1.8bn", "(2014)", "2016", "atleastCNY2.5bn"],
        "chart:t_banks": ["35banks", "(2015)", "75%", "20banks", "(2012)"],
        "chart:t_flows|cny_100m|ftz": ["Testimports", "CNY1.1bn", "(2014)", "22%", "(2012)"],
        "chart:t_berths": ["over50berths", "Jun2015"],  # a lower bound: no growth from it
    }
    for chart_id, expected in pieces.items():
        line = takeaways[chart_id]
        assert _in_order("".join(expected), line) and all(x in line for x in expected), line
        assert line in bare, line
    assert "%" not in takeaways["chart:t_berths"]
    assert all("Testsnapshot·Databook" in _bare(t) for t in texts[1:])


def test_period_range_is_honoured(qapp, briefings, tmp_path):
    b = briefings["test"]
    path = tmp_path / "range.pdf"
    job = BriefJob(b, path, BriefOptions(kind="full", lang="zh", year_from=2012, year_to=2013))
    job.run()
    bare = _bare("\n".join(_page_texts(path)))
    assert "2012–2013" in bare
    assert "2012年" in bare and "2013年" in bare
    assert "2010年" not in bare and "2014年" not in bare
    # tests/factory.py: t_exports 2011 = 12.5 (left out), 2012 = over 15, 2013 = 14 (both in)
    assert "12.5" not in bare
    assert "超过15" in bare and "14" in bare


# -- reproducible, atomic ------------------------------------------------------------------------


def test_same_input_gives_the_same_bytes(qapp, briefings, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1467244800")  # 2016-06-30T00:00:00Z
    b = briefings["test"]
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    export_brief(b, one, BriefOptions(kind="full", lang="zh"))
    export_brief(b, two, BriefOptions(kind="full", lang="zh"))
    data = one.read_bytes()
    assert data == two.read_bytes()
    # the brief's date is the day it is made, fixed here by SOURCE_DATE_EPOCH
    assert b"/CreationDate (D:20160630000000Z)" in data
    assert b"/ModDate (D:20160630000000Z)" in data
    assert b'xmp:CreateDate="2016-06-30T00:00:00' in data
    other = tmp_path / "other.pdf"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # --date alone dates the brief and its metadata
    export_brief(b, other, BriefOptions(kind="full", lang="zh", brief_date="2024-01-02"))
    assert b"/CreationDate (D:20240102000000Z)" in other.read_bytes()
    if shutil.which("qpdf"):
        for path in (one, other):
            check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr
    PdfReader(one, strict=True).pages[0].extract_text()


def test_date_fix_keeps_offsets_valid():
    body = b"%PDF-1.4\n1 0 obj\n<<\n/CreationDate (D:20261126123059+08'00')\n>>\nendobj\n"
    obj2 = len(body)
    body += b"2 0 obj\n<< /Type /Catalog >>\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \n" % (9, obj2)
    body += b"trailer\n<< /Size 3 /Root 2 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    fixed = normalize_pdf_dates(body, "2026-01-22")
    assert b"/CreationDate (D:20260122000000Z)" in fixed
    delta = len(fixed) - len(body)
    assert delta == -6
    assert b"%010d 00000 n" % (obj2 + delta) in fixed
    assert fixed[obj2 + delta :].startswith(b"2 0 obj")
    start = int(fixed.rsplit(b"startxref\n", 1)[1].split()[0])
    assert fixed[start:].startswith(b"xref")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_failed_export_keeps_the_old_file_and_leaves_no_temp(
    qapp, briefings, tmp_path, monkeypatch
):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"the previous brief")
    original = pdf_brief.BriefComposer.paint_page

    def paint_page(self, index):
        if index == 2:
            raise RuntimeError("disk on fire")
        original(self, index)

    monkeypatch.setattr(pdf_brief.BriefComposer, "paint_page", paint_page)
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_brief(briefings["test"], target, BriefOptions(kind="full"))
    assert target.read_bytes() == b"the previous brief"
    assert _leftovers(tmp_path) == []


def test_cancelled_export_writes_nothing(qapp, briefings, tmp_path):
    target = tmp_path / "brief.pdf"
    seen = []

    def progress(done, total):
        seen.append((done, total))

    with pytest.raises(ExportCancelled):
        export_brief(
            briefings["test"],
            target,
            BriefOptions(kind="full"),
            progress,
            cancelled=lambda: len(seen) >= 3,
        )
    assert not target.exists() and _leftovers(tmp_path) == []
    assert seen[0][0] == 0 and seen[-1][0] == 2  # cancelled between pages


def test_unwritable_target_gives_a_clear_message(qapp, briefings, tmp_path):
    with pytest.raises(AtomicWriteError) as info:
        export_brief(briefings["test"], tmp_path / "missing" / "b.pdf", BriefOptions(kind="full"))
    assert "does not exist" in info.value.message("en")
    assert "不存在" in info.value.message("zh")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(AtomicWriteError, match="folder of that name"):
        export_brief(briefings["test"], folder, BriefOptions(kind="full"))
    # a folder nobody may write to: a read-only folder for a user; as root (CI) the kernel's
    # sysfs, where even root cannot create a file (EACCES), so the case never skips
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    folder = Path("/sys/kernel") if os.geteuid() == 0 else locked
    try:
        with pytest.raises(AtomicWriteError, match="not writable"):
            export_brief(briefings["test"], folder / "b.pdf", BriefOptions(kind="full"))
    finally:
        locked.chmod(0o700)


# -- headless command --------------------------------------------------------------------------


def _run_cli(args, env_extra=None, timeout=180, cwd=None):
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen by itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "qftz_desktop", "export-pdf", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_headless_without_system_chinese_fonts(tmp_path, test_snapshot_path):
    from test_fonts import FONTCONFIG

    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTCONFIG.format(cache=tmp_path / "fccache"), encoding="utf-8")
    out = tmp_path / "headless.pdf"
    proc = _run_cli(
        ["--snapshot", str(test_snapshot_path), "--out", str(out), "--lang", "zh"],
        {"FONTCONFIG_FILE": str(conf)},
    )
    assert proc.returncode == 0, proc.stderr
    pages = len(PdfReader(out).pages)
    # --lang zh: the brief and the messages are Chinese (cli messages' one rule)
    assert str(out) in proc.stdout and f"（{pages} 页）" in proc.stdout
    assert "Traceback" not in proc.stderr
    bare = _bare("\n".join(_page_texts(out)))
    for words in ["测试快照", "测试出口额", "贸易", "航运", "来源", "推算"]:
        assert words in bare
    reader = PdfReader(out)
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("QFTZNotoSansSC" in f for f in fonts), fonts


def test_headless_errors(tmp_path, test_snapshot_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    proc = _run_cli(["--snapshot", str(bad), "--out", str(tmp_path / "x.pdf"), "--lang", "en"])
    assert proc.returncode == 1
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr
    snap = ["--snapshot", str(test_snapshot_path), "--out", "x.pdf"]
    proc = _run_cli([*snap, "--from", "2014", "--to", "2012"], cwd=tmp_path)
    assert proc.returncode == 2 and "--from 2014" in proc.stderr
    proc = _run_cli([*snap, "--from", "1990", "--to", "1995"], cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = _run_cli([*snap, "--date", "2024-02-30"], cwd=tmp_path)
    assert proc.returncode == 2 and "--date" in proc.stderr
    proc = _run_cli(
        ["--snapshot", str(test_snapshot_path), "--out", str(tmp_path / "no" / "x.pdf")]
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.pdf").exists()


# -- the dialog ---------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, test_snapshot_path):
    from qftz_desktop.ui.app import make_application
    from qftz_desktop.ui.main_window import MainWindow, load_briefing

    make_application()
    win = MainWindow(load_briefing(test_snapshot_path), lang="en")
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _save_as(monkeypatch, path: Path, calls: list):
    def fake(*args, **kwargs):
        calls.append(args)
        return str(path), "PDF"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def test_dialog_exports_what_the_window_shows(window, qtbot, monkeypatch, tmp_path):
    window.selection.set_lang("zh")
    window.selection.set_range(2011, 2014)
    calls: list = []
    _save_as(monkeypatch, tmp_path / "mine", calls)  # no suffix: .pdf is added
    window.export_pdf()
    controller = running_export(window)
    assert calls and calls[0][2].endswith("QFTZ-brief-2016-06-30-zh-2011-2014.pdf")
    assert not window.export_action.isEnabled()  # no second export meanwhile
    qtbot.waitUntil(lambda: controller.state != "running", timeout=60000)
    assert controller.state == "done", controller.error
    out = tmp_path / "mine.pdf"
    assert controller.result.path == out and out.is_file()
    assert len(PdfReader(out).pages) == controller.result.pages
    assert "2011–2014" in _bare("\n".join(_page_texts(out)))
    assert window.settings.value("export_dir") == str(tmp_path)
    assert window.export_action.isEnabled()
    assert str(out) in window.statusBar().currentMessage()
    # the next export starts in the remembered folder
    calls.clear()
    _save_as(monkeypatch, tmp_path / "again.pdf", calls)
    window.export_pdf()
    assert calls[0][2].startswith(str(tmp_path))
    qtbot.waitUntil(lambda: running_export(window).state != "running", timeout=60000)


def test_dialog_cancel_leaves_no_file(window, qtbot, monkeypatch, tmp_path):
    target = tmp_path / "cancel.pdf"
    target.write_bytes(b"old")
    _save_as(monkeypatch, target, [])
    from qftz_desktop.ui.export_dialog import KIND_KEY, run_export_dialog

    window.settings.setValue(KIND_KEY, "full")  # the data book: pages enough to cancel in

    holder = []
    original = pdf_brief.BriefComposer.paint_page

    def paint_page(self, index):
        original(self, index)
        if index == 1:
            # the user clicks Cancel while page 2 is painted
            holder[0].progress.findChild(QPushButton).click()

    monkeypatch.setattr(pdf_brief.BriefComposer, "paint_page", paint_page)
    controller = run_export_dialog(window)
    holder.append(controller)
    qtbot.waitUntil(lambda: controller.state != "running", timeout=60000)
    assert controller.state == "cancelled"
    assert controller.job.done == 2  # stopped between pages
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_dialog_offers_both_kinds_and_remembers(window, qtbot, monkeypatch, tmp_path):
    """The save dialog's file types are the two kinds; the one chosen is used and comes first
    (pre-selected) next time, also after the settings are read again."""
    from qftz_desktop.ui.export_dialog import KIND_KEY, kind_filters

    window.selection.set_lang("en")
    calls: list = []

    def choose(label_start: str, path: Path):
        def fake(*args, **kwargs):
            calls.append(args)
            offered = args[3].split(";;")
            chosen = next(f for f in offered if f.startswith(label_start))
            return str(path), chosen

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))

    choose("Full data book", tmp_path / "book.pdf")
    window.export_pdf()
    filters = calls[0][3].split(";;")
    assert filters == [kind_filters("en")["meeting"], kind_filters("en")["full"]]
    assert calls[0][2].endswith(".pdf") and "QFTZ-brief-" in calls[0][2]
    controller = running_export(window)
    qtbot.waitUntil(lambda: controller.state != "running", timeout=60000)
    assert controller.state == "done", controller.error
    assert controller.job.options.kind == "full"
    assert window.settings.value(KIND_KEY) == "full"
    book_pages = controller.result.pages
    # next time the data book is offered first, and its file name says so
    calls.clear()
    choose("Meeting brief", tmp_path / "meeting.pdf")
    window.export_pdf()
    assert calls[0][3].split(";;")[0] == kind_filters("en")["full"]
    assert "QFTZ-databook-" in calls[0][2]
    controller = running_export(window)
    qtbot.waitUntil(lambda: controller.state != "running", timeout=60000)
    assert controller.job.options.kind == "meeting"
    assert controller.result.pages <= 4 < book_pages
    assert window.settings.value(KIND_KEY) == "meeting"


def test_dialog_shows_write_errors(window, qtbot, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.informativeText()))
    _save_as(monkeypatch, tmp_path / "nowhere" / "b.pdf", [])
    from qftz_desktop.ui.export_dialog import run_export_dialog

    controller = run_export_dialog(window)
    qtbot.waitUntil(lambda: controller.state != "running", timeout=60000)
    assert controller.state == "failed"
    assert shown and "does not exist" in shown[0]
    assert window.export_action.isEnabled()


def test_dialog_cancelled_save_dialog_does_nothing(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    from qftz_desktop.ui.export_dialog import run_export_dialog

    assert run_export_dialog(window) is None


def test_a_long_series_is_drawn_as_a_line_chart(qapp, tmp_path):
    """More than 12 values make a line chart (none in the bundled snapshot so far)."""
    import csv

    from factory import write_sources
    from qftz_desktop.snapshot.builder import build_snapshot

    src = write_sources(tmp_path / "src")
    with (src / "observations.csv").open("a", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for month in range(1, 13):
            row = ["t_fdi", f"2015-{month:02d}", str(100 + 7 * month), "exact", "reported"]
            writer.writerow([*row, "T1", "monthly", "", "", ""])
    snapshot = tmp_path / "long.sqlite"
    build_snapshot(src, snapshot)
    briefing = Briefing(open_snapshot(snapshot))
    chart = briefing.chart_of("t_fdi")
    assert chart is not None and chart.kind == "line"
    out = tmp_path / "long.pdf"
    job = BriefJob(briefing, out, BriefOptions(kind="full", lang="en"))
    job.run()
    reader = PdfReader(out)
    bare = _bare("\n".join(_page_texts(out)))
    assert _bare(chart.title("en")) in bare and "Oct2015" in bare
    assert all(
        xobj.get("/Subtype") != "/Image"
        for page in reader.pages
        for xobj in _xobjects(page["/Resources"])
    )
    assert len(job.composer.shown) == len(briefing.snapshot.observations)


@pytest.mark.parametrize("case", _params())
def test_pagination_never_cuts_a_block(exported, case):
    """Every block (a chart with its title, scope and source line; a table row; a text line)
    lies wholly inside one page's text area, and a table continued on a new page starts with
    its header again."""
    _path, job = exported(case)
    composer = job.composer
    for n, page in enumerate(composer.pages, start=1):
        assert page.blocks, f"page {n} is empty"
        for block, y in page.blocks:
            assert y >= composer.top - 0.01, f"page {n}: a block above the text area"
            assert y + block.height <= composer.bottom + 0.01, f"page {n}: a block cut off"
        first = page.blocks[0][0]
        if first.repeat is not None:
            pytest.fail(f"page {n} continues a table without its header")
        # a chart (kept with what follows) never ends a page
        last = page.blocks[-1][0]
        assert not (last.keep_with_next and last.height > 100), f"page {n} ends with a chart"
