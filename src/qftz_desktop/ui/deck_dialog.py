"""Choose and order the slides of meeting mode; export them as a 16:9 PDF handout.

The list shows every slide the snapshot offers, ticked when it is in the deck. The ticked
chart slides, in their order, are also the meeting brief's charts (PDF export; at most
``MAX_CHOSEN``); with none ticked the brief keeps the rules' choice. Order changes by
drag and drop or with the Up/Down buttons (Ctrl+Up / Ctrl+Down). The choice is remembered per
snapshot content id (:func:`~qftz_desktop.ui.presentation.remember_choice`), so it comes back
for the same data and survives a new snapshot: slides that disappeared are dropped, new ones are
added at the end.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..domain.brief.compose import MAX_CHOSEN
from ..domain.briefing import Briefing
from ..domain.deck import Deck, DeckChoice, brief_charts
from ..text import tr
from .presentation import remember_choice, remembered_choice
from .text import plain_label

ID_ROLE = Qt.ItemDataRole.UserRole


class DeckDialog(QDialog):
    """Tick the slides of the deck and put them in order."""

    presentRequested = Signal()

    def __init__(self, briefing: Briefing, settings, lang: str, parent=None, selection=None):
        super().__init__(parent)
        self.briefing = briefing
        self.settings = settings
        self.lang = lang
        self.selection = selection
        self.deck = Deck(briefing)
        self.setWindowTitle(tr("deckdlg.slides_meeting_mode", lang))
        self.resize(760, 640)
        lay = QVBoxLayout(self)
        lay.addWidget(
            plain_label(
                tr("deckdlg.tick_slides_show_drag", lang),
                wrap=True,
            )
        )
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.up_button = QPushButton(tr("deckdlg.up", lang))
        self.down_button = QPushButton(tr("deckdlg.down", lang))
        self.all_button = QPushButton(tr("deckdlg.all", lang))
        self.none_button = QPushButton(tr("deckdlg.none", lang))
        self.reset_button = QPushButton(tr("deckdlg.meeting_deck_default", lang))
        # every slide, in the deck's order: "all charts" one click away from the meeting deck
        self.every_button = QPushButton(tr("deckdlg.all_slides", lang))
        self.every_button.clicked.connect(self.every_slide)
        self.up_button.setToolTip("Ctrl+↑")
        self.down_button.setToolTip("Ctrl+↓")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        self.reset_button.clicked.connect(self.reset)
        for b in (self.up_button, self.down_button):
            side.addWidget(b)
        side.addSpacing(16)
        for b in (self.all_button, self.none_button, self.reset_button, self.every_button):
            side.addWidget(b)
        from .notes_editor import deck_note_button  # presenter's notes area

        side.addSpacing(16)
        self.note_button = deck_note_button(self)
        side.addWidget(self.note_button)
        side.addStretch(1)
        body.addLayout(side)
        lay.addLayout(body, 1)
        self.list.installEventFilter(self)  # Ctrl+Up / Ctrl+Down move the current slide

        self.count_label = plain_label("")
        lay.addWidget(self.count_label)
        # brief area: the ticked charts, in this order, are the meeting brief's too
        self.brief_label = plain_label("", wrap=True, object_name="deckBriefCharts")
        lay.addWidget(self.brief_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.handout_button = buttons.addButton(
            tr("deckdlg.export_handout_pdf", lang),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.present_button = buttons.addButton(
            tr("deckdlg.present", lang), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.handout_button.clicked.connect(self.export_handout_dialog)
        self.present_button.clicked.connect(self._present)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.list.itemChanged.connect(self._update_count)
        self.list.model().rowsMoved.connect(self._update_count)

        choice = remembered_choice(settings, briefing) or DeckChoice.default(self.deck)
        self.load(choice)

    # -- the list --------------------------------------------------------------------------
    def _item_text(self, slide_id: str) -> str:
        slide = self.deck.get(slide_id)
        if slide is None:
            return slide_id
        if slide.kind == "title":
            return slide.title(self.lang)
        return f"{slide.kicker(self.lang)} · {slide.title(self.lang)}"

    def load(self, choice: DeckChoice) -> None:
        choice = choice.reconcile(self.deck.ids)
        self.list.blockSignals(True)
        self.list.clear()
        for slide_id in choice.order:
            item = QListWidgetItem(self._item_text(slide_id))  # item text is never HTML
            item.setData(ID_ROLE, slide_id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            hidden = slide_id in choice.hidden
            item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_count()

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def choice(self) -> DeckChoice:
        order = tuple(str(it.data(ID_ROLE)) for it in self.items())
        hidden = frozenset(
            str(it.data(ID_ROLE)) for it in self.items() if it.checkState() != Qt.CheckState.Checked
        )
        return DeckChoice(order, hidden)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(obj, event)

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        new = row + step
        if row < 0 or not 0 <= new < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(new, item)
        self.list.setCurrentRow(new)
        self._update_count()

    def set_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.list.blockSignals(True)
        for it in self.items():
            it.setCheckState(state)
        self.list.blockSignals(False)
        self._update_count()

    def reset(self) -> None:
        """The meeting deck: the meeting brief's content, the other slides left out."""
        self.load(DeckChoice.default(self.deck))

    def every_slide(self) -> None:
        """Every slide, all charts included, in the deck's order."""
        self.load(DeckChoice.all_slides(self.deck))

    def _update_count(self, *_args) -> None:
        n = len(self.choice().included)
        total = self.list.count()
        self.count_label.setText(tr("deckdlg.slides_chosen", self.lang, n=n, total=total))
        self._update_brief_label()
        ok = n > 0
        self.handout_button.setEnabled(ok)
        self.present_button.setEnabled(ok)

    def brief_chart_ids(self) -> tuple[str, ...] | None:
        """The meeting brief's charts for the choice shown (None: the rules' choice)."""
        return brief_charts(self.deck, self.choice())

    def _update_brief_label(self) -> None:
        """Say which charts the meeting brief (PDF) will hold: the ticked ones, in order."""
        ids = self.brief_chart_ids()
        if ids is not None:
            titles = {c.id: c.title(self.lang) for t in self.briefing.tabs for c in t.charts}
            names = tr("punct.list", self.lang).join(titles.get(i, i) for i in ids)
            text = tr("deckdlg.charts_meeting_brief_pdf", self.lang, names=names)
        else:
            ticked = {
                slide.chart.id
                for slide in self.deck.chosen(self.choice().included)
                if slide.chart is not None
            }
            if not ticked:
                text = tr("deckdlg.meeting_brief_pdf_no", self.lang)
            else:
                text = tr(
                    "deckdlg.meeting_brief_pdf_charts",
                    self.lang,
                    ticked=len(ticked),
                    chosen=MAX_CHOSEN,
                )
        self.brief_label.setText(text)

    # -- actions -------------------------------------------------------------------------------
    def save(self) -> DeckChoice:
        choice = self.choice()
        remember_choice(self.settings, self.briefing, choice)
        return choice

    def accept(self) -> None:
        self.save()
        super().accept()

    def _present(self) -> None:
        self.save()
        super().accept()
        self.presentRequested.emit()

    def export_handout_dialog(self) -> Path | None:
        snap = self.briefing.snapshot
        start = str(self.settings.value("export_dir", str(Path.home())))
        name = f"{snap.title(self.lang)}-{snap.as_of}-{tr('deckdlg.handout', self.lang)}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("deckdlg.export_handout_pdf_2", self.lang),
            str(Path(start) / name),
            "PDF (*.pdf)",
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.settings.setValue("export_dir", str(Path(path).parent))
        return self.export_handout(Path(path))

    def export_handout(self, path: Path) -> Path | None:
        """Write the ticked slides, in order, to ``path`` (one 16:9 page each)."""
        from ..export.atomic import AtomicWriteError
        from ..export.handout import export_handout

        self.save()
        slides = self.deck.chosen(self.choice().included)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return export_handout(slides, path, self.lang, self.selection)
        except AtomicWriteError as exc:
            QApplication.restoreOverrideCursor()
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setWindowTitle(tr("deckdlg.cannot_export", self.lang))
            box.setText(exc.message(self.lang))
            box.open()
            self._error_box = box
            return None
        finally:
            if QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()


def open_deck_dialog(window) -> DeckDialog | None:
    """Open the slide chooser for a MainWindow (menu: View ▸ Slides…)."""
    if window.briefing is None:
        return None
    dialog = DeckDialog(
        window.briefing, window.settings, window.selection.lang, window, window.selection
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def present() -> None:
        from .presentation import start_presentation

        start_presentation(window)

    dialog.presentRequested.connect(present)
    dialog.open()
    return dialog
