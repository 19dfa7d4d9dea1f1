"""Text in the PowerPoint deck: fonts that Windows and macOS have, sizes for a projector.

Chinese is set as East Asian text: PowerPoint picks the font of a run by script, from the run's
``a:ea`` element (``font.name`` only sets ``a:latin``). Microsoft YaHei ships with Windows and
with Office for Mac. A run names one East Asian font only: where YaHei is missing (a Mac without
Office fonts, Keynote, WPS on Linux) the program substitutes its own Chinese UI font — PingFang
SC on macOS — which was not tried here. Latin text is Arial, on every system. The theme's fonts
are set the same way, so that text the user types later (and chart text) follows.
"""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

LATIN = "Arial"
EAST_ASIAN = "Microsoft YaHei"
EAST_ASIAN_FALLBACK = "PingFang SC"  # what macOS substitutes; not written into the file

INK = RGBColor(0x1B, 0x1F, 0x24)
MUTED = RGBColor(0x57, 0x60, 0x6A)
ACCENT = RGBColor(0x0B, 0x5C, 0xAD)
NOTE = RGBColor(0x7A, 0x4B, 0x00)  # the presenter's words, never data colours

# sizes in points: the body never below 18 (a projector at the back of a room)
TITLE_PT = 32
COVER_PT = 40
SUBTITLE_PT = 20
BODY_PT = 18
SMALL_PT = 14  # source line and footer only
CHART_PT = 16


def set_fonts(rpr, lang: str) -> None:
    """Latin, East Asian and complex-script fonts on a run's (or a txPr's) properties."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    # schema order: ln?, fill, effect, highlight, uLnTx/uLn, uFillTx/uFill, latin, ea, cs, sym…
    anchor = None
    for tag in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"):
        anchor = rpr.find(qn(tag))
        if anchor is not None:
            break
    for tag, face in (("a:latin", LATIN), ("a:ea", EAST_ASIAN), ("a:cs", LATIN)):
        el = etree.SubElement(rpr, qn(tag))
        el.set("typeface", face)
        if anchor is not None:
            anchor.addprevious(el)
    rpr.set("lang", "zh-CN" if lang == "zh" else "en-US")  # language tags, not text
    rpr.set("altLang", "en-US" if lang == "zh" else "zh-CN")


def style_run(run, lang: str, size: float, bold: bool = False, color: RGBColor = INK) -> None:
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = color
    set_fonts(run._r.get_or_add_rPr(), lang)


_CONTROL = {c: None for c in range(32) if c not in (9,)}


def _run_xml(parent, text: str, lang: str, size: float, bold: bool, color: RGBColor) -> None:
    """One run with its properties written directly: python-pptx's property setters search
    the element tree for every attribute, which made text most of the export's time."""
    r = parent.makeelement(qn("a:r"), {})
    rpr = r.makeelement(
        qn("a:rPr"),
        {
            "lang": "zh-CN" if lang == "zh" else "en-US",  # language tags, not text
            "altLang": "en-US" if lang == "zh" else "zh-CN",
            "sz": str(int(round(size * 100))),
            "b": "1" if bold else "0",
        },
    )
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), {"val": str(color)})
    for tag, face in (("a:latin", LATIN), ("a:ea", EAST_ASIAN), ("a:cs", LATIN)):
        etree.SubElement(rpr, qn(tag), {"typeface": face})
    r.append(rpr)
    t = etree.SubElement(r, qn("a:t"))
    t.text = text.translate(_CONTROL)  # XML 1.0 allows no other control characters
    parent.append(r)


def write(
    frame,
    paragraphs: list[str] | str,
    lang: str,
    size: float = BODY_PT,
    bold: bool = False,
    color: RGBColor = INK,
    space_after: float = 6,
    bullet: bool = False,
    align: str = "",
) -> None:
    """Replace a text frame's text with paragraphs, each one run, styled (``align``: "r" or
    "ctr" to set the paragraphs right or centred)."""
    items = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    frame.word_wrap = True
    body = frame._txBody
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for text in items or [""]:
        p = body.makeelement(qn("a:p"), {})
        ppr = etree.SubElement(p, qn("a:pPr"), {"algn": align} if align else {})
        spc = etree.SubElement(ppr, qn("a:spcAft"))
        etree.SubElement(spc, qn("a:spcPts"), {"val": str(int(space_after * 100))})
        _run_xml(p, ("• " if bullet else "") + text, lang, size, bold, color)
        body.append(p)


def theme_fonts(theme_xml: bytes) -> bytes:
    """The theme's major and minor fonts: Arial for Latin, YaHei for Chinese (the ``ea`` slot
    and the Simplified-Chinese ``Hans`` script entry)."""
    root = etree.fromstring(theme_xml)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for fonts in root.iterfind(".//a:fontScheme/*", ns):
        latin = fonts.find("a:latin", ns)
        if latin is not None:
            latin.set("typeface", LATIN)
        ea = fonts.find("a:ea", ns)
        if ea is not None:
            ea.set("typeface", EAST_ASIAN)
        for f in fonts.iterfind("a:font", ns):
            if f.get("script") == "Hans":
                f.set("typeface", EAST_ASIAN)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
