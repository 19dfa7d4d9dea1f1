"""Snapshot format v1/v2: the tables, columns and allowed values (docs/snapshot-format.md).

Builder and reader both validate against these definitions, so a file the builder writes is
exactly a file the reader accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

# Version 2 adds imprecise periods (``2021?``, ``~2024-06``, ``<2019-08``) and the scope
# ``jinan_area``; the tables are the same. The builder writes the lowest version its data needs.
SCHEMA_VERSION = 2
MIN_SCHEMA_VERSION = 1
APPLICATION_ID = 0x51465A31  # "QFZ1"
SQLITE_MAGIC = b"SQLite format 3\x00"

SECTORS = ("trade", "shipping", "finance", "investment", "industry", "innovation")
SCOPES = ("ftz", "city", "province", "port", "park", "shandong_ftz", "new_area", "jinan_area")
QUALIFIERS = ("exact", "over", "about", "at_least")
STATUSES = ("reported", "derived", "target")
PERIOD_KINDS = ("year", "quarter", "span", "date")

REQUIRED_META_KEYS = (
    "title_zh",
    "title_en",
    "zone_zh",
    "zone_en",
    "as_of",
    "publisher_zh",
    "publisher_en",
    "created_at",
    "content_id",
)

# The zone in three lines (the meeting brief's first page): optional meta keys
# ``zone_<line>_zh`` / ``_en`` (the text), ``zone_<line>_source`` (source ids, comma-separated)
# and ``zone_<line>_quote`` (the source's own words). Reported text like any figure.
ZONE_LINES = ("about", "approved", "where")


def zone_line_sources(value: str) -> list[str]:
    """The source ids of a ``zone_<line>_source`` meta value: 'PR2024,S5' → ['PR2024', 'S5']."""
    return [s.strip() for s in value.replace("，", ",").split(",") if s.strip()]


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str  # TEXT, INTEGER or REAL
    required: bool = False


TABLES: dict[str, tuple[Column, ...]] = {
    "meta": (Column("key", "TEXT", True), Column("value", "TEXT", True)),
    "sources": (
        Column("id", "TEXT", True),
        Column("title", "TEXT", True),
        Column("publisher", "TEXT", True),
        Column("date", "TEXT"),
        Column("url", "TEXT"),
        Column("language", "TEXT"),
        Column("note", "TEXT"),
    ),
    "metrics": (
        Column("id", "TEXT", True),
        Column("sector", "TEXT", True),
        Column("name_zh", "TEXT", True),
        Column("name_en", "TEXT", True),
        Column("unit", "TEXT", True),
        Column("unit_zh", "TEXT", True),
        Column("unit_en", "TEXT", True),
        Column("scope", "TEXT", True),
        Column("scope_zh", "TEXT", True),
        Column("scope_en", "TEXT", True),
        Column("chart_group", "TEXT"),
        Column("headline", "INTEGER"),
        Column("description_zh", "TEXT"),
        Column("description_en", "TEXT"),
    ),
    "observations": (
        Column("id", "INTEGER", True),
        Column("metric_id", "TEXT", True),
        Column("period", "TEXT", True),
        Column("period_kind", "TEXT", True),
        Column("period_start", "TEXT", True),
        Column("period_end", "TEXT", True),
        Column("value", "REAL", True),
        Column("qualifier", "TEXT", True),
        Column("status", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("quote", "TEXT"),
        Column("formula", "TEXT"),
        Column("note", "TEXT"),
        Column("ref", "TEXT"),
    ),
    "highlights": (
        Column("id", "TEXT", True),
        Column("sector", "TEXT", True),
        Column("title_zh", "TEXT", True),
        Column("title_en", "TEXT", True),
        Column("text_zh", "TEXT", True),
        Column("text_en", "TEXT", True),
        Column("source_id", "TEXT", True),
        Column("quote", "TEXT"),
        Column("ref", "TEXT"),
    ),
}

# Columns the builder computes; they are not in the CSV sources.
COMPUTED_COLUMNS = {"observations": ("id", "period_kind", "period_start", "period_end")}

PRIMARY_KEYS = {
    "meta": "key",
    "sources": "id",
    "metrics": "id",
    "observations": "id",
    "highlights": "id",
}

FOREIGN_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "observations": (("metric_id", "metrics"), ("source_id", "sources")),
    "highlights": (("source_id", "sources"),),
}

ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("metrics", "sector"): SECTORS,
    ("metrics", "scope"): SCOPES,
    ("observations", "qualifier"): QUALIFIERS,
    ("observations", "status"): STATUSES,
    ("observations", "period_kind"): PERIOD_KINDS,
    ("highlights", "sector"): SECTORS,
}


# Enum values a version-1 file may not hold (an app that knows only version 1 refuses them).
V2_ENUM_VALUES: dict[tuple[str, str], tuple[str, ...]] = {("metrics", "scope"): ("jinan_area",)}


def allowed_values(table: str, column: str, version: int) -> tuple[str, ...]:
    """The closed set of a column in a file of this format version."""
    allowed = ENUMS[(table, column)]
    if version >= 2:
        return allowed
    newer = V2_ENUM_VALUES.get((table, column), ())
    return tuple(v for v in allowed if v not in newer)


def create_table_sql(table: str) -> str:
    """DDL for one table, with its primary and foreign keys."""
    cols = []
    for col in TABLES[table]:
        decl = f"{col.name} {col.sql_type}"
        if PRIMARY_KEYS[table] == col.name:
            decl += " PRIMARY KEY"
        elif col.required:
            decl += " NOT NULL"
        cols.append(decl)
    for column, target in FOREIGN_KEYS.get(table, ()):
        cols.append(f"FOREIGN KEY ({column}) REFERENCES {target}(id)")
    return f"CREATE TABLE {table} (\n  " + ",\n  ".join(cols) + "\n)"


INDEXES = ("CREATE INDEX observations_metric ON observations(metric_id, period_end)",)
