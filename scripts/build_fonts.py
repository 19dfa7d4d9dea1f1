#!/usr/bin/env python3
"""Build the bundled Simplified-Chinese fonts in ``resources/fonts/``.

The app renders Chinese and embeds it in PDF briefs with a font that it ships
itself, so that it works on machines without any Chinese font.  The font is
Noto Sans CJK SC (the Google-branded build of Adobe's Source Han Sans SC),
SIL Open Font License 1.1, taken from Debian's ``fonts-noto-cjk`` package.
The package is only a build input: nothing depends on it at run time.

Getting the input (Debian/Ubuntu, no root install needed)::

    apt-get update
    cd "$(mktemp -d)"
    apt-get download fonts-noto-cjk          # Regular and Bold .ttc are in it
    dpkg -x fonts-noto-cjk_*.deb x
    python scripts/build_fonts.py \\
        x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \\
        x/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

The Han characters kept are those of the Table of General Standard Chinese
Characters (通用规范汉字表, 2013: 8,105 characters, Unihan's ``kTGH`` field),
every GB2312 hanzi, and every character of the bundled data and its seed texts
(``data/source/*.csv``, ``../shared/seed/*`` when present): the standard that
official publications follow, in about 40 % of the size of the whole URO
block (the bundle has a size goal). Unihan comes from Debian's
``unicode-data`` package (``apt-get download unicode-data``; pass
``--unihan x/usr/share/unicode/Unihan_OtherMappings.txt.bz2``); characters
outside that set are reported by ``snapshot check`` and the builder, which
read ``coverage.txt``.

Built and checked with Debian bookworm's ``fonts-noto-cjk``
1:20220127+repack1-1 (font version 2.004) and fontTools 4.68.

What it does, per weight:

1. takes the ``Noto Sans CJK SC`` face out of the .ttc collection (the
   collection also holds JP/KR/TC/HK faces whose glyph shapes are wrong for
   Simplified Chinese);
2. subsets it to :data:`UNICODE_RANGES` (Latin, Greek, punctuation, symbols,
   CJK punctuation, combining marks, the whole CJK Unified Ideographs block U+4E00–U+9FFF,
   fullwidth forms) and drops hinting, the GSUB table (a ligature glyph such
   as "fi" has no cmap entry, so Qt's ToUnicode cannot map it back) and all
   name records but English;
3. cleans the cmap: drops the CJK Radicals Supplement / Kangxi Radicals
   (U+2E80–U+2FDF) and CJK Compatibility Ideographs (U+F900–U+FAFF) entries,
   and any other code point that shares its glyph with a CJK unified
   ideograph.  Qt builds a PDF's ToUnicode map by taking, for each glyph, the
   *lowest* code point that the cmap maps to it, so with those entries 青 is
   extracted from the PDF as ⻘ and 文 as ⽂;
4. converts the CFF outlines to TrueType (quadratic) outlines with cu2qu
   (fontTools' otf2ttf recipe, 1/1000 em tolerance).  QPdfWriter (Qt 6.12)
   writes every font as a "CID TrueType" subset that it builds from the
   glyph outlines, so a CFF font also embeds and extracts; TrueType is used
   because it is what Qt embeds anyway (the cubic->quadratic step is then
   done once, here, with a known tolerance) and because step 5 is simple
   with ``glyf`` glyphs (see resources/fonts/README.md);
5. gives each remaining code point that shares a glyph with another (• and
   ·, ～ and 〜, ／ and ∕, no-break space and space…) its own copy of the
   glyph, for the same ToUnicode reason, and adds a glyph for TAB (Qt maps a
   missing TAB to the space glyph, so spaces would extract as tabs);
6. renames the family (below) and writes ``QFTZNotoSansSC-Regular.ttf`` /
   ``QFTZNotoSansSC-Bold.ttf``.

The family is renamed ``QFTZ Noto Sans SC`` (styles ``Regular`` and
``Bold``; PostScript names ``QFTZNotoSansSC-Regular``/``-Bold``).  A private
name is needed: where the system also has ``Noto Sans CJK SC`` installed
(common on Linux desktops), Qt merges the two into one family and picks the
*system* faces for some weights (Bold included, in a test with Debian's
fonts-noto-cjk installed), whose cmap brings back ⻘/⽂/〜 in extracted text.
The OFL's Reserved Font Name for these fonts is "Source", which the name does
not use.

Run ``python scripts/build_fonts.py --help`` for options (``--cff`` keeps CFF
outlines, for experiments only).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import sys
from collections import defaultdict
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FAMILY = "Noto Sans CJK SC"  # the face taken from the collection
NEW_FAMILY = "QFTZ Noto Sans SC"  # the family name of the bundled fonts
NEW_PS_PREFIX = "QFTZNotoSansSC"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "resources" / "fonts"

#: Code point ranges kept in the subset (inclusive).
UNICODE_RANGES: list[tuple[int, int]] = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: ° ± × ÷ · ² ³ µ ¥ § ©
    (0x0100, 0x024F),  # Latin Extended-A/B: pinyin ā á ǎ à ǖ ǘ ǚ ǜ
    (0x0250, 0x02AF),  # IPA extensions: ɑ ɡ (in GB2312's pinyin row)
    (0x02B0, 0x02FF),  # Spacing modifier letters: ˇ ˉ ˊ ˋ
    (0x0300, 0x036F),  # Combining marks (the source has U+0300 0301 0304 0307 030C): e + ́
    (0x0370, 0x03FF),  # Greek: α β γ Δ Σ σ
    (0x0400, 0x045F),  # Cyrillic (GB2312 has it)
    (0x2000, 0x206F),  # General punctuation: — ‘ ’ “ ” … ‰ ‱ ※ •
    (0x2070, 0x209F),  # Superscripts and subscripts
    (0x20A0, 0x20CF),  # Currency symbols: € ₩
    (0x2100, 0x214F),  # Letterlike: ℃ ℉ № ™ ℅
    (0x2150, 0x218F),  # Number forms: ⅓ Ⅰ Ⅱ Ⅻ ⅰ
    (0x2190, 0x21FF),  # Arrows: → ← ↑ ↓ ↗
    (0x2200, 0x22FF),  # Mathematical operators: ≈ ≥ ≤ ≠ ∑ √ ∞
    (0x2300, 0x23FF),  # Miscellaneous technical
    (0x2460, 0x24FF),  # Enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x257F),  # Box drawing
    (0x2580, 0x259F),  # Block elements
    (0x25A0, 0x25FF),  # Geometric shapes: ■ □ ▲ △ ● ○ ◆
    (0x2600, 0x26FF),  # Miscellaneous symbols: ★ ☆ ☑
    (0x2700, 0x27BF),  # Dingbats: ✓ ✔ ✗
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕〇
    (0x3040, 0x30FF),  # Hiragana, Katakana (GB2312 rows 4-5)
    (0x3100, 0x312F),  # Bopomofo (GB2312 row 8)
    (0x3200, 0x32FF),  # Enclosed CJK letters and months: ㈠ ㊣
    (0x3300, 0x33FF),  # CJK compatibility: ㎡ ㎏ ㎞ ㏄
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs (all of GB2312/GBK hanzi in BMP)
    (0xFE30, 0xFE4F),  # CJK compatibility forms (﹏ wavy low line)
    (0xFF00, 0xFFEF),  # Halfwidth and fullwidth forms: （）％～，：；？！
]

#: Code point ranges whose cmap entries are removed (they alias ordinary
#: ideographs and would win in Qt's glyph -> Unicode reverse map).
DROP_RANGES: list[tuple[int, int]] = [
    (0x2E80, 0x2EFF),  # CJK Radicals Supplement
    (0x2F00, 0x2FDF),  # Kangxi Radicals
    (0x2FF0, 0x2FFF),  # Ideographic description characters
    (0x31C0, 0x31EF),  # CJK strokes
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
]

#: Characters that must be present after the build (sanity check); the
#: build also checks that every GB2312 character is covered.
REQUIRED = (
    "青岛自贸片区外贸进出口集成电路金融服务机构文青一"
    "％～—·《》「」、。，：；？！（）【】±×÷≥≤≈→↑↓°²"
    "ABCxyz0123456789%.,;:-+/()[]"
    "㎡℃①ā"
    "\u0301"  # combining acute: "e\u0301" is drawn from the bundled font, not a fallback
)


def _in_ranges(cp: int, ranges: list[tuple[int, int]]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _gb2312_chars() -> list[str]:
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes([hi, lo]).decode("gb2312"))
    return chars


def general_standard_han(unihan_other_mappings: Path) -> set[int]:
    """Code points of the Table of General Standard Chinese Characters (Unihan kTGH)."""
    import bz2

    opener = bz2.open if unihan_other_mappings.suffix == ".bz2" else open
    found: set[int] = set()
    with opener(unihan_other_mappings, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1] == "kTGH":
                found.add(int(parts[0][2:], 16))
    if len(found) < 8000:
        raise SystemExit(f"{unihan_other_mappings}: only {len(found)} kTGH entries")
    return found


def repo_text_chars() -> set[int]:
    """Every character of the bundled data's sources and of the seed texts beside the repo."""
    files = sorted((REPO / "data" / "source").glob("*.csv"))
    seed = REPO.parent / "shared" / "seed"
    if seed.is_dir():
        files += sorted(seed.glob("*"))
    return {ord(ch) for path in files for ch in path.read_text(encoding="utf-8")}


