"""Right-click menu and shortcut of a chart: copy it as an image, save it as PNG or SVG.

The picture itself (title, scope · unit, chart, status legend, source, data as of · snapshot
id) is drawn by :mod:`qftz_desktop.render.chart_picture`; this module only offers it.
Ctrl+Shift+C copies the chart that has the keyboard focus (click it, or Tab to it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ..export.atomic import AtomicWriteError, atomic_write
from ..render.chart_picture import ChartPicture, chart_image, picture_bytes
from ..text import tr

if TYPE_CHECKING:
    from ..domain.briefing import Briefing, ChartSpec

COPY_SHORTCUT = "Ctrl+Shift+C"


class ChartPictureActions:
    """The three actions for one chart; ``years()`` gives the year range shown."""

    def __init__(
        self,
        owner: QWidget,
        spec: ChartSpec,
        briefing: Briefing,
        lang: str,
        years: Callable[[], tuple[int, int] | None],
    ):
        self.owner = owner
        self.spec = spec
        self.briefing = briefing
        self.lang = lang
        self.years = years
        self.copy_action = QAction(tr("chart.copy_image", lang), owner)
        self.copy_action.setShortcut(QKeySequence(COPY_SHORTCUT))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy)
        owner.addAction(self.copy_action)
        self.png_action = QAction(tr("chart.save_png", lang), owner)
        self.png_action.triggered.connect(lambda: self.save(suffix=".png"))
        self.svg_action = QAction(tr("chart.save_svg", lang), owner)
        self.svg_action.triggered.connect(lambda: self.save(suffix=".svg"))

    def picture(self) -> ChartPicture:
        return ChartPicture(self.spec, self.briefing, self.lang, self.years())

    def menu(self) -> QMenu:
        menu = QMenu(self.owner)
        for action in (self.copy_action, self.png_action, self.svg_action):
            menu.addAction(action)
        return menu

    def show_menu(self, widget: QWidget, pos: QPoint) -> None:
        self.menu().exec(widget.mapToGlobal(pos))

    def copy(self) -> None:
        """The picture on the clipboard as an image (pastes into slides, mail, documents)."""
        QGuiApplication.clipboard().setImage(chart_image(self.picture()))

    def save(self, path: str | Path | None = None, suffix: str = ".png") -> Path | None:
        """Write the picture (PNG at 2×, or SVG) atomically; ask for the path if not given."""
        if path is None:
            name = self.spec.id.split(":", 1)[1].split("|", 1)[0] + suffix
            kind = "PNG (*.png)" if suffix == ".png" else "SVG (*.svg)"
            path, _ = QFileDialog.getSaveFileName(
                self.owner, tr("chart.save_title", self.lang), name, kind
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_name(target.name + suffix)
        try:
            atomic_write(target, picture_bytes(self.picture(), target))
        except AtomicWriteError as exc:
            QMessageBox.warning(self.owner, "QFTZ Briefing", exc.message(self.lang))
            return None
        return target


def attach_picture_menu(
    owner: QWidget,
    chart: QWidget,
    spec: ChartSpec,
    briefing: Briefing,
    lang: str,
    years: Callable[[], tuple[int, int] | None],
    focusable: bool = True,
) -> ChartPictureActions:
    """Give ``chart`` its right-click menu, and ``owner`` the copy shortcut.

    ``focusable`` False (a slide: the keys belong to the presentation) keeps the chart's
    focus policy; the right-click menu still works."""
    actions = ChartPictureActions(owner, spec, briefing, lang, years)
    target = getattr(chart, "viewport", lambda: chart)()
    target.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    target.customContextMenuRequested.connect(lambda pos: actions.show_menu(target, pos))
    if focusable:
        chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click gives it the shortcut
    return actions
