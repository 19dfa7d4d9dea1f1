"""The snapshot as the rest of the app sees it: plain pandas tables and metadata, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Snapshot:
    path: Path
    schema_version: int
    meta: dict[str, str]
    sources: pd.DataFrame
    metrics: pd.DataFrame
    observations: pd.DataFrame
    highlights: pd.DataFrame

    def title(self, lang: str) -> str:
        return self.meta.get(f"title_{lang}") or self.meta.get("title_en", "")

    def zone(self, lang: str) -> str:
        return self.meta.get(f"zone_{lang}") or self.meta.get("zone_en", "")

    def publisher(self, lang: str) -> str:
        return self.meta.get(f"publisher_{lang}") or self.meta.get("publisher_en", "")

    @property
    def as_of(self) -> str:
        return self.meta.get("as_of", "")

    @property
    def content_id(self) -> str:
        return self.meta.get("content_id", "")

    @property
    def short_id(self) -> str:
        return self.content_id[:12]
