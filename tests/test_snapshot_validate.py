"""validate_tables, case by case: each rule, its message parameters and its row.

The tables start from the synthetic sources (tests/factory.py), read as the builder reads them;
each case damages one cell and names the issue expected — written down here, not derived from
the code under test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from factory import write_sources
from qftz_desktop.snapshot.builder import prepare_tables, read_sources
from qftz_desktop.snapshot.validate import MAX_PER_CHECK, validate_tables


@pytest.fixture(scope="module")
def source_dir(tmp_path_factory):
    return write_sources(tmp_path_factory.mktemp("validate") / "src")


@pytest.fixture
def raw(source_dir) -> dict[str, pd.DataFrame]:
    """CSV-shaped tables (no computed columns), fresh for each test."""
    return read_sources(source_dir)


@pytest.fixture
def built(source_dir) -> dict[str, pd.DataFrame]:
    """Tables as the reader sees them (computed columns, meta complete)."""
    return prepare_tables(source_dir, "2020-01-01T00:00:00Z")


def label(table: str, pos: int) -> str:
    return f"{table}#{pos}"


def issues(tables, check_computed=False, version=2):
    return [
        (i.code, i.table, i.row, i.params)
        for i in validate_tables(tables, "f.csv", label, check_computed, version)
    ]


def codes(tables, check_computed=False, version=2):
    return [c for c, *_ in issues(tables, check_computed, version)]


def _set(df: pd.DataFrame, pos: int, column: str, value) -> None:
    df[column] = df[column].astype(object)
    df.iat[pos, df.columns.get_loc(column)] = value


def test_valid_sources_and_built_tables_have_no_issue(raw, built):
    assert issues(raw) == []
    assert issues(built, check_computed=True) == []
    assert issues(built, check_computed=True, version=1) == []


def test_every_issue_names_the_file(raw):
    _set(raw["observations"], 0, "status", "guess")
    (issue,) = validate_tables(raw, "some/file.csv", label, False)
    assert issue.file == "some/file.csv" and issue.table == "observations"


def test_missing_table(raw):
    del raw["highlights"]
    assert issues(raw) == [("missing_table", "highlights", None, {"name": "highlights"})]


def test_missing_column(raw):
    raw["metrics"] = raw["metrics"].drop(columns=["unit_en"])
    assert issues(raw) == [("missing_column", "metrics", None, {"column": "unit_en"})]


def test_computed_columns_are_required_only_in_built_tables(raw, built):
    assert "period_kind" not in raw["observations"].columns
    assert codes(raw) == []
    built["observations"] = built["observations"].drop(columns=["period_end"])
    assert issues(built, check_computed=True) == [
        ("missing_column", "observations", None, {"column": "period_end"})
    ]


@pytest.mark.parametrize("blank", [None, "", "   ", np.nan])
def test_required_text_is_present(raw, blank):
    _set(raw["metrics"], 2, "name_en", blank)
    assert issues(raw) == [("missing_value", "metrics", "metrics#2", {"column": "name_en"})]


def test_optional_text_may_be_blank(raw):
    _set(raw["metrics"], 2, "chart_group", None)
    _set(raw["observations"], 1, "note", "  ")
    assert issues(raw) == []


def test_binary_data_in_a_text_column(raw):
    _set(raw["sources"], 1, "title", b"\x00\x01")
    assert issues(raw) == [
        ("not_text", "sources", "sources#1", {"column": "title", "value": "b'\\x00\\x01'"})
    ]


def test_bad_enum_lists_the_allowed_values(raw):
    _set(raw["observations"], 3, "qualifier", "roughly")
    assert issues(raw) == [
        (
            "bad_enum",
            "observations",
            "observations#3",
            {"column": "qualifier", "value": "roughly", "allowed": "exact, over, about, at_least"},
        )
    ]


def test_enum_check_is_exact_and_case_sensitive(raw):
    _set(raw["metrics"], 0, "sector", "Trade")
    _set(raw["highlights"], 0, "sector", "trade ")
    assert codes(raw) == ["bad_enum", "bad_enum"]


def test_a_blank_enum_is_reported_once_as_missing(raw):
    _set(raw["observations"], 0, "status", "")
    assert codes(raw) == ["missing_value"]


@pytest.mark.parametrize(("version", "expected"), [(1, ["bad_enum"]), (2, [])])
def test_jinan_area_scope_needs_version_2(raw, version, expected):
    _set(raw["metrics"], 0, "scope", "jinan_area")
    assert codes(raw, version=version) == expected
    if expected:
        (issue,) = issues(raw, version=version)
        assert "jinan_area" not in issue[3]["allowed"] and "new_area" in issue[3]["allowed"]


def test_duplicate_primary_key_reports_the_second(raw):
    _set(raw["sources"], 1, "id", "T1")
    _set(raw["observations"], 0, "source_id", "T1")
    found = issues(raw)
    assert found[0] == ("duplicate_key", "sources", "sources#1", {"column": "id", "value": "T1"})
    # observations and highlights citing T2 now point nowhere: each says so
    assert {c for c, *_ in found[1:]} == {"dangling_reference"}


def test_duplicate_integer_keys_in_built_tables(built):
    built["observations"].loc[4, "id"] = 1
    found = issues(built, check_computed=True)
    assert found == [
        ("duplicate_key", "observations", "observations#4", {"column": "id", "value": "1"})
    ]


def test_text_in_an_integer_key_compares_the_raw_cells(built):
    obs = built["observations"]
    obs["id"] = obs["id"].astype(object)
    obs.iat[0, obs.columns.get_loc("id")] = "x"
    obs.iat[1, obs.columns.get_loc("id")] = "x"
    found = codes(built, check_computed=True)
    assert found.count("duplicate_key") == 1 and found.count("not_a_number") == 2


def test_dangling_reference(raw):
    _set(raw["observations"], 5, "metric_id", "t_nothing")
    _set(raw["highlights"], 1, "source_id", "T9")
    assert issues(raw) == [
        (
            "dangling_reference",
            "observations",
            "observations#5",
            {"column": "metric_id", "value": "t_nothing", "target": "metrics"},
        ),
        (
            "dangling_reference",
            "highlights",
            "highlights#1",
            {"column": "source_id", "value": "T9", "target": "sources"},
        ),
    ]


def test_references_are_not_checked_against_a_table_without_ids(raw):
    raw["sources"] = raw["sources"].drop(columns=["id"])
    assert codes(raw) == ["missing_column"]


@pytest.mark.parametrize(
    ("period", "reason"),
    [
        ("2013-13", "is not a real date"),
        ("13Q1", "is not a year (2021)"),
        ("2014-05/2014-01", "ends before it starts"),
        ("~2014Q1", "applies to a year or a date"),
    ],
)
def test_bad_period_gives_the_reason(raw, period, reason):
    _set(raw["observations"], 6, "period", period)
    ((code, table, row, params),) = issues(raw)
    assert (code, table, row) == ("bad_period", "observations", "observations#6")
    assert reason in params["reason"] and repr(period) in params["reason"]


@pytest.mark.parametrize(("version", "bad"), [(1, True), (2, False)])
@pytest.mark.parametrize("period", ["2014?", "~2014-06", "<2014-06"])
def test_imprecise_periods_need_version_2(raw, version, bad, period):
    _set(raw["observations"], 6, "period", period)
    found = issues(raw, version=version)
    if bad:
        ((code, _, row, params),) = found
        assert code == "bad_period" and row == "observations#6"
        assert params["reason"] == (
            f"period {period!r} is imprecise, which needs format version 2 (the file says 1)"
        )
    else:
        assert found == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("period_kind", "quarter"), ("period_start", "2010-01-02"), ("period_end", "2010-12-30")],
)
def test_period_fields_must_match_the_period(built, field, value):
    _set(built["observations"], 0, field, value)
    assert issues(built, check_computed=True) == [
        ("period_mismatch", "observations", "observations#0", {"value": "2010"})
    ]


def test_period_fields_of_an_imprecise_period(built):
    obs = built["observations"]
    _set(obs, 0, "period", "<2010-08")
    assert codes(built, check_computed=True) == ["period_mismatch"]
    for field, value in (("period_kind", "date"), ("period_start", "2010-07-31")):
        _set(obs, 0, field, value)
    _set(obs, 0, "period_end", "2010-07-31")
    assert codes(built, check_computed=True) == []


def test_a_bad_period_is_not_also_a_mismatch(built):
    _set(built["observations"], 0, "period", "soon")
    assert codes(built, check_computed=True) == ["bad_period"]


def test_duplicate_observation(raw):
    obs = raw["observations"]
    _set(obs, 1, "period", "2010")  # t_exports 2010 reported, twice
    assert issues(raw) == [
        (
            "duplicate_observation",
            "observations",
            "observations#1",
            {"metric": "t_exports", "status": "reported", "period": "2010"},
        )
    ]


def test_same_period_with_another_status_is_no_duplicate(raw):
    _set(raw["observations"], 5, "period", "2014")  # the 2016 target moved onto a reported year
    assert issues(raw) == []


@pytest.mark.parametrize(
    ("status", "expected"), [("reported", True), ("target", True), ("derived", False)]
)
def test_quote_required_for_reported_and_target(raw, status, expected):
    obs = raw["observations"]
    _set(obs, 0, "status", status)
    _set(obs, 0, "quote", "  ")
    _set(obs, 0, "formula", "x")
    found = issues(raw)
    assert found == (
        [("missing_quote", "observations", "observations#0", {"status": status})]
        if expected
        else []
    )


@pytest.mark.parametrize("formula", [None, "", " "])
def test_formula_required_for_derived(raw, formula):
    obs = raw["observations"]
    row = int(np.flatnonzero(obs["status"] == "derived")[0])
    _set(obs, row, "formula", formula)
    assert issues(raw) == [("missing_formula", "observations", f"observations#{row}", {})]


def test_formula_not_required_for_reported(raw):
    _set(raw["observations"], 0, "formula", None)
    assert issues(raw) == []


def test_negative_count(raw):
    obs = raw["observations"]
    berths = int(np.flatnonzero(obs["metric_id"] == "t_berths")[0])
    _set(obs, berths, "value", "-1")
    exports = int(np.flatnonzero(obs["metric_id"] == "t_exports")[0])
    _set(obs, exports, "value", "-5")  # a negative amount is allowed (not a count)
    assert issues(raw) == [
        (
            "negative_count",
            "observations",
            f"observations#{berths}",
            {"column": "value", "value": "-1"},
        )
    ]


def test_zero_count_is_fine(raw):
    obs = raw["observations"]
    _set(obs, int(np.flatnonzero(obs["metric_id"] == "t_berths")[0]), "value", "0")
    assert issues(raw) == []


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("twelve", "not_a_number"),
        ("inf", "not_finite"),
        ("-inf", "not_finite"),
        ("nan", "not_finite"),
        ("NaN", "not_finite"),
        (b"12", "not_a_number"),
        ("", "missing_value"),
        (None, "missing_value"),
    ],
)
def test_value_must_be_a_finite_number(raw, value, code):
    _set(raw["observations"], 2, "value", value)
    found = issues(raw)
    assert [(c, r) for c, _, r, _ in found] == [(code, "observations#2")]
    assert found[0][3]["column"] == "value"


@pytest.mark.parametrize(
    ("value", "shown"),
    [("twelve", "twelve"), ("inf", "inf"), ("NaN", "NaN"), (b"12", "b'12'")],
)
def test_a_bad_number_is_named_with_its_column_and_cell(raw, value, shown):
    """The message says which cell: the reader must find 'twelve' in column value."""
    _set(raw["observations"], 2, "value", value)
    ((_, _, _, params),) = issues(raw)
    assert params == {"column": "value", "value": shown}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1.5", "not_integer"),
        ("1000000000000000", "out_of_range"),
        ("-1000000000000000", "out_of_range"),
        ("999999999999999", None),
        ("", None),  # headline is optional
        ("3", None),
        ("x", "not_a_number"),
    ],
)
def test_integer_column(raw, value, code):
    _set(raw["metrics"], 0, "headline", value)
    found = issues(raw)
    assert [(c, r) for c, _, r, _ in found] == ([(code, "metrics#0")] if code else [])
    if code:
        assert found[0][3] == {"column": "headline", "value": value}


def test_long_values_are_shortened_in_messages(raw):
    _set(raw["observations"], 0, "qualifier", "x" * 100)
    ((_, _, _, params),) = issues(raw)
    assert params["value"] == "x" * 59 + "…"


def test_a_value_of_exactly_sixty_characters_is_kept(raw):
    _set(raw["observations"], 0, "qualifier", "y" * 60)
    ((_, _, _, params),) = issues(raw)
    assert params["value"] == "y" * 60


def test_many_problems_are_capped_with_a_count(raw):
    obs = raw["observations"]
    n = len(obs)
    assert n > MAX_PER_CHECK
    obs["status"] = "unknown"
    found = issues(raw)
    assert [c for c, *_ in found] == ["bad_enum"] * MAX_PER_CHECK + ["more_problems"]
    assert found[-1][3] == {"count": n - MAX_PER_CHECK}
    # the count names its table (the reader sees "table observations: … and N more"), no row
    assert found[-1][:3] == ("more_problems", "observations", None)
    assert found[MAX_PER_CHECK - 1][2] == f"observations#{MAX_PER_CHECK - 1}"


def test_a_missing_table_does_not_hide_problems_in_the_others(raw):
    """Every problem at once: without its first table (meta) the file still has its bad
    observation reported."""
    del raw["meta"]
    _set(raw["observations"], 2, "status", "guessed")
    found = issues(raw)
    assert found[0] == ("missing_table", "meta", None, {"name": "meta"})
    assert [(c, row) for c, _t, row, _p in found[1:]] == [("bad_enum", "observations#2")]


def test_a_row_without_status_is_reported_once(raw):
    """No status: the row says neither 'reported' nor 'derived', so it is reported as missing
    its status — not also as missing the quote of a reported value or a derived one's formula."""
    obs = raw["observations"]
    for column in ("status", "quote", "formula"):
        _set(obs, 0, column, None)
    assert issues(raw) == [
        ("missing_value", "observations", "observations#0", {"column": "status"})
    ]


