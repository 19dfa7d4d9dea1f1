"""PNGs of representative slides at projector sizes (``qftz-desktop screenshot``, the README).

Slides are built alone (never shown on screen) with the same code the room sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from ...domain.briefing import Briefing
from ...domain.deck import Deck, Slide
from ...render.fonts import FAMILY, ui_font
from ...render.selection import Selection
from ...render.slide_view import PROJECTOR_THEMES, build_slide_view
from .presenter import render_view

SCREENSHOT_SIZES = ((1920, 1080), (1280, 720))


def representative_slides(deck: Deck) -> list[Slide]:
    """A few slides that show every kind, the longest titles and the busiest charts."""
    picked: dict[str, Slide] = {}

    def add(slide: Slide | None) -> None:
        if slide is not None:
            picked.setdefault(slide.id, slide)

    by_kind: dict[str, list[Slide]] = {}
    for s in deck.slides:
        by_kind.setdefault(s.kind, []).append(s)
    add(deck.slides[0] if deck.slides else None)
    for kind in ("kpis", "cards", "highlights"):
        add(by_kind.get(kind, [None])[0])
    charts = by_kind.get("chart", [])
    if charts:
        add(charts[0])
        add(max(charts, key=lambda s: len(s.chart.series) if s.chart else 0))
        add(max(charts, key=lambda s: len(s.title("en"))))
        add(max(charts, key=lambda s: len(s.chart.categories) if s.chart else 0))
        add(next((s for s in charts if s.chart and len(s.chart.statuses) == 3), None))
    highlights = by_kind.get("highlights", [])
    if highlights:
        add(max(highlights, key=lambda s: sum(len(h.text("en")) for h in s.highlights)))
    cards = by_kind.get("cards", []) + by_kind.get("kpis", [])
    if cards:
        add(max(cards, key=lambda s: max(len(c.metric.name("en")) for c in s.cards)))
    order = {s.id: i for i, s in enumerate(deck.slides)}
    return sorted(picked.values(), key=lambda s: order[s.id])


def _ensure_app_font() -> None:
    """Chart legends take the application font: make it the bundled one (no tofu)."""
    if QApplication.instance() is not None and QApplication.font().family() != FAMILY:
        QApplication.setFont(ui_font(10.5))


def presentation_screenshots(
    briefing: Briefing,
    out_dir: Path | str,
    sizes: Sequence[tuple[int, int]] | None = None,
    langs: Sequence[str] | None = None,
    themes: Sequence[str] | None = None,
    slide_ids: Sequence[str] | None = None,
    focus_year: int | None = None,
) -> list[Path]:
    """Save PNGs of slides: ``present-<theme>-<lang>-<W>x<H>-<nn>-<kind>.png``.

    Defaults: 1920×1080 and 1280×720, both languages, both projector themes and a handful of
    representative slides (``slide_ids`` picks others; ``["*"]`` takes every slide). Needs a
    QApplication.
    """
    _ensure_app_font()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    deck = Deck(briefing)
    if slide_ids is None:
        slides = representative_slides(deck)
    elif list(slide_ids) == ["*"]:
        slides = list(deck.slides)
    else:
        slides = list(deck.chosen(slide_ids))
    numbers = {s.id: i + 1 for i, s in enumerate(deck.slides)}
    written: list[Path] = []
    for theme_name in themes or tuple(PROJECTOR_THEMES):
        theme = PROJECTOR_THEMES[theme_name]
        for lang in langs or ("zh", "en"):
            selection = Selection(briefing.year_min, briefing.year_max, lang)
            if focus_year is not None:
                selection.set_focus(focus_year)
            for w, h in sizes or SCREENSHOT_SIZES:
                for slide in slides:
                    n = numbers[slide.id]
                    view = build_slide_view(
                        slide, theme, lang, QSize(w, h), n, len(deck), selection
                    )
                    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
                    view.show()
                    QApplication.processEvents()
                    path = out / f"present-{theme.name}-{lang}-{w}x{h}-{n:02d}-{slide.kind}.png"
                    render_view(view).save(str(path))
                    written.append(path)
                    view.close()
                    view.deleteLater()
            QApplication.processEvents()
            selection.deleteLater()
    return written
