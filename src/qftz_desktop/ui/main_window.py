"""The briefing window: tabs linked by one Selection, menus, shortcuts, open/recent/drop.

Snapshots are opened on a worker thread so that a large file never freezes the window; a bad
file shows a message naming the file and the problem, and the snapshot already open stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..domain.i18n import tr
from ..domain.tabs import TAB_IDS
from ..render.selection import Selection
from ..render.theme import SCREEN
from ..snapshot.issues import Issue, SnapshotError
from .data_view import DataDialog
from .qt_translation import apply_qt_translation
from .settings import app_settings, push_recent, recent_files
from .tabs import BriefingTab, OverviewTab

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
        saved_lang = str(self.settings.value("lang", "zh"))
        self.selection = Selection(
            2019, 2024, lang or (saved_lang if saved_lang in ("zh", "en") else "zh")
        )
        self.briefing: Briefing | None = None
        self.theme = SCREEN
        self._loading: set[_LoadTask] = set()
        self.pool = QThreadPool.globalInstance()
        self.setAcceptDrops(True)
        self.setMinimumSize(960, 600)

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
    def _t(self, zh: str, en: str) -> str:
        return zh if self.selection.lang == "zh" else en

    def _build_chrome(self) -> None:
        """(Re)create menus and the toolbar in the current language."""
        self.menuBar().clear()
        for tb in self.findChildren(QToolBar):
            self.removeToolBar(tb)
            tb.deleteLater()
        t = self._t
        file_menu = self.menuBar().addMenu(t("文件(&F)", "&File"))
        self.open_action = QAction(t("打开快照…", "Open snapshot…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dialog)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(t("最近打开", "Open recent"))
        self._fill_recent()
        file_menu.addSeparator()
        self.export_action = QAction(t("导出 PDF 简报…", "Export PDF brief…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_pdf)
        file_menu.addAction(self.export_action)
        from .pptx_export import install_pptx_action  # PowerPoint area

        self.pptx_action = install_pptx_action(self, file_menu)
        from .notes_editor import install_notes_menu  # notes area

        install_notes_menu(self, file_menu)
        from .import_dialog import install_update_menu  # import data, compare (issue 13)

        install_update_menu(self, file_menu)
        file_menu.addSeparator()
        quit_action = QAction(t("退出", "Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = self.menuBar().addMenu(t("视图(&V)", "&View"))
        self.tab_actions: list[QAction] = []
        for i, tab_id in enumerate(TAB_IDS):
            act = QAction(_amp(tr(f"tab.{tab_id}", self.selection.lang)), self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, i=i: self.tabs.setCurrentIndex(i))
            view.addAction(act)
            self.addAction(act)
            self.tab_actions.append(act)
        view.addSeparator()
        prev_year = QAction(t("上一年", "Previous year"), self)
        prev_year.setShortcut(QKeySequence("Alt+Left"))
        prev_year.triggered.connect(lambda: self.selection.step_focus(-1))
        next_year = QAction(t("下一年", "Next year"), self)
        next_year.setShortcut(QKeySequence("Alt+Right"))
        next_year.triggered.connect(lambda: self.selection.step_focus(1))
        clear_focus = QAction(t("取消年份聚焦", "Clear focused year"), self)
        clear_focus.setShortcut(QKeySequence("Ctrl+0"))
        clear_focus.triggered.connect(lambda: self.selection.set_focus(None))
        for act in (prev_year, next_year, clear_focus):
            view.addAction(act)
        view.addSeparator()
        self.fullscreen_action = QAction(t("全屏", "Full screen"), self)
        self.fullscreen_action.setShortcut(QKeySequence("F11"))
        self.fullscreen_action.setCheckable(True)
        self.fullscreen_action.triggered.connect(self.toggle_fullscreen)
        view.addAction(self.fullscreen_action)
        self.present_action = QAction(t("演示", "Present"), self)
        self.present_action.setShortcut(QKeySequence("F5"))
        self.present_action.triggered.connect(self.present)
        view.addAction(self.present_action)
        self.deck_action = QAction(t("演示幻灯片…", "Slides…"), self)
        self.deck_action.triggered.connect(self.edit_deck)
        view.addAction(self.deck_action)
        lang_menu = view.addMenu(t("语言", "Language"))
        group = QActionGroup(self)
        for code, label in (("zh", "中文"), ("en", "English")):
            act = QAction(label, self, checkable=True)
            act.setChecked(code == self.selection.lang)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(act)
            lang_menu.addAction(act)
        toggle = QAction(t("切换语言", "Switch language"), self)
        toggle.setShortcut(QKeySequence("Ctrl+L"))
        toggle.triggered.connect(
            lambda: self.set_language("en" if self.selection.lang == "zh" else "zh")
        )
        lang_menu.addAction(toggle)

        help_menu = self.menuBar().addMenu(t("帮助(&H)", "&Help"))
        keys = QAction(t("快捷键", "Keyboard shortcuts"), self)
        keys.setShortcut(QKeySequence.StandardKey.HelpContents)
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        about = QAction(t("关于", "About"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

        bar = QToolBar(t("年份", "Years"))
        bar.setObjectName("yearsToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addAction(self.open_action)
        bar.addAction(self.export_action)
        bar.addAction(self.present_action)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("label.period_range", self.selection.lang)))
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
        bar.addWidget(QLabel(tr("label.to", self.selection.lang)))
        bar.addWidget(self.to_spin)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("label.focus_year", self.selection.lang)))
        self.focus_combo = QComboBox()
        self.focus_combo.currentIndexChanged.connect(self._on_focus_combo)
        bar.addWidget(self.focus_combo)
        bar.addAction(prev_year)
        bar.addAction(next_year)
        bar.addSeparator()
        lang_button = QAction("English" if self.selection.lang == "zh" else "中文", self)
        lang_button.setToolTip(t("切换语言 (Ctrl+L)", "Switch language (Ctrl+L)"))
        lang_button.triggered.connect(toggle.trigger)
        bar.addAction(lang_button)
        self._sync_toolbar()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = recent_files(self.settings)
        for i, path in enumerate(items):
            act = QAction(f"&{i + 1} {path}", self)
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
        self.placeholder.setText(
            self._t(
                "请打开一个快照文件（Ctrl+O），或将文件拖到此处。",
                "Open a snapshot (Ctrl+O) or drop a file here.",
            )
        )
        self.stack.setCurrentWidget(self.placeholder)

    def set_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
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
            content.noteRequested.connect(
                lambda spec: self.notes.edit_chart(spec, self.selection.lang, self)
            )
            lazy.layout().addWidget(content)
            lazy.content = content
        if complete and lazy.content is not None:
            lazy.content.complete()
        return lazy.content

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
        sep = "：" if lang == "zh" else ": "
        self.setWindowTitle(
            f"{snap.title(lang)} — {tr('label.as_of', lang)} {snap.as_of} — {APP_NAME}"
        )
        self.status_label.setText(
            f"{snap.title(lang)} · {tr('label.as_of', lang)}{sep}{snap.as_of} · "
            f"{snap.figures_count} {tr('label.figures', lang)} · "
            f"{tr('label.content_id', lang)} {snap.short_id}"
        )

    def open_dialog(self) -> None:
        start = str(self.settings.value("open_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self,
            self._t("打开快照", "Open snapshot"),
            start,
            self._t(
                "QFTZ 快照 (*.sqlite *.db);;所有文件 (*)",
                "QFTZ snapshots (*.sqlite *.db);;All files (*)",
            ),
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
        self.statusBar().showMessage(self._t(f"正在打开 {path} …", f"Opening {path} …"))
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
            self._t("当前快照保持不变。", "The snapshot already open stays open.")
            if self.briefing is not None
            else ""
        )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self._t("无法打开快照", "Cannot open snapshot"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self._t(f"无法打开 {path}", f"Cannot open {path}"))
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

    def edit_deck(self) -> None:
        if self.briefing is None:
            return
        from .deck_dialog import open_deck_dialog

        open_deck_dialog(self)

    def show_shortcuts(self) -> None:
        t = self._t
        rows = [
            ("Ctrl+O", t("打开快照", "Open snapshot")),
            ("Ctrl+E", t("导出 PDF 简报", "Export PDF brief")),
            ("Ctrl+1 … Ctrl+6", t("切换栏目", "Switch tabs")),
            ("Alt+← / Alt+→", t("上一年 / 下一年", "Previous / next year")),
            ("Ctrl+0", t("取消年份聚焦", "Clear focused year")),
            ("Ctrl+L", t("切换语言", "Switch language")),
            ("F5", t("演示模式", "Present")),
            ("F11", t("全屏", "Full screen")),
            ("Ctrl+Q", t("退出", "Quit")),
            ("", ""),
            ("", t("演示模式中：", "In meeting mode:")),
            ("→ ↓ PgDn Space Enter", t("下一页", "Next slide")),
            ("← ↑ PgUp Backspace", t("上一页", "Previous slide")),
            ("Home / End", t("第一页 / 最后一页", "First / last slide")),
            (t("数字 + Enter", "Digits + Enter"), t("跳到第 N 页", "Go to slide N")),
            ("B / .   W / ,", t("黑屏 / 白屏", "Black / white screen")),
            ("Shift+← / Shift+→", t("聚焦上一年 / 下一年", "Focus previous / next year")),
            ("F", t("年份模式：←/→ 切换年份", "Year mode: ←/→ change the year")),
            ("T", t("深色 / 浅色投影主题", "Dark / light projector theme")),
            ("L", t("切换语言", "Switch language")),
            ("Esc", t("退出演示，回到原栏目", "Leave, back to where you were")),
        ]
        box = QMessageBox(self)
        box.setWindowTitle(t("快捷键", "Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(f"{k:<24} {v}".rstrip() for k, v in rows))
        box.open()

    def show_about(self) -> None:
        snap = self.briefing.snapshot if self.briefing else None
        lines = [f"{APP_NAME} {__version__}"]
        if snap:
            lines += [snap.title(self.selection.lang), str(snap.path), snap.content_id]
        box = QMessageBox(self)
        box.setWindowTitle(self._t("关于", "About"))
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

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("tab", self.tabs.currentIndex())
        self.settings.setValue("lang", self.selection.lang)
        self.settings.sync()
        self.pool.waitForDone(5000)
        super().closeEvent(event)
