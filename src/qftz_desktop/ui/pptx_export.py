"""File ▸ Export PowerPoint…: choose the deck, where to save, then export with a progress bar.

The deck is what the window shows — its language and year range — with the presenter's notes
of this snapshot, like the PDF. The export needs no Qt (python-pptx), so it runs on a worker
thread: the window stays responsive, and Cancel stops it between slides. The file is written
atomically (export/atomic.py): a cancelled or failed export leaves an existing deck untouched.
"""

from __future__ import annotations

import logging
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from .. import APP_NAME
from ..domain.brief.options import BriefOptions
from ..domain.briefing import Briefing
from ..text import tr
from .changes_panel import shown_changes

log = logging.getLogger("qftz_desktop.export")

FOLDER_KEY = "export_dir"
DECK_KEY = "pptx/deck"


def options_for(window, deck: str) -> BriefOptions:
    """The deck of what the window shows: language, year range, the snapshot's notes."""
    briefing: Briefing = window.briefing
    sel = window.selection
    getter = getattr(window, "notes_for_export", None)
    notes = getter() if callable(getter) else {}
    years: dict = {}
    if (sel.year_from, sel.year_to) != (briefing.year_min, briefing.year_max):
        years = {"year_from": sel.year_from, "year_to": sel.year_to}
    kind = "meeting" if deck == "meeting" else "full"
    from .export_dialog import chosen_charts  # brief area: the deck dialog's chosen charts

    charts = chosen_charts(window) if kind == "meeting" else None
    return BriefOptions(lang=sel.lang, kind=kind, notes=notes, charts=charts, **years)


def default_file_name(briefing: Briefing, options: BriefOptions) -> str:
    as_of = briefing.snapshot.as_of or "undated"
    years = options.years(briefing)
    span = f"-{years[0]}-{years[1]}" if years else ""
    deck = "" if options.kind == "meeting" else "-all"
    return f"QFTZ-deck-{as_of}-{options.lang}{span}{deck}.pptx"


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # PptxResult
    failed = Signal(object)  # Exception
    cancelled = Signal()


class _Task(QRunnable):
    def __init__(self, briefing: Briefing, path: Path, options: BriefOptions, changes=None):
        super().__init__()
        self.briefing, self.path, self.options = briefing, path, options
        self.changes = changes
        self.signals = _Signals()
        self.stop = threading.Event()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.stop.is_set()

    def run(self) -> None:
        from ..export.pptx import ExportCancelled, export_pptx

        try:
            result = export_pptx(
                self.briefing, self.path, self.options, self.changes, progress=self._progress
            )
        except ExportCancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class PptxExport(QObject):
    """One export with its progress dialog; ``state`` ends as done, failed or cancelled."""

    finished = Signal(object)

    def __init__(self, window, briefing: Briefing, path: Path, options: BriefOptions, changes=None):
        super().__init__(window)
        self.window = window
        self.lang = lang = options.lang
        self.state = "running"
        self.result = None
        self.error = ""
        self.task = _Task(briefing, path, options, changes)
        self.task.setAutoDelete(False)
        s = self.task.signals
        s.progress.connect(self._on_progress)
        s.done.connect(self._on_done)
        s.failed.connect(self._on_failed)
        s.cancelled.connect(lambda: self._end("cancelled"))
        self.progress = QProgressDialog(
            tr("pptx.making_slides", lang), tr("export.cancel", lang), 0, 0,
            window,
        )  # fmt: skip
        self.progress.setWindowTitle(tr("pptx.export_powerpoint", lang))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self.task)

    def cancel(self) -> None:
        self.task.stop.set()

    def _on_progress(self, done: int, total: int) -> None:
        if self.state != "running":
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(tr("pptx.slide", self.lang, done=done, total=total))

    def _on_done(self, result) -> None:
        self.result = result
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(
                tr("pptx.exported_slides", self.lang, path=result.path, slides=result.slides),
                10000,
            )
        self._end("done")

    def _on_failed(self, exc: Exception) -> None:
        message = getattr(exc, "message", None)
        if callable(message):
            self.error = message(self.lang)
        else:
            log.error("PowerPoint export failed: %r", exc)
            self.error = f"{type(exc).__name__}: {exc}"
        self._end("failed")
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(tr("pptx.powerpoint_deck_was_not", self.lang))
        box.setInformativeText(self.error)
        box.open()
        self._box = box

    def _end(self, state: str) -> None:
        self.state = state
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.close()
        self.finished.emit(self)


class DeckChoiceDialog(QDialog):
    """Which deck: the meeting deck (default) or every chart."""

    def __init__(self, lang: str, current: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("pptx.export_powerpoint", lang))
        form = QFormLayout(self)
        self.deck = QComboBox()
        self.deck.addItem(tr("pptx.meeting_deck_about_15", lang), "meeting")
        self.deck.addItem(tr("pptx.all_charts", lang), "all")
        self.deck.setCurrentIndex(max(0, self.deck.findData(current)))
        form.addRow(tr("pptx.slides", lang), self.deck)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> str:
        return str(self.deck.currentData())


_JOBS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def export_to(window, path: Path, deck: str = "meeting") -> PptxExport | None:
    """Export the window's deck to ``path`` (no dialogs: the menu's path and tests use it)."""
    if window.briefing is None:
        return None
    options = options_for(window, deck)
    job = PptxExport(window, window.briefing, path, options, shown_changes(window))
    _JOBS[window] = job  # the latest export of each window, kept here, not in the window
    job.start()
    return job


def run_pptx_dialog(window) -> PptxExport | None:
    """Ask which deck and where, then export."""
    briefing: Briefing | None = window.briefing
    if briefing is None:
        return None
    lang = window.selection.lang
    chooser = DeckChoiceDialog(lang, str(window.settings.value(DECK_KEY, "meeting")), window)
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return None
    deck = chooser.choice()
    window.settings.setValue(DECK_KEY, deck)
    folder = str(window.settings.value(FOLDER_KEY, "") or Path.home())
    suggested = str(Path(folder) / default_file_name(briefing, options_for(window, deck)))
    path, _ = QFileDialog.getSaveFileName(
        window,
        tr("pptx.export_powerpoint", lang),
        suggested,
        tr("pptx.powerpoint_presentations_pptx", lang),
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pptx":
        target = target.with_name(target.name + ".pptx")
    window.settings.setValue(FOLDER_KEY, str(target.parent))
    return export_to(window, target, deck)


def install_pptx_action(window, file_menu: QMenu) -> QAction:
    # parented to the menu: rebuilt with it on a language switch, never left behind twice
    act = QAction(tr("pptx.export_powerpoint_2", window.selection.lang), file_menu)
    act.setObjectName("exportPptx")
    act.triggered.connect(lambda: run_pptx_dialog(window))
    file_menu.addAction(act)
    return act