def han_selection(unihan: Path) -> set[int]:
    """The ideographs kept: general-standard characters, GB2312 hanzi, the data's own."""
    gb2312 = {ord(ch) for ch in _gb2312_chars()}
    return general_standard_han(unihan) | gb2312 | repo_text_chars()


def find_face(ttc_path: Path, family: str = FAMILY) -> int:
    """Index of the face named *family* (name ID 1) in a .ttc collection."""
    collection = TTCollection(str(ttc_path), lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == family:
                return index
    finally:
        collection.close()
    raise SystemExit(f"{ttc_path}: no face named {family!r}")


def _is_han(cp: int) -> bool:
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x3FFFF


def subset_font(font: TTFont, han: set[int] | None = None) -> None:
    """Subset *font* in place to :data:`UNICODE_RANGES`; with *han*, only those ideographs
    (and those of them outside the URO block that the font has, e.g. Extension A/B)."""
    unicodes = [cp for lo, hi in UNICODE_RANGES for cp in range(lo, hi + 1)]
    if han is not None:
        unicodes = [cp for cp in unicodes if not _is_han(cp) or cp in han]
        unicodes += sorted(cp for cp in han if _is_han(cp) and not 0x4E00 <= cp <= 0x9FFF)
    options = subset.Options()
    options.hinting = False  # the TrueType conversion drops CFF hints anyway
    options.desubroutinize = True
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    options.name_languages = [0x0409]
    # 'locl' would pull in the JP/KR/TC/HK glyph variants (tens of thousands
    # of glyphs); the SC face's cmap already points at the SC glyphs.
    # Vertical-layout features and tables are no use for a horizontal UI/PDF.
    unwanted = {"locl", "vert", "vrt2", "valt", "vhal", "vkrn", "vpal", "vchw"}
    options.layout_features = [f for f in options.layout_features if f not in unwanted]
    # GSUB goes entirely: Qt's PDF ToUnicode maps each glyph back through the
    # cmap, so a glyph that only a substitution reaches (the "fi" ligature of
    # "Briefing", for one) extracts as garbage.  Chinese needs no GSUB for
    # horizontal text; GPOS (kerning) stays.
    options.drop_tables += ["VORG", "vhea", "vmtx", "GSUB"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def clean_cmap(font: TTFont) -> list[str]:
    """Remove cmap entries that would spoil text extraction; return a log."""
    best = font.getBestCmap()
    by_glyph: dict[str, list[int]] = defaultdict(list)
    for cp, glyph in best.items():
        by_glyph[glyph].append(cp)
    drop: set[int] = {cp for cp in best if _in_ranges(cp, DROP_RANGES)}
    for cps in by_glyph.values():
        unified = [cp for cp in cps if 0x4E00 <= cp <= 0x9FFF]
        if unified:
            # Keep only the unified ideograph(s); anything lower would win.
            drop.update(cp for cp in cps if cp < min(unified))
    log = [f"U+{cp:04X} {chr(cp)} -> {best[cp]}" for cp in sorted(drop)]
    for table in font["cmap"].tables:
        if table.isUnicode():
            for cp in drop:
                table.cmap.pop(cp, None)
    # Glyphs shared by several code points that remain (informational):
    best = font.getBestCmap()
    by_glyph = defaultdict(list)
    for cp, glyph in best.items():
        by_glyph[glyph].append(cp)
    shared = [cps for cps in by_glyph.values() if len(cps) > 1]
    log.append(f"remaining glyphs shared by several code points: {len(shared)}")
    log.extend("  " + " ".join(f"U+{cp:04X}" for cp in sorted(cps)) for cps in shared)
    return log


def split_shared_glyphs(font: TTFont) -> int:
    """Give every code point its own glyph (TrueType outlines only).

    Where several code points share one glyph (• and ·, ～ and 〜, ／ and ∕,
    U+00A0 and space…), Qt's ToUnicode map would return the lowest code point
    for all of them.  A copy of the glyph per extra code point makes the
    reverse map exact.  Returns the number of glyphs added.
    """
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    best = font.getBestCmap()
    by_glyph: dict[str, list[int]] = defaultdict(list)
    for cp, glyph in best.items():
        by_glyph[glyph].append(cp)
    order = list(font.getGlyphOrder())
    added = 0
    for glyph, cps in sorted(by_glyph.items(), key=lambda kv: min(kv[1])):
        for cp in sorted(cps)[1:]:
            new = f"uni{cp:04X}" if cp <= 0xFFFF else f"u{cp:05X}"
            while new in glyf.glyphs:
                new += ".alt"
            glyf.glyphs[new] = copy.deepcopy(glyf.glyphs[glyph])
            hmtx.metrics[new] = hmtx.metrics[glyph]
            order.append(new)
            for table in font["cmap"].tables:
                if table.isUnicode() and cp in table.cmap:
                    table.cmap[cp] = new
            added += 1
    # Qt maps TAB (and no-break space) to the space glyph when the font has no
    # entry for it, and U+0009 < U+0020, so every space would extract as a
    # tab: give TAB an entry and a glyph of its own.
    if 0x09 not in best and 0x20 in best:
        glyf.glyphs["uni0009"] = copy.deepcopy(glyf.glyphs[best[0x20]])
        hmtx.metrics["uni0009"] = hmtx.metrics[best[0x20]]
        order.append("uni0009")
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[0x09] = "uni0009"
        added += 1
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    return added


def cff_to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF outlines with TrueType quadratic outlines, in place.

    This is fontTools' ``Snippets/otf2ttf.py`` recipe: cubic curves go through
    cu2qu with *max_err* font units of tolerance (1 unit of a 1000-unit em).
    """
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(len(getattr(g, "components", [])) for g in glyf.glyphs.values())
    maxp.compile(font)

    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and none are needed
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, style: str) -> None:
    """Rename the family to :data:`NEW_FAMILY` (English names only remain)."""
    name = font["name"]
    ps_style = style.replace(" ", "")
    version = name.getDebugName(5) or ""
    full = NEW_FAMILY if style == "Regular" else f"{NEW_FAMILY} {style}"
    records = {
        1: NEW_FAMILY,
        2: style,
        3: f"{NEW_PS_PREFIX}-{ps_style};{version}",
        4: full,
        6: f"{NEW_PS_PREFIX}-{ps_style}",
        10: (
            "Subset of Noto Sans CJK SC (Latin, punctuation, symbols, the general-standard "
            "Chinese characters) with radical and compatibility-ideograph cmap "
            "entries removed, made by QFTZ Briefing's scripts/build_fonts.py."
        ),
    }
    name.names = [r for r in name.names if r.nameID not in (16, 17, 21, 22)]
    for name_id, text in records.items():
        name.removeNames(nameID=name_id)
        name.setName(text, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [f"{NEW_PS_PREFIX}-{ps_style}"]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, full if key == "FullName" else NEW_FAMILY)


def build_one(
    ttc_path: Path, out_dir: Path, truetype: bool = True, han: set[int] | None = None
) -> Path:
    index = find_face(ttc_path)
    # recalcTimestamp=False keeps head.modified from the source: reproducible output.
    font = TTFont(str(ttc_path), fontNumber=index, recalcTimestamp=False)
    style = font["name"].getDebugName(2) or "Regular"
    print(f"{ttc_path.name}: face {index} {font['name'].getDebugName(4)!r}")

    subset_font(font, han)
    for line in clean_cmap(font):
        print("  cmap:", line)
    if truetype:
        cff_to_truetype(font)
        print(f"  split shared glyphs: {split_shared_glyphs(font)} added")
    rename(font, style)

    cmap = font.getBestCmap()
    missing = [ch for ch in REQUIRED if ord(ch) not in cmap]
    if missing:
        raise SystemExit(f"missing required characters: {''.join(missing)}")
    if any(_in_ranges(cp, DROP_RANGES) for cp in cmap):
        raise SystemExit("radical/compatibility entries left in cmap")
    gb2312 = [ch for ch in _gb2312_chars() if ord(ch) not in cmap]
    if gb2312:
        raise SystemExit(f"GB2312 characters not covered: {''.join(gb2312)}")
    if han is not None:
        data = {cp for cp in repo_text_chars() if _is_han(cp)} - set(cmap)
        source = set(TTFont(str(ttc_path), fontNumber=index, lazy=True).getBestCmap())
        lost = sorted(data & source)
        if lost:
            raise SystemExit(f"the data's characters not covered: {''.join(map(chr, lost))}")

    out_dir.mkdir(parents=True, exist_ok=True)
    ext = "ttf" if truetype else "otf"
    out = out_dir / f"{NEW_PS_PREFIX}-{style.replace(' ', '')}.{ext}"
    font.save(str(out))
    print(
        f"  -> {out} ({out.stat().st_size / 1e6:.2f} MB, "
        f"{font['maxp'].numGlyphs} glyphs, {len(cmap)} code points)"
    )
    return out


COVERAGE_NAME = "coverage.txt"


def coverage_ranges(code_points: set[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(code_points):
        if runs and cp == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], cp)
        else:
            runs.append((cp, cp))
    return runs


def write_coverage(fonts: list[Path], out: Path) -> Path:
    """Write the code points that *every* bundled face maps, as hex ranges.

    The app reads this file (``qftz_desktop.snapshot.glyphs``) to warn, without Qt, about
    characters in a snapshot that no bundled font can draw: a bold title must not fall back
    to a system font or a box either, so a code point counts only when all faces have it.
    """
    common: set[int] | None = None
    for path in fonts:
        cmap = set(TTFont(str(path), lazy=True).getBestCmap())
        common = cmap if common is None else common & cmap
    lines = [
        "# Code points drawn by every bundled font (QFTZNotoSansSC-*.ttf), inclusive hex ranges.",
        "# Generated by scripts/build_fonts.py; read by qftz_desktop.snapshot.glyphs.",
    ]
    for first, last in coverage_ranges(common or set()):
        lines.append(f"{first:04X}" if first == last else f"{first:04X}-{last:04X}")
    target = out / COVERAGE_NAME
    target.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"  -> {target} ({len(common or ())} code points in {len(lines) - 2} ranges)")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("ttc", nargs="*", type=Path, help="NotoSansCJK-{Regular,Bold}.ttc")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--cff",
        action="store_true",
        help="keep CFF outlines (.otf); QPdfWriter embeds those as Type 3",
    )
    parser.add_argument(
        "--unihan",
        type=Path,
        help="Unihan_OtherMappings.txt[.bz2]: keep only the general-standard Han characters "
        "(kTGH), GB2312 and the data's own (default: the whole U+4E00-U+9FFF block)",
    )
    parser.add_argument(
        "--coverage-only",
        action="store_true",
        help=f"only rewrite {COVERAGE_NAME} from the fonts already in --out",
    )
    args = parser.parse_args(argv)
    if not args.coverage_only:
        if not args.ttc:
            parser.error("give the .ttc files (or --coverage-only)")
        han = han_selection(args.unihan) if args.unihan else None
        for path in args.ttc:
            build_one(path, args.out, truetype=not args.cff, han=han)
    write_coverage(sorted(args.out.glob(f"{NEW_PS_PREFIX}-*.ttf")), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
