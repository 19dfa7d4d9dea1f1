"""The one catalogue of interface text (qftz_desktop.text): complete, used, bilingual, unique.

Why these checks: the words used to live in a dozen tables, so a key could be misspelt, a word
left behind after its last use, a sentence written twice, or a placeholder added in one
language only (``KeyError`` in English, a missing number in Chinese). The source is read as
text here, so the tests see every call without running every screen.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from qftz_desktop import text
from qftz_desktop.text import CATALOGUE, tr

SRC = Path(text.__file__).resolve().parent.parent
CATALOGUE_DIR = Path(text.__file__).resolve().parent

# tr("key", …) / tr('key', …) with a literal key
LITERAL_CALL = re.compile(r"""\btr\(\s*(["'])([^"'{}]+)\1""")
# tr(f"tab.{tab}", …): a key built from a prefix and looked up at once
TR_DYNAMIC_CALL = re.compile(r"""\btr\(\s*f(["'])([^"'{}]*)\{""")
# f"tab.{tab}", f"workbook.hint.{code}": a key built from a prefix (passed to tr or kept)
DYNAMIC_CALL = re.compile(r"""\bf(["'])([a-z_]+\.[a-z_.]*)\{""")
# any quoted string (keys kept in tables before they reach tr)
QUOTED = re.compile(r"""(["'])([A-Za-z0-9_.]+)\1""")

# Entries whose two languages take different placeholders because the grammar differs; each
# is named with the reason, everything else must match exactly.
PLACEHOLDERS_DIFFER: dict[str, str] = {
    "cli.os_system_error": "English gives the system's own words, Chinese the error's code",
}


def _sources() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for path in SRC.rglob("*.py")
        if CATALOGUE_DIR not in path.parents
    }


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_key_called_in_the_source_is_in_the_catalogue():
    missing = []
    prefixes = []
    for path, source in _sources().items():
        missing += [
            f"{path.name}: {m[1]}" for m in LITERAL_CALL.findall(source) if m[1] not in CATALOGUE
        ]
        prefixes += [(path.name, m[1]) for m in TR_DYNAMIC_CALL.findall(source)]
    assert not missing
    assert prefixes, "the scan found no key built from a prefix: is the pattern still right?"
    for name, prefix in prefixes:
        assert any(key.startswith(prefix) for key in CATALOGUE), f"{name}: {prefix}…"


def test_every_key_written_in_the_source_is_in_the_catalogue():
    """Keys travel before they reach tr (an error's reason, a table of column keys): any quoted
    'area.word' of a catalogue area must name an entry, so a typo fails here, not on a user's
    screen when the error is finally raised."""
    areas = {key.split(".")[0] for key in CATALOGUE}
    files = re.compile(r"\.(json|csv|pdf|pptx|xlsx|sqlite|png|svg|txt|md|py|part|qm)$")
    missing = []
    for path, source in _sources().items():
        for _, literal in QUOTED.findall(source):
            keyish = "." in literal and literal.split(".")[0] in areas
            if keyish and not files.search(literal) and literal not in CATALOGUE:
                missing.append(f"{path.name}: {literal}")
    assert not missing


def test_no_entry_is_unused():
    literals: set[str] = set()
    prefixes: set[str] = set()
    for source in _sources().values():
        literals |= {m[1] for m in QUOTED.findall(source)}
        prefixes |= {m[1] for m in DYNAMIC_CALL.findall(source)}
    unused = [
        key
        for key in CATALOGUE
        if key not in literals and not any(key.startswith(p) for p in prefixes if p)
    ]
    assert not unused


def test_no_two_keys_share_their_words():
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for key, pair in CATALOGUE.items():
        if pair in seen:
            twice.append((seen[pair], key))
        seen.setdefault(pair, key)
    assert not twice


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_entry_has_both_languages_with_the_same_placeholders(key):
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip()
    if key not in PLACEHOLDERS_DIFFER:
        assert _fields(zh) == _fields(en)


def test_a_key_defined_in_two_areas_is_refused():
    with pytest.raises(ValueError, match="label.source"):
        text._merge({"label.source": ("来源", "Source")}, {"label.source": ("出处", "Origin")})


def test_lookup_formats_in_the_chosen_language():
    assert tr("label.no_data_year", "zh", year=2019) == "2019年无数据，显示最近一期"
    assert tr("label.no_data_year", "en", year=2019) == "no data for 2019; latest shown"
    assert tr("tab.trade", "zh") == "贸易"
    assert tr("tab.trade", "en") == "Trade"


def test_every_module_imports_without_the_old_helpers():
    """The old tables and helpers (WORDS, _UI, word, msg, ui_text …) are gone: a module still
    importing one would fail only when its screen or command first runs."""
    import importlib
    import pkgutil

    import qftz_desktop

    failed = []
    for info in pkgutil.walk_packages(qftz_desktop.__path__, "qftz_desktop."):
        try:
            importlib.import_module(info.name)
        except ImportError as exc:
            failed.append(f"{info.name}: {exc}")
    assert not failed


def test_a_text_may_have_a_key_or_lang_placeholder():
    """'metadata key {key} is missing' once raised TypeError inside the snapshot reader's
    report (tr's own 'key' argument took the param)."""
    from qftz_desktop.snapshot.issues import Issue

    issue = Issue("missing_meta", "x.sqlite", "meta", params={"key": "as_of"})
    assert "as_of" in issue.message("en") and "as_of" in issue.message("zh")
