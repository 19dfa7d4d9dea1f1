"""Colours and type sizes for the screen, print (PDF) and projector themes.

The palette is Okabe–Ito, chosen to stay distinguishable for colour-blind viewers; series also
differ by marker shape, and status by fill (solid, hatched, outline) so colour is never the only
cue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
OKABE_ITO_ON_DARK = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#FFFFFF")
MARKERS = ("o", "s", "t", "d", "star", "p", "h")


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    surface: str
    text: str
    muted: str
    grid: str
    accent: str
    focus: str  # translucent band behind the focused year
    palette: tuple[str, ...]
    base_pt: float  # body text
    title_pt: float  # chart titles
    tick_px: int  # axis tick labels, in pixels of the target surface
    label_px: int  # value labels on bars
    line_width: float

    def color(self, index: int) -> str:
        return self.palette[index % len(self.palette)]


SCREEN = Theme(
    name="screen",
    background="#FFFFFF",
    surface="#F5F7FA",
    text="#1B1F24",
    muted="#57606A",
    grid="#D0D7DE",
    accent="#0B5CAD",
    focus="#F0E44255",
    palette=OKABE_ITO,
    base_pt=10.5,
    title_pt=12.0,
    tick_px=13,
    label_px=12,
    line_width=2.0,
)

PRINT = replace(
    SCREEN,
    name="print",
    surface="#FFFFFF",
    text="#000000",
    muted="#404040",
    grid="#C8C8C8",
    focus="#F0E44266",
    tick_px=11,
    label_px=10,
    line_width=1.5,
)

PROJECTOR_DARK = Theme(
    name="projector-dark",
    background="#000000",
    surface="#111111",
    text="#FFFFFF",
    muted="#E0E0E0",
    grid="#5A5A5A",
    accent="#56B4E9",
    focus="#F0E44240",
    palette=OKABE_ITO_ON_DARK,
    base_pt=22,
    title_pt=34,
    tick_px=28,
    label_px=28,
    line_width=4.0,
)

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    background="#FFFFFF",
    surface="#FFFFFF",
    text="#000000",
    muted="#1F1F1F",
    grid="#9A9A9A",
    accent="#0B4F8A",
    focus="#F0E44280",
    palette=OKABE_ITO,
    base_pt=22,
    title_pt=34,
    tick_px=28,
    label_px=28,
    line_width=4.0,
)

THEMES = {t.name: t for t in (SCREEN, PRINT, PROJECTOR_DARK, PROJECTOR_LIGHT)}


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(hex_color: str) -> float:
        h = hex_color.lstrip("#")[:6]
        channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)
