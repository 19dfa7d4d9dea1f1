"""The bundled Chinese font: registration, and a PDF made on a machine with no Chinese font.

The PDF test runs in a subprocess so that ``FONTCONFIG_FILE`` (a config that only knows
DejaVu) applies from the start of the process: fontconfig reads it once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo  # noqa: E402

from qftz_desktop.render import fonts  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

CHINESE_LINES = [
    "青岛自贸片区 外贸进出口 集成电路 金融服务机构 文 青",
    "一 二 十 文 长 青 龙 龟 黄 鼠 齐 走",  # ideographs that Kangxi radicals alias
    "增长12.5％～15％，同比↑3.2个百分点；《简报》「注」【表1】（亿元）",
    "•·—…、。：？！±×÷≥≤≈→↑↓°² ／",
]
LATIN_LINE = "QFTZ Briefing 2024 — Qingdao Area, USD 1,234.5 bn (+3.2%)"
BOLD_LINE = "加粗标题 青岛片区 Bold"

FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""

PDF_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QPainter, QPageSize, QPdfWriter

    from qftz_desktop.render.fonts import register_bundled_fonts, ui_font

    out, lines, latin, bold_line = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
    app = QGuiApplication([])
    system_cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    families = register_bundled_fonts()

    writer = QPdfWriter(out)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(1200)
    painter = QPainter(writer)
    y = 1200
    painter.setFont(ui_font(12))
    for line in lines + [latin]:
        painter.drawText(QPointF(1000, y), line)
        y += 400
    painter.setFont(ui_font(16, bold=True))
    painter.drawText(QPointF(1000, y), bold_line)
    painter.end()
    print(json.dumps({"system_cjk": system_cjk, "families": families}))
    """
)


def test_register_is_idempotent(qapp):
    first = fonts.register_bundled_fonts()
    second = fonts.register_bundled_fonts()
    assert first == second == [fonts.FAMILY]
    assert fonts.FAMILY in QFontDatabase.families()
    assert set(QFontDatabase.styles(fonts.FAMILY)) == {"Regular", "Bold"}


def test_ui_font_names_the_bundled_family(qapp):
    regular = fonts.ui_font(11)
    bold = fonts.ui_font(14, bold=True)
    assert regular.families() == [fonts.FAMILY]
    assert regular.pointSizeF() == 11
    assert QFontInfo(regular).family() == fonts.FAMILY
    assert QFontInfo(bold).family() == fonts.FAMILY
    assert QFontInfo(bold).weight() == QFont.Weight.Bold
    assert fonts.ui_font().pointSizeF() > 0


def test_missing_font_files_raise_a_clear_error(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "_font_ids", [])
    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(fonts.BundledFontError, match="QFTZNotoSansSC-Regular.ttf"):
        fonts.register_bundled_fonts()


def test_bundled_font_cmap_has_no_aliasing_entries():
    ttlib = pytest.importorskip("fontTools.ttLib")
    for name in fonts.FONT_FILES:
        font = ttlib.TTFont(REPO / "resources" / "fonts" / name, lazy=True)
        cmap = font.getBestCmap()
        assert font["name"].getDebugName(1) == fonts.FAMILY
        assert "glyf" in font  # TrueType outlines (see resources/fonts/README.md)
        assert not [cp for cp in cmap if 0x2E80 <= cp <= 0x2FDF or 0xF900 <= cp <= 0xFAFF]
        glyphs = list(cmap.values())
        assert len(glyphs) == len(set(glyphs)), "a glyph shared by two code points"
        assert all(ord(ch) in cmap for ch in "".join(CHINESE_LINES) if not ch.isspace())


def _font_descriptors(reader: PdfReader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                yield font["/BaseFont"], descendant["/FontDescriptor"].get_object()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_pdf_on_a_machine_without_chinese_fonts(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTCONFIG.format(cache=tmp_path / "fccache"), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        FONTCONFIG_FILE=str(conf),
        QT_QPA_PLATFORM="offscreen",
        QT_HASH_SEED="0",
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])]),
    )
    out = tmp_path / "fonts.pdf"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            PDF_SCRIPT,
            str(out),
            json.dumps(CHINESE_LINES),
            LATIN_LINE,
            BOLD_LINE,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info["system_cjk"] == [], "the fontconfig sandbox still shows Chinese fonts"
    assert info["families"] == [fonts.FAMILY]

    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # pypdf guesses spaces and line breaks from glyph positions (Qt places every glyph with
    # its own Td); the characters themselves must come back exactly.
    flat = " ".join(text.split())
    for line in [*CHINESE_LINES, LATIN_LINE, BOLD_LINE]:
        assert " ".join(line.split()) in flat, f"{line!r} not in extracted text:\n{text}"
    assert "⻘" not in text and "⽂" not in text and "〜" not in text

    embedded = {}
    for base_font, descriptor in _font_descriptors(reader):
        streams = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
        embedded[str(base_font)] = streams
    assert embedded, "no fonts in the PDF"
    assert all(streams for streams in embedded.values()), f"not embedded: {embedded}"
    names = sorted(embedded)
    assert any(n.endswith("QFTZNotoSansSC-Regular") for n in names), names
    assert any(n.endswith("QFTZNotoSansSC-Bold") for n in names), names
    assert all("QFTZNotoSansSC" in n for n in names), f"fell back to other fonts: {names}"

    if shutil.which("pdftotext"):  # poppler, as a second, independent reader
        poppler = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # pdftotext drops some spaces between single ideographs: compare without whitespace.
        bare = "".join(poppler.split())
        for line in [*CHINESE_LINES, LATIN_LINE, BOLD_LINE]:
            assert "".join(line.split()) in bare, f"{line!r} not in pdftotext output:\n{poppler}"