def test_exactly_the_cap_adds_no_count(raw):
    obs = raw["observations"]
    for pos in range(MAX_PER_CHECK):
        _set(obs, pos, "qualifier", "unknown")
    assert codes(raw) == ["bad_enum"] * MAX_PER_CHECK


@pytest.mark.parametrize("key", ["title_zh", "as_of", "publisher_en"])
def test_missing_meta(raw, key):
    meta = raw["meta"]
    raw["meta"] = meta[meta["key"] != key].reset_index(drop=True)
    assert issues(raw) == [("missing_meta", "meta", None, {"key": key})]


@pytest.mark.parametrize("key", ["content_id", "created_at"])
def test_build_time_meta_is_required_only_in_built_tables(raw, built, key):
    meta = raw["meta"]
    raw["meta"] = meta[meta["key"] != key].reset_index(drop=True)
    assert codes(raw) == []
    meta = built["meta"]
    built["meta"] = meta[meta["key"] != key].reset_index(drop=True)
    assert issues(built, check_computed=True) == [("missing_meta", "meta", None, {"key": key})]


def test_at_most_twenty_rows_per_check():
    """The documented cap (docs: every problem at once, up to a limit)."""
    assert MAX_PER_CHECK == 20


def test_built_tables_are_checked_in_full_by_default(built):
    built["observations"] = built["observations"].drop(columns=["period_kind"])
    found = [(i.code, i.params) for i in validate_tables(built, "f", label)]
    assert found == [("missing_column", {"column": "period_kind"})]


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("meta", "key"),
        ("meta", "value"),
        ("observations", "quote"),
        ("observations", "formula"),
        ("observations", "status"),
        ("observations", "metric_id"),
        ("observations", "period"),
        ("metrics", "unit"),
        ("metrics", "id"),
    ],
)
def test_a_missing_column_is_reported_once_and_never_crashes(raw, table, column):
    raw[table] = raw[table].drop(columns=[column])
    assert issues(raw) == [("missing_column", table, None, {"column": column})]


