"""The briefing window: tabs linked by one Selection, menus, shortcuts, open/recent/drop.

Snapshots are opened on a worker thread so that a large file never freezes the window; a bad
file shows a message naming the file and the problem, and the snapshot already open stays.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..domain.tabs import TAB_IDS
from ..export.atomic import remove_stale_parts
from ..render.selection import Selection
from ..render.theme import SCREEN
from ..snapshot.issues import Issue, SnapshotError
from ..text import tr
from .data_view import DataDialog
from .qt_translation import apply_qt_translation
from .settings import app_settings, push_recent, recent_files
from .tabs import BriefingTab, OverviewTab
from .text import counts_text

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec


def _amp(text: str) -> str:
    """Escape '&' so Qt shows it instead of making a keyboard mnemonic."""
    return text.replace("&", "&&")


def load_briefing(path: Path) -> Briefing:
    """Open, validate and lay out a snapshot (Qt-free; runs on a worker thread).

    Imported here, not at module level: pandas is the slowest import of the app, and start-up
    runs it on a thread while Qt starts (see ui/app.py).
    """
    from ..domain.briefing import load_briefing as load

    return load(path)


class _LoadSignals(QObject):
    done = Signal(object, object)  # path, Briefing
    failed = Signal(object, object)  # path, SnapshotError


class _LoadTask(QRunnable):
    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.signals = _LoadSignals()

    def run(self) -> None:
        try:
            briefing = load_briefing(self.path)
        except SnapshotError as exc:
            self.signals.failed.emit(self.path, exc)
        except Exception as exc:  # noqa: BLE001 - anything else is still a bad file to the user
            issue = Issue("corrupt", str(self.path), params={"reason": f"{type(exc).__name__}"})
            self.signals.failed.emit(self.path, SnapshotError([issue]))
        else:
            self.signals.done.emit(self.path, briefing)


FIRST_SIZE = QSize(1440, 900)  # first run, when the screen has room for it
MIN_SIZE = QSize(960, 600)  # smaller only on a smaller screen


def fit_rect(rect: QRect, avail: QRect) -> QRect:
    """``rect`` made no larger than ``avail`` and moved inside it."""
    size = rect.size().boundedTo(avail.size())
    x = min(max(rect.x(), avail.x()), avail.x() + avail.width() - size.width())
    y = min(max(rect.y(), avail.y()), avail.y() + avail.height() - size.height())
    return QRect(QPoint(x, y), size)


class LazyPage(QWidget):
    """Holds a tab's content, built the first time the tab is shown."""

    def __init__(self, tab_id: str, parent=None):
        super().__init__(parent)
        self.tab_id = tab_id
        self.content: BriefingTab | None = None
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)


