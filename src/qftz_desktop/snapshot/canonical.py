"""Coercion of tables to the schema's types, and the content id computed from them.

The builder and the reader both pass their tables through :func:`normalize`, so the content id
of a freshly built snapshot and of the same file read back are computed from equal values.
Validation uses the same conversions (:func:`as_text`, :func:`numbers`), so what it checks is
exactly what the app is given.

A million-row table must stay cheap, so nothing here loops over rows in Python: text columns
that already hold only ``str`` pass through untouched, other columns are converted once per
distinct value, and the content id joins rows with C-level ``map``/``zip``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from .schema import PRIMARY_KEYS, TABLES

EXCLUDED_META_KEYS = ("content_id", "created_at")
HASH_CHUNK_ROWS = 65536
NAN_WORDS = frozenset({"nan", "-nan", "+nan"})


def as_text(v: object) -> str | None:
    """One cell of a TEXT column as the app sees it: ``str``, or None when it is missing."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, bytes):
        return v.decode("utf-8", errors="replace")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _object_values(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=object)


def text_values(series: pd.Series) -> np.ndarray:
    """The column as an object array of ``str`` and None (see :func:`as_text`)."""
    values = _object_values(series)
    kind = infer_dtype(values, skipna=True)
    if kind == "string":
        missing = pd.isna(values)
        if missing.any():
            values = values.copy()
            values[missing] = None
        return values
    out = np.empty(len(values), dtype=object)
    if kind == "empty":
        out[:] = None
        return out
    # Mixed cells (numbers stored in a TEXT column, say): convert each distinct value once.
    # Factorizing first is safe: values it merges (1, 1.0) have the same text.
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = np.empty(len(uniques) + 1, dtype=object)
    texts[:-1] = [as_text(u) for u in uniques]
    texts[-1] = None
    out[:] = texts[codes]
    return out


@dataclass(frozen=True)
class Numbers:
    """A column read as numbers, with what :mod:`validate` needs to explain failures."""

    values: np.ndarray  # float64; NaN where missing or not a number
    present: np.ndarray  # bool: the cell is not NULL and not blank text
    not_number: np.ndarray  # bool: present but not a number (text, binary data)


def _number_of(u: object) -> tuple[bool, bool, float]:
    """(present, not_number, value) for one distinct non-text cell."""
    if isinstance(u, bool):
        return True, False, float(u)
    if isinstance(u, (int, float, np.integer, np.floating)):
        try:
            return True, False, float(u)
        except OverflowError:
            return True, False, math.copysign(math.inf, u)  # type: ignore[arg-type]
    return True, True, math.nan  # bytes and anything else


def numbers(series: pd.Series) -> Numbers:
    """Read a REAL or INTEGER column; text is parsed as :func:`pandas.to_numeric` does."""
    if pd.api.types.is_numeric_dtype(series.dtype):  # the reader's fast path: float64, int64
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        return Numbers(values, ~np.isnan(values), np.zeros(len(values), dtype=bool))
    raw = _object_values(series)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    k = len(uniques)
    u_present = np.zeros(k + 1, dtype=bool)
    u_bad = np.zeros(k + 1, dtype=bool)
    u_value = np.full(k + 1, np.nan)
    strings: list[int] = []
    for i, u in enumerate(uniques):
        if isinstance(u, str):
            strings.append(i)
        else:
            u_present[i], u_bad[i], u_value[i] = _number_of(u)
    if strings:
        text = pd.Series([uniques[i] for i in strings], dtype=object)
        parsed = pd.to_numeric(text, errors="coerce")
        try:
            parsed_values = parsed.to_numpy(dtype="float64", na_value=np.nan)
        except (TypeError, ValueError, OverflowError):
            parsed_values = np.array([_to_float(v) for v in parsed], dtype="float64")
        for i, cell, v in zip(strings, text, parsed_values, strict=True):
            stripped = cell.strip()
            if stripped == "":
                continue
            u_present[i] = True
            u_value[i] = v
            u_bad[i] = bool(np.isnan(v)) and stripped.lower() not in NAN_WORDS
    # code -1 (NULL) picks the last slot: absent
    return Numbers(u_value[codes], u_present[codes], u_bad[codes])


