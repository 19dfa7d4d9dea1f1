"""The meeting deck as an editable PowerPoint file, drawn from the brief's document model.

Content is decided once, by :func:`qftz_desktop.domain.brief.compose.compose` — the same
document the PDF prints; :mod:`.pptx_plan` decides the slides, this module draws them on 16:9
slides and writes the file: the cover; one slide per
table (the headline figures, the scorecard; long tables continue on a next slide); one slide per
chart (native, its takeaway as subtitle); what changed (with ``since``); what the data cannot
say; the sources. Every slide carries its source line and "data as of … · snapshot id"; the
speaker notes hold the presenter's notes, the caveats of the values on the slide and the full
citation of each source it uses. The presenter's notes are never printed on a slide.

No Qt: this runs anywhere python-pptx does. Pillow, which python-pptx imports for pictures,
is not needed (the deck has none): the bundle leaves it out and :func:`_import_pptx` stands a
stub in for it so that ``import pptx`` works there (see packaging/qftz-briefing.spec).
"""

from __future__ import annotations

import io
import sys
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.brief.model import BriefDocument
from ..domain.briefing import Briefing, ChartSpec
from ..text import tr
from .pptx_plan import SLIDE_WIDTH_PT, SlidePlan, plan_slides

__all__ = ["ExportCancelled", "PptxResult", "deck_bytes", "export_pptx", "plan_slides"]


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


def _import_pptx():
    """python-pptx, with a stand-in for Pillow when it is absent (the bundle).

    python-pptx imports ``PIL.Image`` and ``PIL.ImageFont`` at module level, for adding pictures
    and measuring text to fit; the deck does neither. The stand-in fails loudly if that ever
    changes, instead of shipping 23 MB of imaging library for nothing.
    """
    try:
        import PIL.Image  # noqa: F401
    except ImportError:
        stub = types.ModuleType("PIL")

        def _missing(*_a, **_k):
            raise RuntimeError("Pillow is not bundled: the PowerPoint export adds no pictures")

        for sub in ("Image", "ImageFont"):
            mod = types.ModuleType(f"PIL.{sub}")
            mod.open = _missing  # type: ignore[attr-defined]
            mod.truetype = _missing  # type: ignore[attr-defined]
            setattr(stub, sub, mod)
            sys.modules[f"PIL.{sub}"] = mod
        sys.modules["PIL"] = stub
    import pptx

    return pptx


# -- drawing -------------------------------------------------------------------------------


def _chart_spec(briefing: Briefing, chart_id: str) -> ChartSpec | None:
    return next((c for t in briefing.tabs for c in t.charts if c.id == chart_id), None)


def _notes_text(plan: SlidePlan, doc: BriefDocument, briefing: Briefing) -> str:
    lang = doc.lang
    parts: list[str] = []
    if plan.notes_presenter:
        head = tr("pptx.presenter_s_remarks", lang)
        parts.append(head + "\n" + "\n".join(plan.notes_presenter))
    if plan.notes_caveats:
        head = tr("pptx.caveats", lang)
        parts.append(head + "\n" + "\n".join(f"- {c}" for c in plan.notes_caveats))
    if plan.source_ids:
        head = tr("pptx.sources", lang)
        lines = []
        for sid in plan.source_ids:
            src = briefing.sources.get(sid)
            cite = src.cite() if src else sid
            url = f" {src.url}" if src and src.url else ""
            lines.append(f"[{sid}] {cite}{url}")
        parts.append(head + "\n" + "\n".join(lines))
    parts.append(doc.footer)
    return "\n\n".join(parts)


def _textbox(slide, x, y, w, h):
    box = slide.shapes.add_textbox(x, y, w, h)
    box.text_frame.word_wrap = True
    return box.text_frame


