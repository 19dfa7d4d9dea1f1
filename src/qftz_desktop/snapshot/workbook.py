"""Read a filled-in Excel workbook into the tables the CSV loader produces.

Staff fill in the quarterly figures in Excel or WPS, and Excel changes what they type: numbers
become text, ``2024-09`` becomes a date, a pasted figure brings full-width digits or a
thousands separator, a heading cell gets merged. This reader takes what has one meaning and
refuses what could mean two things (``1,5``; a cell formatted as a percentage; ``9/10/2024``),
naming the sheet, row and column of every problem at once, in Chinese and English.

The tables it returns go through the same validation and the same builder core as the CSV
sources (``builder.prepare_tables``), so a workbook and a CSV folder with the same content give
the same snapshot and the same content id.

openpyxl is imported lazily: opening the app or checking a snapshot does not load it.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from ..text import CATALOGUE, tr
from .issues import Issue
from .schema import COMPUTED_COLUMNS, ENUMS, TABLES
from .validate import validate_tables

# Table -> sheet name in the workbook (the table ``meta`` is ``snapshot.csv`` among the CSVs).
SHEET_NAMES = {
    "meta": "snapshot",
    "sources": "sources",
    "metrics": "metrics",
    "observations": "observations",
    "highlights": "highlights",
}
HEADER_ROW = 1
HELP_ROW = 2  # the template's explanations; skipped when it still holds them
MAX_PROBLEMS = 200
MAX_PER_KIND = 20  # per sheet and problem code, like validate.MAX_PER_CHECK
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

# Columns whose text is a code: full-width forms are folded (NFKC), so "２０２４Ｑ１" is 2024Q1.
# Free text (names, quotes) is kept as typed apart from surrounding spaces.
CODE_COLUMNS = {
    "id",
    "metric_id",
    "source_id",
    "period",
    "date",
    "language",
    "unit",
    "scope",
    "sector",
    "qualifier",
    "status",
    "chart_group",
    "ref",
    "key",
}
DATE_COLUMNS = {("sources", "date")}
DATE_META_KEYS = {"as_of"}

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_YMD = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})(?:\s*[-/.月]\s*([0-9]{1,2})\s*日?|\s*月)?")
_EXCEL_EPOCH = date(1899, 12, 30)
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z0-9]+:)?f[ >/]")
_MERGE_REF = re.compile(rb'<(?:[A-Za-z0-9]+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def source_columns(table: str) -> list[str]:
    """The columns a person fills in: the table's columns without the computed ones."""
    computed = COMPUTED_COLUMNS.get(table, ())
    return [c.name for c in TABLES[table] if c.name not in computed]


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One problem in one cell (or row, column, sheet) of a workbook, with what to do."""

    severity: str  # "error" or "warning"
    code: str
    sheet: str | None = None
    row: int | None = None  # Excel's row number
    column: str | None = None  # Excel's column letter
    heading: str | None = None  # the column's name in row 1
    params: dict[str, object] = field(default_factory=dict)
    issue: Issue | None = None  # the validator's issue this came from

    def problem(self, lang: str = "en") -> str:
        if self.issue is not None:
            return self.issue.problem(lang)
        return _fill(f"workbook.problem.{self.code}", lang, self.params)

    def hint(self, lang: str = "en") -> str:
        key = f"workbook.hint.{self.code}"
        return _fill(key, lang, self.params) if key in CATALOGUE else ""

    def where(self, lang: str = "en") -> str:
        parts = []
        if self.sheet:
            parts.append(f"{tr('workbook.where_sheet', lang)} {self.sheet}")
        if self.row is not None:
            parts.append(tr("workbook.where_row", lang, n=self.row))
        elif self.issue is not None and self.issue.row:
            parts.append(self.issue.row)  # a row named by its key (metric id …)
        if self.column and self.heading:
            parts.append(tr("workbook.where_column", lang, letter=self.column, name=self.heading))
        elif self.column:
            parts.append(tr("workbook.where_column_letter", lang, letter=self.column))
        return tr("punct.comma", lang).join(parts)

    def message(self, lang: str = "en") -> str:
        word = tr(f"workbook.severity_{self.severity}", lang)
        sep = tr("punct.colon", lang)
        text = f"{word}{sep}{self.where(lang)}{sep}{self.problem(lang)}"
        hint = self.hint(lang)
        if hint:
            text += tr("workbook.with_hint", lang, hint=hint)
        return text


def _fill(key: str, lang: str, params: dict[str, object]) -> str:
    """The words of ``key`` with the problem's params; as written when a param is missing."""
    try:
        return tr(key, lang, **params)
    except (KeyError, IndexError):
        return tr(key, lang)


