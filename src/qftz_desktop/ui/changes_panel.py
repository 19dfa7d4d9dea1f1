"""File ▸ Compare with…: what changed since another snapshot, listed in a dock and marked on
the cards and charts of the window.

The comparison itself is ``domain/changes.py`` (Qt-free); this module loads the other snapshot
on a worker thread, lists the changes by tab, and marks the changed values: a line under a KPI
card whose shown value changed, a ring on a chart's changed points (``render/change_marks``).
The marks follow the tabs as they are built, the focused year and the language.
"""

from __future__ import annotations

import html
import weakref
from pathlib import Path
from urllib.parse import quote, unquote

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.changes import Changes, compare, describe
from ..render.change_marks import draw_change_marks
from ..snapshot.issues import SnapshotError
from ..text import tr
from .settings import recent_files

MARK_NAME = "changeMark"
MAX_RETRIES, RETRY_MS = 20, 100


class _Signals(QObject):
    done = Signal(object, object)  # path, Changes
    failed = Signal(object, str)  # path, message


class _CompareTask(QRunnable):
    def __init__(self, old: Path, new_snapshot, lang: str):
        super().__init__()
        self.old, self.new, self.lang = old, new_snapshot, lang
        self.signals = _Signals()

    def run(self) -> None:
        from ..snapshot.reader import open_snapshot

        try:
            changes = compare(open_snapshot(self.old), self.new)
        except SnapshotError as exc:
            self.signals.failed.emit(self.old, exc.message(self.lang))
        except Exception as exc:  # noqa: BLE001 - a bad file, to the user
            self.signals.failed.emit(self.old, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(self.old, changes)


class ChangesPanel(QWidget):
    """The list of changes, grouped by tab; a click on a change goes to its metric.

    A text browser rather than a tree: long lines wrap in the dock's width.
    """

    metricActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setObjectName("sourceNote")
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._clicked)
        self._lines: list[str] = []
        lay.addWidget(self.heading)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.note)

    def show_changes(self, changes: Changes, old_path: Path, lang: str) -> None:
        since = changes.old_as_of or changes.old_id[:12]
        self.heading.setText(f"{tr('changes.title', lang, date=since)}\n{old_path.name}")
        self.note.setText(tr("changes.revision_note", lang))
        self._lines = []
        if changes.empty:
            self.view.setHtml(f"<p>{html.escape(tr('changes.none', lang))}</p>")
            return
        parts = []
        for tab, items in changes.by_tab().items():
            parts.append(f"<h4>{html.escape(tr(f'tab.{tab}', lang))} ({len(items)})</h4><ul>")
            for change in items:
                line = describe(change, changes, lang)
                self._lines.append(line)
                text = html.escape(line)
                if change.metric_id:
                    href = "metric:" + quote(change.metric_id)
                    text = f'<a href="{href}" style="text-decoration:none">{text}</a>'
                parts.append(f"<li>{text}</li>")
            parts.append("</ul>")
        self.view.setHtml("".join(parts))

    def lines(self) -> list[str]:
        """Every change line as shown (for tests and copying)."""
        return list(self._lines)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("metric:"):
            self.metricActivated.emit(unquote(text.removeprefix("metric:")))