class MainWindow(QMainWindow):
    snapshotLoaded = Signal(object)  # Path
    snapshotFailed = Signal(object, str)  # Path, message

    def __init__(self, briefing: Briefing | None = None, lang: str | None = None):
        super().__init__()
        self.settings = app_settings()
        # a killed export's temporary file goes at the next start (a running one's stays)
        export_dir = self.settings.value("export_dir")
        if export_dir:
            remove_stale_parts(str(export_dir))
        saved_lang = str(self.settings.value("lang", "zh"))
        # no snapshot yet: no data years to offer (the range widgets stay off until one loads)
        this_year = date.today().year
        self.selection = Selection(
            this_year, this_year, lang or (saved_lang if saved_lang in ("zh", "en") else "zh")
        )
        self.briefing: Briefing | None = None
        self.theme = SCREEN
        self._loading: set[_LoadTask] = set()
        self.pool = QThreadPool.globalInstance()
        self.setAcceptDrops(True)

        self.stack = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self.selection.langChanged.connect(self._on_lang)
        apply_qt_translation(self.selection.lang)
        self.selection.rangeChanged.connect(self._sync_toolbar)
        self.selection.focusChanged.connect(self._sync_toolbar)
        # presenter's notes (notes area): saved beside the settings, keyed by content id
        from .notes_editor import NotesController

        self.notes = NotesController(self.settings, parent=self)
        self.notes.changed.connect(self._refresh_notes)
        self._build_chrome()
        self._restore_geometry()
        if briefing is not None:
            self.set_briefing(briefing)
        else:
            self._show_placeholder()

    # -- chrome -------------------------------------------------------------------------
    def _create_actions(self) -> None:
        """Every action of the window, created once; :meth:`_build_chrome` only labels them.

        Creating them again on a rebuild (a language switch) left the old ones in the window:
        two actions per key made every shortcut "ambiguous" and dead (Ctrl+1…6 after Ctrl+L).
        Each shortcut action is added to the window itself, so it works with the menu bar
        hidden (full screen) too.
        """

        def make(shortcut=None, slot=None, checkable: bool = False) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if slot is not None:
                act.triggered.connect(slot)
            act.setCheckable(checkable)
            self.addAction(act)
            return act

        self.open_action = make("Ctrl+O", self.open_dialog)  # the keys F1 documents
        self.export_action = make("Ctrl+E", self.export_pdf)
        self.quit_action = make("Ctrl+Q", self.close)  # no standard Quit key on every platform
        self.tab_actions: list[QAction] = [
            make(f"Ctrl+{i + 1}", lambda _=False, i=i: self.tabs.setCurrentIndex(i))
            for i in range(len(TAB_IDS))
        ]
        self.prev_year_action = make("Alt+Left", lambda: self.selection.step_focus(-1))
        self.next_year_action = make("Alt+Right", lambda: self.selection.step_focus(1))
        self.clear_focus_action = make("Ctrl+0", lambda: self.selection.set_focus(None))
        self.fullscreen_action = make("F11", self.toggle_fullscreen, checkable=True)
        self.present_action = make("F5", self.present)
        self.deck_action = make(None, self.edit_deck)
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, label in (("zh", "中文"), ("en", "English")):
            act = make(None, lambda _=False, c=code: self.set_language(c), checkable=True)
            act.setText(label)
            self.lang_group.addAction(act)
            self.lang_actions[code] = act
        self.toggle_lang_action = make(
            "Ctrl+L", lambda: self.set_language("en" if self.selection.lang == "zh" else "zh")
        )
        self.keys_action = make("F1", self.show_shortcuts)
        self.about_action = make(None, self.show_about)

    def _build_chrome(self) -> None:
        """(Re)build menus and the toolbar in the current language, from the same actions."""
        if not hasattr(self, "open_action"):
            self._create_actions()
        for menu in self.menuBar().findChildren(
            QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            menu.deleteLater()
        self.menuBar().clear()
        for tb in self.findChildren(QToolBar):
            self.removeToolBar(tb)
            tb.deleteLater()
        lang = self.selection.lang
        file_menu = self.menuBar().addMenu(tr("window.file", lang))
        self.open_action.setText(tr("window.open_snapshot_2", lang))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(tr("window.open_recent", lang))
        self._fill_recent()
        file_menu.addSeparator()
        self.export_action.setText(tr("window.export_pdf_brief", lang))
        file_menu.addAction(self.export_action)
        from .pptx_export import install_pptx_action  # PowerPoint area

        self.pptx_action = install_pptx_action(self, file_menu)
        from .notes_editor import install_notes_menu  # notes area

        install_notes_menu(self, file_menu)
        from .import_dialog import install_update_menu  # import data, compare (issue 13)

        install_update_menu(self, file_menu)
        file_menu.addSeparator()
        self.quit_action.setText(tr("window.quit", lang))
        file_menu.addAction(self.quit_action)

        view = self.menuBar().addMenu(tr("window.view", lang))
        for act, tab_id in zip(self.tab_actions, TAB_IDS, strict=True):
            act.setText(_amp(tr(f"tab.{tab_id}", lang)))
            view.addAction(act)
        view.addSeparator()
        self.prev_year_action.setText(tr("window.previous_year", lang))
        self.next_year_action.setText(tr("window.next_year", lang))
        self.clear_focus_action.setText(tr("window.clear_focused_year", lang))
        for act in (self.prev_year_action, self.next_year_action, self.clear_focus_action):
            view.addAction(act)
        view.addSeparator()
        self.fullscreen_action.setText(tr("window.full_screen", lang))
        view.addAction(self.fullscreen_action)
        self.present_action.setText(tr("window.present", lang))
        view.addAction(self.present_action)
        self.deck_action.setText(tr("window.slides", lang))
        view.addAction(self.deck_action)
        lang_menu = view.addMenu(tr("window.language", lang))
        for code, act in self.lang_actions.items():
            act.setChecked(code == lang)
            lang_menu.addAction(act)
        self.toggle_lang_action.setText(tr("window.switch_language", lang))
        lang_menu.addAction(self.toggle_lang_action)

        help_menu = self.menuBar().addMenu(tr("window.help", lang))
        self.keys_action.setText(tr("window.keyboard_shortcuts", lang))
        help_menu.addAction(self.keys_action)
        self.about_action.setText(tr("window.about", lang))
        help_menu.addAction(self.about_action)

        bar = QToolBar(tr("window.years", lang))
        bar.setObjectName("yearsToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addAction(self.open_action)
        bar.addAction(self.export_action)
        bar.addAction(self.present_action)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("label.period_range", lang)))
        self.from_spin = QSpinBox()
        self.to_spin = QSpinBox()
        for spin in (self.from_spin, self.to_spin):
            spin.setRange(*self.selection.bounds)
            spin.setKeyboardTracking(False)
        self.from_spin.setValue(self.selection.year_from)
        self.to_spin.setValue(self.selection.year_to)
        self.from_spin.valueChanged.connect(
            lambda v: self.selection.set_range(v, self.selection.year_to)
        )
        self.to_spin.valueChanged.connect(
            lambda v: self.selection.set_range(self.selection.year_from, v)
        )
        bar.addWidget(self.from_spin)
        bar.addWidget(QLabel(tr("label.to", lang)))
        bar.addWidget(self.to_spin)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("label.focus_year", lang)))
        self.focus_combo = QComboBox()
        self.focus_combo.currentIndexChanged.connect(self._on_focus_combo)
        bar.addWidget(self.focus_combo)
        bar.addAction(self.prev_year_action)
        bar.addAction(self.next_year_action)
        bar.addSeparator()
        # no shortcut of its own (Ctrl+L is the menu's), and it dies with the toolbar
        lang_button = QAction(tr("window.punct", lang), bar)
        lang_button.setToolTip(tr("window.switch_language_ctrl_l", lang))
        lang_button.triggered.connect(self.toggle_lang_action.trigger)
        bar.addAction(lang_button)
        self._sync_toolbar()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = recent_files(self.settings)
        for i, path in enumerate(items):
            act = QAction(f"&{i + 1} {path}", self.recent_menu)  # deleted by clear()
            act.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
            self.recent_menu.addAction(act)
        self.recent_menu.setEnabled(bool(items))

    def _sync_toolbar(self, *_args) -> None:
        s = self.selection
        for spin, value in ((self.from_spin, s.year_from), (self.to_spin, s.year_to)):
            spin.blockSignals(True)
            spin.setRange(*s.bounds)
            spin.setValue(value)
            spin.blockSignals(False)
        self.focus_combo.blockSignals(True)
        if getattr(self.focus_combo, "years", None) != (s.lang, s.year_from, s.year_to):
            # rebuilt only when the range changes: a focus change just moves the selection
            self.focus_combo.years = (s.lang, s.year_from, s.year_to)
            self.focus_combo.clear()
            self.focus_combo.addItem(tr("label.none", s.lang), None)
            for year in range(s.year_from, s.year_to + 1):
                self.focus_combo.addItem(str(year), year)
        idx = self.focus_combo.findData(s.focus_year) if s.focus_year is not None else 0
        self.focus_combo.setCurrentIndex(max(idx, 0))
        self.focus_combo.blockSignals(False)

    def _on_focus_combo(self, index: int) -> None:
        self.selection.set_focus(self.focus_combo.itemData(index))

    # -- snapshot --------------------------------------------------------------------------
    def _show_placeholder(self) -> None:
        self.placeholder.setText(tr("window.open_snapshot_ctrl_o", self.selection.lang))
        self.stack.setCurrentWidget(self.placeholder)
        self._years_enabled(False)

    def _years_enabled(self, on: bool) -> None:
        for widget in (self.from_spin, self.to_spin, self.focus_combo):
            widget.setEnabled(on)

    def set_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self._years_enabled(True)
        self.notes.set_briefing(briefing)
        self.selection.reset_bounds(briefing.year_min, briefing.year_max)
        push_recent(self.settings, str(briefing.snapshot.path))
        self._fill_recent()
        self._rebuild_tabs()
        self._update_titles()
        self.stack.setCurrentWidget(self.tabs)

    def _rebuild_tabs(self) -> None:
        current = self.tabs.currentIndex()
        if current < 0:
            current = int(self.settings.value("tab", 0) or 0)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        for tab_id in TAB_IDS:
            self.tabs.addTab(LazyPage(tab_id), _amp(tr(f"tab.{tab_id}", self.selection.lang)))
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(max(0, min(current, self.tabs.count() - 1)))
        self._on_tab_changed(self.tabs.currentIndex())

    def page(self, tab_id: str, complete: bool = True) -> BriefingTab:
        """The content of a tab, built now if it was never shown.

        With ``complete=False`` the charts are built after the cards have painted (the tab
        schedules it), so a tab appears at once and its charts follow a moment later.
        """
        lazy: LazyPage = self.tabs.widget(TAB_IDS.index(tab_id))
        if lazy.content is None and self.briefing is not None:
            cls = OverviewTab if tab_id == "overview" else BriefingTab
            content = cls(
                self.briefing,
                self.briefing.tab(tab_id),
                self.selection,
                self.theme,
                defer_charts=not complete,
            )
            content.dataRequested.connect(self.show_data)
            content.cardClicked.connect(self.navigate_to_metric)
            content.note_lookup = self.notes.chart_text  # notes area
            content.refresh_notes()  # panels placed while the tab was made
            content.noteRequested.connect(
                lambda spec: self.notes.edit_chart(spec, self.selection.lang, self)
            )
            lazy.layout().addWidget(content)
            lazy.content = content
        if complete and lazy.content is not None:
            lazy.content.complete()
        return lazy.content

    def notes_for_export(self) -> dict[str, str]:
        """The presenter's notes of the snapshot shown, keyed as the brief expects (cover,
        chart id, tab:<id>, slide:<id>): the PDF and PowerPoint exports print them."""
        return self.notes.all()

    def _refresh_notes(self, _target: str = "") -> None:
        """Chart panels show whether they carry a note (notes area)."""
        for i in range(self.tabs.count()):
            content = getattr(self.tabs.widget(i), "content", None)
            if content is not None:
                content.refresh_notes()

    def _on_tab_changed(self, index: int) -> None:
        if index < 0 or self.briefing is None:
            return
        self.page(TAB_IDS[index], complete=False)
        self.settings.setValue("tab", index)

    def _update_titles(self) -> None:
        if self.briefing is None:
            self.setWindowTitle(APP_NAME)
            self.status_label.setText("")
            return
        snap = self.briefing.snapshot
        lang = self.selection.lang
        sep = tr("punct.colon", lang)
        self.setWindowTitle(
            f"{snap.title(lang)} — {tr('label.as_of', lang)} {snap.as_of} — {APP_NAME}"
        )
        self.status_label.setText(
            f"{snap.title(lang)} · {tr('label.as_of', lang)}{sep}{snap.as_of} · "
            f"{counts_text(snap, lang)} · "
            f"{tr('label.content_id', lang)} {snap.short_id}"
        )

    def open_dialog(self) -> None:
        start = str(self.settings.value("open_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("window.open_snapshot", self.selection.lang),
            start,
            tr("compare.qftz_snapshots_sqlite_db", self.selection.lang),
        )
        if path:
            self.settings.setValue("open_dir", str(Path(path).parent))
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Open a snapshot on a worker thread; the current one stays until it succeeds."""
        task = _LoadTask(Path(path))
        task.setAutoDelete(False)
        task.signals.done.connect(self._on_loaded)
        task.signals.failed.connect(self._on_failed)
        self._loading.add(task)
        self.statusBar().showMessage(tr("window.opening", self.selection.lang, path=path))
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.pool.start(task)

    def _finish_task(self, path: Path) -> None:
        self._loading = {t for t in self._loading if t.path != path}
        self.unsetCursor()
        self.statusBar().clearMessage()

    def _on_loaded(self, path: Path, briefing: Briefing) -> None:
        self._finish_task(path)
        self.set_briefing(briefing)
        self.snapshotLoaded.emit(path)

    def _on_failed(self, path: Path, error: SnapshotError) -> None:
        self._finish_task(path)
        lang = self.selection.lang
        message = error.message(lang)
        self.snapshotFailed.emit(path, message)
        keep = (
            tr("import.snapshot_already_open_stays", self.selection.lang)
            if self.briefing is not None
            else ""
        )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("window.cannot_open_snapshot", self.selection.lang))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(tr("window.cannot_open", self.selection.lang, path=path))
        box.setInformativeText(f"{message}\n\n{keep}".strip())
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        self._last_error_box = box

    # -- selection-level actions ------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.selection.set_lang(lang)

    def _on_lang(self, lang: str) -> None:
        self.settings.setValue("lang", lang)
        apply_qt_translation(lang)
        self._build_chrome()
        if self.briefing is not None:
            for i, tab_id in enumerate(TAB_IDS):
                self.tabs.setTabText(i, _amp(tr(f"tab.{tab_id}", lang)))
            self._rebuild_tabs()
        else:
            self._show_placeholder()
        self._update_titles()

    def navigate_to_metric(self, metric_id: str) -> None:
        """Open the tab that explains a metric and bring it into view, highlighted."""
        if self.briefing is None or metric_id not in self.briefing.metrics:
            return
        tab_id = self.briefing.tab_of(metric_id)
        self.tabs.setCurrentIndex(TAB_IDS.index(tab_id))
        # panels placed, charts built as they come into view: highlighting and scrolling work
        # on the placeholders, so a tab of hundreds of charts opens at once
        self.page(tab_id, complete=False).complete(build_all=False)
        self.selection.highlight_metric(metric_id)

    def show_data(self, spec: ChartSpec) -> DataDialog:
        dialog = DataDialog(self.briefing, spec, self.selection.lang, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def toggle_fullscreen(self, _checked: bool = False) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def export_pdf(self) -> None:
        if self.briefing is None:
            return
        from .export_dialog import run_export_dialog

        run_export_dialog(self)

    def present(self) -> None:
        if self.briefing is None:
            return
        from .presentation import start_presentation

        start_presentation(self)

    # -- meeting mode (ui/presentation/session.py) asks, never sets ---------------------------
    def view_state(self) -> tuple[int, QWidget]:
        """What the window shows (tab, centre), for meeting mode to put back when it ends."""
        return self.tabs.currentIndex(), self.stack.currentWidget()

    def restore_view_state(self, state: tuple[int, QWidget]) -> None:
        """Show again what :meth:`view_state` recorded, as far as it still exists."""
        tab, centre = state
        if centre is not None and self.stack.indexOf(centre) >= 0:
            self.stack.setCurrentWidget(centre)
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def show_presenter_view(self, view: QWidget) -> None:
        """Meeting mode's presenter view takes the window's centre (the tabs stay built)."""
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)

    def remove_presenter_view(self, view: QWidget) -> None:
        self.stack.removeWidget(view)

    def edit_deck(self) -> None:
        if self.briefing is None:
            return
        from .deck_dialog import open_deck_dialog

        open_deck_dialog(self)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) as the F1 dialog lists them; ("", title) starts a section."""
        lang = self.selection.lang
        return [
            ("Ctrl+O", tr("window.open_snapshot", lang)),
            ("Ctrl+E", tr("export.export_pdf_brief", lang)),
            ("Ctrl+1 … Ctrl+6", tr("window.switch_tabs", lang)),
            ("Alt+← / Alt+→", tr("window.previous_next_year", lang)),
            ("Ctrl+0", tr("window.clear_focused_year", lang)),
            # render area: chart -> picture (ui/chart_menu.py); right-click also saves PNG/SVG
            (
                "Ctrl+Shift+C",
                tr("window.copy_selected_chart_as", lang),
            ),
            ("Ctrl+L", tr("window.switch_language", lang)),
            ("F5", tr("window.present_2", lang)),
            ("F11", tr("window.full_screen", lang)),
            ("F1", tr("window.keyboard_shortcuts", lang)),
            ("Ctrl+Q", tr("window.quit", lang)),
            ("", tr("window.meeting_mode", lang)),
            ("→ ↓ PgDn Space Enter", tr("window.next_slide", lang)),
            ("← ↑ PgUp Backspace", tr("window.previous_slide", lang)),
            ("Home / End", tr("window.first_last_slide", lang)),
            (tr("window.digits_enter", lang), tr("window.go_slide_n", lang)),
            ("B / .   W / ,", tr("window.black_white_screen", lang)),
            ("Shift+← / Shift+→", tr("window.focus_previous_next_year", lang)),
            ("F", tr("window.year_mode_change_year", lang)),
            ("T", tr("window.dark_light_projector_theme", lang)),
            ("L", tr("window.switch_language", lang)),
            ("Esc", tr("window.leave_back_where_you", lang)),
        ]

    def show_shortcuts(self) -> QDialog:
        """F1: the keys in a real two-column table (spaces in a proportional font never line
        up), a section row spanning both columns."""
        lang = self.selection.lang
        rows = self.shortcut_rows()
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("window.keyboard_shortcuts", lang))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        table = QTableWidget(len(rows), 2, dialog)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([tr("window.keys", lang), tr("window.action", lang)])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setShowGrid(False)
        table.setWordWrap(False)
        for r, (keys, what) in enumerate(rows):
            if not keys:  # a section title across both columns
                item = QTableWidgetItem(what)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                table.setItem(r, 0, item)
                table.setSpan(r, 0, 1, 2)
                continue
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(what))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a list to read: no current cell
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame = 2 * table.frameWidth()
        # every row visible when the screen has room; a scroll bar only on a small screen
        avail = self.available_geometry().height() - 160
        table.setMinimumHeight(
            min(table.verticalHeader().length() + table.horizontalHeader().height() + frame, avail)
        )
        table.setMinimumWidth(table.horizontalHeader().length() + frame + 24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.adjustSize()
        dialog.open()
        return dialog

    def show_about(self) -> None:
        snap = self.briefing.snapshot if self.briefing else None
        lines = [f"{APP_NAME} {__version__}"]
        if snap:
            lines += [snap.title(self.selection.lang), str(snap.path), snap.content_id]
        box = QMessageBox(self)
        box.setWindowTitle(tr("window.about", self.selection.lang))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(lines))
        box.open()

    # -- drag and drop, geometry ------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.open_path(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    def available_geometry(self) -> QRect:
        """The usable part (without task bars) of the screen the window opens on."""
        screen = (
            QGuiApplication.screenAt(self.geometry().center())
            or self.screen()
            or QGuiApplication.primaryScreen()
        )
        return screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0), FIRST_SIZE)

    def _restore_geometry(self) -> None:
        """First run: 1440×900 or the screen's available area if smaller, centred. Restored:
        the saved geometry, clamped to the screen it opens on (a laptop's window opened on a
        projector of lower resolution)."""
        geometry = self.settings.value("geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        if not restored:
            avail = self.available_geometry()
            size = FIRST_SIZE.boundedTo(avail.size())
            rect = QRect(QPoint(0, 0), size)
            rect.moveCenter(avail.center())
            self.setGeometry(rect)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Keep the window, frame included, inside the available area of its screen."""
        if self.isMaximized() or self.isFullScreen():
            return
        avail = self.available_geometry()
        self.setMinimumSize(MIN_SIZE.boundedTo(avail.size()))
        frame = self.frameGeometry()
        extra = frame.size() - self.geometry().size()  # title bar and borders, once shown
        fitted = fit_rect(frame, avail)
        if fitted != frame:
            self.resize(fitted.size() - extra)
            self.move(fitted.topLeft())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_fitted_shown", False):
            self._fitted_shown = True  # the frame's size is known only now
            self.fit_to_screen()

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("tab", self.tabs.currentIndex())
        self.settings.setValue("lang", self.selection.lang)
        self.settings.sync()
        self.pool.waitForDone(5000)
        super().closeEvent(event)