def render_deck(
    doc: BriefDocument,
    briefing: Briefing,
    plans: Sequence[SlidePlan],
    progress: Callable[[int, int], bool] | None = None,
):
    """A python-pptx Presentation of the planned slides (``progress`` False cancels)."""
    _import_pptx()
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Inches, Pt

    from . import pptx_layout as L
    from . import pptx_text as T
    from .pptx_chart import add_chart, plan_chart

    lang = doc.lang
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = T.theme_fonts(theme.blob)
    blank = prs.slide_layouts[6]
    left, width = Inches(0.55), Inches(12.23)
    for n, plan in enumerate(plans, 1):
        if progress is not None and not progress(n - 1, len(plans)):
            raise ExportCancelled()
        slide = prs.slides.add_slide(blank)
        if plan.kind == "cover":
            if plan.kicker not in plan.paragraphs[:1]:
                T.write(
                    _textbox(slide, left, Inches(0.6), width, Inches(0.5)),
                    plan.kicker,
                    lang,
                    T.SUBTITLE_PT,
                    color=T.MUTED,
                )
            T.write(
                _textbox(slide, left, Inches(1.1), width, Inches(1.0)),
                plan.title,
                lang,
                T.COVER_PT,
                bold=True,
                color=T.ACCENT,
            )
            T.write(
                _textbox(slide, left, Inches(2.05), width, Inches(0.5)),
                plan.subtitle,
                lang,
                T.SUBTITLE_PT,
                bold=True,
            )
            T.write(
                _textbox(slide, left, Inches(2.7), Inches(6.6), Inches(3.6)),
                plan.paragraphs,
                lang,
                T.BODY_PT,
                space_after=10,
            )
            if plan.rows:
                _kv_table(slide, plan.rows, Inches(7.4), Inches(2.6), Inches(5.4), lang, T, Pt)
        else:
            y = _header(slide, plan, lang, T, L, Inches)
            body_top = Inches(y)
            body_h = Inches(6.6 - y)
            if plan.kind == "chart" and plan.chart is not None:
                spec = _chart_spec(briefing, plan.chart.chart_id)
                kind = spec.kind if spec is not None else "bar"
                names = {m.id: m.name(lang) for m in spec.metrics} if spec is not None else {}
                chart_plan = plan_chart(plan.chart, kind, names, lang)
                add_chart(slide, chart_plan, left, body_top, width, body_h, lang)
            elif plan.kind in ("table", "scorecard"):
                _table(
                    slide,
                    plan.columns,
                    plan.weights,
                    plan.cells,
                    left,
                    body_top,
                    width,
                    lang,
                    T,
                    Pt,
                    plan.aligns,
                )
            else:
                size = T.BODY_PT if plan.kind == "sources" else T.SUBTITLE_PT
                T.write(
                    _textbox(slide, left, body_top, width, body_h),
                    plan.bullets,
                    lang,
                    size,
                    space_after=12,
                    bullet=True,
                )
        foot = _textbox(slide, left, Inches(6.72), width, Inches(0.65))
        T.write(
            foot, [plan.source_line, doc.footer], lang, T.SMALL_PT, color=T.MUTED, space_after=0
        )
        frame = slide.notes_slide.notes_text_frame
        T.write(frame, _notes_text(plan, doc, briefing).split("\n"), lang, 12, space_after=0)
    if progress is not None and not progress(len(plans), len(plans)):
        raise ExportCancelled()
    return prs


def _header(slide, plan: SlidePlan, lang: str, T, L, Inches) -> float:
    """Kicker, title (one line: smaller type for a long title) and subtitle; returns where the
    body starts, in inches."""
    left, width = Inches(0.55), Inches(12.23)
    y = 0.3
    if plan.kicker:
        size = T.SMALL_PT + 2
        lines = L.lines_needed(plan.kicker, size, SLIDE_WIDTH_PT)
        h = lines * size * 1.25 / 72
        T.write(
            _textbox(slide, left, Inches(y), width, Inches(h)),
            plan.kicker.split("\n"),
            lang,
            size,
            color=T.MUTED,
            space_after=0,
        )
        y += h + 0.05
    size = L.fit_size(plan.title, SLIDE_WIDTH_PT - 20, T.TITLE_PT, 24)
    lines = L.lines_needed(plan.title, size, SLIDE_WIDTH_PT - 20)
    h = lines * size * 1.3 / 72
    T.write(
        _textbox(slide, left, Inches(y), width, Inches(h)),
        plan.title,
        lang,
        size,
        bold=True,
        space_after=0,
    )
    y += h + 0.1
    if plan.subtitle:
        size = T.SUBTITLE_PT
        lines = L.lines_needed(plan.subtitle, size, SLIDE_WIDTH_PT - 20)
        h = lines * size * 1.3 / 72
        T.write(
            _textbox(slide, left, Inches(y), width, Inches(h)),
            plan.subtitle,
            lang,
            size,
            color=T.ACCENT,
            space_after=0,
        )
        y += h + 0.1
    return y + 0.1


