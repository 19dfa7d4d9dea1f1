"""Marks on a chart for the values that changed since a compared snapshot.

A changed value gets a ring in a colour the palette does not use (bars: an outline around the
bar), drawn on top of the chart; nothing about the value itself is redrawn, so a revision looks
like a note on the figure, never like a new data point. The keys come from
``domain/changes.py`` (metric, period, status); ``ChartView`` calls :func:`draw_change_marks`
after every rebuild, so the marks follow the year range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg

if TYPE_CHECKING:
    from .chart_view import ChartView

MARK_COLOR = "#D55E00"  # vermilion: distinct from the series colours and the focus band
MARK_Z = 50


def _line_marks(view: ChartView) -> tuple[list[float], list[float]]:
    xs: list[float] = []
    ys: list[float] = []
    keys = view.change_keys
    for series in view.spec.series:
        frame = series.frame
        mid = series.metric.id
        hit = np.fromiter(
            ((mid, p, s) in keys for p, s in zip(frame["period"], frame["status"], strict=True)),
            bool,
            len(frame),
        )
        if view.year_range is not None:
            years = series.years
            hit &= (years >= view.year_range[0]) & (years <= view.year_range[1])
        xs += series.x[hit].tolist()  # mid-period positions, as the lines are drawn
        ys += series.values[hit].tolist()
    return xs, ys


def draw_change_marks(view: ChartView) -> None:
    """(Re)draw the marks of ``view.change_keys`` on the chart."""
    for item in getattr(view, "_change_mark_items", []):
        view.plotItem.removeItem(item)
    view._change_mark_items = []
    if not view.change_keys:
        return
    pen = pg.mkPen(MARK_COLOR, width=2.5)
    if view.spec.kind == "bar":
        # the chart model's marks: bars get an outline, points (dates, spans) a ring
        hits = [
            k
            for k in view.model.marks
            if (k.point.metric_id, k.point.period.code, k.point.status) in view.change_keys
        ]
        bars = [k for k in hits if k.width > 0]
        rings = [k for k in hits if k.width == 0]
        if bars:
            item = pg.BarGraphItem(
                x=np.array([k.x for k in bars]),
                height=np.array([k.value for k in bars]),
                width=np.array([k.width for k in bars]) * 1.08,
                pen=pen,
                brush=None,
            )
            item.setZValue(MARK_Z)
            view.plotItem.addItem(item)
            view._change_mark_items.append(item)
        if rings:
            item = pg.ScatterPlotItem(
                x=[k.x for k in rings],
                y=[k.value for k in rings],
                symbol="o",
                size=16,
                pen=pen,
                brush=pg.mkBrush(None),
            )
            item.setZValue(MARK_Z)
            view.plotItem.addItem(item)
            view._change_mark_items.append(item)
        return
    else:
        xs, ys = _line_marks(view)
        if not xs:
            return
        item = pg.ScatterPlotItem(x=xs, y=ys, symbol="o", size=16, pen=pen, brush=pg.mkBrush(None))
    item.setZValue(MARK_Z)
    view.plotItem.addItem(item)
    view._change_mark_items.append(item)
