"""All interface text of the application, in Chinese and English, behind one lookup.

Why one catalogue: the words used to live in a dozen tables and inline ``zh if lang == "zh"
else en`` ternaries, and the same sentence ("no data for {year}") was written twice. Here every
entry is a (zh, en) pair under one key, kept in a few data modules by area and merged into
:data:`CATALOGUE` at import, which refuses a key defined twice. :func:`tr` is the only lookup.

This package is the lowest layer: plain data, free of Qt and of every other part of the
application, so that the snapshot reader, the domain, the PDF and the window can all use it.
Chinese is the default language.

Data strings that come from the snapshot (metric names, quotes) are not interface text: they
are bilingual pairs in the data, chosen with :func:`pick`.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import (
    brief,
    caveats,
    changes,
    cli,
    common,
    deck,
    export,
    narrative,
    pdf,
    slides,
    snapshot,
    ui,
    workbook,
)

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _merge(*areas: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One dict of all areas' entries; a key defined in two areas is a mistake, not an override."""
    merged: dict[str, tuple[str, str]] = {}
    for area in areas:
        for key, pair in area.items():
            if key in merged:
                raise ValueError(f"text key defined twice: {key!r}")
            merged[key] = pair
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _merge(
    common.ENTRIES,
    narrative.ENTRIES,
    brief.SCORECARD,
    brief.BRIEF,
    brief.YEARS,
    pdf.PDF,
    pdf.DATABOOK,
    changes.CHANGES,
    deck.DECK,
    cli.CLI,
    snapshot.ISSUES,
    snapshot.PERIODS,
    workbook.WORKBOOK,
    workbook.WORKBOOK_SHEETS,
    ui.UI,
    export.PPTX,
    slides.SLIDES,
    caveats.CAVEATS,
    brief.TAKEAWAY,
)


def tr(key: str, lang: str, /, **params: object) -> str:
    """The text for ``key`` in ``lang`` (zh or en), formatted with ``params`` (str.format).

    Without params the text is returned as written, so a literal brace needs no doubling.
    ``key`` and ``lang`` are positional-only: a text may have a ``{key}`` or ``{lang}`` of its
    own ("metadata key '{key}' is missing" crashed the reader's report when they were not).
    """
    zh, en = CATALOGUE[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def pick(lang: str, zh: str | None, en: str | None) -> str:
    """Choose the text of a bilingual *data* pair, falling back to the other language."""
    first, second = (zh, en) if lang == "zh" else (en, zh)
    for value in (first, second):
        if isinstance(value, str) and value.strip():
            return value
    return ""
