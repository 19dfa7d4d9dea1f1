"""A chart's numbers as a table, to read, copy (Ctrl+C) or save as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..domain.caveats import MarkBook, point_notes
from ..export.atomic import AtomicWriteError, atomic_write
from ..text import tr
from .text import plain_label

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec


class RowsModel(QAbstractTableModel):
    """Read-only model over a sequence of dicts with the same keys (a list, or the columns of
    :class:`~qftz_desktop.domain.briefing.ChartRows`, read a cell at a time).

    ``caveats(row)`` (optional) gives a row's caveat lines: its value cell then shows the
    caveat mark and the lines as its tooltip. Files and the clipboard keep the plain number
    (the note is in its own column)."""

    def __init__(
        self,
        rows: Sequence[dict[str, str]],
        parent=None,
        value_column: int = -1,
        caveats: Callable[[int], list[str]] | None = None,
    ):
        super().__init__(parent)
        self.rows = rows
        keys = getattr(rows, "keys", None)
        self.headers = list(keys) if isinstance(keys, list) else (list(rows[0]) if rows else [])
        self._cell = getattr(rows, "cell", None)
        self.value_column = value_column
        self._caveats = caveats

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.isValid():
            if self._cell is not None:
                text = self._cell(index.row(), index.column())
            else:
                text = self.rows[index.row()][self.headers[index.column()]]
            if index.column() == self.value_column and self._caveats is not None:
                lines = self._caveats(index.row())
                if lines:  # '① note' lines: the cell shows the marks, the tooltip the notes
                    mark = "".join(line.split(" ", 1)[0] for line in lines)
                    return text + mark if role == Qt.ItemDataRole.DisplayRole else "\n".join(lines)
            return text
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return super().headerData(section, orientation, role)


def rows_to_text(rows: Sequence[dict[str, str]], delimiter: str = ",") -> str:
    """Rows as CSV (a file) or, with a tab, TSV (the clipboard: spreadsheets paste it into
    cells). A real writer, so a comma, tab, quote or line break inside a cell stays in it."""
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(
            buf, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue()


def rows_to_csv(rows: Sequence[dict[str, str]]) -> str:
    return rows_to_text(rows, ",")


PRENUMBERED_ROWS = 2000  # rows whose caveat marks are numbered when the table opens


class DataDialog(QDialog):
    def __init__(self, briefing: Briefing, spec: ChartSpec, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.spec = spec
        self.rows = briefing.rows(spec, lang)
        self.setWindowTitle(spec.title(lang))
        self.resize(1000, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(spec.title(lang), wrap=True))
        self.table = QTableView()
        owners = [(s, len(s)) for s in spec.series]  # row -> (series, row in its frame)
        # one numbering for the table: the same note is the same mark in every row, numbered
        # down the rows (a very long table numbers the rest as they are first shown)
        book = MarkBook(lang)

        def caveats(row: int) -> list[str]:
            for series, n in owners:
                if row < n:
                    return book.lines(point_notes(series.point(row), series.metric, lang))
                row -= n
            return []

        for row in range(min(len(self.rows), PRENUMBERED_ROWS)):
            caveats(row)

        self.model = RowsModel(self.rows, self, self._value_column(lang), caveats)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # sized by the first rows only: measuring every row of a long series takes seconds
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(tr("data.copy_all", lang))
        self.save_button = QPushButton(tr("data.save_as_csv", lang))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_all)
        self.save_button.clicked.connect(self.save_csv)
        lay.addWidget(buttons)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def _value_column(self, lang: str) -> int:
        keys = list(getattr(self.rows, "keys", []) or [])
        label = tr("label.value", lang)
        return keys.index(label) if label in keys else -1

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(rows_to_text(self.rows, "\t"))

    def copy_selection(self) -> None:
        picked = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        rows = [self.rows[i] for i in picked] or self.rows
        QGuiApplication.clipboard().setText(rows_to_text(rows, "\t"))

    def save_csv(self, path: str | None = None) -> Path | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                tr("data.save_as_csv_2", self.lang),
                f"{self.spec.id.split(':')[1]}.csv",
                "CSV (*.csv)",
            )
        if not path:
            return None
        try:
            atomic_write(Path(path), rows_to_csv(self.rows).encode("utf-8-sig"))
        except AtomicWriteError as exc:
            QMessageBox.warning(self, "QFTZ Briefing", exc.message(self.lang))
            return None
        return Path(path)
