"""File ▸ Import data…: an Excel workbook or a CSV folder in, a new snapshot out.

The source is read and checked on a worker thread (``snapshot.workbook.check_source``). With
problems, a report lists each one with its sheet, row and column and what to do; the user
fixes the workbook in Excel, saves, and presses "Check again". Without errors, the new
snapshot is saved (to a temporary file, moved into place only when complete and not
cancelled) and opened; the snapshot already open stays open until then, and on any failure.
Anything slower than half a second shows a progress dialog with a Cancel button.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..snapshot.workbook import Problem, SourceCheck, check_source, is_workbook
from ..text import tr

PROGRESS_AFTER_MS = 500


class _Signals(QObject):
    checked = Signal(object)  # SourceCheck
    written = Signal(object)  # Path
    failed = Signal(str)  # message


class _Job(QRunnable):
    """Check a source, or write checked tables to ``out``; ignores its result once cancelled."""

    def __init__(self, src: Path, out: Path | None = None, check: SourceCheck | None = None):
        super().__init__()
        self.src, self.out, self.check = src, out, check
        self.cancelled = False
        self.signals = _Signals()

    def run(self) -> None:
        try:
            if self.out is None:
                result = check_source(self.src)
                if not self.cancelled:
                    self.signals.checked.emit(result)
                return
            self._write()
        except OSError as exc:
            if not self.cancelled:
                self.signals.failed.emit(f"{exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            if not self.cancelled:
                self.signals.failed.emit(f"{type(exc).__name__}: {exc}")

    def _write(self) -> None:
        from ..snapshot.builder import write_snapshot

        assert self.out is not None and self.check is not None and self.check.tables
        out = self.out
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".import", dir=out.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            write_snapshot(self.check.tables, tmp)  # checked and read back before it returns
            if self.cancelled:
                return
            os.replace(tmp, out)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        self.signals.written.emit(out)


class ReportDialog(QDialog):
    """Errors and warnings of one source, each with where it is and what to do."""

    HEADERS = (
        "import.col_kind",
        "import.col_sheet",
        "import.col_row",
        "import.col_column",
        "import.col_problem",
        "import.col_what_to_do",
    )
    checkAgain = Signal()
    saveRequested = Signal()

    def __init__(self, parent, lang: str):
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("importReport")
        self.setWindowTitle(tr("import.import_report", lang))
        self.resize(1000, 480)
        lay = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([tr(key, lang) for key in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        for col in range(4):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.again_button = QPushButton(tr("import.check_again", lang))
        self.save_button = QPushButton(tr("import.save_new_snapshot", lang))
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = QPushButton(tr("import.close", lang))
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.again_button.clicked.connect(self.checkAgain)
        self.save_button.clicked.connect(self.saveRequested)
        lay.addWidget(buttons)

    def show_check(self, src: Path, check: SourceCheck) -> None:
        lang = self.lang
        errors, warnings = check.errors, check.warnings
        if errors:
            text = tr(
                "import.error_s_warning_s",
                lang,
                name=src.name,
                errors=len(errors),
                warnings=len(warnings),
            )
        else:
            text = tr("import.no_errors_warning_s", lang, name=src.name, warnings=len(warnings))
        self.summary.setText(text)
        self.save_button.setEnabled(not errors and check.tables is not None)
        self.table.setRowCount(0)
        for problem in errors + warnings:
            self._add_row(problem)
        self.table.resizeRowsToContents()

    def _add_row(self, p: Problem) -> None:
        lang = self.lang
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = (
            tr("workbook.severity_error", lang)
            if p.severity == "error"
            else tr("workbook.severity_warning", lang)
        )
        column = (
            f"{p.column} ({p.heading})" if p.column and p.heading else (p.column or p.heading or "")
        )
        cells = (
            kind,
            p.sheet or "",
            "" if p.row is None else str(p.row),
            column,
            p.problem(lang),
            p.hint(lang),
        )
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if col == 0 and p.severity == "error":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(row, col, item)

    def rows(self) -> list[tuple[str, ...]]:
        return [
            tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]


class ImportController(QObject):
    """One import at a time: choose, check, report, save, open."""

    finished = Signal(object)  # Path of the snapshot opened, or None

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.src: Path | None = None
        self.check: SourceCheck | None = None
        self.job: _Job | None = None
        self.report: ReportDialog | None = None
        self.progress: QProgressDialog | None = None

    @property
    def lang(self) -> str:
        return self.window.selection.lang

    def choose(self) -> None:
        lang = self.lang
        start = str(self.window.settings.value("import_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            tr("import.import_data_excel_workbook", lang),
            start,
            tr("import.excel_workbook_or_csv", lang),
        )
        if path:
            self.window.settings.setValue("import_dir", str(Path(path).parent))
            self.start(Path(path))

    def start(self, path: Path) -> None:
        """Check a workbook, or the CSV folder that holds ``path``."""
        src = path if is_workbook(path) or path.is_dir() else path.parent
        self.src = src
        self._run(_Job(src), tr("import.checking", self.lang, name=src.name))

    def check_again(self) -> None:
        if self.src is not None:
            self.start(self.src)

    def _run(self, job: _Job, text: str) -> None:
        if self.job is not None:
            self.job.cancelled = True
        self.job = job
        job.setAutoDelete(False)
        job.signals.checked.connect(self._on_checked)
        job.signals.written.connect(self._on_written)
        job.signals.failed.connect(self._on_failed)
        progress = QProgressDialog(text, tr("export.cancel", self.lang), 0, 0, self.window)
        progress.setObjectName("importProgress")
        progress.setWindowTitle(tr("import.import_data_2", self.lang))
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(self.cancel)
        self.progress = progress
        QThreadPool.globalInstance().start(job)

    def cancel(self) -> None:
        """Forget the running job: nothing it does afterwards reaches the window or the disk."""
        if self.job is not None:
            self.job.cancelled = True
            self.job = None
        self._close_progress()
        self.window.statusBar().showMessage(tr("import.import_cancelled", self.lang), 4000)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _on_checked(self, check: SourceCheck) -> None:
        if self.job is None or self.job.cancelled:
            return
        self.job = None
        self._close_progress()
        self.check = check
        assert self.src is not None
        if check.problems:
            self._show_report(check)
        else:
            self.save()

    def _show_report(self, check: SourceCheck) -> None:
        if self.report is None:
            self.report = ReportDialog(self.window, self.lang)
            self.report.checkAgain.connect(self.check_again)
            self.report.saveRequested.connect(self.save)
        assert self.src is not None
        self.report.show_check(self.src, check)
        self.report.open()

    def save(self) -> None:
        """Ask where to save the checked snapshot, then write it on the worker thread."""
        check = self.check
        if check is None or check.tables is None or check.errors or self.src is None:
            return
        meta = check.tables["meta"]
        as_of = str(next(iter(meta.loc[meta["key"] == "as_of", "value"]), "new"))
        folder = self.src.parent
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            tr("import.save_new_snapshot_2", self.lang),
            str(folder / f"qftz-snapshot-{as_of}.sqlite"),
            tr("import.qftz_snapshots_sqlite", self.lang),
        )
        if not path:
            return
        if self.report is not None:
            self.report.accept()
        out = Path(path)
        self._run(
            _Job(self.src, out, check),
            tr("import.saving", self.lang, name=out.name),
        )

    def _on_written(self, out: Path) -> None:
        if self.job is None or self.job.cancelled:
            return
        self.job = None
        self._close_progress()
        window = self.window
        previous = window.briefing.snapshot.path if window.briefing is not None else None
        if previous is not None and Path(previous).resolve() != out.resolve():
            # what changed since the snapshot that was open: listed once the new one is open
            from .changes_panel import compare_controller

            compare_controller(window).old_path = Path(previous)
        window.open_path(out)
        self.finished.emit(out)

    def _on_failed(self, message: str) -> None:
        self.job = None
        self._close_progress()
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(tr("import.cannot_import", self.lang))
        box.setText(message)
        box.setInformativeText(tr("import.snapshot_already_open_stays", self.lang))
        box.open()
        self.last_error_box = box
        self.finished.emit(None)


# Each main window's one controller: kept here, not in the window's own (private) fields.
_CONTROLLERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def import_controller(window) -> ImportController:
    ctrl = _CONTROLLERS.get(window)
    if ctrl is None:
        ctrl = ImportController(window)
        _CONTROLLERS[window] = ctrl
    return ctrl


def install_update_menu(window, file_menu: QMenu) -> None:
    """File ▸ Import data… and File ▸ Compare with (issue 13)."""
    from .changes_panel import install_compare_menu

    lang = window.selection.lang
    # parented to the menu: rebuilt with it on a language switch, never left behind twice
    act = QAction(tr("import.import_data", lang), file_menu)
    act.setObjectName("importData")
    act.triggered.connect(lambda: import_controller(window).choose())
    file_menu.addAction(act)
    install_compare_menu(window, file_menu)