def _table(slide, cols, weights, rows, x, y, width, lang, T, Pt, aligns=()) -> None:
    from pptx.util import Emu, Inches

    shape = slide.shapes.add_table(len(rows) + 1, len(cols), x, y, width, Inches(0.6))
    table = shape.table
    total = sum(weights)
    for i, w in enumerate(weights):
        table.columns[i].width = Emu(int(width * w / total))
    align = list(aligns) + [""] * (len(cols) - len(aligns))
    for c, title in enumerate(cols):
        _cell(table.cell(0, c), title, lang, T, bold=True, align=align[c])
    for r, cells in enumerate(rows, 1):
        for c, text in enumerate(cells):
            _cell(table.cell(r, c), text, lang, T, align=align[c])


def _kv_table(slide, rows, x, y, width, lang, T, Pt) -> None:
    from pptx.util import Emu, Inches

    shape = slide.shapes.add_table(len(rows), 2, x, y, width, Inches(0.5))
    shape.table.first_row = False
    shape.table.columns[0].width = Emu(int(width * 0.5))
    shape.table.columns[1].width = Emu(int(width * 0.5))
    for r, (label, text) in enumerate(rows):
        _cell(shape.table.cell(r, 0), label, lang, T)
        _cell(shape.table.cell(r, 1), text, lang, T, bold=True)


def _cell(
    cell, text: str, lang: str, T, bold: bool = False, size: float | None = None, align: str = ""
) -> None:
    from pptx.util import Inches

    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.04)
    T.write(cell.text_frame, text, lang, size or T.BODY_PT, bold, T.INK, 0, align=align)


# -- the whole export ---------------------------------------------------------------------


def zip_time(brief_date: str) -> tuple[int, int, int, int, int, int]:
    d = date.fromisoformat(brief_date)
    return (max(d.year, 1980), d.month, d.day, 0, 0, 0)


@dataclass(frozen=True)
class PptxResult:
    path: Path
    slides: int


def deck_bytes(
    briefing: Briefing,
    options,
    changes=None,
    progress: Callable[[int, int], bool] | None = None,
    charts: Sequence[str] | None = None,
) -> tuple[bytes, int]:
    """The .pptx as bytes (reproducible) and its slide count."""
    from ..domain.brief.compose import compose
    from .pptx_zip import reproducible_zip

    doc = compose(briefing, options, charts=charts)
    if changes is not None:  # 'what changed since …', the brief's own section
        from ..domain.brief.changes import MEETING_ROWS, changes_section, with_changes

        limit = None if options.kind == "full" else MEETING_ROWS
        doc = with_changes(doc, changes_section(changes, options.lang, limit))
    plans = plan_slides(doc, briefing)
    prs = render_deck(doc, briefing, plans, progress)
    props = prs.core_properties
    when = zip_time(doc.brief_date)
    from datetime import datetime

    stamp = datetime(*when)
    props.title = f"{doc.title} · {doc.subtitle}"
    props.author = doc.publisher or "QFTZ Briefing"
    props.last_modified_by = "QFTZ Briefing"
    props.subject = doc.zone
    props.identifier = doc.snapshot_id
    props.created = props.modified = stamp
    props.revision = 1
    props.language = "zh-CN" if doc.lang == "zh" else "en-US"  # a language tag, not text
    buf = io.BytesIO()
    prs.save(buf)
    return reproducible_zip(buf.getvalue(), when), len(plans)


def export_pptx(
    briefing: Briefing,
    path: str | Path,
    options,
    changes=None,
    progress: Callable[[int, int], bool] | None = None,
    charts: Sequence[str] | None = None,
) -> PptxResult:
    """Write the deck atomically: the old file stays whole until the new one is complete."""
    from .atomic import atomic_write

    data, n = deck_bytes(briefing, options, changes, progress, charts)
    atomic_write(path, data)
    return PptxResult(Path(path), n)
