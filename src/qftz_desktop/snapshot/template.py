"""Write the Excel workbook the staff fill in: one sheet per table, explained and guarded.

Every closed set of the format (sector, scope, qualifier, status …) becomes a drop-down list
built from ``snapshot/schema.py``, so a value the format gains appears in the next template
without an edit here. Text columns are formatted as text, so that Excel leaves ``2024-09`` and
``2024Q1`` as typed instead of turning them into dates; values keep the decimals they have.

The file is written to a temporary name and moved into place, and its zip entries carry a
fixed time, so that the same snapshot gives the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..text import CATALOGUE, tr
from .model import Snapshot
from .schema import ENUMS, PERIOD_KINDS, REQUIRED_META_KEYS
from .workbook import CODE_COLUMNS, HELP_ROW, SHEET_NAMES, column_letter, source_columns

HOWTO_SHEET = "填写说明 How to fill this in"
# the how-to sheet's paragraphs, in order (text/workbook.py)
HOWTO_KEYS = tuple(f"workbook.howto_{i}" for i in range(1, 8))
HOWTO_WIDTH = 100  # column A of the how-to sheet, in Excel's character units
FIRST_DATA_ROW = HELP_ROW + 1
VALIDATION_ROWS = 20000  # drop-downs reach this far below the data
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
META_LEFT_OUT = ("created_at", "content_id")  # written by the builder, not by people
TEXT_FORMAT = "@"
ID_COLUMNS = {"id", "metric_id", "chart_group", "key", "period"}
WIDE_COLUMNS = {
    "quote",
    "note",
    "formula",
    "description_zh",
    "description_en",
    "text_zh",
    "text_en",
    "title",
    "value",
}


def help_text(table: str, column: str) -> str:
    """Row 2 of a sheet: what the column holds, Chinese then English."""
    # the table's own words for the column, else the column's in every table, else a pointer
    for key in (f"workbook.help.{table}.{column}", f"workbook.help.{column}"):
        if key in CATALOGUE:
            return _both(key)
    return _both("workbook.help_default")


def _both(key: str, **params: object) -> str:
    """Chinese, then English: the workbook is read in both."""
    return f"{tr(key, 'zh', **params)}\n{tr(key, 'en', **params)}"


def _both_inline(key: str) -> str:
    return f"{tr(key, 'zh')} / {tr(key, 'en')}"


def _rows(snapshot: Snapshot | None, table: str) -> pd.DataFrame:
    columns = source_columns(table)
    if snapshot is None:
        if table == "meta":
            keys = [k for k in REQUIRED_META_KEYS if k not in META_LEFT_OUT]
            return pd.DataFrame({"key": keys, "value": [None] * len(keys)})
        return pd.DataFrame({c: [] for c in columns})
    if table == "meta":
        items = [(k, v) for k, v in snapshot.meta.items() if k not in META_LEFT_OUT]
        return pd.DataFrame(items, columns=["key", "value"])
    df = getattr(snapshot, table)
    if table == "observations" and "id" in df.columns:
        df = df.sort_values("id", kind="stable")
    return df[[c for c in columns if c in df.columns]]


def _decimals_format(value: float) -> str:
    """A number format that shows exactly the decimals the value has (1133.3 -> '0.0')."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        return "General"
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "head_font": Font(bold=True, color="FFFFFF"),
        "head_fill": PatternFill("solid", fgColor="1F4E79"),
        "help_font": Font(italic=True, color="595959", size=9),
        "help_fill": PatternFill("solid", fgColor="EAF1F8"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }


