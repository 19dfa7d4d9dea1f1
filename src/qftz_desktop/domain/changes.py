"""What changed between two snapshots: the first question at every meeting.

Observations are matched by what they *are* — (metric, period, status) — never by row id,
which the builder renumbers on every build. A value that differs for the same key is a
**revision** (the source now says something else), listed as "old → new" with both sources;
it is never described as growth, and no percentage is computed between the two. Growth is a
comparison of two periods, and that is the charts' business, not this list's.

The comparison runs on whole columns (one outer merge), so two snapshots of 100,000
observations compare in well under a second; Change objects are made only for what changed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..snapshot.model import Snapshot
from ..snapshot.periods import PeriodError, parse_period
from ..text import pick, tr
from .formatting import format_value
from .tabs import SECTOR_TAB, TAB_IDS

KEY = ("metric_id", "period", "status")
VALUE_FIELDS = ("value", "qualifier")
NOTE_FIELDS = ("source_id", "quote", "formula", "note")
METRIC_FIELDS = (
    "name_zh",
    "name_en",
    "unit",
    "unit_zh",
    "unit_en",
    "scope",
    "scope_zh",
    "scope_en",
    "sector",
    "description_zh",
    "description_en",
)
HIGHLIGHT_FIELDS = ("title_zh", "title_en", "text_zh", "text_en", "source_id", "quote", "sector")

# Kinds, in the order a reader wants them within a tab.
KINDS = (
    "metric_added",
    "metric_removed",
    "observation_added",
    "target_added",
    "value_revised",
    "target_changed",
    "observation_removed",
    "target_removed",
    "note_changed",
    "metric_changed",
    "highlight_added",
    "highlight_removed",
    "highlight_changed",
)
ObsKey = tuple[str, str, str]


@dataclass(frozen=True)
class Change:
    """One change. ``old``/``new`` hold the fields that describe it (None: absent)."""

    kind: str
    tab: str
    metric_id: str | None = None
    period: str | None = None
    status: str | None = None
    item_id: str | None = None  # a highlight's id
    old: dict[str, object] | None = None
    new: dict[str, object] | None = None
    fields: tuple[str, ...] = ()

    @property
    def key(self) -> ObsKey | None:
        if self.metric_id is None or self.period is None or self.status is None:
            return None
        return (self.metric_id, self.period, self.status)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "tab": self.tab,
            "metric_id": self.metric_id,
            "period": self.period,
            "status": self.status,
            "id": self.item_id,
            "old": self.old,
            "new": self.new,
            "fields": list(self.fields),
        }


@dataclass
class Changes:
    """Every change from ``old`` to ``new``, with what is needed to describe them."""

    old_as_of: str
    new_as_of: str
    old_id: str
    new_id: str
    items: list[Change]
    metric_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (zh, en)
    units: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> (code, zh, en)

    @property
    def empty(self) -> bool:
        return not self.items

    def by_tab(self) -> dict[str, list[Change]]:
        """Tab -> changes, tabs in the window's order, kinds in ``KINDS`` order."""
        order = {k: i for i, k in enumerate(KINDS)}
        out: dict[str, list[Change]] = {}
        for tab in TAB_IDS:
            found = [c for c in self.items if c.tab == tab]
            if found:
                out[tab] = sorted(
                    found,
                    key=lambda c: (
                        order[c.kind],
                        c.metric_id or "",
                        c.period or "",
                        c.item_id or "",
                    ),
                )
        return out

    def changed_keys(self) -> set[ObsKey]:
        """Observations whose value is new or different in ``new`` (to mark on cards)."""
        kinds = ("observation_added", "target_added", "value_revised", "target_changed")
        return {c.key for c in self.items if c.kind in kinds and c.key is not None}

    def changed_metrics(self) -> set[str]:
        return {c.metric_id for c in self.items if c.metric_id is not None}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.items:
            out[c.kind] = out.get(c.kind, 0) + 1
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "old": {"as_of": self.old_as_of, "content_id": self.old_id},
            "new": {"as_of": self.new_as_of, "content_id": self.new_id},
            "counts": self.counts(),
            "tabs": {tab: [c.to_dict() for c in items] for tab, items in self.by_tab().items()},
        }


