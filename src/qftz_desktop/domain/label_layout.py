"""Where each value label goes on a chart, decided without Qt (pixels in, boxes out).

A narrow chart (a meeting brief's half column, a small window) has no room to put every label
in its default place, above its bar or marker. Hiding a label that does not fit loses a value
from the picture; drawing it anyway puts it over a bar or another label, where it reads as
belonging to another year. So every label is *placed*, in this order of preference:

1. its default place: above a bar (below a negative one), above a point's marker;
2. beside the mark: below, right, left and the diagonals of a point (a bar's label only moves
   up or sideways within its own period);
3. further out, joined to its mark by a thin leader line;
4. only when none of those is free: a short tag ("a", "b" …) beside the mark, and the label
   written out in a footnote line under the plot ("a 136* 2022.4").

A place is free when the box lies inside the plot, overlaps no placed label, no bar (and for a
point, not the space above another period's bar where that bar's label reads), no other
marker, no legend; and when its centre stays over the mark's own period, so a label never sits
over a neighbouring year. Nothing is ever dropped.

Coordinates are pixels with y growing downwards (scene coordinates), so the caller measures
text with its own fonts and this module stays testable without a display.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

GAP = 2.0  # px between a mark and its label, and between two labels
LEADER_RINGS = 4  # how many steps further out a label may move (with a leader line)
TAG_RINGS = 8  # a one-letter tag may go further
TAGS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels, y downwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    def intersects(self, other: Box) -> bool:
        """Overlap of positive area (boxes that only touch do not collide)."""
        return (
            self.x0 < other.x1 - 1e-6
            and other.x0 < self.x1 - 1e-6
            and self.y0 < other.y1 - 1e-6
            and other.y0 < self.y1 - 1e-6
        )

    def within(self, other: Box) -> bool:
        eps = 1e-6
        return (
            self.x0 >= other.x0 - eps
            and self.x1 <= other.x1 + eps
            and self.y0 >= other.y0 - eps
            and self.y1 <= other.y1 + eps
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def grown(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)


@dataclass(frozen=True)
class LabelRequest:
    """One value's label to place.

    ``x, y``: the value's place in pixels (a bar's end at its centre, a marker's centre).
    ``w, h``: the label's size as the caller's font draws it. ``column``: the horizontal
    extent (px) of the value's own period; the label's centre stays inside it. ``bar``: the
    bar's own box, or None for a point; ``radius``: half a point's marker.
    """

    key: int
    x: float
    y: float
    w: float
    h: float
    column: tuple[float, float]
    bar: Box | None = None
    radius: float = 0.0
    negative: bool = False
    whisker: Box | None = None  # the span a point's period covers, drawn as a line


@dataclass(frozen=True)
class Placement:
    """Where a label went. ``box``: the drawn text (or its tag, if ``tag``); ``leader``: a line
    (x0, y0, x1, y1) from the mark to a label moved away from it; ``tag``: set when the label
    is written out in the footnote line and only this tag is drawn beside the mark."""

    key: int
    box: Box
    leader: tuple[float, float, float, float] | None = None
    tag: str = ""


def _point_candidates(
    r: LabelRequest, w: float, h: float, rings: int = LEADER_RINGS
) -> Iterable[tuple[Box, bool]]:
    """Boxes around a point's marker, nearest first; True when a leader line is needed."""
    x, y = r.x, r.y
    for ring in range(rings + 1):
        d = r.radius + GAP + ring * (h * 0.75)
        diag = d * 0.7
        leader = ring > 0
        yield Box(x - w / 2, y - d - h, x + w / 2, y - d), leader  # above
        yield Box(x - w / 2, y + d, x + w / 2, y + d + h), leader  # below
        yield Box(x + d, y - h / 2, x + d + w, y + h / 2), leader  # right
        yield Box(x - d - w, y - h / 2, x - d, y + h / 2), leader  # left
        yield Box(x + diag, y - diag - h, x + diag + w, y - diag), leader  # above right
        yield Box(x - diag - w, y - diag - h, x - diag, y - diag), leader  # above left
        yield Box(x + diag, y + diag, x + diag + w, y + diag + h), leader  # below right
        yield Box(x - diag - w, y + diag, x - diag, y + diag + h), leader  # below left


