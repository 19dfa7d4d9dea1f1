"""Small snapshots for the narrative rules: a few made-up metrics and observations per test,
built with the real builder and opened with the real reader (values are invented, labelled
as test data by tests/factory.py's sources)."""

from __future__ import annotations

import csv
from pathlib import Path

from factory import write_sources
from qftz_desktop.domain.briefing import Briefing
from qftz_desktop.snapshot.builder import build_snapshot
from qftz_desktop.snapshot.reader import open_snapshot

METRIC_HEADER = [
    "id",
    "sector",
    "name_zh",
    "name_en",
    "unit",
    "unit_zh",
    "unit_en",
    "scope",
    "scope_zh",
    "scope_en",
    "chart_group",
    "headline",
    "description_zh",
    "description_en",
]
OBS_HEADER = [
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

UNIT_LABELS = {
    "cny_100m": ("亿元", "CNY 100 m"),
    "teu_10k": ("万标准箱", "10k TEU"),
    "pct": ("%", "%"),
    "rank": ("名", "rank"),
    "count": ("项", "measures"),
}
SCOPES = {"ftz": ("测试片区", "test area"), "city": ("测试市", "test city")}


def metric(mid: str, unit: str, scope: str = "ftz", headline: str = "", sector: str = "trade"):
    """A metric row named after its id ('m_x' -> '指标m_x' / 'Metric m_x')."""
    uzh, uen = UNIT_LABELS[unit]
    szh, sen = SCOPES[scope]
    name_zh, name_en = f"指标{mid}", f"Metric {mid}"
    return [mid, sector, name_zh, name_en, unit, uzh, uen, scope, szh, sen, "", headline, "", ""]


def obs(mid, period, value, qualifier="exact", status="reported", source="T1", formula=""):
    quote = "" if status == "derived" else f"{mid} {value}"
    if status == "derived" and not formula:
        formula = "test formula"
    return [mid, period, str(value), qualifier, status, source, quote, formula, "", ""]


HIGHLIGHT_HEADER = [
    "id",
    "sector",
    "title_zh",
    "title_en",
    "text_zh",
    "text_en",
    "source_id",
    "quote",
    "ref",
]


def build_briefing(
    folder: Path,
    metrics: list[list[str]],
    observations: list[list[str]],
    highlights: list[list[str]] | None = None,
):
    """Write the factory's sources with these metrics and observations (and highlights, when
    given); build; open."""
    src = write_sources(folder / "src")
    tables = [
        ("metrics.csv", METRIC_HEADER, metrics),
        ("observations.csv", OBS_HEADER, observations),
    ]
    if highlights is not None:
        tables.append(("highlights.csv", HIGHLIGHT_HEADER, highlights))
    for name, header, rows in tables:
        with (src / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
    out = folder / "n.sqlite"
    build_snapshot(src, out)
    return Briefing(open_snapshot(out))
