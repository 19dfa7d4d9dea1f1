"""The presenter's notes in the window: where they are saved, the editor, File ▸ Notes.

The notes file lives beside the app's settings (``QFTZ_SETTINGS_DIR`` when set, else Qt's
per-user AppDataLocation), never inside the snapshot, which is read-only. Each edit is saved at
once (atomically), so a crash or a restart loses nothing. What a note is and how files merge is
decided in :mod:`qftz_desktop.domain.notes`; this module only shows and edits.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.briefing import Briefing, ChartSpec
from ..domain.deck import Deck, Slide
from ..domain.notes import (
    NoteBook,
    NotesFileError,
    SlideNotes,
    chart_target,
    cover_target,
    known_targets,
    notes_for_slides,
    set_own_takeaways,
    slide_target,
    tab_target,
    takeaway_target,
)
from ..domain.tabs import TAB_IDS
from ..text import tr
from .text import plain_label

NOTES_FILE = "presenter-notes.json"
LAST_ID_SETTING = "notes/last_content_id"


def notes_path() -> Path:
    """Beside the settings: the tests' and portable folder, else the per-user data folder."""
    folder = os.environ.get("QFTZ_SETTINGS_DIR")
    if folder:
        return Path(folder) / NOTES_FILE
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / NOTES_FILE


def describe_target(briefing: Briefing, target: str, lang: str) -> str:
    """A target as the user knows it: '封面', '栏目：贸易', '图表：…', '幻灯片：…'."""
    sep = tr("punct.colon", lang)
    if target == cover_target():
        return tr("notes.cover", lang)
    kind, _, rest = target.partition(":")
    if kind == "tab":
        return f"{tr('changes.col_tab', lang)}{sep}{tr(f'tab.{rest}', lang) or rest}"
    deck = Deck(briefing)
    if kind == "chart":
        chart = next((s.chart for s in deck.slides if s.chart and s.chart.id == target), None)
        name = chart.title(lang) if chart is not None else rest
        return f"{tr('notes.chart', lang)}{sep}{name}"
    slide = deck.get(rest)
    name = f"{slide.kicker(lang)} · {slide.title(lang)}" if slide is not None else rest
    return f"{tr('notes.slide', lang)}{sep}{name}"


