"""Native PowerPoint charts from a ChartBlock's values: editable, with the data embedded.

Nothing is decided here about *what* a chart shows: the values are the document's
(``ChartBlock.values``, already limited to the brief's years) and the chart kind is the
window's (bar for short series, line for long ones). Each metric becomes one series per status,
named with the status, and drawn as the app draws it: reported solid, derived hatched (bars) or
dotted (lines), targets as a dashed outline (bars) or dashed line. Bars whose value is a bound
carry the qualifier in their label ("> 700"); the value axis is titled with the unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE, MSO_PATTERN
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..domain.brief.model import ChartBlock, Value
from ..domain.formatting import format_short
from ..snapshot.periods import parse_period
from ..text import tr
from .pptx_text import CHART_PT, MUTED, set_fonts

# the window's series colours (render/theme.py OKABE_ITO), colour-blind safe
PALETTE = ("0072B2", "D55E00", "009E73", "CC79A7", "E69F00", "56B4E9", "000000")
STATUSES = ("reported", "derived", "target")


@dataclass(frozen=True)
class SeriesPlan:
    name: str
    metric_id: str
    status: str
    color: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]  # the bar label of each point ("" where no value)


@dataclass(frozen=True)
class ChartPlan:
    """What the native chart holds: categories, series and their values (tests read this)."""

    kind: str  # bar | line
    categories: tuple[str, ...]
    series: tuple[SeriesPlan, ...]
    value_title: str
    category_title: str


def plan_chart(block: ChartBlock, kind: str, names: dict[str, str], lang: str) -> ChartPlan:
    """Categories (periods in time order) and one series per metric and status."""
    codes: dict[str, None] = {}
    values = [v for v in block.values if v.number is not None]
    periods = {v.period_code: parse_period(v.period_code) for v in values}
    for code in sorted(periods, key=lambda c: (periods[c].end, periods[c].start, c)):
        codes[code] = None
    order = list(codes)
    cats = tuple(periods[c].short_label(lang) for c in order)
    metric_ids = list(dict.fromkeys(v.metric_id for v in values))
    series: list[SeriesPlan] = []
    for mi, mid in enumerate(metric_ids):
        for status in STATUSES:
            own = [v for v in values if v.metric_id == mid and v.status == status]
            if not own:
                continue
            # one value per period in a series; a second value of the same period and status
            # (two sources that disagree) goes into a series of its own, never dropped
            layers: list[dict[str, Value]] = []
            for v in own:
                layer = next((lay for lay in layers if v.period_code not in lay), None)
                if layer is None:
                    layer = {}
                    layers.append(layer)
                layer[v.period_code] = v
            status_name = tr(f"status.{status}", lang)
            for k, by_code in enumerate(layers):
                label = status_name
                if k:
                    other = tr("pptx.other_source", lang)
                    label += tr("punct.comma", lang) + other
                    label += f" {k}" if len(layers) > 2 else ""
                if len(metric_ids) > 1:
                    metric = names.get(mid, mid)
                    name = metric + tr("punct.in_parens", lang, text=label)
                else:
                    name = label
                series.append(
                    SeriesPlan(
                        name=name,
                        metric_id=mid,
                        status=status,
                        color=PALETTE[mi % len(PALETTE)],
                        values=tuple(by_code[c].number if c in by_code else None for c in order),
                        labels=tuple(
                            format_short(by_code[c].number, by_code[c].qualifier)  # type: ignore[arg-type]
                            if c in by_code
                            else ""
                            for c in order
                        ),
                    )
                )
    unit = block.subtitle.rsplit(tr("punct.colon", lang), 1)[-1]
    return ChartPlan(kind, cats, tuple(series), unit, tr("label.period", lang))


def add_chart(slide, plan: ChartPlan, x, y, cx, cy, lang: str):
    data = CategoryChartData()
    data.categories = plan.categories
    whole = all(v is None or float(v).is_integer() for s in plan.series for v in s.values)
    number_format = "#,##0" if whole else "General"  # 1,758 as the app writes it
    for s in plan.series:
        data.add_series(s.name, s.values, number_format=number_format)
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if plan.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, x, y, cx, cy, data)
    chart = frame.chart
    chart.font.size = Pt(CHART_PT)
    set_fonts(chart._chartSpace.get_or_add_txPr().find(".//{*}defRPr"), lang)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    for axis, title in (
        (chart.value_axis, plan.value_title),
        (chart.category_axis, plan.category_title),
    ):
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        if len(title) <= 4:  # a short unit (亿元, %) reads upright, not turned on its side
            body = axis.axis_title.text_frame._txBody.find(qn("a:bodyPr"))
            body.set("rot", "0")
            body.set("vert", "horz")
        run = axis.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(CHART_PT)
        run.font.color.rgb = MUTED
        set_fonts(run._r.get_or_add_rPr(), lang)
    if plan.kind == "bar" and all(
        v is None or v >= 0 for s in plan.series for v in s.values
    ):  # bars start at zero: a cut axis makes small differences look large
        chart.value_axis.minimum_scale = 0
    chart.value_axis.tick_labels.number_format = number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xD0, 0xD7, 0xDE)
    plot = chart.plots[0]
    if plan.kind == "bar":
        plot.gap_width = 60
        plot.overlap = 0
    for s, series in zip(plan.series, plot.series, strict=True):
        color = RGBColor.from_string(s.color)
        if plan.kind == "bar":
            _style_bar(series, s, color, lang, number_format)
        else:
            _style_line(series, s, color)
            _qualified_labels(series, s, lang, XL_LABEL_POSITION.ABOVE)
    return frame


def _style_bar(series, s: SeriesPlan, color: RGBColor, lang: str, number_format: str) -> None:
    fill, line = series.format.fill, series.format.line
    line.color.rgb = color
    line.width = Pt(1.5)
    if s.status == "reported":
        fill.solid()
        fill.fore_color.rgb = color
    elif s.status == "derived":
        fill.patterned()
        fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        fill.fore_color.rgb = color
        fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    else:
        fill.background()
        line.dash_style = MSO_LINE.DASH
        line.width = Pt(2.25)
    labels = series.data_labels
    labels.show_value = True
    labels.number_format = number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(CHART_PT)
    _qualified_labels(series, s, lang, XL_LABEL_POSITION.OUTSIDE_END)


def _qualified_labels(series, s: SeriesPlan, lang: str, position) -> None:
    """Points whose value is a bound or approximate get their qualifier in their label ("> 700",
    "≈22.2"); exact values show the number itself (it follows "Edit data")."""
    for i, (value, text) in enumerate(zip(s.values, s.labels, strict=True)):
        if value is None or not text or text[0].isdigit() or text[0] == "-":
            continue
        label = series.points[i].data_label
        tf = label.text_frame
        tf.text = text
        run = tf.paragraphs[0].runs[0]
        run.font.size = Pt(CHART_PT)
        set_fonts(run._r.get_or_add_rPr(), lang)
        label.position = position


def _style_line(series, s: SeriesPlan, color: RGBColor) -> None:
    line = series.format.line
    line.color.rgb = color
    line.width = Pt(2.5)
    if s.status == "derived":
        line.dash_style = MSO_LINE.ROUND_DOT
    elif s.status == "target":
        line.dash_style = MSO_LINE.DASH
    series.smooth = False
    marker = series.marker
    marker.size = 6
    marker.format.line.color.rgb = color
    if s.status == "target":
        marker.format.fill.background()
    else:
        marker.format.fill.solid()
        marker.format.fill.fore_color.rgb = color
