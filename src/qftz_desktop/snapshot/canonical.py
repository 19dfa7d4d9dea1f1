"""Coercion of tables to the schema's types, and the content id computed from them.

The builder and the reader both pass their tables through :func:`normalize`, so the content id
of a freshly built snapshot and of the same file read back are computed from equal values.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from .schema import PRIMARY_KEYS, TABLES

EXCLUDED_META_KEYS = ("content_id", "created_at")


def _text(series: pd.Series) -> pd.Series:
    def conv(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, bytes):
            return v.decode("utf-8", errors="replace")
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    # Built by hand: pandas 3 would infer its ``str`` dtype and turn None into NaN.
    return pd.Series([conv(v) for v in series.to_numpy(dtype=object)], dtype=object)


def normalize(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return copies with text columns as Python str/None, REAL as float64, INTEGER as Int64.

    Call only on tables that passed validation: numbers must be numeric by then.
    """
    out: dict[str, pd.DataFrame] = {}
    for table, columns in TABLES.items():
        df = tables[table]
        data = {}
        for col in columns:
            if col.name not in df.columns:
                continue
            s = df[col.name]
            if col.sql_type == "REAL":
                data[col.name] = pd.to_numeric(s, errors="coerce").astype("float64")
            elif col.sql_type == "INTEGER":
                data[col.name] = pd.to_numeric(s, errors="coerce").astype("Int64")
            else:
                data[col.name] = _text(s)
        frame = pd.DataFrame(index=pd.RangeIndex(len(df)))
        for name, values in data.items():
            frame[name] = values.to_numpy(dtype=object) if values.dtype == object else values
        out[table] = frame
    return out


def _cell_strings(series: pd.Series, sql_type: str) -> list[str]:
    if sql_type == "REAL":
        return [repr(float(v)) for v in series.to_numpy(dtype="float64")]
    if sql_type == "INTEGER":
        return ["\x00" if pd.isna(v) else str(int(v)) for v in series]
    return [v if isinstance(v, str) else "\x00" for v in series.to_numpy(dtype=object)]


def content_id(tables: dict[str, pd.DataFrame]) -> str:
    """SHA-256 over every table's rows in key order, without the build time and the id itself."""
    digest = hashlib.sha256()
    for table, columns in TABLES.items():
        df = tables[table]
        if table == "meta":
            df = df[~df["key"].isin(EXCLUDED_META_KEYS)]
        pk = PRIMARY_KEYS[table]
        df = df.sort_values(pk, kind="stable")
        digest.update(f"\x1d{table}\x1d".encode())
        cols = [_cell_strings(df[c.name], c.sql_type) for c in columns]
        for row in zip(*cols, strict=True):
            digest.update("\x1f".join(row).encode("utf-8", errors="surrogatepass"))
            digest.update(b"\x1e")
    return digest.hexdigest()