class NotesController(QObject):
    """The notes of the window's snapshot: read, edit, save, import, export."""

    changed = Signal(str)  # target

    def __init__(self, settings, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.path = path or notes_path()
        self.briefing: Briefing | None = None
        self.load_error: NotesFileError | None = None
        self.load_error_shown = False
        try:
            self.book = NoteBook.load(self.path, missing_ok=True)
        except NotesFileError as exc:  # keep the user's file untouched; start empty
            self.book = NoteBook()
            self.load_error = exc

    @property
    def content_id(self) -> str:
        if self.briefing is None:
            return ""
        snap = self.briefing.snapshot
        return snap.content_id or str(snap.path)

    def set_briefing(self, briefing: Briefing) -> None:
        """Show this snapshot's notes; a new snapshot inherits the previous one's."""
        self.briefing = briefing
        previous = str(self.settings.value(LAST_ID_SETTING, "") or "")
        if previous and self.book.carry_over(previous, self.content_id, self._label()):
            self._save()
        self.settings.setValue(LAST_ID_SETTING, self.content_id)
        set_own_takeaways(briefing, self.all())

    def _label(self) -> str:
        if self.briefing is None:
            return ""
        snap = self.briefing.snapshot
        return f"{snap.title('zh')} · {snap.as_of}"

    def _save(self) -> bool:
        if self.load_error is not None:
            return False  # never overwrite a file we could not read
        try:
            self.book.save(self.path)
        except OSError:
            return False
        return True

    # reading ---------------------------------------------------------------------------
    def text(self, target: str) -> str:
        return self.book.get(self.content_id, target)

    def all(self) -> dict[str, str]:
        return self.book.notes(self.content_id)

    def chart_text(self, spec: ChartSpec) -> str:
        return self.text(chart_target(spec.id))

    def slide_notes(self, slides: tuple[Slide, ...]) -> list[SlideNotes]:
        return notes_for_slides(self.all(), [(s.id, s.kind, s.tab) for s in slides])

    def orphans(self) -> dict[str, str]:
        if self.briefing is None:
            return {}
        deck = Deck(self.briefing)
        targets = known_targets(
            [t.id for t in self.briefing.tabs], [(s.id, s.kind, s.tab) for s in deck.slides]
        )
        return self.book.orphans(self.content_id, targets)

    # writing ---------------------------------------------------------------------------
    def set_text(self, target: str, text: str) -> bool:
        if not self.content_id:
            return False
        if self.book.set(self.content_id, target, text, self._label()):
            self._changed(target)
            return True
        return False

    def _changed(self, target: str) -> None:
        self._save()
        if self.briefing is not None:  # the slides and panels read the own takeaways
            set_own_takeaways(self.briefing, self.all())
        self.changed.emit(target)

    def takeaway_text(self, spec: ChartSpec) -> str:
        """The presenter's own takeaway of a chart ('' when the computed one is shown)."""
        return self.text(takeaway_target(spec.id))

    def computed_takeaways(self, spec: ChartSpec) -> dict[str, str]:
        """The chart's computed takeaway in both languages, all years (the brief's and the
        slides' sentence)."""
        from ..domain.brief.takeaway import takeaway

        return {lang: takeaway(spec, lang) for lang in ("zh", "en")}

    def set_takeaway(self, spec: ChartSpec, text: str) -> bool:
        """Replace a chart's computed takeaway with the presenter's words ('' restores the
        computed one); the computed sentence is kept beside them in the notes file."""
        if not self.content_id:
            return False
        computed = self.computed_takeaways(spec)
        if self.book.set_takeaway(self.content_id, spec.id, text, computed, self._label()):
            self._changed(takeaway_target(spec.id))
            return True
        return False

    def edit(self, target: str, lang: str, parent: QWidget | None = None) -> NoteDialog | None:
        if self.briefing is None:
            return None
        dialog = NoteDialog(describe_target(self.briefing, target, lang), self.text(target), lang)
        dialog.setParent(parent, dialog.windowFlags())
        dialog.accepted.connect(lambda: self.set_text(target, dialog.text()))
        dialog.open()
        return dialog

    def edit_chart(self, spec: ChartSpec, lang: str, parent: QWidget | None = None):
        """A chart's dialog: its presenter's note and its takeaway in the presenter's words."""
        if self.briefing is None:
            return None
        target = chart_target(spec.id)
        dialog = NoteDialog(
            describe_target(self.briefing, target, lang),
            self.text(target),
            lang,
            takeaway=self.takeaway_text(spec),
            computed=self.computed_takeaways(spec).get(lang, ""),
        )
        dialog.setParent(parent, dialog.windowFlags())

        def save() -> None:
            self.set_takeaway(spec, dialog.takeaway_text())
            self.set_text(target, dialog.text())

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def edit_slide(self, slide: Slide, lang: str, parent: QWidget | None = None):
        return self.edit(slide_target(slide.id, slide.kind, slide.tab), lang, parent)

    def import_file(self, path: Path, lang: str) -> str:
        """Merge a colleague's file; returns the message to show (raises NotesFileError)."""
        other = NoteBook.load(path)
        report = self.book.merge(other, self.content_id, Path(path).name)
        if report.changed:
            self._changed("")
        return tr(
            "notes.imported_counts",
            lang,
            imported=report.added + report.carried,
            same=report.unchanged,
            differed=len(report.combined),
        )

    def export_file(self, path: Path) -> int:
        """Write this snapshot's notes to one small file; returns how many notes."""
        self.book.save(path, [self.content_id])
        return len(self.all())


class NoteDialog(QDialog):
    """A small plain-text editor for one note; for a chart, also its takeaway in the
    presenter's own words (``takeaway`` not None), with the computed sentence beside it and a
    button that restores it."""

    def __init__(
        self,
        what: str,
        text: str,
        lang: str,
        parent: QWidget | None = None,
        takeaway: str | None = None,
        computed: str = "",
    ):
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(tr("notes.presenter_s_note", lang))
        self.resize(560, 320 if takeaway is None else 460)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(what, wrap=True))
        self.takeaway_editor: QPlainTextEdit | None = None
        if takeaway is not None:
            self._add_takeaway(lay, lang, takeaway, computed)
            lay.addWidget(plain_label(tr("notes.presenter_s_note_label", lang)))
        self.editor = QPlainTextEdit()
        self.editor.setPlainText(text)
        self.editor.setPlaceholderText(tr("notes.shown_presenter_view_meeting", lang))
        lay.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.editor.setFocus()

    def _add_takeaway(self, lay: QVBoxLayout, lang: str, own: str, computed: str) -> None:
        lay.addWidget(
            plain_label(
                tr("notes.chart_s_takeaway_your", lang),
                wrap=True,
            )
        )
        self.takeaway_editor = QPlainTextEdit()
        self.takeaway_editor.setObjectName("takeawayEditor")
        self.takeaway_editor.setPlainText(own)
        self.takeaway_editor.setPlaceholderText(computed)
        self.takeaway_editor.setMaximumHeight(90)
        lay.addWidget(self.takeaway_editor)
        row = QHBoxLayout()
        self.computed_label = plain_label(
            tr("notes.computed", lang) + (computed or "—"),
            wrap=True,
            object_name="computedTakeaway",
        )
        row.addWidget(self.computed_label, 1)
        self.restore_button = QPushButton(tr("notes.restore_computed", lang))
        self.restore_button.setObjectName("restoreComputed")
        self.restore_button.clicked.connect(self.takeaway_editor.clear)
        row.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)

    def text(self) -> str:
        return self.editor.toPlainText()

    def takeaway_text(self) -> str:
        return self.takeaway_editor.toPlainText() if self.takeaway_editor is not None else ""


