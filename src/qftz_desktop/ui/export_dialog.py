"""File ▸ Export PDF brief…: save dialog, then the brief built step by step with a progress dialog.

The save dialog's file type chooses the kind — the meeting brief (2–4 pages, the default) or
the full data book — and the choice is remembered (settings key ``export/kind``).

The export is what the user is looking at: the window's language and year range. QPainter and
pyqtgraph must stay on the GUI thread, so instead of a worker thread the export advances one
step (a section laid out, or a page painted) per turn of the event loop: the window keeps
repainting and the Cancel button works between pages. Cancelling, or any error, removes the
temporary file; an existing brief at the chosen path stays as it was.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from .. import APP_NAME
from ..domain.briefing import Briefing
from ..export.atomic import AtomicWriteError
from ..export.pdf_brief import BriefJob, BriefOptions, BriefResult
from ..text import tr
from .changes_panel import shown_changes

log = logging.getLogger("qftz_desktop.export")

SETTINGS_KEY = "export_dir"
KIND_KEY = "export/kind"
KINDS = ("meeting", "full")
# the export running for each window (the window's own fields are not ours to set)
_RUNNING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def default_file_name(briefing: Briefing, options: BriefOptions) -> str:
    """'QFTZ-brief-2026-01-22-zh.pdf' (meeting brief) or 'QFTZ-databook-…', with '-2019-2024'
    when only some years are shown."""
    as_of = briefing.snapshot.as_of or "undated"
    years = options.years(briefing)
    span = f"-{years[0]}-{years[1]}" if years else ""
    name = "brief" if options.kind == "meeting" else "databook"
    return f"QFTZ-{name}-{as_of}-{options.lang}{span}.pdf"


def kind_filters(lang: str) -> dict[str, str]:
    """The save dialog's file types, one per kind of brief."""
    return {
        "meeting": tr("export.meeting_brief_2_4", lang),
        "full": tr("export.full_data_book_pdf", lang),
    }


def remembered_kind(settings) -> str:
    value = settings.value(KIND_KEY, "meeting")
    return value if value in KINDS else "meeting"


def options_for(window, kind: str = "meeting") -> BriefOptions:
    """The brief of what the window shows: its language and year range (all years if full),
    the presenter's notes of this snapshot, and the kind asked for."""
    briefing: Briefing = window.briefing
    sel = window.selection
    lo, hi = sel.year_from, sel.year_to
    notes = presenter_notes(window)
    charts = chosen_charts(window) if kind == "meeting" else None
    if (lo, hi) == (briefing.year_min, briefing.year_max):
        return BriefOptions(kind=kind, lang=sel.lang, notes=notes, charts=charts)
    return BriefOptions(
        kind=kind, lang=sel.lang, year_from=lo, year_to=hi, notes=notes, charts=charts
    )


def chosen_charts(window) -> tuple[str, ...] | None:
    """The meeting brief's charts as chosen in the deck dialog for this snapshot (the charts
    ticked there, in order); None for the rules' choice (brief area)."""
    from ..domain.deck import Deck, brief_charts
    from .presentation import remembered_choice

    settings = getattr(window, "settings", None)
    if settings is None or window.briefing is None:
        return None
    choice = remembered_choice(settings, window.briefing)
    return brief_charts(Deck(window.briefing), choice) if choice is not None else None


def presenter_notes(window) -> dict[str, str]:
    """The window's notes for its snapshot, through its public ``notes_for_export`` if it
    offers one (the notes store belongs to the window)."""
    getter = getattr(window, "notes_for_export", None)
    if callable(getter):
        try:
            notes = getter()
        except Exception:  # noqa: BLE001 - a brief without notes beats no brief
            log.exception("presenter's notes unavailable")
            return {}
        return dict(notes or {})
    return {}


def running_export(window) -> ExportController | None:
    """The export running (or last run) for this window, if any."""
    return _RUNNING.get(window)


