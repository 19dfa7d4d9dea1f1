"""Content checks shared by the builder (on CSV sources) and the reader (on SQLite files).

Checks are vectorised so that validating a million observations stays fast: every TEXT column
is factorized once into codes and its distinct values (as :func:`canonical.as_text` reads
them), each test runs once per distinct value and is spread to the rows through the codes.
Each check reports at most ``MAX_PER_CHECK`` rows and then says how many more there are.

The checks never assume the cells have the declared type: a SQLite file may hold text, numbers
or binary data in any column, and each case ends in an :class:`Issue`, not an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .canonical import Numbers, as_text, numbers
from .issues import Issue
from .periods import Period, PeriodError, needs_version_2, parse_period
from .schema import (
    ENUMS,
    FOREIGN_KEYS,
    PRIMARY_KEYS,
    REQUIRED_META_KEYS,
    SCHEMA_VERSION,
    TABLES,
    ZONE_LINES,
    allowed_values,
    zone_line_sources,
)

MAX_PER_CHECK = 20
MAX_WHOLE_NUMBER = 10**15  # INTEGER cells must stay exact as float64 on the way through pandas

RowLabel = Callable[[str, int], str]


class _Collector:
    def __init__(self, file: str, row_label: RowLabel):
        self.file = file
        self.row_label = row_label
        self.issues: list[Issue] = []

    def add(self, code: str, table: str | None = None, row: str | None = None, **params: Any):
        self.issues.append(Issue(code, self.file, table, row, params))

    def rows(self, code: str, table: str, mask: np.ndarray, df: pd.DataFrame, **params: Any):
        """Report the rows where ``mask`` is true; params may be callables of the row."""
        positions = np.flatnonzero(mask)
        for pos in positions[:MAX_PER_CHECK]:
            row = df.iloc[int(pos)]
            resolved = {k: (v(row) if callable(v) else v) for k, v in params.items()}
            self.add(code, table, self.row_label(table, int(pos)), **resolved)
        if len(positions) > MAX_PER_CHECK:
            self.add("more_problems", table, None, count=len(positions) - MAX_PER_CHECK)


@dataclass(frozen=True)
class _Text:
    """A TEXT column as codes into its distinct texts (-1: NULL)."""

    codes: np.ndarray
    texts: np.ndarray  # object array of distinct str
    binary: np.ndarray  # bool per row: the cell is binary data (a BLOB), not text

    def per_row(self, per_text: np.ndarray, missing: bool = False) -> np.ndarray:
        """Spread a bool per distinct text to the rows; NULL rows get ``missing``."""
        lookup = np.append(np.asarray(per_text, dtype=bool), missing)
        return lookup[self.codes]

    def test(self, func: Callable[[str], bool], missing: bool = False) -> np.ndarray:
        per_text = np.fromiter((bool(func(t)) for t in self.texts), bool, len(self.texts))
        return self.per_row(per_text, missing)

    @cached_property
    def blank(self) -> np.ndarray:
        return self.test(lambda t: not t.strip(), missing=True)

    def isin(self, allowed: Collection[str]) -> np.ndarray:
        return self.test(lambda t: t in allowed)


def _text_column(series: pd.Series) -> _Text:
    raw = series.to_numpy(dtype=object)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    binary_u = np.fromiter(
        (isinstance(u, (bytes, bytearray, memoryview)) for u in uniques), bool, len(uniques)
    )
    # Distinct raw cells can share a text (the number 5 and the text '5'): factorize again.
    as_texts = [as_text(u) for u in uniques]
    text_codes, texts = pd.factorize(np.array(as_texts + [None], dtype=object))
    remap = np.append(text_codes[:-1], -1).astype(np.int32)  # raw code -1 (NULL) stays -1
    codes = codes.astype(np.int32)  # half the memory of a million int64 codes
    return _Text(
        codes=remap[codes],
        texts=np.asarray(texts, dtype=object),
        binary=np.append(binary_u, False)[codes],
    )


class _Columns:
    """Factorize each column once per validation run."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.tables = tables
        self._text: dict[tuple[str, str], _Text] = {}
        self._numbers: dict[tuple[str, str], Numbers] = {}

    def text(self, table: str, column: str) -> _Text:
        key = (table, column)
        if key not in self._text:
            self._text[key] = _text_column(self.tables[table][column])
        return self._text[key]

    def numbers(self, table: str, column: str) -> Numbers:
        key = (table, column)
        if key not in self._numbers:
            self._numbers[key] = numbers(self.tables[table][column])
        return self._numbers[key]


def _short(value: object, limit: int = 60) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(column: str) -> Callable[[pd.Series], str]:
    return lambda r: _short(r[column])