def _display_width(text: str) -> int:
    """Width in Excel's character units: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_howto(ws: Any, st: dict[str, Any]) -> None:
    from openpyxl.styles import Font

    ws.column_dimensions["A"].width = HOWTO_WIDTH
    ws.append([_both_inline("workbook.howto_title")])
    ws["A1"].font = Font(bold=True, size=14)
    for key in HOWTO_KEYS:
        ws.append([tr(key, "zh")])
        ws.append([tr(key, "en")])
        ws.cell(ws.max_row, 1).font = Font(color="404040")
        ws.append([])
    ws.append([_both_inline("workbook.howto_lists")])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for (table, column), allowed in ENUMS.items():
        if column in source_columns(table):
            ws.append([f"{SHEET_NAMES[table]} ▸ {column}: {', '.join(allowed)}"])
    ws.append([f"{_both_inline('workbook.howto_period_kinds')}: {', '.join(PERIOD_KINDS)}"])
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = st["wrap"]
            if isinstance(cell.value, str):
                # wrapped text does not grow its row everywhere (LibreOffice, print): set it
                lines = -(-_display_width(cell.value) // (HOWTO_WIDTH - 4))
                ws.row_dimensions[cell.row].height = max(lines, 1) * 15 + 3


def _validation(ws: Any, sheet: str, letter: str, formula: str, strict: bool, error: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=_both_inline("workbook.not_in_list"),
        error=error,
    )
    dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + VALIDATION_ROWS}")
    ws.add_data_validation(dv)


def _write_table(
    ws: Any, table: str, df: pd.DataFrame, st: dict[str, Any], units: Sequence[str]
) -> None:
    columns = source_columns(table)
    ws.append(columns)
    ws.append([help_text(table, c) for c in columns])
    for index, name in enumerate(columns):
        letter = column_letter(index)
        head = ws.cell(1, index + 1)
        head.font, head.fill = st["head_font"], st["head_fill"]
        helpc = ws.cell(HELP_ROW, index + 1)
        helpc.font, helpc.fill, helpc.alignment = st["help_font"], st["help_fill"], st["wrap"]
        ws.column_dimensions[letter].width = (
            40 if name in WIDE_COLUMNS else 26 if name in ID_COLUMNS else 16
        )
    ws.row_dimensions[HELP_ROW].height = 42
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    kinds = {
        c: next(col.sql_type for col in _table_columns(table) if col.name == c) for c in columns
    }
    for record in df.itertuples(index=False, name=None):
        ws.append(
            [
                None if _missing(v) else _cell_value(v, kinds[c])
                for c, v in zip(df.columns, record, strict=True)
            ]
        )
    # formats: text stays text (no 2024-09 -> date), numbers keep their decimals. Free text
    # gets the text format on its column only (for new rows): retyping a sentence does not
    # turn it into a date, and a style on every cell costs a fifth of the writing time.
    for index, name in enumerate(columns):
        letter = column_letter(index)
        if kinds[name] == "TEXT":
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
            if name not in CODE_COLUMNS and (table, name) != ("meta", "value"):
                continue
        for row in range(FIRST_DATA_ROW, ws.max_row + 1):
            cell = ws.cell(row, index + 1)
            if kinds[name] == "TEXT":
                cell.number_format = TEXT_FORMAT
            elif kinds[name] == "INTEGER":
                cell.number_format = "0"
            elif cell.value is not None:
                cell.number_format = _decimals_format(cell.value)
    for (t, column), allowed in ENUMS.items():
        if t == table and column in columns:
            letter = column_letter(columns.index(column))
            _validation(
                ws,
                table,
                letter,
                f'"{",".join(allowed)}"',
                True,
                _both("workbook.choose_from_list"),
            )
    refs = {"metric_id": ("metrics", "id"), "source_id": ("sources", "id")}
    for column, (target, target_col) in refs.items():
        if column in columns and table != target:
            letter = column_letter(columns.index(column))
            tletter = column_letter(source_columns(target).index(target_col))
            rng = f"{SHEET_NAMES[target]}!${tletter}${FIRST_DATA_ROW}:${tletter}${VALIDATION_ROWS}"
            _validation(
                ws,
                table,
                letter,
                rng,
                False,
                _both("workbook.not_an_id", sheet=SHEET_NAMES[target]),
            )
    if table == "metrics" and "unit" in columns and units:
        letter = column_letter(columns.index("unit"))
        _validation(
            ws,
            table,
            letter,
            f'"{",".join(units)}"',
            False,
            _both("workbook.new_unit"),
        )


def _table_columns(table: str):
    from .schema import TABLES

    return TABLES[table]


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _cell_value(v: object, sql_type: str) -> object:
    if sql_type == "REAL":
        return float(v)  # type: ignore[arg-type]
    if sql_type == "INTEGER":
        return int(v)  # type: ignore[call-overload]
    return str(v)


def _fixed_zip(src: Path, dest: Path) -> None:
    """Copy the archive with fixed entry times and fixed document dates."""
    stamp = "2020-01-01T00:00:00Z"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", text)
                data = text.encode("utf-8")
            out = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            out.compress_type = zipfile.ZIP_DEFLATED
            out.external_attr = 0o644 << 16
            zout.writestr(out, data)


def write_template(out: str | os.PathLike[str], snapshot: Snapshot | None = None) -> Path:
    """Write the workbook (with the snapshot's data when given) atomically; return its path."""
    from openpyxl import Workbook

    out = Path(out)
    st = _styles()
    wb = Workbook()
    howto = wb.active
    howto.title = HOWTO_SHEET
    _write_howto(howto, st)
    units: list[str] = []
    if snapshot is not None and "unit" in snapshot.metrics.columns:
        units = sorted({str(u) for u in snapshot.metrics["unit"].dropna()})
    for table, sheet in SHEET_NAMES.items():
        _write_table(wb.create_sheet(sheet), table, _rows(snapshot, table), st, units)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, raw_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".raw", dir=out.parent)
    os.close(fd)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        wb.save(raw_name)
        _fixed_zip(Path(raw_name), Path(tmp_name))
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; a workbook is for sharing
        os.replace(tmp_name, out)
    finally:
        for name in (raw_name, tmp_name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
    return out