class WorkbookError(Exception):
    """A workbook that cannot be built; carries every problem found (errors and warnings)."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        super().__init__(self.message("en"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def message(self, lang: str = "en", limit: int = 50) -> str:
        errors = self.errors
        head = tr("workbook.errors_head", lang, file=self.file, n=len(errors))
        lines = [head] + [p.message(lang) for p in errors[:limit]]
        if len(errors) > limit:
            rest = len(errors) - limit
            lines.append(tr("problems.more", lang, rest=rest))
        return "\n".join(lines)


@dataclass
class WorkbookRead:
    """What the reader made of a workbook: the tables (CSV-loader shape) and its warnings."""

    tables: dict[str, pd.DataFrame]
    warnings: list[Problem]


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.counts: dict[tuple[str | None, str], int] = {}
        self.hidden: dict[tuple[str | None, str], int] = {}

    def add(
        self,
        _severity: str,
        _code: str,
        _sheet: str | None = None,
        _row: int | None = None,
        _column: str | None = None,
        _name: str | None = None,
        _issue: Issue | None = None,
        **params: object,
    ) -> None:
        """Add a problem; keyword arguments are the message's parameters."""
        key = (_sheet, _code)
        self.counts[key] = self.counts.get(key, 0) + 1
        if self.counts[key] > MAX_PER_KIND:
            self.hidden[key] = self.hidden.get(key, 0) + 1
            return
        self.items.append(Problem(_severity, _code, _sheet, _row, _column, _name, params, _issue))

    def finish(self) -> list[Problem]:
        out = list(self.items)
        for (sheet, code), count in self.hidden.items():
            severity = next(p.severity for p in self.items if p.sheet == sheet and p.code == code)
            out.append(
                Problem(
                    severity,
                    "more",
                    sheet,
                    params={"count": count},
                    issue=Issue("more_problems", "", params={"count": count}),
                )
            )
        out.sort(key=_reading_order)
        errors = [p for p in out if p.severity == "error"]
        warnings = [p for p in out if p.severity != "error"]
        out = errors + warnings
        if len(out) > MAX_PROBLEMS:
            out = out[:MAX_PROBLEMS] + [
                Problem("error", "too_many", params={"limit": MAX_PROBLEMS})
            ]
        return out


def _reading_order(p: Problem) -> tuple[int, str, int, int, str]:
    """Sheet by sheet in the workbook's order, then row by row, column by column."""
    sheets = list(SHEET_NAMES.values())
    order = sheets.index(p.sheet) if p.sheet in sheets else (-1 if p.sheet is None else 99)
    column = p.column or ""
    return (order, p.sheet or "", p.row or 0, len(column), column)


# ---------------------------------------------------------------------------------------------
# Cells


def _clean_text(text: str, code: bool) -> str | None:
    if code:
        text = unicodedata.normalize("NFKC", text)
    text = text.strip()
    return text or None


def _number_from_text(text: str) -> tuple[float | None, str | None]:
    """(value, problem code) for a number typed as text."""
    t = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    t = t.replace(" ", "") if re.fullmatch(r"[+-]? [0-9.,]+", t) else t  # "- 5" -> "-5"
    if _PLAIN_NUMBER.fullmatch(t):
        return float(t), None
    if _THOUSANDS.fullmatch(t):
        return float(t.replace(",", "")), None
    if re.fullmatch(r"[+-]?[0-9.,' \u00a0\u202f]+", t):
        return None, "ambiguous_number"  # 1,5 / 1.234,5 / 1 234 / 1'234
    return None, "words_in_number"


def _date_text(d: date, with_day: bool) -> str:
    return d.isoformat() if with_day else f"{d.year:04d}-{d.month:02d}"


def _format_shows_day(fmt: str | None) -> bool:
    """Does an Excel date format show the day? ``yyyy-mm-dd`` yes, ``mmm-yy`` no."""
    if not fmt:
        return True
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt).lower()
    return "d" in bare