def validate_tables(
    tables: dict[str, pd.DataFrame],
    file: str,
    row_label: RowLabel,
    check_computed: bool = True,
    version: int = SCHEMA_VERSION,
) -> list[Issue]:
    """Return every problem in ``tables`` (empty list: valid).

    ``check_computed`` is false for CSV sources, which do not carry the columns the builder
    computes (observation id and the three period fields). ``version`` is the file's format
    version: a version-1 file may not hold imprecise periods (an older app would refuse them).
    """
    out = _Collector(file, row_label)
    usable: dict[str, set[str]] = {}
    for table, columns in TABLES.items():
        df = tables.get(table)
        if df is None:
            out.add("missing_table", table, name=table)
            continue
        present = set()
        for col in columns:
            if (
                not check_computed
                and table == "observations"
                and col.name in ("id", "period_kind", "period_start", "period_end")
            ):
                continue
            if col.name not in df.columns:
                out.add("missing_column", table, column=col.name)
            else:
                present.add(col.name)
        usable[table] = present
    cols = _Columns(tables)
    # Rows whose cell is unusable (NULL, blank, binary): reported once, then left out of the
    # checks of the value itself.
    unusable: dict[tuple[str, str], np.ndarray] = {}

    # Per-column checks: types, required values, numbers, enums.
    for table, present in usable.items():
        df = tables[table]
        for col in TABLES[table]:
            if col.name not in present:
                continue
            if col.sql_type in ("REAL", "INTEGER"):
                _check_numeric(out, table, df, col.name, col.sql_type, col.required, cols)
                continue
            text = cols.text(table, col.name)
            out.rows("not_text", table, text.binary, df, column=col.name, value=_cell(col.name))
            blank = text.blank & ~text.binary
            if col.required:
                out.rows("missing_value", table, blank, df, column=col.name)
            unusable[(table, col.name)] = blank | text.binary
        for t, c in ENUMS:
            if t == table and c in present:
                allowed = allowed_values(t, c, version)
                bad = ~cols.text(table, c).isin(allowed) & ~unusable[(table, c)]
                out.rows(
                    "bad_enum",
                    table,
                    bad,
                    df,
                    column=c,
                    value=_cell(c),
                    allowed=", ".join(allowed),
                )

    # Keys and references.
    for table, present in usable.items():
        df = tables[table]
        pk = PRIMARY_KEYS[table]
        if pk in present:
            dup = _duplicated(df, pk, table, cols)
            out.rows("duplicate_key", table, dup, df, column=pk, value=_cell(pk))
        for ref, target in FOREIGN_KEYS.get(table, ()):
            if ref in present and target in usable and "id" in usable[target]:
                known = set(cols.text(target, "id").texts)
                bad = ~cols.text(table, ref).isin(known) & ~unusable[(table, ref)]
                out.rows(
                    "dangling_reference",
                    table,
                    bad,
                    df,
                    column=ref,
                    value=_cell(ref),
                    target=target,
                )

    if "observations" in usable:
        _check_observations(out, tables, usable, unusable, cols, check_computed, version)
    if "meta" in usable and {"key", "value"} <= usable["meta"]:
        keys = set(cols.text("meta", "key").texts)
        for key in REQUIRED_META_KEYS:
            if key not in keys and (check_computed or key not in ("content_id", "created_at")):
                out.add("missing_meta", "meta", key=key)
        _check_zone_lines(out, tables, usable)
    return out.issues


def _check_zone_lines(out: _Collector, tables: dict[str, pd.DataFrame], usable) -> None:
    """The zone's lines on the brief's first page are reported text like any figure: a line
    (``zone_<line>_zh`` / ``_en``) needs ``zone_<line>_source`` naming known sources and
    ``zone_<line>_quote``, the source's own words."""
    meta_df = tables["meta"]
    meta = {
        as_text(k): as_text(v) or "" for k, v in zip(meta_df["key"], meta_df["value"], strict=True)
    }
    known: set[str] | None = None
    if "sources" in usable and "id" in usable["sources"]:
        known = {t for t in (as_text(i) for i in tables["sources"]["id"]) if t}
    for line in ZONE_LINES:
        if not any(meta.get(f"zone_{line}_{lang}") for lang in ("zh", "en")):
            continue
        for need in ("source", "quote"):
            key = f"zone_{line}_{need}"
            if not (meta.get(key) or "").strip():
                out.add("missing_meta", "meta", key=key)
        for sid in zone_line_sources(meta.get(f"zone_{line}_source") or ""):
            if known is not None and sid not in known:
                out.add(
                    "dangling_reference",
                    "meta",
                    column=f"zone_{line}_source",
                    value=sid,
                    target="sources",
                )


def _duplicated(df: pd.DataFrame, column: str, table: str, cols: _Columns) -> np.ndarray:
    """Rows whose non-missing key already appeared in an earlier row."""
    s = df[column]
    if pd.api.types.is_numeric_dtype(s.dtype):
        return (s.duplicated(keep="first") & s.notna()).to_numpy(dtype=bool)
    sql_type = next(c.sql_type for c in TABLES[table] if c.name == column)
    if sql_type == "TEXT":
        codes = cols.text(table, column).codes
    else:  # a number column holding text or binary cells: compare the raw cells
        codes, _ = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
    return pd.Series(codes).duplicated(keep="first").to_numpy(dtype=bool) & (codes >= 0)


