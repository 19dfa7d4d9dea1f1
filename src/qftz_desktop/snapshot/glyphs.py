"""Characters that no bundled font can draw, found without Qt.

The window, the slides and the PDF draw text with the bundled fonts (resources/fonts). A
character they do not have — a rare emoji, U+FDFD — is drawn from whatever the machine has,
or as an empty box that extracts from the PDF as nothing. An author should learn that at
build time, not in the meeting: the builder and ``snapshot check`` warn (never refuse),
naming the table, the row, the column and the character.

The fonts' coverage is a small text file written by ``scripts/build_fonts.py`` next to the
fonts (``resources/fonts/coverage.txt``: inclusive hex ranges), so this check needs neither Qt
nor fontTools at run time.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..resources import resource_path
from .canonical import as_text
from .issues import Issue
from .model import Snapshot
from .schema import PRIMARY_KEYS, TABLES

COVERAGE_FILE = ("fonts", "coverage.txt")
MAX_WARNINGS = 20  # then one line says how many more

# Never drawn as glyphs: line breaks and other controls, and format characters such as the
# zero-width joiner. Text layout consumes them; they need no font.
_NOT_DRAWN = ("Cc", "Cf", "Zl", "Zp")


@dataclass(frozen=True)
class Coverage:
    """Sorted, non-overlapping inclusive ranges of code points."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, code_point: object) -> bool:
        if not isinstance(code_point, int):
            return False
        i = bisect.bisect_right(self.starts, code_point) - 1
        return i >= 0 and code_point <= self.ends[i]

    def __len__(self) -> int:
        return sum(e - s + 1 for s, e in zip(self.starts, self.ends, strict=True))


def parse_coverage(lines: Iterable[str]) -> Coverage:
    """Read 'XXXX' or 'XXXX-YYYY' lines (hex); '#' starts a comment; ranges are merged."""
    ranges: list[tuple[int, int]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        first, _, last = line.partition("-")
        try:
            a, b = int(first, 16), int(last or first, 16)
        except ValueError:
            raise ValueError(f"coverage line {number}: {raw.strip()!r} is not hex") from None
        if b < a:
            raise ValueError(f"coverage line {number}: {raw.strip()!r} ends before it starts")
        ranges.append((a, b))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return Coverage(tuple(a for a, _ in merged), tuple(b for _, b in merged))


@lru_cache(maxsize=4)
def load_coverage(path: Path | None = None) -> Coverage:
    """The bundled fonts' coverage (resources/fonts/coverage.txt)."""
    path = path or resource_path(*COVERAGE_FILE)
    return parse_coverage(path.read_text(encoding="ascii").splitlines())


def missing_characters(text: str, coverage: Coverage) -> list[str]:
    """Distinct characters of ``text`` that no bundled font draws, in order of appearance."""
    missing: dict[str, None] = {}
    for ch in text:
        if ord(ch) in coverage or ch in missing:
            continue
        if unicodedata.category(ch) in _NOT_DRAWN:
            continue
        missing[ch] = None
    return list(missing)


def describe(ch: str) -> str:
    """'U+FDFD ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM (﷽)' — printable in a terminal."""
    name = unicodedata.name(ch, "unnamed character")
    return f"U+{ord(ch):04X} {name} ({ch})"


def glyph_warnings(
    tables: dict[str, pd.DataFrame],
    file: str,
    coverage: Coverage | None = None,
    files: dict[str, str] | None = None,
    csv_lines: bool = False,
) -> list[Issue]:
    """One warning per cell that holds a character no bundled font draws.

    The row is named by the table's key (metric id, source id …) so an author finds it in the
    CSV, the workbook or the snapshot alike; ``files`` names a file per table (the CSV sources)
    and ``csv_lines`` counts rows as CSV lines (the header is line 1). Each distinct text is
    checked once.
    """
    coverage = coverage or load_coverage()
    issues: list[Issue] = []
    extra = 0
    for table, columns in TABLES.items():
        df = tables.get(table)
        if df is None:
            continue
        key = PRIMARY_KEYS[table]
        for col in columns:
            if col.sql_type != "TEXT" or col.name not in df.columns:
                continue
            cache: dict[str, list[str]] = {}
            for pos, cell in enumerate(df[col.name].tolist()):
                text = as_text(cell)
                if not text:
                    continue
                if text not in cache:
                    cache[text] = missing_characters(text, coverage)
                if not cache[text]:
                    continue
                if len(issues) >= MAX_WARNINGS:
                    extra += 1
                    continue
                where = _row_name(df, pos, key, table, csv_lines)
                issues.append(
                    Issue(
                        "missing_glyph",
                        (files or {}).get(table, file),
                        table,
                        where,
                        {
                            "column": col.name,
                            "chars": ", ".join(describe(c) for c in cache[text]),
                        },
                    )
                )
    if extra:
        issues.append(Issue("more_glyph_warnings", file, None, None, {"count": extra}))
    return issues


def _row_name(df: pd.DataFrame, pos: int, key: str, table: str, csv_lines: bool) -> str:
    row = f"line {pos + 2}" if csv_lines else f"row {pos + 1}"
    if table == "observations":
        parts = [as_text(df[c].iloc[pos]) for c in ("metric_id", "period", "status") if c in df]
        named = " ".join(p for p in parts if p)
        if named:
            return f"{row} ({named})"
    if key in df.columns:
        value = as_text(df[key].iloc[pos])
        if value:
            return f"{row} ({key} {value!r})"
    return row


def snapshot_glyph_warnings(snapshot: Snapshot, coverage: Coverage | None = None) -> list[Issue]:
    """:func:`glyph_warnings` for an opened snapshot (``snapshot check``)."""
    meta = pd.DataFrame({"key": list(snapshot.meta), "value": list(snapshot.meta.values())})
    tables = {
        "meta": meta,
        "sources": snapshot.sources,
        "metrics": snapshot.metrics,
        "observations": snapshot.observations,
        "highlights": snapshot.highlights,
    }
    return glyph_warnings(tables, str(snapshot.path), coverage)