def _plain(v: object) -> object:
    if v is None or v is pd.NA:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _differs(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Cell-wise 'not equal', where two missing cells are equal."""
    a_na, b_na = a.isna().to_numpy(), b.isna().to_numpy()
    eq = a.to_numpy(dtype=object) == b.to_numpy(dtype=object)
    return ~((a_na & b_na) | (~a_na & ~b_na & eq.astype(bool)))


def _metric_tabs(*frames: pd.DataFrame) -> dict[str, str]:
    tabs: dict[str, str] = {}
    for df in frames:  # later frames (the new snapshot) win
        for mid, sector in zip(df["id"], df["sector"], strict=True):
            tabs[str(mid)] = SECTOR_TAB.get(str(sector), "overview")
    return tabs


class _Picked:
    """Some rows of a frame, read column by column as plain Python values.

    ``frame.iloc[i]`` builds a Series per row (tens of microseconds each): with 100,000
    changed rows that alone took seconds. Here each needed column is converted once.
    """

    def __init__(self, frame: pd.DataFrame, positions: np.ndarray):
        self.frame = frame.iloc[positions]
        self.columns: dict[str, list[object]] = {}

    def __len__(self) -> int:
        return len(self.frame)

    def col(self, name: str) -> list[object]:
        if name not in self.columns:
            self.columns[name] = [_plain(v) for v in self.frame[name].tolist()]
        return self.columns[name]

    def rows(self):
        for i in range(len(self.frame)):
            yield _Row(self, i)


class _Row:
    __slots__ = ("picked", "i")

    def __init__(self, picked: _Picked, i: int):
        self.picked, self.i = picked, i

    def __getitem__(self, name: str) -> object:
        return self.picked.col(name)[self.i]


def _record(row: _Row, suffix: str, names: Iterable[str]) -> dict[str, object]:
    return {n: row[f"{n}{suffix}"] for n in names}


def compare(old: Snapshot, new: Snapshot) -> Changes:
    """List what changed from ``old`` to ``new``."""
    items: list[Change] = []
    tabs = _metric_tabs(old.metrics, new.metrics)
    items += _metric_changes(old.metrics, new.metrics, tabs)
    items += _observation_changes(old.observations, new.observations, tabs)
    items += _highlight_changes(old.highlights, new.highlights)
    names: dict[str, tuple[str, str]] = {}
    units: dict[str, tuple[str, str, str]] = {}
    for df in (old.metrics, new.metrics):
        for r in df[["id", "name_zh", "name_en", "unit", "unit_zh", "unit_en"]].itertuples(
            index=False
        ):
            names[str(r.id)] = (str(r.name_zh), str(r.name_en))
            units[str(r.id)] = (str(r.unit), str(r.unit_zh), str(r.unit_en))
    return Changes(old.as_of, new.as_of, old.content_id, new.content_id, items, names, units)


def _metric_changes(old: pd.DataFrame, new: pd.DataFrame, tabs: dict[str, str]) -> list[Change]:
    fields = [f for f in METRIC_FIELDS if f in old.columns and f in new.columns]
    m = old.merge(new, on="id", how="outer", suffixes=("_old", "_new"), indicator=True)
    out: list[Change] = []
    one_side = _Picked(m, np.flatnonzero(m["_merge"].to_numpy() != "both"))
    for row in one_side.rows():
        added = row["_merge"] == "right_only"
        mid = str(row["id"])
        rec = _record(row, "_new" if added else "_old", ("name_zh", "name_en", "unit"))
        out.append(
            Change(
                "metric_added" if added else "metric_removed",
                tabs[mid],
                mid,
                old=None if added else rec,
                new=rec if added else None,
            )
        )
    both = m[m["_merge"] == "both"]
    if len(both):
        diff = {f: _differs(both[f"{f}_old"], both[f"{f}_new"]) for f in fields}
        any_diff = np.logical_or.reduce(list(diff.values())) if diff else np.zeros(len(both), bool)
        hits = np.flatnonzero(any_diff)
        for pos, row in zip(hits, _Picked(both, hits).rows(), strict=True):
            changed = tuple(f for f in fields if diff[f][pos])
            mid = str(row["id"])
            out.append(
                Change(
                    "metric_changed",
                    tabs[mid],
                    mid,
                    fields=changed,
                    old=_record(row, "_old", changed),
                    new=_record(row, "_new", changed),
                )
            )
    return out


def _observation_changes(
    old: pd.DataFrame, new: pd.DataFrame, tabs: dict[str, str]
) -> list[Change]:
    cols = list(KEY) + [
        c for c in VALUE_FIELDS + NOTE_FIELDS if c in old.columns and c in new.columns
    ]
    m = old[cols].merge(
        new[cols], on=list(KEY), how="outer", suffixes=("_old", "_new"), indicator=True
    )
    out: list[Change] = []
    shown = ("value", "qualifier", "source_id")
    side = m["_merge"].to_numpy()
    for row in _Picked(m, np.flatnonzero(side != "both")).rows():
        added = row["_merge"] == "right_only"
        status = str(row["status"])
        target = status == "target"
        kind = (
            ("target_added" if target else "observation_added")
            if added
            else ("target_removed" if target else "observation_removed")
        )
        rec = _record(row, "_new" if added else "_old", shown)
        mid = str(row["metric_id"])
        out.append(
            Change(
                kind,
                tabs.get(mid, "overview"),
                mid,
                str(row["period"]),
                status,
                old=None if added else rec,
                new=rec if added else None,
            )
        )
    both = m[side == "both"]
    if not len(both):
        return out
    old_v = both["value_old"].to_numpy(dtype="float64")
    new_v = both["value_new"].to_numpy(dtype="float64")
    value_diff = (old_v != new_v) | _differs(both["qualifier_old"], both["qualifier_new"])
    note_fields = [f for f in NOTE_FIELDS if f"{f}_old" in both.columns]
    note_diff = {f: _differs(both[f"{f}_old"], both[f"{f}_new"]) for f in note_fields}
    any_note = (
        np.logical_or.reduce(list(note_diff.values())) if note_diff else np.zeros(len(both), bool)
    )
    hits = np.flatnonzero(value_diff | any_note)
    for pos, row in zip(hits, _Picked(both, hits).rows(), strict=True):
        status = str(row["status"])
        mid = str(row["metric_id"])
        if value_diff[pos]:
            kind = "target_changed" if status == "target" else "value_revised"
            changed = tuple(["value", "qualifier"] + [f for f in note_fields if note_diff[f][pos]])
            names = tuple(dict.fromkeys(("value", "qualifier", "source_id") + changed))
        else:
            kind = "note_changed"
            changed = tuple(f for f in note_fields if note_diff[f][pos])
            names = tuple(dict.fromkeys(("value", "qualifier") + changed))
        out.append(
            Change(
                kind,
                tabs.get(mid, "overview"),
                mid,
                str(row["period"]),
                status,
                fields=changed,
                old=_record(row, "_old", names),
                new=_record(row, "_new", names),
            )
        )
    return out


def _highlight_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    fields = [f for f in HIGHLIGHT_FIELDS if f in old.columns and f in new.columns]
    m = old.merge(new, on="id", how="outer", suffixes=("_old", "_new"), indicator=True)
    out: list[Change] = []
    for _, row in m.iterrows():
        hid = str(row["id"])
        if row["_merge"] == "both":
            changed = tuple(
                f
                for f in fields
                if _differs(pd.Series([row[f"{f}_old"]]), pd.Series([row[f"{f}_new"]]))[0]
            )
            if not changed:
                continue
            tab = SECTOR_TAB.get(str(row["sector_new"]), "overview")
            out.append(
                Change(
                    "highlight_changed",
                    tab,
                    item_id=hid,
                    fields=changed,
                    old=_record(row, "_old", ("title_zh", "title_en") + changed),
                    new=_record(row, "_new", ("title_zh", "title_en") + changed),
                )
            )
            continue
        added = row["_merge"] == "right_only"
        suffix = "_new" if added else "_old"
        tab = SECTOR_TAB.get(str(row[f"sector{suffix}"]), "overview")
        rec = _record(row, suffix, ("title_zh", "title_en"))
        out.append(
            Change(
                "highlight_added" if added else "highlight_removed",
                tab,
                item_id=hid,
                old=None if added else rec,
                new=rec if added else None,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Words (the catalogue's "changes.*")


def _period_label(code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        return parse_period(code).label(lang)
    except (PeriodError, ValueError):
        return code


def _value_text(changes: Changes, metric_id: str, rec: dict[str, object] | None, lang: str) -> str:
    if not rec or rec.get("value") is None:
        return "—"
    code, zh, en = changes.units.get(metric_id, ("", "", ""))
    return format_value(
        float(rec["value"]),  # type: ignore[arg-type]
        str(rec.get("qualifier") or "exact"),
        pick(lang, zh, en),
        lang,
        code,
    )


def _title(rec: dict[str, object], lang: str) -> str:
    """A highlight's title in the reader's language (the other one when it has none)."""
    zh, en = rec.get("title_zh"), rec.get("title_en")
    return pick(lang, zh if isinstance(zh, str) else None, en if isinstance(en, str) else None)


def describe(change: Change, changes: Changes, lang: str) -> str:
    """One line for the panel, the command line and the brief: what, when, old → new."""
    sep = tr("punct.colon", lang)
    head = tr(f"changes.kind.{change.kind}", lang)
    if change.item_id is not None:  # a highlight
        rec = change.new or change.old or {}
        title = _title(rec, lang) or change.item_id
        text = f"{head}{sep}{title}"
        if change.kind == "highlight_changed":
            fields = tr("changes.fields", lang, fields=", ".join(change.fields))
            text += tr("punct.in_parens", lang, text=fields)
        return text
    mid = change.metric_id or ""
    name = pick(lang, *changes.metric_names.get(mid, (mid, mid)))
    if change.kind in ("metric_added", "metric_removed"):
        return f"{head}{sep}{name}"
    if change.kind == "metric_changed":
        fields = ", ".join(change.fields)
        return f"{head}{sep}{name}" + tr("punct.in_parens", lang, text=fields)
    period = _period_label(change.period, lang)
    subject = f"{name}{tr('punct.comma', lang)}{period}"
    if change.kind in ("value_revised", "target_changed"):
        old = _value_text(changes, mid, change.old, lang)
        new = _value_text(changes, mid, change.new, lang)
        src_old = (change.old or {}).get("source_id") or "—"
        src_new = (change.new or {}).get("source_id") or "—"
        src = tr("changes.source", lang)
        srcs = f"{src_old} → {src_new}" if src_old != src_new else str(src_new)
        return f"{head}{sep}{subject}{sep}{old} → {new}" + tr(
            "punct.in_parens", lang, text=f"{src} {srcs}"
        )
    if change.kind == "note_changed":
        fields = ", ".join(change.fields)
        return f"{head}{sep}{subject}" + tr("punct.in_parens", lang, text=fields)
    last = change.new if change.new is not None else change.old
    value = _value_text(changes, mid, last, lang)
    src_id = str((last or {}).get("source_id") or "—")
    src = tr("changes.source", lang)
    return f"{head}{sep}{subject}{sep}{value}" + tr("punct.in_parens", lang, text=f"{src} {src_id}")


def report_lines(changes: Changes, lang: str, tab_names: dict[str, str]) -> list[str]:
    """The whole list as text, grouped by tab (for the command line)."""
    lines = [tr("changes.title", lang, date=changes.old_as_of or changes.old_id[:12])]
    if changes.empty:
        return lines + [tr("changes.none", lang)]
    for tab, items in changes.by_tab().items():
        lines.append("")
        lines.append(f"[{tab_names.get(tab, tab)}]")
        lines += [f"  - {describe(c, changes, lang)}" for c in items]
    return lines


def cells(change: Change, changes: Changes, lang: str) -> tuple[str, str, str, str, str]:
    """(what, subject, before, now, source) of one change, for a table row.

    Before and now are each value as printed (qualifier, number, unit); no difference and no
    percentage is computed between them: a revision is not growth.
    """
    what = tr(f"changes.kind.{change.kind}", lang)
    old, new = change.old or {}, change.new or {}
    if change.item_id is not None:  # a highlight
        rec = new or old
        title = _title(rec, lang) or str(change.item_id)
        return what, title, "", ", ".join(change.fields), ""
    mid = change.metric_id or ""
    name = pick(lang, *changes.metric_names.get(mid, (mid, mid)))
    if change.kind in ("metric_added", "metric_removed", "metric_changed"):
        return what, name, "", ", ".join(change.fields), ""
    period = _period_label(change.period, lang)
    subject = f"{name}{tr('punct.comma', lang)}{period}"
    before = _value_text(changes, mid, change.old, lang) if change.old else ""
    now = _value_text(changes, mid, change.new, lang) if change.new else ""
    if change.kind == "note_changed":
        before, now = "", ", ".join(change.fields)
    src_old, src_new = old.get("source_id"), new.get("source_id")
    if src_old and src_new and src_old != src_new:
        source = f"{src_old} → {src_new}"
    else:
        source = str(src_new or src_old or "")
    return what, subject, before, now, source
