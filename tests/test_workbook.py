"""The Excel workbook: template, round trip, and what Excel users really type.

Each case edits a template of the bundled snapshot with openpyxl the way Excel or a person
would, then builds it. Expected values are written down from data/source/*.csv.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from qftz_desktop.snapshot.reader import open_snapshot
from qftz_desktop.snapshot.template import write_template
from qftz_desktop.snapshot.workbook import WorkbookError, build_from_workbook, read_workbook

# From data/source/observations.csv: the 2021 FTZ trade value of the undated page S1 (year
# inferred) and the 2020 derived one.
TRADE_2021 = ("ftz_trade_value", "2021?", 1870.0)
TRADE_2020_DERIVED = 1145.5


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    from qftz_desktop.resources import bundled_snapshot

    out = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    write_template(out, open_snapshot(bundled_snapshot()))
    return out


@pytest.fixture
def book(tmp_path, template) -> Path:
    dst = tmp_path / "book.xlsx"
    shutil.copyfile(template, dst)
    return dst


def _row_of(ws, metric: str, period: str) -> int:
    for row in ws.iter_rows(min_row=3):
        if row[0].value == metric and row[1].value == period and row[4].value == "reported":
            return row[0].row
    raise AssertionError(f"{metric} {period} not in the sheet")


def _value(path: Path, metric: str, period: str, status: str = "reported") -> float:
    con = sqlite3.connect(path)
    try:
        (value,) = con.execute(
            "SELECT value FROM observations WHERE metric_id=? AND period=? AND status=?",
            (metric, period, status),
        ).fetchone()
    finally:
        con.close()
    return float(value)


def _edit(path: Path, fn) -> None:
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)


def test_round_trip_of_the_bundled_snapshot_keeps_the_content_id(book, bundled_path, tmp_path):
    out = tmp_path / "rt.sqlite"
    cid, warnings = build_from_workbook(book, out)
    assert cid == open_snapshot(bundled_path).content_id
    assert open_snapshot(out).content_id == cid
    assert warnings == []


def test_template_has_a_sheet_per_table_explained_frozen_and_guarded(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [
        "填写说明 How to fill this in",
        "snapshot",
        "sources",
        "metrics",
        "observations",
        "highlights",
    ]
    howto = "\n".join(str(c.value) for c in wb.worksheets[0]["A"] if c.value)
    assert "填写说明" in howto and "how to fill this in" in howto
    assert "reported, derived, target" in howto  # the status list, from the schema
    obs = wb["observations"]
    assert [c.value for c in obs[1]] == [
        "metric_id",
        "period",
        "value",
        "qualifier",
        "status",
        "source_id",
        "quote",
        "formula",
        "note",
        "ref",
    ]
    assert "数值" in obs["C2"].value and "Number" in obs["C2"].value
    assert obs.freeze_panes == "B3"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in obs.data_validations.dataValidation}
    assert lists["E3"] == '"reported,derived,target"'
    assert lists["D3"] == '"exact,over,about,at_least"'
    metrics = wb["metrics"]
    mlists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in metrics.data_validations.dataValidation
    }
    assert mlists["B3"] == '"trade,shipping,finance,investment,industry,innovation"'
    assert mlists["H3"] == '"ftz,city,province,port,park,shandong_ftz,new_area,jinan_area"'
    assert "cny_100m" in mlists["E3"]  # units in use are offered (a new code is allowed)
    # 2020 derived value 1145.5 keeps its one decimal; text columns stay text
    row = next(
        r
        for r in obs.iter_rows(min_row=3)
        if r[0].value == "ftz_trade_value" and r[1].value == "2020"
    )
    assert row[2].value == TRADE_2020_DERIVED and row[2].number_format == "#,##0.0"
    assert row[1].number_format == "@"


def test_template_bytes_do_not_depend_on_the_clock(tmp_path, bundled_path):
    snap = open_snapshot(bundled_path)
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_template(a, snap)
    write_template(b, snap)
    assert a.read_bytes() == b.read_bytes()


def test_blank_template_builds_nothing_and_says_what_is_missing(tmp_path):
    blank = tmp_path / "blank.xlsx"
    write_template(blank)
    with pytest.raises(WorkbookError) as err:
        read_workbook(blank)
    text = err.value.message("en")
    assert "sheet snapshot" in text and "'value' is empty" in text


def test_what_excel_users_type_builds_correctly(book, tmp_path):
    def edit(wb):
        ws = wb["observations"]
        r = _row_of(ws, "ftz_trade_value", "2021?")
        ws.cell(r, 3).value = "1,870"  # thousands separator, stored as text
        ws.cell(r, 5).value = "Reported  "  # case and trailing spaces
        r2 = _row_of(ws, "ftz_trade_quarter", "2022Q1?")
        ws.cell(r2, 3).value = "４４３"  # full-width digits
        ws.cell(r2, 2).value = "２０２２q1?"
        ws.cell(1, 12).value = None  # an extra, empty column K/L
        ws.cell(1, 13).value = "my comments"  # an extra named column: ignored with a warning
        ws.cell(r, 13).value = "checked"
        src = wb["sources"]
        for row in src.iter_rows(min_row=3):
            if row[0].value == "PR2024":  # 2024-06-26, typed into a date-formatted cell
                row[3].value = datetime(2024, 6, 26)
                row[3].number_format = "yyyy-mm-dd"
        ws.title = "Obs 2026Q1"  # renamed sheet, recognised by its columns

    _edit(book, edit)
    out = tmp_path / "x.sqlite"
    cid, warnings = build_from_workbook(book, out)
    assert _value(out, "ftz_trade_value", "2021?") == 1870.0
    assert _value(out, "ftz_trade_quarter", "2022Q1?") == 443.0
    codes = {w.code for w in warnings}
    assert codes == {"sheet_by_columns", "unknown_column"}
    # nothing changed in substance: the same content as the bundled snapshot
    from qftz_desktop.resources import bundled_snapshot

    assert cid == open_snapshot(bundled_snapshot()).content_id


def test_excel_dates_become_periods_as_shown(book, tmp_path):
    def edit(wb):
        ws = wb["observations"]
        # Excel turns a typed 2024-09 into 1 Sep 2024 shown as 'Sep-24': a month
        ws.append(
            ["ftz_trade_value", datetime(2024, 9, 1), 100, "exact", "reported", "PR2024", "q"]
        )
        ws.cell(ws.max_row, 2).number_format = "mmm-yy"
        # and 2024-09-27 into a date shown with its day
        ws.append(
            ["ftz_trade_value", datetime(2024, 9, 27), 101, "exact", "reported", "PR2024", "q"]
        )
        ws.cell(ws.max_row, 2).number_format = "yyyy/m/d"

    _edit(book, edit)
    out = tmp_path / "d.sqlite"
    build_from_workbook(book, out)
    assert _value(out, "ftz_trade_value", "2024-09") == 100.0
    assert _value(out, "ftz_trade_value", "2024-09-27") == 101.0


def _problems(path: Path) -> list:
    with pytest.raises(WorkbookError) as err:
        read_workbook(path)
    return err.value.errors


def test_ambiguous_entries_are_refused_each_at_its_cell(book, tmp_path):
    rows = {}

    def edit(wb):
        ws = wb["observations"]
        r = rows["a"] = _row_of(ws, "ftz_trade_value", "2021?")
        ws.cell(r, 3).value = "1,5"  # decimal comma or thousands? ambiguous
        r = rows["b"] = _row_of(ws, "ftz_trade_quarter", "2022Q1?")
        ws.cell(r, 3).value = "约443"  # a qualifier typed into the value
        r = rows["c"] = _row_of(ws, "ftz_trade_value_usd", "2025") if False else 3
        ws.cell(r, 3).value = 0.12
        ws.cell(r, 3).number_format = "0%"  # shows 12 %, holds 0.12
        ws.cell(5, 5).value = "reportd"  # not in the list
        rows["e"] = 5
        src = wb["sources"]
        src.cell(3, 4).value = "9/10/2024"  # September or October?

    _edit(book, edit)
    out = tmp_path / "never.sqlite"
    with pytest.raises(WorkbookError) as err:
        build_from_workbook(book, out)
    assert not out.exists()  # nothing written
    found = {(p.code, p.sheet, p.row, p.column) for p in err.value.errors}
    assert ("ambiguous_number", "observations", rows["a"], "C") in found
    assert ("words_in_number", "observations", rows["b"], "C") in found
    assert ("percent_cell", "observations", 3, "C") in found
    assert ("bad_enum", "observations", 5, "E") in found
    assert ("ambiguous_date", "sources", 3, "D") in found
    assert len(err.value.errors) == 5  # a cell's problem is not reported twice
    enum = next(p for p in err.value.errors if p.code == "bad_enum")
    assert "reported, derived, target" in enum.message("en")
    assert "工作表 observations" in enum.message("zh") and "第 5 行" in enum.message("zh")
    assert "E 列（status）" in enum.message("zh")
    assert "下拉列表" in enum.message("zh")


def test_merged_header_cells_are_pointed_at(book):
    def edit(wb):
        ws = wb["observations"]
        ws.merge_cells("C1:D1")  # 'value' spans the qualifier column: D1 loses its name

    _edit(book, edit)
    problems = _problems(book)
    where = {(p.code, p.column) for p in problems}
    assert ("unnamed_column", "D") in where
    assert any(p.code == "missing_column" and "qualifier" in p.message("en") for p in problems)


def test_formula_without_a_computed_value_is_refused(book):
    row = {}

    def edit(wb):
        ws = wb["observations"]
        row["r"] = r = _row_of(ws, "ftz_trade_value", "2021?")
        ws.cell(r, 3).value = "=1800+70"  # openpyxl saves no computed value, like a script

    _edit(book, edit)
    (problem,) = _problems(book)
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "formula_no_value",
        "observations",
        row["r"],
        "C",
    )
    assert "=1800+70" in problem.message("en") and "save" in problem.hint("en")


def test_formula_with_a_computed_value_uses_it_and_says_so(book, tmp_path):
    row = {}

    def edit(wb):
        ws = wb["observations"]
        row["r"] = r = _row_of(ws, "ftz_trade_value", "2021?")
        ws.cell(r, 3).value = "=1800+70"

    _edit(book, edit)
    # what Excel does on save: store the result next to the formula
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(saved, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"(<f>1800\+70</f>)<v\s*/?>(</v>)?", rb"\1<v>1870</v>", data)
            zout.writestr(info, data)
    out = tmp_path / "f.sqlite"
    _, warnings = build_from_workbook(saved, out)
    assert _value(out, "ftz_trade_value", "2021?") == 1870.0
    assert [(w.code, w.row, w.column) for w in warnings] == [("formula_used", row["r"], "C")]


def test_not_a_workbook_is_refused_clearly(tmp_path):
    fake = tmp_path / "old.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 an old binary .xls")
    (problem,) = _problems(fake)
    assert problem.code == "not_xlsx"
    assert ".xlsx" in problem.hint("en")


def test_cli_template_build_and_errors(tmp_path, bundled_path):
    tpl = tmp_path / "t.xlsx"
    run = [sys.executable, "-m", "qftz_desktop"]
    r = subprocess.run(
        run + ["snapshot", "template", "--out", str(tpl), "--from", str(bundled_path)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    out = tmp_path / "s.sqlite"
    r = subprocess.run(
        run + ["snapshot", "build", str(tpl), "--out", str(out)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert open_snapshot(bundled_path).content_id in r.stdout

    _edit(tpl, lambda wb: wb["observations"].cell(3, 5, "reportd"))
    out2 = tmp_path / "s2.sqlite"
    r = subprocess.run(
        run + ["snapshot", "build", str(tpl), "--out", str(out2), "--lang", "zh"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1
    assert "工作表 observations，第 3 行，E 列（status）" in r.stderr
    assert "Traceback" not in r.stderr and not out2.exists()


def test_excel_date_serials_and_a_date_typed_as_a_date_for_as_of(book, tmp_path):
    def edit(wb):
        for row in wb["sources"].iter_rows(min_row=3):
            if row[0].value == "PR2024":  # 2024-06-26 in sources.csv, here as Excel's serial
                row[3].value = 45469
                row[3].number_format = "General"
        for row in wb["snapshot"].iter_rows(min_row=3):
            if row[0].value == "as_of":  # 2026-01-22 in snapshot.csv, typed as a date
                row[1].value = datetime(2026, 1, 22)
                row[1].number_format = "yyyy-mm-dd"

    _edit(book, edit)
    out = tmp_path / "serial.sqlite"
    cid, warnings = build_from_workbook(book, out)
    assert [(w.code, w.sheet, w.column) for w in warnings] == [("serial_date", "sources", "D")]
    assert "2024-06-26" in warnings[0].message("en")
    from qftz_desktop.resources import bundled_snapshot

    assert cid == open_snapshot(bundled_snapshot()).content_id


def test_merged_data_cells_are_refused_at_the_range(book):
    def edit(wb):
        ws = wb["observations"]
        ws.merge_cells("A3:A4")  # one metric id for two rows, as people group rows

    _edit(book, edit)
    problems = _problems(book)
    merged = [p for p in problems if p.code == "merged_cells"]
    assert [(p.sheet, p.row, p.column) for p in merged] == [("observations", 3, "A")]
    assert "A3:A4" in merged[0].message("en") and "合并" in merged[0].message("zh")


def test_csv_folder_problems_point_at_file_and_line(tmp_path):
    from qftz_desktop.resources import data_path
    from qftz_desktop.snapshot.workbook import check_source

    src = tmp_path / "src"
    shutil.copytree(data_path("source"), src)
    path = src / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # line 3 of the file is its second observation; make its status a typo
    head = lines[0].rstrip("\n").split(",")
    assert head[4] == "status"
    cells = lines[2].split(",")
    cells[4] = "reportd"
    lines[2] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    check = check_source(src)
    assert check.tables is None
    (problem,) = check.errors
    assert (problem.sheet, problem.row, problem.heading) == ("observations.csv", 3, "status")
    assert "reported, derived, target" in problem.hint("en")
    ok = check_source(data_path("source"))
    assert ok.tables is not None and not ok.problems


def test_a_character_no_bundled_font_draws_is_a_warning_naming_the_sheet(book, tmp_path):
    def edit(wb):
        ws = wb["metrics"]
        ws.cell(3, 3).value = str(ws.cell(3, 3).value) + "\ufdfd"  # name_zh, column C

    _edit(book, edit)
    _, warnings = build_from_workbook(book, tmp_path / "g.sqlite")
    (warning,) = warnings
    assert (warning.severity, warning.code, warning.sheet) == (
        "warning",
        "missing_glyph",
        "metrics",
    )
    assert "U+FDFD" in warning.message("en")