def test_text_keys_compare_as_text(raw):
    """A number and the same digits as text are one key: the app reads both as text."""
    sources = raw["sources"]
    _set(sources, 0, "id", 7)
    _set(sources, 1, "id", "7")
    found = issues(raw)
    assert found[0] == ("duplicate_key", "sources", "sources#1", {"column": "id", "value": "7"})


def _meta_row(tables, key: str, value: str) -> None:
    meta = tables["meta"]
    tables["meta"] = pd.concat(
        [meta, pd.DataFrame({"key": [key], "value": [value]})], ignore_index=True
    )


def test_a_zone_line_needs_a_known_source_and_its_quote(raw):
    """zone_<line>_zh/_en is reported text (the brief's first page): it needs its source, which
    must exist, and the source's words."""
    _meta_row(raw, "zone_where_zh", "位置：青岛")
    assert issues(raw) == [
        ("missing_meta", "meta", None, {"key": "zone_where_source"}),
        ("missing_meta", "meta", None, {"key": "zone_where_quote"}),
    ]
    _meta_row(raw, "zone_where_source", "nowhere")
    _meta_row(raw, "zone_where_quote", "青岛")
    assert issues(raw) == [
        (
            "dangling_reference",
            "meta",
            None,
            {"column": "zone_where_source", "value": "nowhere", "target": "sources"},
        )
    ]