def _date_from_text(text: str) -> str | None:
    """'2024/9/27', '2024.9', '2024年9月27日' -> ISO; None when not of that shape."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _YMD.fullmatch(t)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        return date(y, mo, int(d)).isoformat() if d else date(y, mo, 1).isoformat()[:7]
    except ValueError:
        return None


class _Cells:
    """Turns the cells of one sheet into strings and floats, collecting problems."""

    def __init__(self, problems: _Problems, sheet: str, table: str):
        self.problems = problems
        self.sheet = sheet
        self.table = table

    def bad(
        self, code: str, row: int, col: int, name: str, severity: str = "error", **params: object
    ) -> None:
        self.problems.add(severity, code, self.sheet, row, column_letter(col), name, None, **params)

    def convert(self, cell: Any, kind: str, row: int, col: int, name: str) -> object:
        value = cell.value
        if value is None:
            return None
        if getattr(cell, "data_type", None) == "e":
            self.bad("excel_error", row, col, name, value=value)
            return None
        if kind in ("real", "integer"):
            return self.number(cell, value, row, col, name)
        if kind in ("date", "period"):
            return self.date(cell, value, row, col, name, kind)
        text = self.text(value, row, col, name, code=kind in ("code", "enum"))
        if kind == "enum" and isinstance(text, str):
            # 'Reported' is 'reported'; anything else is left for the validator to name
            lower = text.lower()
            if lower in ENUMS.get((self.table, name), ()):
                return lower
        return text

    def text(self, value: object, row: int, col: int, name: str, code: bool) -> object:
        if isinstance(value, str):
            return _clean_text(value, code)
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (datetime, date, time, timedelta)):
            self.bad("date_in_text", row, col, name, value=str(value))
            return None
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        return str(value)

    def number(self, cell: Any, value: object, row: int, col: int, name: str) -> object:
        if isinstance(value, bool):
            self.bad("words_in_number", row, col, name, value=str(value))
            return None
        if isinstance(value, (datetime, date, time, timedelta)):
            self.bad("date_in_number", row, col, name, value=str(value))
            return None
        if isinstance(value, (int, float)):
            fmt = getattr(cell, "number_format", None) or ""
            if "%" in re.sub(r'"[^"]*"|\\.', "", fmt):
                shown = f"{value * 100:g}%"
                self.bad("percent_cell", row, col, name, shown=shown, value=f"{value:g}")
                return None
            return float(value)
        if isinstance(value, str):
            number, code = _number_from_text(value)
            if code:
                self.bad(code, row, col, name, value=value)
                return None
            return number
        self.bad("words_in_number", row, col, name, value=str(value))
        return None

    def date(self, cell: Any, value: object, row: int, col: int, name: str, kind: str) -> object:
        if isinstance(value, datetime) and value.time() == time(0):
            value = value.date()
        if isinstance(value, date) and not isinstance(value, datetime):
            with_day = _format_shows_day(getattr(cell, "number_format", None))
            if not with_day and value.day != 1:
                self.bad("ambiguous_date", row, col, name, value=value.isoformat())
                return None
            return _date_text(value, with_day)
        if isinstance(value, (datetime, time, timedelta)):
            self.bad("ambiguous_date", row, col, name, value=str(value))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if float(value).is_integer() and 1000 <= value <= 9999:
                return str(int(value))  # a year
            if kind == "date" and float(value).is_integer() and 10000 <= value < 2958466:
                day = _EXCEL_EPOCH + timedelta(days=int(value))
                self.bad(
                    "serial_date",
                    row,
                    col,
                    name,
                    severity="warning",
                    value=int(value),
                    date=day.isoformat(),
                )
                return day.isoformat()
            self.bad("ambiguous_date", row, col, name, value=f"{value:g}")
            return None
        if isinstance(value, str):
            text = _clean_text(value, code=True)
            if text is None:
                return None
            if kind == "period":
                text = re.sub(r"(?<=[0-9]{4})q(?=[1-4]\??$)", "Q", text)  # 2022q1? too
            iso = _date_from_text(text)
            if iso is not None and iso != text:
                return iso
            if re.fullmatch(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}", text):
                self.bad("ambiguous_date", row, col, name, value=text)
                return None
            return text
        return self.text(value, row, col, name, code=True)


def _kind(table: str, column: str) -> str:
    sql_type = next((c.sql_type for c in TABLES[table] if c.name == column), "TEXT")
    if sql_type == "REAL":
        return "real"
    if sql_type == "INTEGER":
        return "integer"
    if (table, column) in DATE_COLUMNS:
        return "date"
    if (table, column) == ("observations", "period"):
        return "period"
    if (table, column) in ENUMS:
        return "enum"
    if column in CODE_COLUMNS:
        return "code"
    return "text"


def _norm_header(value: object) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


# ---------------------------------------------------------------------------------------------
# Sheets


def _match_sheets(
    names: list[str], headers: dict[str, list[str]], problems: _Problems
) -> dict[str, str]:
    """Table -> sheet name: by the sheet's name, else by its columns (a renamed sheet)."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for table, sheet in SHEET_NAMES.items():
        wanted = {sheet.casefold(), table.casefold()}
        for name in names:
            if _norm_header(name) in wanted and name not in taken:
                found[table] = name
                taken.add(name)
                break
    for table, sheet in SHEET_NAMES.items():
        if table in found:
            continue
        needed = {c for c in source_columns(table)}
        candidates = [n for n in names if n not in taken and needed <= set(headers.get(n, []))]
        if len(candidates) == 1:
            found[table] = candidates[0]
            taken.add(candidates[0])
            problems.add(
                "warning", "sheet_by_columns", candidates[0], sheet=sheet, found=candidates[0]
            )
        elif len(candidates) > 1:
            problems.add(
                "error",
                "ambiguous_sheet",
                None,
                sheet=sheet,
                sheets=", ".join(f"'{c}'" for c in candidates),
            )
        else:
            problems.add(
                "error",
                "missing_sheet",
                None,
                sheet=sheet,
                columns=", ".join(source_columns(table)),
            )
    return found


