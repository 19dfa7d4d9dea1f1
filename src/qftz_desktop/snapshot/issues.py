"""Problems found in a snapshot, each naming the file, the table, the row and what is wrong.

Messages exist in Chinese and English because the same problem is printed by the command line
and shown in the window, whose language the user chooses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import tr


@dataclass(frozen=True)
class Issue:
    """One problem in one place."""

    code: str
    file: str
    table: str | None = None
    row: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def problem(self, lang: str = "en") -> str:
        try:
            return tr(f"issue.{self.code}", lang, **self.params)
        except (KeyError, IndexError):  # a param missing: the words as written
            return tr(f"issue.{self.code}", lang)

    def where(self, lang: str = "en") -> str:
        parts = [self.file]
        if self.table:
            parts.append(tr("issue.table", lang, table=self.table))
        if self.row:
            parts.append(f"{self.row}")
        return ", ".join(parts)

    def message(self, lang: str = "en") -> str:
        return f"{self.where(lang)}: {self.problem(lang)}"

    def __str__(self) -> str:
        return self.message("en")


class SnapshotError(Exception):
    """A snapshot that cannot be used; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        if not issues:
            raise ValueError("SnapshotError needs at least one issue")
        self.issues = issues
        super().__init__(self.message("en"))

    @property
    def file(self) -> str:
        return self.issues[0].file

    def message(self, lang: str = "en", limit: int = 12) -> str:
        lines = [i.message(lang) for i in self.issues[:limit]]
        if len(self.issues) > limit:
            rest = len(self.issues) - limit
            lines.append(tr("problems.more", lang, rest=rest))
        return "\n".join(lines)