class CompareController(QObject):
    """Holds the comparison of the open snapshot with another one, and shows it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.changes: Changes | None = None
        self.old_path: Path | None = None
        self._tasks: set[_CompareTask] = set()
        self.panel = ChangesPanel()
        self.panel.metricActivated.connect(window.navigate_to_metric)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("changesDock")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(320)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        sel = window.selection
        sel.focusChanged.connect(lambda _y: self.apply_marks())
        sel.langChanged.connect(self._on_lang)
        window.tabs.currentChanged.connect(lambda _i: self.apply_marks())
        window.snapshotLoaded.connect(self._on_snapshot_loaded)
        self._retitle()

    @property
    def lang(self) -> str:
        return self.window.selection.lang

    # -- comparing ---------------------------------------------------------------------------
    def compare_with(self, path: Path) -> None:
        """Compare the open snapshot with ``path`` (on a worker thread)."""
        briefing = self.window.briefing
        if briefing is None:
            return
        task = _CompareTask(Path(path), briefing.snapshot, self.lang)
        task.setAutoDelete(False)
        task.signals.done.connect(self._on_done)
        task.signals.failed.connect(self._on_failed)
        self._tasks.add(task)
        self.window.statusBar().showMessage(tr("compare.comparing", self.lang, path=path))
        QThreadPool.globalInstance().start(task)

    def clear(self) -> None:
        self.changes, self.old_path = None, None
        self.dock.hide()
        self.apply_marks()

    def _on_done(self, path: Path, changes: Changes) -> None:
        self._tasks = {t for t in self._tasks if t.old != path}
        self.window.statusBar().clearMessage()
        self.changes, self.old_path = changes, path
        self.panel.show_changes(changes, path, self.lang)
        self._retitle()
        self.dock.show()
        self.apply_marks()

    def _on_failed(self, path: Path, message: str) -> None:
        self._tasks = {t for t in self._tasks if t.old != path}
        self.window.statusBar().clearMessage()
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(tr("compare.cannot_compare", self.lang))
        box.setText(tr("compare.cannot_read", self.lang, path=path))
        box.setInformativeText(message)
        box.open()
        self.last_error_box = box

    def _on_snapshot_loaded(self, _path) -> None:
        # another snapshot is open: compare it with the same earlier one
        if self.old_path is not None:
            self.compare_with(self.old_path)

    # -- marks -------------------------------------------------------------------------------
    def _contents(self):
        tabs = self.window.tabs
        for i in range(tabs.count()):
            content = getattr(tabs.widget(i), "content", None)
            if content is not None:
                yield content

    def apply_marks(self, _retry: int = 0) -> None:
        """Mark changed values on every card and chart built so far.

        A tab lays out its chart panels a moment after it is first shown: while a shown tab
        has none yet, look again shortly (a few times), so that its charts get their marks.
        """
        keys = frozenset(self.changes.changed_keys()) if self.changes else frozenset()
        since = (self.changes.old_as_of or self.changes.old_id[:12]) if self.changes else ""
        current = getattr(self.window.tabs.currentWidget(), "content", None)
        if keys and _retry < MAX_RETRIES and (current is None or not current.panels):
            QTimer.singleShot(RETRY_MS, self, lambda: self.apply_marks(_retry + 1))
        for content in self._contents():
            for card in content.cards:
                self._mark_card(card, keys, since)
            for panel in content.panels:
                if panel.chart is not None:
                    self._mark_chart(panel.chart, keys)
                elif not panel.property("changeHooked"):
                    panel.setProperty("changeHooked", True)
                    panel.built.connect(lambda p=panel: self._mark_chart(p.chart, self._keys()))

    def _keys(self) -> frozenset:
        return frozenset(self.changes.changed_keys()) if self.changes else frozenset()

    @staticmethod
    def _mark_chart(chart, keys: frozenset) -> None:
        if chart is None or chart.change_keys == keys:
            return
        chart.change_keys = keys
        draw_change_marks(chart)

    def _mark_card(self, card, keys: frozenset, since: str) -> None:
        point = getattr(card, "point", None)
        changed = point is not None and (point.metric_id, point.period.code, point.status) in keys
        mark = card.findChild(QLabel, MARK_NAME)
        if mark is None:
            if not changed:
                return
            mark = QLabel(card)
            mark.setObjectName(MARK_NAME)
            mark.setTextFormat(Qt.TextFormat.PlainText)
            mark.setStyleSheet("color: #D55E00; font-weight: bold;")
            card.layout().insertWidget(card.layout().count() - 1, mark)
        mark.setText(tr("compare.changed_since", self.lang, since=since))
        mark.setVisible(changed)

    # -- language ----------------------------------------------------------------------------
    def _retitle(self) -> None:
        self.dock.setWindowTitle(tr("compare.what_changed", self.lang))

    def _on_lang(self, _lang: str) -> None:
        self._retitle()
        if self.changes is not None and self.old_path is not None:
            self.panel.show_changes(self.changes, self.old_path, self.lang)
        # the tabs are rebuilt in the new language: mark them once they exist
        QTimer.singleShot(0, self.apply_marks)


# Each main window's one controller: kept here, not in the window's own (private) fields.
_CONTROLLERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compare_controller(window) -> CompareController:
    """The window's one controller, made on first use."""
    ctrl = _CONTROLLERS.get(window)
    if ctrl is None:
        ctrl = CompareController(window)
        _CONTROLLERS[window] = ctrl
    return ctrl


def shown_changes(window):
    """The comparison the window shows (File ▸ Compare with…), else None: F5 and the
    PowerPoint deck then have the brief's 'what changed' section, as the panel does."""
    ctrl = _CONTROLLERS.get(window)
    return None if ctrl is None else ctrl.changes


def choose_other_snapshot(window) -> None:
    lang = window.selection.lang
    start = str(window.settings.value("open_dir", str(Path.home())))
    path, _ = QFileDialog.getOpenFileName(
        window,
        tr("compare.compare_which_snapshot", lang),
        start,
        tr("compare.qftz_snapshots_sqlite_db", lang),
    )
    if path:
        compare_controller(window).compare_with(Path(path))


def install_compare_menu(window, file_menu: QMenu) -> QMenu:
    """File ▸ Compare with…: recent snapshots, any snapshot, stop comparing."""
    lang = window.selection.lang
    menu = file_menu.addMenu(tr("compare.compare", lang))
    menu.setObjectName("compareMenu")

    def fill() -> None:
        menu.clear()
        current = str(window.briefing.snapshot.path) if window.briefing is not None else ""
        for path in recent_files(window.settings):
            if path != current:
                act = menu.addAction(path)
                act.triggered.connect(
                    lambda _c=False, p=path: compare_controller(window).compare_with(Path(p))
                )
        other = QAction(tr("compare.other_snapshot", lang), menu)
        other.setObjectName("compareOther")
        other.triggered.connect(lambda: choose_other_snapshot(window))
        menu.addAction(other)
        stop = QAction(tr("compare.stop_comparing", lang), menu)
        stop.triggered.connect(lambda: compare_controller(window).clear())
        stop.setEnabled(compare_controller(window).changes is not None)
        menu.addAction(stop)
        menu.setEnabled(window.briefing is not None)

    menu.aboutToShow.connect(fill)
    fill()
    return menu
