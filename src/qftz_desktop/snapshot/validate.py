"""Content checks shared by the builder (on CSV sources) and the reader (on SQLite files).

Checks are vectorised with pandas so that validating a million observations stays fast;
each check reports at most ``MAX_PER_CHECK`` rows and then says how many more there are.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .issues import Issue
from .periods import PERIOD_PATTERN, PeriodError, parse_period
from .schema import ENUMS, FOREIGN_KEYS, PRIMARY_KEYS, REQUIRED_META_KEYS, TABLES

MAX_PER_CHECK = 20

RowLabel = Callable[[str, int], str]


class _Collector:
    def __init__(self, file: str, row_label: RowLabel):
        self.file = file
        self.row_label = row_label
        self.issues: list[Issue] = []

    def add(self, code: str, table: str | None = None, row: str | None = None, **params):
        self.issues.append(Issue(code, self.file, table, row, params))

    def rows(self, code: str, table: str, mask: np.ndarray, df: pd.DataFrame, **params):
        """Report the rows where ``mask`` is true; params may be callables of the row."""
        positions = np.flatnonzero(mask)
        for pos in positions[:MAX_PER_CHECK]:
            row = df.iloc[pos]
            resolved = {k: (v(row) if callable(v) else v) for k, v in params.items()}
            self.add(code, table, self.row_label(table, int(pos)), **resolved)
        if len(positions) > MAX_PER_CHECK:
            self.add("more_problems", table, None, count=len(positions) - MAX_PER_CHECK)


def _is_blank(series: pd.Series) -> np.ndarray:
    blank = series.isna().to_numpy()
    if series.dtype == object or pd.api.types.is_string_dtype(series):
        text = series.astype("string").str.strip()
        blank = blank | (text == "").fillna(True).to_numpy(dtype=bool)
    return blank


def _short(value: object, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_tables(
    tables: dict[str, pd.DataFrame],
    file: str,
    row_label: RowLabel,
    check_computed: bool = True,
) -> list[Issue]:
    """Return every problem in ``tables`` (empty list: valid).

    ``check_computed`` is false for CSV sources, which do not carry the columns the builder
    computes (observation id and the three period fields).
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
                and col.name
                in (
                    "id",
                    "period_kind",
                    "period_start",
                    "period_end",
                )
            ):
                continue
            if col.name not in df.columns:
                out.add("missing_column", table, column=col.name)
            else:
                present.add(col.name)
        usable[table] = present

    # Per-column checks: required values, numbers, enums.
    for table, present in usable.items():
        df = tables[table]
        covered = {c for (t, c) in ENUMS if t == table}
        covered |= {c for c, _ in FOREIGN_KEYS.get(table, ())}
        if table == "observations":
            covered.add("period")
        for col in TABLES[table]:
            if col.name not in present:
                continue
            s = df[col.name]
            if col.sql_type in ("REAL", "INTEGER"):
                _check_numeric(out, table, df, col.name, col.sql_type, col.required)
            elif col.required and col.name not in covered:
                out.rows("missing_value", table, _is_blank(s), df, column=col.name)
        for (t, c), allowed in ENUMS.items():
            if t == table and c in present:
                bad = ~df[c].isin(allowed).to_numpy()
                out.rows(
                    "bad_enum",
                    table,
                    bad,
                    df,
                    column=c,
                    value=lambda r, c=c: _short(r[c]),
                    allowed=", ".join(allowed),
                )

    # Keys and references.
    for table, present in usable.items():
        df = tables[table]
        pk = PRIMARY_KEYS[table]
        if pk in present:
            dup = df[pk].duplicated(keep="first").to_numpy() & ~df[pk].isna().to_numpy()
            out.rows("duplicate_key", table, dup, df, column=pk, value=lambda r, pk=pk: r[pk])
        for col, target in FOREIGN_KEYS.get(table, ()):
            if col in present and target in usable and "id" in usable[target]:
                known = tables[target]["id"]
                bad = ~df[col].isin(known).to_numpy()
                out.rows(
                    "dangling_reference",
                    table,
                    bad,
                    df,
                    column=col,
                    value=lambda r, col=col: _short(r[col]),
                    target=target,
                )

    if "observations" in usable:
        _check_observations(out, tables, usable, check_computed)
    if "meta" in usable and {"key", "value"} <= usable["meta"]:
        keys = set(tables["meta"]["key"].astype(str))
        for key in REQUIRED_META_KEYS:
            if key not in keys and (check_computed or key not in ("content_id", "created_at")):
                out.add("missing_meta", "meta", key=key)
    return out.issues


