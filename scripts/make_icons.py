"""Draw the application icon and write it for every platform.

    .venv/bin/python scripts/make_icons.py [--out resources/icons] [--preview FILE.png]

Writes ``qftz.png`` (256 px, the window icon ui/app.py loads), ``qftz-16/32/48/64/128.png``,
``qftz.ico`` (Windows: 16–256 px, PNG entries) and ``qftz.icns`` (macOS: 16–1024 px, PNG
chunks). Both container formats are written by hand (they are a header, a directory and PNG
payloads), so nothing beyond PySide6 is needed. ``--preview`` also saves a sheet of every size
on light and dark backgrounds, to look at.

The design: a rounded square in deep sea blue; 自贸 (free trade) in the bundled font above two
waves. At 32 px and below the characters turn to mush, so small sizes show a single 贸 over
one wave instead.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "QFTZNotoSansSC-Bold.ttf"

TOP = QColor("#0d4a9e")
BOTTOM = QColor("#062a5e")
WAVE = QColor("#4cc9f0")
WAVE2 = QColor("#a8e8ff")
INK = QColor("#ffffff")

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns chunk type -> pixel size (PNG payloads; the @2x types hold the doubled size)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
PNG_SIZES = (16, 32, 48, 64, 128)


def _family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    if font_id < 0:
        sys.exit(f"make_icons: cannot load {FONT}")
    return QFontDatabase.applicationFontFamilies(font_id)[0]


def _wave(s: float, y: float, amp: float, periods: float, phase: float = 0.0) -> QPainterPath:
    """A sine-like wave across the icon made of cubic segments."""
    path = QPainterPath(QPointF(0, y))
    step = s / (periods * 2)
    x, up = 0.0, phase == 0.0
    while x < s - 1e-6:
        dy = -amp if up else amp
        path.cubicTo(
            QPointF(x + step * 0.35, y + dy), QPointF(x + step * 0.65, y + dy), QPointF(x + step, y)
        )
        x += step
        up = not up
    return path


def draw(size: int, family: str) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = float(size)
    small = size <= 32

    # rounded square, a little inset like the platform icon grids (about 1/16 each side)
    inset = 0.0 if small else s * 0.06
    box = QRectF(inset, inset, s - 2 * inset, s - 2 * inset)
    radius = box.width() * 0.22
    clip = QPainterPath()
    clip.addRoundedRect(box, radius, radius)
    grad = QLinearGradient(box.topLeft(), box.bottomLeft())
    grad.setColorAt(0.0, TOP)
    grad.setColorAt(1.0, BOTTOM)
    p.fillPath(clip, QBrush(grad))
    p.setClipPath(clip)

    w, x0, y0 = box.width(), box.left(), box.top()
    p.translate(x0, y0)
    # waves: a filled swell at the bottom and a light crest line above it
    # one big swell when small, two gentler ones otherwise: (baseline, amplitude, periods)
    base, amp, periods = (0.80, 0.07, 1.0) if small else (0.78, 0.045, 2.0)
    swell = _wave(w, w * base, w * amp, periods)
    swell.lineTo(w, w)
    swell.lineTo(0, w)
    swell.closeSubpath()
    p.fillPath(swell, WAVE)
    if not small:
        crest = _wave(w, w * 0.70, w * 0.035, 2.0)
        pen = QPen(WAVE2, w * 0.035)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.strokePath(crest, pen)

    # the characters
    text = "贸" if small else "自贸"
    font = QFont(family)
    font.setWeight(QFont.Weight.Bold)
    font.setPixelSize(round(w * (0.66 if small else 0.38)))
    hinting = QFont.HintingPreference
    font.setHintingPreference(hinting.PreferFullHinting if small else hinting.PreferNoHinting)
    p.setFont(font)
    p.setPen(INK)
    area = QRectF(0, w * (0.0 if small else 0.09), w, w * (0.78 if small else 0.56))
    p.drawText(area, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """ICONDIR + ICONDIRENTRY per size + PNG payloads (valid since Windows Vista)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        payload += data
    path.write_bytes(header + entries + payload)


def write_icns(path: Path, images: dict[int, bytes]) -> None:
    """'icns' + total length, then (type, length, PNG) chunks (big-endian)."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = images[size]
        body += kind + struct.pack(">I", 8 + len(data)) + data
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def preview(path: Path, images: dict[int, QImage]) -> None:
    sizes = [16, 24, 32, 48, 64, 128, 256]
    width = sum(sizes) + 20 * (len(sizes) + 1)
    sheet = QImage(width, 2 * (256 + 40), QImage.Format.Format_ARGB32)
    p = QPainter(sheet)
    for row, bg in enumerate((QColor("#f4f4f4"), QColor("#1e1e1e"))):
        p.fillRect(0, row * 296, width, 296, bg)
        x = 20
        for size in sizes:
            p.drawImage(x, row * 296 + 20 + (256 - size), images[size])
            x += size + 20
    p.end()
    sheet.save(str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "resources" / "icons"))
    ap.add_argument("--preview", help="also save a sheet of all sizes to this PNG")
    args = ap.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    family = _family()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    all_sizes = sorted({*ICO_SIZES, *PNG_SIZES, *(s for _, s in ICNS_TYPES)})
    images = {size: draw(size, family) for size in all_sizes}
    encoded = {size: png_bytes(img) for size, img in images.items()}

    (out / "qftz.png").write_bytes(encoded[256])
    for size in PNG_SIZES:
        (out / f"qftz-{size}.png").write_bytes(encoded[size])
    write_ico(out / "qftz.ico", {s: encoded[s] for s in ICO_SIZES})
    write_icns(out / "qftz.icns", encoded)
    if args.preview:
        preview(Path(args.preview), images)
    for name in sorted(p.name for p in out.glob("qftz*")):
        print(f"wrote {out / name} ({(out / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
