"""One slide of meeting mode as a widget: kicker, title, takeaway, body and footer, laid out
for any size with type scaled from 1920×1080 (at least 24 px there).

Shared by the screen (meeting mode, presenter view) and paper (the 16:9 handout in
``export/handout.py``), so it lives in the render layer: it draws a
:class:`~qftz_desktop.domain.deck.Slide` and decides nothing about content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.briefing import Briefing, FigureCard
from ..domain.caveats import MarkBook
from ..domain.chart_model import STATUS_STYLES
from ..domain.deck import Slide
from ..domain.notes import marked_takeaway
from ..text import tr
from .chart_view import ChartView
from .fonts import ui_font
from .selection import Selection
from .text import counts_text, plain_label
from .theme import PROJECTOR_DARK, PROJECTOR_LIGHT, Theme

BASE_W, BASE_H = 1920, 1080  # slides are designed at this size and scaled from it
# (slide view, chart view, selection) -> None, called for a slide's chart shown on screen; the
# window layer registers its chart tools here (render/ does not import ui/)
SCREEN_CHART_HOOKS: list[Callable[..., None]] = []
PROJECTOR_THEMES = {t.name: t for t in (PROJECTOR_DARK, PROJECTOR_LIGHT)}

# Text sizes in pixels at 1920×1080; everything on a slide is at least 24 px there.
PX = {
    "kicker": 30,
    "title": 48,
    "subtitle": 30,
    "body": 30,
    "card_name": 32,
    "card_value": 92,
    "card_meta": 28,
    "hl_title": 40,
    "hl_text": 34,
    "hl_source": 26,
    "footer": 24,
    "cover_title": 84,
    "cover_sub": 36,
    "cover_meta": 30,
}
MIN_PX_AT_1080 = 24

# -- sizes, themes, colours ------------------------------------------------------------------


def slide_scale(width: int, height: int) -> float:
    """How much smaller (or larger) than 1920×1080 a slide is; type scales with it."""
    return max(0.3, min(width / BASE_W, height / BASE_H))


def px(name: str, scale: float) -> int:
    return max(9, round(PX[name] * scale))


def scaled_theme(theme: Theme, scale: float) -> Theme:
    """The theme with chart text and lines sized for a slide of that scale."""
    return replace(
        theme,
        tick_px=max(9, round(theme.tick_px * scale)),
        label_px=max(9, round(theme.label_px * scale)),
        base_pt=theme.base_pt * scale,
        title_pt=theme.title_pt * scale,
        line_width=max(1.5, theme.line_width * scale),
    )


def text_colours(theme: Theme) -> dict[str, str]:
    """Every colour slides use for text (checked for 7:1 contrast in the tests)."""
    return {"text": theme.text, "muted": theme.muted, "accent": theme.accent}


def _stylesheet(theme: Theme, scale: float) -> str:
    border = max(1, round(2 * scale))
    stripe = max(3, round(10 * scale))
    radius = max(2, round(8 * scale))
    # one mapping with the window's cards and the charts (domain/chart_model.py)
    status = {st: style.line for st, style in STATUS_STYLES.items()}
    rules = [
        f"QWidget#presentation, QWidget#slide, QWidget#blank {{ background: {theme.background}; }}",
        f"QLabel {{ color: {theme.text}; background: transparent; }}",
        f'QLabel[role="muted"] {{ color: {theme.muted}; }}',
        f'QLabel[role="accent"] {{ color: {theme.accent}; }}',
        f"QFrame#slideRule {{ background: {theme.grid}; border: none; }}",
        f"QFrame#slideCard, QFrame#slideHighlight {{ background: {theme.surface}; "
        f"border: {border}px solid {theme.grid}; }}",
        f"QFrame#slideCard {{ border-left: {stripe}px solid {theme.color(0)}; }}",
        f'QFrame#slideCard[focused="true"] {{ border: {border * 2}px solid {theme.accent}; '
        f"border-left: {stripe}px solid {theme.accent}; }}",
        f"QFrame#slideHighlight {{ border-left: {stripe}px solid {theme.accent}; }}",
        f"QLabel#jumpBox {{ background: {theme.accent}; color: {theme.background}; "
        f"border-radius: {radius}px; padding: {round(8 * scale)}px {round(20 * scale)}px; }}",
    ]
    for st, style in status.items():
        if st != "reported":
            colour = theme.color(2 if st == "derived" else 1)
            rules.append(
                f'QFrame#slideCard[status="{st}"] {{ border-left: {stripe}px {style} {colour}; }}'
            )
    return "\n".join(rules)


def _font(size_px: int, bold: bool = False) -> QFont:
    font = ui_font()
    font.setPixelSize(size_px)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return font


def _label(text: str, size_px: int, bold: bool = False, role: str = "", wrap: bool = True):
    label = plain_label(text, wrap=wrap)
    label.setFont(_font(size_px, bold))
    if role:
        label.setProperty("role", role)
    return label


def fit_font_px(text: str, width: int, start_px: int, min_px: int, max_lines: int, bold=True):
    """The largest pixel size (from start_px down to min_px) that sets text in max_lines."""
    size = start_px
    while size > min_px:
        fm = QFontMetrics(_font(size, bold))
        rect = fm.boundingRect(QRect(0, 0, max(width, 1), 100000), Qt.TextFlag.TextWordWrap, text)
        if rect.height() < fm.lineSpacing() * (max_lines + 0.5):
            return size
        size -= 2
    return min_px


def text_height(text: str, width: int, font: QFont) -> int:
    fm = QFontMetrics(font)
    return fm.boundingRect(
        QRect(0, 0, max(width, 1), 100000), Qt.TextFlag.TextWordWrap, text
    ).height()


class FittingLabel(QLabel):
    """One line of plain text: the first candidate that fits the width, else the last elided."""

    def __init__(self, candidates: Sequence[str] = (), parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        self._candidates: list[str] = []
        self.set_candidates(candidates)

    def set_candidates(self, candidates: Sequence[str]) -> None:
        self._candidates = [c for c in candidates if c] or [""]
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        fm = self.fontMetrics()
        width = max(self.width(), 1)
        for text in self._candidates:
            if fm.horizontalAdvance(text) <= width:
                self.setText(text)
                return
        self.setText(fm.elidedText(self._candidates[-1], Qt.TextElideMode.ElideRight, width))


# -- slide widgets ---------------------------------------------------------------------------


class SlideCard(QFrame):
    """A figure card at projector size: name, value, period and status, scope."""

    def __init__(
        self,
        briefing: Briefing,
        card: FigureCard,
        lang: str,
        scale: float,
        width: int,
        marks: MarkBook | None = None,
    ):
        super().__init__()
        self.setObjectName("slideCard")
        self.card = card
        self.lang = lang
        self.marks = marks  # the slide's caveat numbering (Slide.marks)
        pad = round(22 * scale)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(round(30 * scale), pad, pad, pad)
        lay.setSpacing(round(6 * scale))
        name = card.metric.name(lang)
        inner = width - round(60 * scale)
        name_px = fit_font_px(name, inner, px("card_name", scale), px("card_meta", scale), 2)
        self.name_label = _label(name, name_px, bold=True)
        self.value_label = _label("", px("card_value", scale), bold=True, role="accent")
        self.value_label.setWordWrap(False)
        self.period_label = _label("", px("card_meta", scale), role="muted")
        self.scope_label = _label(
            card.metric.scope_label(lang), px("card_meta", scale), role="muted"
        )
        lay.addWidget(self.name_label)
        lay.addWidget(self.value_label)
        lay.addWidget(self.period_label)
        lay.addWidget(self.scope_label)
        lay.addStretch(1)
        self._inner = inner
        self._value_px = px("card_value", scale)
        self.set_year(None)

    def set_year(self, year: int | None, marks: MarkBook | None = None) -> None:
        point, exact = self.card.point_for(year)
        lang = self.lang
        self.marks = marks or self.marks or MarkBook(lang)
        # the caveat marks the presenter view explains under the same numbers
        value = point.value_text(self.card.metric, lang) + self.marks.of_point(
            point, self.card.metric
        )
        self.value_label.setFont(
            _font(fit_font_px(value, self._inner, self._value_px, self._value_px // 2, 1), True)
        )
        self.value_label.setText(value)
        period = f"{point.period.label(lang)} · {tr(f'status.{point.status}', lang)}"
        if year is not None and not exact:
            period += " · " + tr("label.no_data_year", lang, year=year)
        self.period_label.setText(period)
        self.setProperty("status", point.status)
        self.setProperty("focused", bool(year is not None and exact))
        self.style().unpolish(self)
        self.style().polish(self)


class SlideView(QWidget):
    """One slide at a given size: kicker and title, the body, and the footer line."""

    def __init__(
        self,
        slide: Slide,
        theme: Theme,
        lang: str,
        size: QSize,
        number: int,
        total: int,
        selection: Selection | None = None,
        parent=None,
        handout: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("slide")
        self.handout = handout  # on paper: no key hints
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.slide = slide
        self.lang = lang
        self.theme_name = theme.name
        self.scale = scale = slide_scale(size.width(), size.height())
        self.theme = scaled_theme(theme, scale)
        self.number, self.total = number, total
        self.chart: ChartView | None = None
        self.cards: list[SlideCard] = []
        self.focus_year: int | None = None
        self.year_mode = False
        self.resize(size)
        margin_x, margin_top = round(72 * scale), round(40 * scale)
        self._content_w = size.width() - 2 * margin_x
        lay = QVBoxLayout(self)
        lay.setContentsMargins(margin_x, margin_top, margin_x, round(22 * scale))
        lay.setSpacing(round(10 * scale))
        if slide.kind == "title":
            self._build_cover(lay, size)
        else:
            self._build_header(lay)
            self._build_body(lay, size, selection)
        self._build_footer(lay)
        if selection is not None:
            self.set_range(selection.year_from, selection.year_to, selection.bounds)
            self.set_focus(selection.focus_year)
        else:
            self._update_footer()

    # -- parts -----------------------------------------------------------------------------
    def _build_cover(self, lay: QVBoxLayout, size: QSize) -> None:
        s, lang, snap = self.scale, self.lang, self.slide.briefing.snapshot
        lay.addStretch(3)
        lay.addWidget(_label(self.slide.kicker(lang), px("cover_sub", s), role="accent"))
        title = self.slide.title(lang)
        title_px = fit_font_px(title, self._content_w, px("cover_title", s), px("title", s), 2)
        self.title_label = _label(title, title_px, bold=True)
        lay.addWidget(self.title_label)
        lay.addSpacing(round(24 * s))
        sep = tr("punct.colon", lang)
        lines = [
            f"{tr('label.as_of', lang)}{sep}{snap.as_of}",
            f"{counts_text(snap, lang)} · {tr('label.content_id', lang)} {snap.short_id}",
        ]
        for line in lines:
            lay.addWidget(_label(line, px("cover_meta", s), role="muted"))
        lay.addStretch(4)
        if not self.handout:
            lay.addWidget(_label(tr("slide.cover_hint", lang), px("footer", s), role="muted"))

    def _build_header(self, lay: QVBoxLayout) -> None:
        s, lang = self.scale, self.lang
        head = QHBoxLayout()
        head.setSpacing(round(24 * s))
        self.kicker_label = _label(self.slide.kicker(lang), px("kicker", s), True, "accent")
        head.addWidget(self.kicker_label, 1)
        self.focus_label = _label("", px("kicker", s), True, "accent", wrap=False)
        head.addWidget(self.focus_label, 0, Qt.AlignmentFlag.AlignRight)
        lay.addLayout(head)
        title = self.slide.title(lang)
        title_px = fit_font_px(title, self._content_w, px("title", s), px("subtitle", s), 2)
        self.title_label = _label(title, title_px, bold=True)
        lay.addWidget(self.title_label)
        takeaway = self.slide.takeaway(lang)
        if takeaway and self.slide.takeaway_is_own():  # the presenter's words, marked as such
            text = marked_takeaway(takeaway, lang)
            self.takeaway_label = _label(text, px("subtitle", s), bold=True, role="muted")
            self.takeaway_label.setObjectName("ownTakeaway")
            lay.addWidget(self.takeaway_label)
        elif takeaway:  # the chart's one computed sentence: what to say about it
            self.takeaway_label = _label(takeaway, px("subtitle", s), bold=True, role="accent")
            lay.addWidget(self.takeaway_label)
        subtitle = self.slide.subtitle(lang)
        if subtitle:
            lay.addWidget(_label(subtitle, px("card_meta", s), role="muted"))

    def _body_height(self, size: QSize) -> int:
        s = self.scale
        fixed = 40 + 22 + 10 * 5 + 44 + 2 * 64 + 44 + 36  # margins, spacing, header, footer
        title_px = self.title_label.font().pixelSize()
        return max(100, size.height() - round(fixed * s) - title_px * 2)

    def _build_body(self, lay: QVBoxLayout, size: QSize, selection: Selection | None) -> None:
        s, lang, slide = self.scale, self.lang, self.slide
        lay.addSpacing(round(6 * s))
        if slide.kind == "chart" and slide.chart is not None:
            chart = ChartView(
                slide.chart,
                slide.briefing,
                self.theme,
                lang,
                interactive=True,
                marks=slide.marks(lang),
            )
            chart.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chart.setMinimumHeight(round(200 * s))
            # from across a room: grid lines behind the bars, and no sub-minor lines
            left = chart.plotItem.getAxis("left")
            left.setZValue(-1)
            left.setStyle(maxTickLevel=1)
            # the unit is in the subtitle; at projector sizes pyqtgraph's axis label (which it
            # sizes at 0.8 of its height) would touch the tick labels
            left.showLabel(False)
            if selection is not None:
                chart.yearClicked.connect(selection.set_focus)
            if not self.handout:
                # on screen the window layer adds its tools (right-click: copy or save the
                # chart as a picture, ui/chart_menu.py); paper gets none
                for hook in SCREEN_CHART_HOOKS:
                    hook(self, chart, selection)
            self.chart = chart
            lay.addWidget(chart, 1)
        elif slide.kind in ("kpis", "cards"):
            grid = QGridLayout()
            gap = round(24 * s)
            grid.setHorizontalSpacing(gap)
            grid.setVerticalSpacing(gap)
            cols = 2 if len(slide.cards) > 1 else 1
            card_w = (self._content_w - gap * (cols - 1)) // cols
            for i, figure in enumerate(slide.cards):
                card = SlideCard(slide.briefing, figure, lang, s, card_w, slide.marks(lang))
                self.cards.append(card)
                grid.addWidget(card, i // cols, i % cols)
            for c in range(cols):
                grid.setColumnStretch(c, 1)
            for r in range(2):  # two rows even for two cards: cards keep one size
                grid.setRowStretch(r, 1)
            lay.addLayout(grid, 1)
        elif slide.kind == "highlights":
            self._build_highlights(lay, size)
        elif slide.kind in ("scorecard", "caveats", "sources", "changes"):
            self._build_lines(lay, size)
        else:
            lay.addStretch(1)

    def _build_lines(self, lay: QVBoxLayout, size: QSize) -> None:
        """A text slide (scorecard, caveats, sources): the meeting brief's own words."""
        s, lang = self.scale, self.lang
        lines = self.slide.lines(lang)
        # sizes for a room: at least the card's small text (a scorecard slide has 5 rows)
        size_px = px("body", s) if self.slide.kind != "sources" else px("card_meta", s)
        small_px = px("card_meta", s)
        i = 0
        while i < len(lines):
            ln = lines[i]
            text = ("• " + ln.text) if self.slide.kind == "caveats" else ln.text
            if (
                ln.role == "head"
                and i + 1 < len(lines)
                and lines[i + 1].role
                not in (
                    "head",
                    "body",
                    "muted",
                )
            ):
                # a scorecard row: the target's name, and its status on the right
                row = QHBoxLayout()
                row.addWidget(_label(text, size_px, bold=True), 1)
                status = lines[i + 1]
                label = _label(status.text, size_px, bold=True, role="accent", wrap=False)
                label.setProperty("status", status.role)
                row.addWidget(label, 0, Qt.AlignmentFlag.AlignRight)
                lay.addLayout(row)
                i += 2
                continue
            role = "muted" if ln.role == "muted" else ""
            text_px = small_px if ln.role == "muted" else size_px
            lay.addWidget(_label(text, text_px, bold=ln.role == "head", role=role))
            if ln.role == "muted" and self.slide.kind == "scorecard":
                lay.addSpacing(round(10 * s))
            i += 1
        lay.addStretch(1)

    def _build_highlights(self, lay: QVBoxLayout, size: QSize) -> None:
        s, lang, slide = self.scale, self.lang, self.slide
        inner = self._content_w - round(70 * s)
        available = self._body_height(size)
        blocks = [
            (h.title(lang), h.text(lang), slide.briefing.source_note([h.source_id], lang))
            for h in slide.highlights
        ]
        gap, pad = round(20 * s), round(18 * s)
        factor = 1.0
        while factor > 0.6:  # shrink the type until the highlights fit (rarely needed)
            sizes = (
                round(px("hl_title", s) * factor),
                round(px("hl_text", s) * factor),
                max(round(px("hl_source", s) * factor), 9),
            )
            need = sum(
                text_height(t, inner, _font(sizes[0], True))
                + text_height(b, inner, _font(sizes[1]))
                + text_height(n, inner, _font(sizes[2]))
                + 2 * pad
                + 3 * round(6 * s)
                + gap
                for t, b, n in blocks
            )
            if need <= available:
                break
            factor -= 0.05
        for title, body, note in blocks:
            frame = QFrame()
            frame.setObjectName("slideHighlight")
            box = QVBoxLayout(frame)
            box.setContentsMargins(round(30 * s), pad, pad, pad)
            box.setSpacing(round(6 * s))
            box.addWidget(_label(title, sizes[0], bold=True))
            box.addWidget(_label(body, sizes[1]))
            box.addWidget(_label(note, sizes[2], role="muted"))
            lay.addWidget(frame)
            lay.addSpacing(gap - lay.spacing())
        lay.addStretch(1)

    def _build_footer(self, lay: QVBoxLayout) -> None:
        s = self.scale
        rule = QFrame()
        rule.setObjectName("slideRule")
        rule.setFixedHeight(max(1, round(2 * s)))
        lay.addWidget(rule)
        foot = QHBoxLayout()
        foot.setSpacing(round(32 * s))
        size = px("footer", s)
        self.source_label = FittingLabel()
        self.source_label.setFont(_font(size))
        self.source_label.setProperty("role", "muted")
        self.hint_label = _label("", size, role="muted", wrap=False)
        self.position_label = _label("", size, role="muted", wrap=False)
        foot.addWidget(self.source_label, 1)
        foot.addWidget(self.hint_label, 0)
        foot.addWidget(self.position_label, 0)
        lay.addLayout(foot)

    # -- state -----------------------------------------------------------------------------
    def _update_footer(self) -> None:
        lang, slide = self.lang, self.slide
        if slide.kind == "title":
            self.source_label.set_candidates([slide.source_note(lang)])
        else:
            self.source_label.set_candidates(
                [
                    slide.source_note(lang, self.focus_year, limit=2),
                    slide.source_note(lang, self.focus_year, limit=1),
                ]
            )
        hint = ""
        if self.handout:
            pass
        elif self.year_mode:
            hint = tr("slide.year_mode", lang)
            self.hint_label.setProperty("role", "accent")
        elif slide.kind in ("chart", "kpis", "cards"):
            hint = tr("slide.hint_year", lang)
            self.hint_label.setProperty("role", "muted")
        self.hint_label.style().unpolish(self.hint_label)
        self.hint_label.style().polish(self.hint_label)
        self.hint_label.setText(hint)
        sep = tr("punct.colon", lang)
        self.position_label.setText(
            f"{tr('label.as_of', lang)}{sep}{slide.as_of}    {self.number} / {self.total}"
        )

    def set_range(self, lo: int, hi: int, bounds: tuple[int, int] | None = None) -> None:
        if self.chart is not None:
            self.chart.set_year_range(lo, hi)
        self._range_text = "" if bounds is None or (lo, hi) == tuple(bounds) else f"{lo}–{hi}"
        self._update_focus_label()

    def set_focus(self, year: int | None) -> None:
        self.focus_year = year
        if self.chart is not None:
            self.chart.set_focus_year(year)
        marks = self.slide.marks(self.lang, year) if self.cards else None
        for card in self.cards:
            card.set_year(year, marks)
        self._update_focus_label()
        self._update_footer()

    def set_year_mode(self, on: bool) -> None:
        if on != self.year_mode:
            self.year_mode = on
            self._update_footer()

    def _update_focus_label(self) -> None:
        label = getattr(self, "focus_label", None)
        if label is None:
            return
        if self.slide.kind not in ("chart", "kpis", "cards"):
            return  # highlights have no year
        parts = [getattr(self, "_range_text", "")]
        if self.focus_year is not None:
            parts.append(tr("slide.focus", self.lang, year=self.focus_year))
        label.setText(" · ".join(p for p in parts if p))


def build_slide_view(
    slide: Slide,
    theme: Theme,
    lang: str,
    size: QSize,
    number: int,
    total: int,
    selection: Selection | None = None,
    handout: bool = False,
) -> SlideView:
    """A slide laid out for ``size`` with its own style sheet (screenshots, handouts)."""
    view = SlideView(slide, theme, lang, size, number, total, selection, handout=handout)
    view.setStyleSheet(_stylesheet(theme, view.scale))
    # drawn off screen as a window of its own: a layout would push its minimum size to the
    # window system, which the offscreen platform answers with a warning per slide
    # ("This plugin does not support propagateSizeHints()"); the size is fixed by the caller
    view.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    return view