def _check_numeric(out: _Collector, table, df, column, sql_type, required) -> None:
    raw = df[column]
    present = ~raw.isna().to_numpy()
    if raw.dtype == object or pd.api.types.is_string_dtype(raw):
        stripped = raw.astype("string").str.strip()
        present = present & ~(stripped == "").fillna(False).to_numpy(dtype=bool)
    numbers = pd.to_numeric(raw.where(present), errors="coerce")
    values = numbers.to_numpy(dtype="float64", na_value=np.nan)
    not_number = present & np.isnan(values) & ~_is_nan_literal(raw)
    out.rows(
        "not_a_number", table, not_number, df, column=column, value=lambda r: _short(r[column])
    )
    not_finite = present & ~not_number & ~np.isfinite(values)
    out.rows("not_finite", table, not_finite, df, column=column, value=lambda r: _short(r[column]))
    if sql_type == "INTEGER":
        ok = present & np.isfinite(values)
        not_int = ok & (np.floor(np.where(ok, values, 0)) != np.where(ok, values, 0))
        out.rows(
            "not_integer", table, not_int, df, column=column, value=lambda r: _short(r[column])
        )
    if required:
        out.rows("missing_value", table, ~present, df, column=column)


def _is_nan_literal(raw: pd.Series) -> np.ndarray:
    """True where the cell is a float NaN or the text 'nan': those are 'not finite', not text."""
    if pd.api.types.is_float_dtype(raw):
        return np.isnan(raw.to_numpy(dtype="float64", na_value=np.nan))
    text = raw.astype("string").str.strip().str.lower()
    return text.isin(["nan", "-nan", "+nan"]).fillna(False).to_numpy(dtype=bool)


def _check_observations(out: _Collector, tables, usable, check_computed: bool) -> None:
    df = tables["observations"]
    present = usable["observations"]
    if "period" in present:
        periods = df["period"].astype("string")
        bad = ~periods.str.fullmatch(PERIOD_PATTERN.pattern[1:-1]).fillna(False).to_numpy(
            dtype=bool
        )
        parsed: dict[str, object] = {}
        for code in periods[~bad].unique():
            try:
                parsed[str(code)] = parse_period(str(code))
            except PeriodError as exc:
                parsed[str(code)] = exc
        invalid = {c for c, p in parsed.items() if isinstance(p, PeriodError)}
        bad = bad | periods.isin(invalid).fillna(False).to_numpy(dtype=bool)

        def reason(r):
            try:
                parse_period(str(r["period"]))
            except PeriodError as exc:
                return str(exc)
            return ""

        out.rows("bad_period", "observations", bad, df, reason=reason)
        fields = {"period_kind", "period_start", "period_end"}
        if check_computed and fields <= present:
            good = {c: p for c, p in parsed.items() if c not in invalid}
            kinds = periods.map({c: p.kind for c, p in good.items()})
            starts = periods.map({c: p.start.isoformat() for c, p in good.items()})
            ends = periods.map({c: p.end.isoformat() for c, p in good.items()})
            mismatch = (
                (kinds != df["period_kind"].astype("string"))
                | (starts != df["period_start"].astype("string"))
                | (ends != df["period_end"].astype("string"))
            ).fillna(True).to_numpy(dtype=bool) & ~bad
            out.rows("period_mismatch", "observations", mismatch, df, value=lambda r: r["period"])
    if {"metric_id", "period", "status"} <= present:
        dup = df.duplicated(["metric_id", "period", "status"], keep="first").to_numpy()
        out.rows(
            "duplicate_observation",
            "observations",
            dup,
            df,
            metric=lambda r: r["metric_id"],
            status=lambda r: r["status"],
            period=lambda r: r["period"],
        )
    if {"status", "quote"} <= present:
        needs = df["status"].isin(["reported", "target"]).to_numpy()
        out.rows(
            "missing_quote",
            "observations",
            needs & _is_blank(df["quote"]),
            df,
            status=lambda r: r["status"],
        )
    if {"status", "formula"} <= present:
        derived = (df["status"] == "derived").fillna(False).to_numpy(dtype=bool)
        out.rows("missing_formula", "observations", derived & _is_blank(df["formula"]), df)
    metrics = tables.get("metrics")
    if (
        metrics is not None
        and {"id", "unit"} <= usable.get("metrics", set())
        and {"metric_id", "value"} <= present
    ):
        count_ids = metrics.loc[metrics["unit"] == "count", "id"]
        values = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype="float64")
        negative = df["metric_id"].isin(count_ids).to_numpy() & (np.nan_to_num(values) < 0)
        out.rows(
            "negative_count",
            "observations",
            negative,
            df,
            column="value",
            value=lambda r: r["value"],
        )