@dataclass
class _SheetData:
    table: str
    sheet: str
    columns: dict[str, int]  # column name -> 0-based index
    rows: list[int]  # Excel row number of each kept row
    frame: pd.DataFrame


def _help_row_matches(table: str, cells: list[Any], columns: dict[str, int]) -> bool:
    from .template import help_text

    for name, index in columns.items():
        if index < len(cells) and isinstance(cells[index].value, str):
            typed = cells[index].value.replace("\r\n", "\n").strip()
            if typed.splitlines()[:1] == help_text(table, name).splitlines()[:1]:
                return True
    return False


def _merged_ranges(ws: Any) -> list[str]:
    """The sheet's merged ranges ("A3:A5"), read from its XML: read-only mode ignores them."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    if path is None or archive is None:
        return []
    try:
        with archive.open(path) as fh:
            data = fh.read()
    except (KeyError, OSError):
        return []
    return [m.decode() for m in _MERGE_REF.findall(data)]


def _report_merged(ws: Any, sheet: str, problems: _Problems) -> None:
    for ref in _merged_ranges(ws):
        first = ref.split(":")[0]
        m = re.fullmatch(r"([A-Z]+)([0-9]+)", first)
        if not m or int(m.group(2)) == HELP_ROW:
            continue
        problems.add(
            "error",
            "merged_cells",
            sheet,
            int(m.group(2)),
            m.group(1),
            None,
            None,
            cells=ref,
            first=first,
        )


def _read_sheet(
    ws: Any, table: str, sheet: str, formulas: dict[tuple[int, int], str], problems: _Problems
) -> _SheetData:
    _report_merged(ws, sheet, problems)
    rows_iter: Iterable[tuple[Any, ...]] = ws.iter_rows()
    header: list[Any] = []
    for header_cells in rows_iter:
        header = list(header_cells)
        break
    wanted = source_columns(table)
    columns: dict[str, int] = {}
    unnamed: list[int] = []
    for index, cell in enumerate(header):
        name = _norm_header(cell.value)
        if not name:
            unnamed.append(index)
            continue
        if name in columns:
            problems.add(
                "error",
                "duplicate_column",
                sheet,
                HEADER_ROW,
                column_letter(index),
                value=cell.value,
            )
            continue
        if name not in wanted:
            problems.add(
                "warning",
                "unknown_column",
                sheet,
                HEADER_ROW,
                column_letter(index),
                value=cell.value,
            )
        columns[name] = index
    kinds = {name: _kind(table, name) for name in columns if name in wanted}
    conv = _Cells(problems, sheet, table)
    data: dict[str, list[object]] = {name: [] for name in kinds}
    excel_rows: list[int] = []
    unnamed_data: set[int] = set()
    for row_number, row_cells in enumerate(rows_iter, start=HEADER_ROW + 1):
        cells = list(row_cells)
        if row_number == HELP_ROW and _help_row_matches(table, cells, columns):
            continue
        if not any(c.value is not None and str(c.value).strip() != "" for c in cells):
            continue
        for index in unnamed:
            has_value = index < len(cells) and cells[index].value not in (None, "")
            if has_value and index not in unnamed_data:
                unnamed_data.add(index)
                problems.add("error", "unnamed_column", sheet, row_number, column_letter(index))
        excel_rows.append(row_number)
        meta_key = None
        if table == "meta" and "key" in columns and columns["key"] < len(cells):
            meta_key = _norm_header(cells[columns["key"]].value)
        for name, kind in kinds.items():
            index = columns[name]
            cell = cells[index] if index < len(cells) else None
            if cell is None:
                data[name].append(None)
                continue
            if meta_key in DATE_META_KEYS and name == "value":
                kind = "date"
            formula = formulas.get((row_number, index))
            if formula is not None:
                if cell.value is None:
                    problems.add(
                        "error",
                        "formula_no_value",
                        sheet,
                        row_number,
                        column_letter(index),
                        name,
                        formula=formula,
                    )
                    data[name].append(None)
                    continue
                problems.add(
                    "warning",
                    "formula_used",
                    sheet,
                    row_number,
                    column_letter(index),
                    name,
                    formula=formula,
                    value=cell.value,
                )
            data[name].append(conv.convert(cell, kind, row_number, index, name))
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in data.items()})
    if not len(frame.columns):
        frame = pd.DataFrame(index=pd.RangeIndex(len(excel_rows)))
    return _SheetData(
        table, sheet, {n: i for n, i in columns.items() if n in kinds}, excel_rows, frame
    )


def _formula_cells(path: Path, sheets: dict[str, str]) -> dict[str, dict[tuple[int, int], str]]:
    """Formulas per sheet, found in a second pass only when the file has any.

    The first pass reads the values Excel saved with the file; this one reads the formulas,
    so that a formula whose value was never computed (a file written by a script, or saved
    with calculation off) is refused instead of being read as an empty cell.
    """
    with zipfile.ZipFile(path) as zf:
        # a cell formula is <f>…</f> or <f t="shared" …>; <formula1> belongs to a drop-down
        has_formula = any(
            _FORMULA_TAG.search(zf.read(n))
            for n in zf.namelist()
            if n.startswith("xl/worksheets/sheet")
        )
    if not has_formula:
        return {}
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for sheet in sheets.values():
            found: dict[tuple[int, int], str] = {}
            for r, row in enumerate(wb[sheet].iter_rows(), start=1):
                for c, cell in enumerate(row):
                    if cell.data_type == "f" or (
                        isinstance(cell.value, str) and cell.value.startswith("=")
                    ):
                        found[(r, c)] = str(cell.value)
            out[sheet] = found
        return out
    finally:
        wb.close()


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise WorkbookError(
            str(path), [Problem("error", "not_xlsx", params={"reason": "file not found"})]
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookError(
            str(path), [Problem("error", "not_xlsx", params={"reason": str(exc) or type(exc)})]
        ) from None


def read_workbook(path: str | Path) -> WorkbookRead:
    """Read the workbook; raise WorkbookError listing every error (warnings ride along)."""
    path = Path(path)
    problems = _Problems()
    wb = _open(path)
    try:
        names = list(wb.sheetnames)
        headers = {}
        for name in names:
            first = next(wb[name].iter_rows(max_row=1, values_only=True), ())
            headers[name] = [_norm_header(v) for v in first]
        matched = _match_sheets(names, headers, problems)
        try:
            formulas = _formula_cells(path, matched)
        except (zipfile.BadZipFile, KeyError, OSError):
            formulas = {}
        sheets = {
            table: _read_sheet(wb[sheet], table, sheet, formulas.get(sheet, {}), problems)
            for table, sheet in matched.items()
        }
    finally:
        wb.close()
    _validate(path, sheets, problems)
    found = problems.finish()
    if any(p.severity == "error" for p in found):
        raise WorkbookError(str(path), found)
    return WorkbookRead({t: s.frame for t, s in sheets.items()}, found)


# Validator codes that do not carry the column in their params.
_CODE_COLUMN = {
    "missing_quote": "quote",
    "missing_formula": "formula",
    "bad_period": "period",
    "duplicate_observation": "period",
    "missing_meta": "key",
}


def _validate(path: Path, sheets: dict[str, _SheetData], problems: _Problems) -> None:
    """Run the format's own checks on what was read, and point each issue at its cell."""
    tables = {t: s.frame for t, s in sheets.items()}
    if set(tables) != set(SHEET_NAMES):
        # a missing sheet is reported already; check the others against empty stand-ins
        for table in SHEET_NAMES:
            tables.setdefault(table, pd.DataFrame({c: [] for c in source_columns(table)}))
    already = {(p.sheet, p.row, p.column) for p in problems.items}
    for issue in validate_tables(tables, str(path), lambda t, pos: str(pos), check_computed=False):
        data = sheets.get(issue.table or "")
        if data is None:
            continue
        name = str(issue.params.get("column") or _CODE_COLUMN.get(issue.code) or "") or None
        row = data.rows[int(issue.row)] if issue.row is not None else None
        col = data.columns.get(name) if name else None
        letter = column_letter(col) if col is not None else None
        if issue.code == "missing_column":
            row = HEADER_ROW
        if (data.sheet, row, letter) in already and row is not None:
            continue  # the cell's own problem was reported when it was read
        params = dict(issue.params)
        if issue.table and name and (issue.table, name) in ENUMS:
            params.setdefault("allowed", ", ".join(ENUMS[(issue.table, name)]))
        problems.add("error", issue.code, data.sheet, row, letter, name, issue, **params)