def _bar_candidates(
    r: LabelRequest, w: float, h: float, rings: int = LEADER_RINGS
) -> Iterable[tuple[Box, bool]]:
    """Boxes at a bar's end: just beyond it, then stepped further out (with a leader)."""
    x, y = r.x, r.y
    step = h + GAP
    for ring in range(rings + 2):
        d = GAP + ring * step
        if r.negative:
            box = Box(x - w / 2, y + d, x + w / 2, y + d + h)
        else:
            box = Box(x - w / 2, y - d - h, x + w / 2, y - d)
        yield box, ring > 0
        # beside that place, still over the bar's own period (clear of a marker standing on
        # the bar): no leader needed while the label is just beyond the bar's end
        for shift in (w / 2 + 6, -(w / 2 + 6), w / 2, -w / 2):
            yield box.moved(shift, 0), ring > 0


def _leader(r: LabelRequest, box: Box) -> tuple[float, float, float, float]:
    """A line from the mark's edge towards the nearest point of the label's box."""
    px = min(max(r.x, box.x0), box.x1)
    py = min(max(r.y, box.y0), box.y1)
    dx, dy = px - r.x, py - r.y
    dist = (dx * dx + dy * dy) ** 0.5 or 1.0
    start = r.radius + 0.5
    return (r.x + dx / dist * start, r.y + dy / dist * start, px, py)


def _overlap(box: Box, plot: Box, others: Iterable[Box]) -> float:
    """How much a box covers of what it should not (outside the plot: far worse)."""

    def area(a: Box, b: Box) -> float:
        w = min(a.x1, b.x1) - max(a.x0, b.x0)
        h = min(a.y1, b.y1) - max(a.y0, b.y0)
        return max(0.0, w) * max(0.0, h)

    outside = box.width * box.height - area(box, plot)
    return 1000 * outside + sum(area(box, o) for o in others)


def _distance(box: Box, x: float, y: float) -> float:
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return (dx * dx + dy * dy) ** 0.5