def _to_float(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    except OverflowError:
        return math.inf


def normalize(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return copies with text columns as Python str/None, REAL as float64, INTEGER as Int64.

    Call only on tables that passed validation: numbers must be numeric by then.
    """
    out: dict[str, pd.DataFrame] = {}
    for table, columns in TABLES.items():
        df = tables[table]
        frame = pd.DataFrame(index=pd.RangeIndex(len(df)))
        for col in columns:
            if col.name not in df.columns:
                continue
            s = df[col.name]
            if col.sql_type == "REAL":
                # + 0.0 turns -0.0 into 0.0: SQLite stores an integral REAL as an integer, so
                # the sign of zero does not survive the file and must not reach the content id
                frame[col.name] = numbers(s).values + 0.0
            elif col.sql_type == "INTEGER":
                frame[col.name] = pd.array(numbers(s).values, dtype="Int64")
            else:
                # pandas infers its ``str`` dtype here (None becomes NaN); an all-empty
                # column stays ``object``. The domain layer relies on exactly this.
                values = _object_values(s)
                if infer_dtype(values, skipna=True) != "string":
                    values = text_values(s)
                frame[col.name] = values
        out[table] = frame
    return out


class _Cells:
    """One column's cells as the strings the content id hashes, produced a block at a time."""

    def __init__(self, series: pd.Series, sql_type: str):
        self.sql_type = sql_type
        self.missing: np.ndarray | None = None
        if sql_type == "REAL":
            self.values = series.to_numpy(dtype="float64")
        elif sql_type == "INTEGER":
            ints = pd.array(series, dtype="Int64")
            self.missing = np.asarray(ints.isna())
            self.values = ints.to_numpy(dtype="int64", na_value=0)
        else:
            values = _object_values(series)
            if infer_dtype(values, skipna=True) in ("string", "empty"):
                missing = pd.isna(values)
                if missing.any():
                    values = values.copy()
                    values[missing] = "\x00"
            else:
                values = np.array(
                    [v if isinstance(v, str) else "\x00" for v in values], dtype=object
                )
            self.values = values

    def block(self, start: int, stop: int) -> list[str]:
        part = self.values[start:stop]
        if self.sql_type == "REAL":
            return list(map(repr, part.tolist()))
        if self.sql_type == "INTEGER":
            cells = list(map(str, part.tolist()))
            assert self.missing is not None
            for pos in np.flatnonzero(self.missing[start:stop]):
                cells[pos] = "\x00"
            return cells
        return part.tolist()


def _ascending(key: pd.Series) -> bool:
    try:
        return bool(key.is_monotonic_increasing)
    except TypeError:
        return False


def content_id(tables: dict[str, pd.DataFrame]) -> str:
    """SHA-256 over every table's rows in key order, without the build time and the id itself.

    Each row is its cells joined by U+001F and followed by U+001E (REAL as ``repr``, a missing
    value as U+0000), encoded as UTF-8; tables are introduced by ``\\x1d<name>\\x1d``.
    """
    digest = hashlib.sha256()
    for table, columns in TABLES.items():
        df = tables[table]
        if table == "meta":
            df = df[~df["key"].isin(EXCLUDED_META_KEYS)]
        pk = PRIMARY_KEYS[table]
        if not _ascending(df[pk]):  # a stable sort would keep this order anyway
            df = df.sort_values(pk, kind="stable")
        digest.update(f"\x1d{table}\x1d".encode())
        cells = [_Cells(df[c.name], c.sql_type) for c in columns]
        for start in range(0, len(df), HASH_CHUNK_ROWS):
            stop = start + HASH_CHUNK_ROWS
            block = [c.block(start, stop) for c in cells]
            text = "\x1e".join(map("\x1f".join, zip(*block, strict=True))) + "\x1e"
            digest.update(text.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()