def install_notes_menu(window, file_menu: QMenu) -> QMenu:
    """File ▸ Notes: cover and tab notes, import, export, and the notes without a place."""
    lang = window.selection.lang
    menu = file_menu.addMenu(tr("notes.presenter_s_notes", lang))
    menu.setObjectName("notesMenu")

    def add(key: str, slot, name: str) -> QAction:
        act = QAction(tr(key, lang), menu)  # rebuilt with the menu (language switch)
        act.setObjectName(name)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    add("notes.cover_note_menu", lambda: edit_cover(window), "noteCover")
    add("notes.note_for_this_tab_menu", lambda: edit_current_tab(window), "noteTab")
    menu.addSeparator()
    add("notes.import_notes_menu", lambda: import_dialog(window), "notesImport")
    add("notes.export_notes_menu", lambda: export_dialog(window), "notesExport")
    menu.addSeparator()
    orphan_action = add(
        "notes.notes_without_a_place_menu", lambda: show_orphans(window), "notesOrphans"
    )
    menu.aboutToShow.connect(lambda: _update_orphan_action(window, orphan_action))
    error = window.notes.load_error
    if (
        error is not None and not window.notes.load_error_shown
    ):  # said once, in the status bar; the file is left as it is
        window.notes.load_error_shown = True
        window.statusBar().showMessage(
            error.message(lang) + tr("notes.notes_are_not_saved", lang),
            30000,
        )
    return menu


def _update_orphan_action(window, action: QAction) -> None:
    n = len(window.notes.orphans())
    lang = window.selection.lang
    action.setText(tr("notes.notes_without_place", lang, n=n))
    action.setEnabled(n > 0)


def edit_cover(window):
    return window.notes.edit(cover_target(), window.selection.lang, window)


def edit_current_tab(window):
    index = window.tabs.currentIndex()
    if index < 0 or window.briefing is None:
        return None
    return window.notes.edit(tab_target(TAB_IDS[index]), window.selection.lang, window)


def import_dialog(window) -> None:
    lang = window.selection.lang
    path, _ = QFileDialog.getOpenFileName(
        window, tr("notes.import_notes", lang), "", "Notes (*.json)"
    )
    if path:
        import_notes(window, Path(path))


def import_notes(window, path: Path) -> bool:
    lang = window.selection.lang
    try:
        message = window.notes.import_file(path, lang)
    except NotesFileError as exc:
        QMessageBox.warning(window, tr("notes.import_notes", lang), exc.message(lang))
        return False
    QMessageBox.information(window, tr("notes.import_notes", lang), message)
    return True


def export_dialog(window) -> None:
    lang = window.selection.lang
    path, _ = QFileDialog.getSaveFileName(
        window, tr("notes.export_notes", lang), "notes.json", "Notes (*.json)"
    )
    if path:
        export_notes(window, Path(path))


def export_notes(window, path: Path) -> bool:
    lang = window.selection.lang
    try:
        window.notes.export_file(path)
    except OSError as exc:
        QMessageBox.warning(
            window,
            tr("notes.export_notes", lang),
            tr("notes.cannot_write", lang, path=path, strerror=exc.strerror),
        )
        return False
    return True


def show_orphans(window) -> None:
    """List the notes whose chart or slide this snapshot no longer has (kept, exported)."""
    lang = window.selection.lang
    orphans = window.notes.orphans()
    lines = [f"{target}\n    {text}" for target, text in orphans.items()]
    intro = tr("notes.these_notes_refer_chart", lang)
    QMessageBox.information(
        window,
        tr("notes.notes_without_place_2", lang),
        intro + "\n\n" + "\n".join(lines),
    )


def deck_note_button(dialog) -> QPushButton:
    """View ▸ Slides…: a note for the selected slide (a chart slide's is its chart's)."""
    lang = dialog.lang
    button = QPushButton(tr("notes.note", lang))
    button.setObjectName("deckNoteButton")
    button.setToolTip(tr("notes.write_presenter_s_note", lang))

    def edit() -> None:
        item = dialog.list.currentItem()
        window = dialog.parent()
        notes = getattr(window, "notes", None)
        if item is None or notes is None:
            return
        slide = dialog.deck.get(item.data(Qt.ItemDataRole.UserRole))
        if slide is not None:
            notes.edit_slide(slide, lang, dialog)

    button.clicked.connect(edit)
    return button


def presenter_note_text(lang: str) -> str:
    """The presenter view's note button, in the language the slides are in (L switches)."""
    return tr("notes.edit_note", lang)


def presenter_note_button(presenter) -> QPushButton:
    """Presenter view: edit the current slide's note; never takes the keyboard (Space, Enter
    and the arrows keep moving the slides)."""
    p = presenter.presentation
    lang = p.lang
    button = QPushButton(presenter_note_text(lang))
    button.setObjectName("presenterNoteButton")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    notes = getattr(p.main_window, "notes", None)
    if notes is None:
        button.hide()
        return button
    notes.changed.connect(presenter.update_texts)

    def edit() -> None:
        if p.slides:
            notes.edit_slide(p.slides[p.index], p.lang, presenter)

    button.clicked.connect(edit)
    return button