def _check_numeric(
    out: _Collector,
    table: str,
    df: pd.DataFrame,
    column: str,
    sql_type: str,
    required: bool,
    cols: _Columns,
) -> None:
    num = cols.numbers(table, column)
    present, values = num.present, num.values
    not_number = present & num.not_number
    out.rows("not_a_number", table, not_number, df, column=column, value=_cell(column))
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(values)
    not_finite = present & ~not_number & ~finite
    out.rows("not_finite", table, not_finite, df, column=column, value=_cell(column))
    if sql_type == "INTEGER":
        ok = present & finite
        safe = np.where(ok, values, 0.0)
        not_int = ok & (np.floor(safe) != safe)
        out.rows("not_integer", table, not_int, df, column=column, value=_cell(column))
        too_big = ok & ~not_int & (np.abs(safe) >= MAX_WHOLE_NUMBER)
        out.rows("out_of_range", table, too_big, df, column=column, value=_cell(column))
    if required:
        out.rows("missing_value", table, ~present, df, column=column)


def _check_observations(
    out: _Collector,
    tables: dict[str, pd.DataFrame],
    usable: dict[str, set[str]],
    unusable: dict[tuple[str, str], np.ndarray],
    cols: _Columns,
    check_computed: bool,
    version: int = SCHEMA_VERSION,
) -> None:
    df = tables["observations"]
    present = usable["observations"]
    if "period" in present:
        period = cols.text("observations", "period")
        parsed: list[Period | PeriodError] = []
        for code in period.texts:
            try:
                if version < 2 and needs_version_2(code):
                    raise PeriodError(
                        f"period {code!r} is imprecise, which needs format version 2 "
                        f"(the file says {version})"
                    )
                parsed.append(parse_period(code))
            except PeriodError as exc:
                parsed.append(exc)
        invalid = np.fromiter((isinstance(p, PeriodError) for p in parsed), bool, len(parsed))
        bad = period.per_row(invalid) & ~unusable[("observations", "period")]
        reasons = {t: str(p) for t, p in zip(period.texts, parsed, strict=True)}

        def reason(r: pd.Series) -> str:
            return reasons.get(as_text(r["period"]) or "", "")

        out.rows("bad_period", "observations", bad, df, reason=reason)
        fields = ("period_kind", "period_start", "period_end")
        if check_computed and set(fields) <= present:
            mismatch = np.zeros(len(df), dtype=bool)
            for field in fields:
                actual = cols.text("observations", field)
                index = {t: i for i, t in enumerate(actual.texts)}
                expected = np.array(
                    [
                        -2 if isinstance(p, PeriodError) else index.get(_period_field(p, field), -2)
                        for p in parsed
                    ]
                    + [-2],
                    dtype=np.int64,
                )
                unusable_field = unusable[("observations", field)]  # reported already
                mismatch |= (expected[period.codes] != actual.codes) & ~unusable_field
            mismatch &= ~bad & ~unusable[("observations", "period")]
            out.rows("period_mismatch", "observations", mismatch, df, value=_cell("period"))
    key = ("metric_id", "period", "status")
    if set(key) <= present:
        codes = pd.DataFrame({c: cols.text("observations", c).codes for c in key})
        dup = codes.duplicated(keep="first").to_numpy(dtype=bool)
        out.rows(
            "duplicate_observation",
            "observations",
            dup,
            df,
            metric=_cell("metric_id"),
            status=_cell("status"),
            period=_cell("period"),
        )
    status = cols.text("observations", "status") if "status" in present else None
    if status is not None and "quote" in present:
        needs = status.isin(("reported", "target"))
        quote = cols.text("observations", "quote")
        out.rows(
            "missing_quote",
            "observations",
            needs & quote.blank & ~quote.binary,
            df,
            status=_cell("status"),
        )
    if status is not None and "formula" in present:
        derived = status.isin(("derived",))
        formula = cols.text("observations", "formula")
        out.rows(
            "missing_formula",
            "observations",
            derived & formula.blank & ~formula.binary,
            df,
        )
    metrics_present = usable.get("metrics", set())
    if {"id", "unit"} <= metrics_present and {"metric_id", "value"} <= present:
        ids = cols.text("metrics", "id")
        units = cols.text("metrics", "unit")
        is_count = units.isin(("count",))
        count_ids = {ids.texts[c] for c in ids.codes[is_count] if c >= 0}
        values = np.nan_to_num(cols.numbers("observations", "value").values)
        negative = cols.text("observations", "metric_id").isin(count_ids) & (values < 0)
        out.rows(
            "negative_count",
            "observations",
            negative,
            df,
            column="value",
            value=_cell("value"),
        )


def _period_field(p: Period, field: str) -> str:
    if field == "period_kind":
        return p.kind
    return (p.start if field == "period_start" else p.end).isoformat()
