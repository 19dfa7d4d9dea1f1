"""The bundled Simplified-Chinese font, for the screen and for PDF briefs.

The app ships its own font (``resources/fonts/QFTZNotoSansSC-{Regular,Bold}.ttf``, a subset of
Noto Sans CJK SC made by ``scripts/build_fonts.py``) and names it explicitly, because:

* on a machine without Chinese fonts Qt silently drops Chinese text, in widgets and in PDFs;
* left to font fallback, Qt may pick the Japanese variant of Noto Sans CJK (wrong shapes);
* the system's Noto/Source Han fonts map Kangxi radicals to ordinary glyphs, so text copied from
  a PDF made with them reads ⻘ for 青; the bundled font's cmap was cleaned of those entries;
* its family name, ``QFTZ Noto Sans SC``, is private, so an installed ``Noto Sans CJK SC`` can
  never be merged with it and picked instead for some weight.

The font covers Latin too, so it is used alone: a Latin-first family list would make the
look, and the PDFs, depend on what the machine has installed.

Same PDF bytes on every machine (issue 11) rests on three choices made here:

* Text is laid out with the font's design metrics, never hinted ones (``PreferNoHinting``):
  fontconfig's hinting rules (``hintfull`` on one machine, ``hintnone`` on another) round the
  advances at 96 dpi (10 vs 9.984 units), which moved line breaks, changed the page count and
  made pdftotext split words ("Met ric"). Screen, slides and paper use the same unhinted layout.
* The files are registered from memory, Regular first, then Bold. Qt keys a PDF's font subsets
  by the font's file name and writes them in hash order; a path on disk (different on every
  machine, every install folder) gave a different object order and subset tags. Memory fonts
  are named by their registration order, the same everywhere.
* :func:`prepare_pdf_fonts` fixes Qt's hash seed before a PDF is written, so that order does
  not change from one run to the next (1 run in 5 differed before).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QHashSeed
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from qftz_desktop.resources import resource_path

FAMILY = "QFTZ Noto Sans SC"
FONT_FILES = ("QFTZNotoSansSC-Regular.ttf", "QFTZNotoSansSC-Bold.ttf")
DEFAULT_POINT_SIZE = 10.0

_font_ids: list[int] = []
_families: list[str] = []


class BundledFontError(RuntimeError):
    """The bundled font files are missing or Qt could not load them."""


def _still_registered() -> bool:
    # Font ids die with the QGuiApplication; a new application needs the fonts added again.
    return bool(_font_ids) and all(QFontDatabase.applicationFontFamilies(i) for i in _font_ids)


def register_bundled_fonts() -> list[str]:
    """Add the bundled fonts to Qt's font database; return their family names.

    Idempotent: later calls return the same list without adding the files again. Needs a
    ``QGuiApplication`` (or ``QApplication``). Raises :class:`BundledFontError` naming the
    missing files, or the file Qt refused, so a broken install fails loudly instead of
    printing PDFs without their Chinese text.
    """
    if _still_registered():
        return list(_families)
    if QGuiApplication.instance() is None:
        raise BundledFontError("register_bundled_fonts() needs a QGuiApplication to exist")

    paths = [resource_path("fonts", name) for name in FONT_FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise BundledFontError(
            "bundled font files missing: "
            + ", ".join(missing)
            + " (see resources/fonts/README.md; scripts/build_fonts.py rebuilds them)"
        )

    ids: list[int] = []
    families: list[str] = []
    for path in paths:  # Regular, then Bold: their order names them (see the module docstring)
        try:
            data = QByteArray(path.read_bytes())
        except OSError as exc:
            raise BundledFontError(f"cannot read the bundled font {path}: {exc}") from None
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            for done in ids:
                QFontDatabase.removeApplicationFont(done)
            raise BundledFontError(f"Qt could not load the bundled font {path}")
        ids.append(font_id)
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if FAMILY not in families:
        for done in ids:
            QFontDatabase.removeApplicationFont(done)
        raise BundledFontError(f"bundled fonts define {families}, expected {FAMILY!r}")

    _font_ids[:] = ids
    _families[:] = families
    return list(families)


def ui_font(point_size: float | None = None, bold: bool = False) -> QFont:
    """A font of the bundled Chinese family, registering the font files first if needed.

    *point_size* defaults to the application font's point size (or :data:`DEFAULT_POINT_SIZE`
    when that is given in pixels). Callers may still call ``setPixelSize`` on the result.
    """
    register_bundled_fonts()
    if point_size is None:
        app_size = QGuiApplication.font().pointSizeF()
        point_size = app_size if app_size > 0 else DEFAULT_POINT_SIZE
    font = QFont([FAMILY])
    font.setPointSizeF(float(point_size))
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    # design metrics everywhere: the machine's hinting settings must not move a line break
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def prepare_pdf_fonts() -> list[str]:
    """Call before creating a ``QPdfWriter``: the bundled fonts, and a fixed hash seed.

    Qt writes a PDF's font subsets in the order of a hash table created while painting; with
    the default random seed that order (and so the object numbers and subset tags) changed
    from run to run. A deterministic global seed only affects tables created after this call.
    """
    QHashSeed.setDeterministicGlobalSeed()
    return register_bundled_fonts()