class ExportController(QObject):
    """Runs one BriefJob from the event loop, with a progress dialog."""

    finished = Signal(object)  # BriefResult
    failed = Signal(str)  # message shown to the user
    cancelled = Signal()

    def __init__(self, window, briefing: Briefing, path: Path, options: BriefOptions, changes=None):
        super().__init__(window)
        self.window = window
        self.lang = options.lang
        self.job = BriefJob(briefing, path, options, changes)
        self.state = "idle"  # idle, running, done, failed, cancelled
        self.result: BriefResult | None = None
        self.error = ""
        self._cancel_requested = False
        t = self.lang
        self.progress = QProgressDialog(
            tr("export.preparing_brief", t),
            tr("export.cancel", t),
            0,
            0,
            window,
        )
        self.progress.setWindowTitle(tr("export.export_pdf_brief", t))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        self.state = "running"
        try:
            self.job.start()
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged
            self._fail(exc)
            return
        self.progress.setValue(0)
        QTimer.singleShot(0, self._tick)

    def cancel(self) -> None:
        """Stop before the next step; the partial file is removed."""
        self._cancel_requested = True

    def _tick(self) -> None:
        if self.state != "running":
            return
        if self._cancel_requested or self.progress.wasCanceled():
            self.job.abort()
            self._end("cancelled")
            self.cancelled.emit()
            return
        try:
            more = self.job.step()
            if self.job.laid_out:
                t = self.lang
                self.progress.setMaximum(self.job.total)
                self.progress.setValue(self.job.done)
                self.progress.setLabelText(
                    tr("export.page", t, done=self.job.done, total=self.job.total)
                )
            if more:
                QTimer.singleShot(0, self._tick)
                return
            result = self.job.finish()
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged
            self.job.abort()
            self._fail(exc)
            return
        self.result = result
        self._end("done")
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(
                tr("export.exported_pages", self.lang, path=result.path, pages=result.pages),
                10000,
            )
        self.finished.emit(result)

    def _end(self, state: str) -> None:
        self.state = state
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.close()
        action = getattr(self.window, "export_action", None)
        if action is not None:
            action.setEnabled(True)

    def _fail(self, exc: Exception) -> None:
        if isinstance(exc, AtomicWriteError):
            message = exc.message(self.lang)
        else:
            log.exception("PDF export failed")
            message = tr("export.export_failed", self.lang, name=type(exc).__name__, exc=exc)
        self.error = message
        self._end("failed")
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(tr("export.pdf_brief_was_not", self.lang))
        box.setInformativeText(message)
        box.open()
        self._box = box
        self.failed.emit(message)


def run_export_dialog(window) -> ExportController | None:
    """Ask where to save, then export the brief of what the window shows."""
    briefing: Briefing | None = window.briefing
    if briefing is None:
        return None
    running = _RUNNING.get(window)
    if running is not None and running.state == "running":
        running.progress.show()
        return running
    kind = remembered_kind(window.settings)
    options = options_for(window, kind)
    lang = options.lang
    folder = str(window.settings.value(SETTINGS_KEY, "") or Path.home())
    suggested = str(Path(folder) / default_file_name(briefing, options))
    filters = kind_filters(lang)
    others = [f for k, f in filters.items() if k != kind]
    path, chosen = QFileDialog.getSaveFileName(
        window,
        tr("export.export_pdf_brief", lang),
        suggested,
        ";;".join([filters[kind], *others]),
        filters[kind],
    )
    if not path:
        return None
    picked = next((k for k, f in filters.items() if f == chosen), kind)
    if picked != kind:
        options = options_for(window, picked)
    window.settings.setValue(KIND_KEY, picked)
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    window.settings.setValue(SETTINGS_KEY, str(target.parent))
    # the meeting brief says what changed while the window compares with another snapshot,
    # as `export-pdf --since` does; the data book has no such section
    changes = shown_changes(window) if options.kind == "meeting" else None
    controller = ExportController(window, briefing, target, options, changes)
    _RUNNING[window] = controller
    action = getattr(window, "export_action", None)
    if action is not None:
        action.setEnabled(False)
    controller.start()
    return controller