def _crosses(line: tuple[float, float, float, float], box: Box) -> bool:
    """True when the segment passes through the box's inside (Liang-Barsky clipping): the
    bounding box of a slanted leader would forbid every diagonal near another marker."""
    x0, y0, x1, y1 = line
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x0 - box.x0),
        (dx, box.x1 - x0),
        (-dy, y0 - box.y0),
        (dy, box.y1 - y0),
    ):
        if abs(p) < 1e-12:
            if q <= 0:
                return False  # parallel to this edge and outside it
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def place_labels(
    requests: Sequence[LabelRequest],
    plot: Box,
    obstacles: Sequence[Box] = (),
    tag_size: tuple[float, float] = (8.0, 12.0),
) -> list[Placement]:
    """Place every label (in the order given: the caller's priority) where it is free.

    ``obstacles``: what no label may cover besides the marks themselves (the legend). Returns
    one placement per request, in the same order; a label that fits nowhere becomes a tag.
    """
    bars = [(r.key, r.bar) for r in requests if r.bar is not None]
    markers = [
        (r.key, Box(r.x - r.radius, r.y - r.radius, r.x + r.radius, r.y + r.radius))
        for r in requests
        if r.bar is None and r.radius > 0
    ]
    points = [r for r in requests if r.bar is None]
    # whisker lines: a label on one (even its own) hides the span it draws
    whiskers = [r.whisker for r in requests if r.whisker is not None]
    # the space just above (below, if negative) each bar, where its own label is read
    label_zones = {
        r.key: (
            Box(r.bar.x0, r.bar.y1, r.bar.x1, r.bar.y1 + r.h + GAP)
            if r.negative
            else Box(r.bar.x0, r.bar.y0 - r.h - GAP, r.bar.x1, r.bar.y0)
        )
        for r in requests
        if r.bar is not None
    }
    placed: list[Box] = []
    out: list[Placement] = []
    tags = iter(TAGS)

    def free(
        r: LabelRequest,
        box: Box,
        leader: tuple[float, float, float, float] | None,
        strict: bool = True,
    ) -> bool:
        if not box.within(plot):
            return False
        lo, hi = r.column
        if not lo - 1e-6 <= box.cx <= hi + 1e-6:
            return False  # its centre would sit over another period
        padded = box.grown(GAP / 2)
        if any(padded.intersects(b) for b in (*placed, *obstacles)):
            return False
        if any(padded.intersects(b) for k, b in bars if k != r.key or r.bar is None):
            return False
        if any(box.intersects(b) for k, b in markers if k != r.key):
            return False
        if strict and any(box.intersects(w) for w in whiskers):
            return False
        lo, hi = r.column
        if r.bar is None and any(
            box.intersects(z) for z in label_zones.values() if not lo <= z.cx <= hi
        ):
            return False  # a point's label over another year's bar reads as that bar's value
        if leader is None and r.bar is None:
            # without a leader, a label is read as belonging to the nearest marker: its own
            own = _distance(box, r.x, r.y)
            for o in points:
                apart = abs(o.x - r.x) > r.radius or abs(o.y - r.y) > r.radius
                if o.key != r.key and apart and _distance(box, o.x, o.y) < own + GAP:
                    return False  # as near (or nearer) another marker: ambiguous
        if leader is not None:
            if any(_crosses(leader, b) for b in placed):
                return False
            if any(_crosses(leader, b) for k, b in markers if k != r.key):
                return False  # a leader through another mark points at the wrong value
            # ... or through another year's bar (a point inside its own year's bar, a part
            # of that year, may lead out through it)
            if any(_crosses(leader, b) for k, b in bars if k != r.key and not lo <= b.cx <= hi):
                return False
        return True

    def clamp(box: Box) -> Box:
        """Shift a box inwards at the plot's left or right edge (its value stays put)."""
        if box.width >= plot.width:
            return box
        if box.x0 < plot.x0:
            return box.moved(plot.x0 - box.x0, 0)
        if box.x1 > plot.x1:
            return box.moved(plot.x1 - box.x1, 0)
        return box

    def cands(r: LabelRequest) -> Iterable[tuple[Box, bool]]:
        if r.bar is not None:
            return _bar_candidates(r, r.w, r.h)
        return _point_candidates(r, r.w, r.h)

    for r in requests:
        chosen: Placement | None = None
        # first clear of every whisker; then over another span's line if need be (the label's
        # backing hides a piece of it, the rest stays in view), before a tag
        for strict in (True, False):
            for raw, needs_leader in cands(r):
                box = clamp(raw)
                leader = _leader(r, box) if needs_leader else None
                if free(r, box, leader, strict):
                    chosen = Placement(r.key, box, leader)
                    break
            if chosen is not None:
                break
        if chosen is None:
            tw, th = tag_size
            tag_req = replace(r, w=tw, h=th)
            tag_cands = (
                _bar_candidates(tag_req, tw, th, TAG_RINGS)
                if r.bar is not None
                else _point_candidates(tag_req, tw, th, TAG_RINGS)
            )
            tag = next(tags, "*")
            best: tuple[float, Box, tuple[float, float, float, float] | None] | None = None
            for raw, needs_leader in tag_cands:
                box = clamp(raw)
                leader = _leader(tag_req, box) if needs_leader else None
                if free(tag_req, box, leader, strict=False):
                    chosen = Placement(r.key, box, leader, tag)
                    break
                cost = _overlap(box, plot, [*placed, *obstacles, *(b for _k, b in bars)])
                if best is None or cost < best[0]:
                    best = (cost, box, leader)
            if chosen is None:
                # truly no room even for a tag: it goes where it covers least, and the value
                # is written out in the footnote line (never dropped)
                assert best is not None
                chosen = Placement(r.key, best[1], best[2], tag)
        placed.append(chosen.box)
        out.append(chosen)
    return out