def test_a_zone_line_in_english_only_is_checked_too(raw):
    _meta_row(raw, "zone_about_en", "A pilot free trade zone")
    assert issues(raw) == [
        ("missing_meta", "meta", None, {"key": "zone_about_source"}),
        ("missing_meta", "meta", None, {"key": "zone_about_quote"}),
    ]


def test_a_zone_line_with_a_known_source_and_its_quote_is_accepted(raw):
    """T1 is a source of the test data (tests/factory.py): nothing to report."""
    _meta_row(raw, "zone_about_zh", "自贸片区")
    _meta_row(raw, "zone_about_source", "T1")
    _meta_row(raw, "zone_about_quote", "自贸片区")
    assert issues(raw) == []


def test_an_empty_zone_line_source_is_missing(raw):
    """An empty cell is a missing value (meta#9: the factory's meta has rows 0–7, this is the
    second one added) and the zone line then has no source."""
    _meta_row(raw, "zone_about_zh", "自贸片区")
    _meta_row(raw, "zone_about_source", "")
    _meta_row(raw, "zone_about_quote", "自贸片区")
    assert issues(raw) == [
        ("missing_value", "meta", "meta#9", {"column": "value"}),
        ("missing_meta", "meta", None, {"key": "zone_about_source"}),
    ]