def is_workbook(path: str | Path) -> bool:
    """A path the builder reads as a workbook rather than a CSV folder."""
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def build_from_workbook(
    src: str | Path, out: str | Path, created_at: str | None = None
) -> tuple[str, list[Problem]]:
    """Build a snapshot from a workbook; return (content id, warnings).

    Raises WorkbookError before anything is written when the workbook has an error.
    """
    from .builder import prepare_tables, write_snapshot

    read = read_workbook(src)
    found: list[Issue] = []
    tables = prepare_tables(Path(src), created_at, raw=read.tables, warnings=found)
    write_snapshot(tables, Path(out))
    meta = tables["meta"]
    cid = str(meta.loc[meta["key"] == "content_id", "value"].iloc[0])
    return cid, read.warnings + [_warning_from_issue(i) for i in found]


def _warning_from_issue(issue: Issue) -> Problem:
    """A builder warning (a character no bundled font draws) as a report row."""
    sheet = SHEET_NAMES.get(issue.table or "", Path(issue.file).name)
    column = issue.params.get("column")
    return Problem(
        "warning",
        issue.code,
        sheet,
        None,
        None,
        str(column) if column else None,
        issue.params,
        issue,
    )


@dataclass
class SourceCheck:
    """A source (workbook or CSV folder) read and checked: the finished tables, or problems."""

    tables: dict[str, pd.DataFrame] | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def _from_issue(issue: Issue) -> Problem:
    """A CSV loader's issue as a report row: the file as the sheet, its line as the row."""
    row = None
    if issue.row:
        m = re.fullmatch(r"line ([0-9]+)", issue.row)
        row = int(m.group(1)) if m else None
    column = issue.params.get("column")
    name = str(column) if column else _CODE_COLUMN.get(issue.code)
    return Problem("error", issue.code, Path(issue.file).name, row, None, name, issue.params, issue)


def check_source(src: str | Path, created_at: str | None = None) -> SourceCheck:
    """Read and validate a workbook or a CSV folder; never raises for bad content."""
    from .builder import prepare_tables
    from .issues import SnapshotError

    src = Path(src)
    warnings: list[Problem] = []
    found: list[Issue] = []  # the builder's warnings
    try:
        if is_workbook(src):
            read = read_workbook(src)
            warnings = read.warnings
            tables = prepare_tables(src, created_at, raw=read.tables, warnings=found)
        else:
            tables = prepare_tables(src, created_at, warnings=found)
    except WorkbookError as exc:
        return SourceCheck(None, exc.problems)
    except SnapshotError as exc:
        return SourceCheck(None, [_from_issue(i) for i in exc.issues] + warnings)
    return SourceCheck(tables, warnings + [_warning_from_issue(i) for i in found])