def test_zone_line_sources_are_not_judged_without_a_sources_table(raw):
    """Without the sources' ids every id would look unknown: the missing column is the one
    problem to report, not a dangling reference per zone line."""
    raw["sources"] = raw["sources"].drop(columns=["id"])
    _meta_row(raw, "zone_about_zh", "自贸片区")
    _meta_row(raw, "zone_about_source", "T1")
    _meta_row(raw, "zone_about_quote", "自贸片区")
    found = issues(raw)
    assert ("missing_column", "sources", None, {"column": "id"}) in found
    assert not [f for f in found if f[1] == "meta"]


def test_negative_count_of_the_first_metric(raw):
    """The count metric in the metrics table's first row is checked too (its id is the first
    text of the column: code 0)."""
    metrics = raw["metrics"]
    _set(metrics, 0, "unit", "count")  # t_exports, row 0, made a count
    obs = raw["observations"]
    _set(obs, 0, "value", "-2")  # t_exports 2010
    assert issues(raw) == [
        ("negative_count", "observations", "observations#0", {"column": "value", "value": "-2"})
    ]


def test_observations_without_a_metrics_table_are_still_checked(raw):
    del raw["metrics"]
    _set(raw["observations"], 0, "value", "ten")
    found = issues(raw)
    assert ("missing_table", "metrics", None, {"name": "metrics"}) in found
    assert (
        "not_a_number",
        "observations",
        "observations#0",
        {"column": "value", "value": "ten"},
    ) in found
