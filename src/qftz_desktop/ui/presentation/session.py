"""Starting and ending meeting mode: which deck, which screens, what the window shows after.

Meeting mode never sets the main window's fields. It reads the window's snapshot, settings,
notes and shared selection, and asks the window (public methods) to show the presenter view and,
at the end, to show again the tab it showed before. What runs for which window is kept here.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QScreen

from ...domain.briefing import Briefing
from ...domain.deck import Deck, DeckChoice, Slide, deck_key
from ...render.theme import PROJECTOR_DARK
from . import screens as screens_mod
from .audience import THEME_SETTING, PresentationWindow
from .presenter import PresenterView
from .screens import geometry, plan_screens


def remembered_choice(settings, briefing: Briefing) -> DeckChoice | None:
    """The deck the user last chose for this snapshot (View ▸ Slides…), if any."""
    if settings is None:
        return None
    return DeckChoice.from_json(settings.value(deck_key(briefing), ""))


def remember_choice(settings, briefing: Briefing, choice: DeckChoice) -> None:
    settings.setValue(deck_key(briefing), choice.to_json())
    settings.sync()


def deck_slides(window) -> tuple[Slide, ...]:
    """The slides to present for the window's snapshot: the remembered deck, else the meeting
    deck (else all, should the meeting deck be empty)."""
    from ..changes_panel import shown_changes  # the comparison the window's panel shows

    deck = Deck(window.briefing, changes=shown_changes(window))
    slides = deck.slides_for(remembered_choice(getattr(window, "settings", None), window.briefing))
    return slides or deck.slides


# The presentation running for each main window, and what that window showed before it: kept
# here, not in the window's own fields.
_RUNNING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_RETURN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def running_presentation(window) -> PresentationWindow | None:
    """Meeting mode's window for this main window while it runs, else None."""
    return _RUNNING.get(window)


def start_presentation(window, screens: Sequence | None = None) -> PresentationWindow | None:
    """Open meeting mode for ``window`` (a MainWindow): full-screen slides, presenter view."""
    if window.briefing is None:
        return None
    running = running_presentation(window)
    if running is not None and not running.ended:
        running.raise_()
        running.activateWindow()
        return running
    settings = getattr(window, "settings", None)
    theme_name = str(settings.value(THEME_SETTING, PROJECTOR_DARK.name)) if settings else ""
    # a child window of the main one: it never outlives it, nor keeps the app from quitting
    pres = PresentationWindow(window, deck_slides(window), theme_name, parent=window)
    pres.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    _RUNNING[window] = pres
    _RETURN[window] = window.view_state()
    pres.finished.connect(partial(restore_main_window, window, pres))
    screens = screens_mod.available_screens() if screens is None else list(screens)
    geometries = [geometry(s) for s in screens]
    main_screen = window.screen()
    main_index = next((i for i, s in enumerate(screens) if s is main_screen), -1)
    if main_index < 0 and geometries:
        centre = window.frameGeometry().center()
        main_index = next((i for i, g in enumerate(geometries) if g.contains(centre)), 0)
    plan = plan_screens(geometries, main_index)
    if geometries:
        target = screens[plan.slides]
        if isinstance(target, QScreen):
            pres.setScreen(target)
        pres.setGeometry(geometries[plan.slides])
    pres.plan = plan
    if plan.presenter is not None:
        presenter = PresenterView(pres)
        pres.presenter = presenter
        window.show_presenter_view(presenter)
    snapshot_loaded = getattr(window, "snapshotLoaded", None)
    if snapshot_loaded is not None:
        snapshot_loaded.connect(pres.end)  # another snapshot: these slides are stale
    pres.showFullScreen()
    pres.go(0)
    if plan.presenter is None:
        pres.raise_()
        pres.activateWindow()
        pres.setFocus()
    else:
        window.activateWindow()
    return pres


def restore_main_window(window, pres: PresentationWindow) -> None:
    """Esc: the window shows again what it showed before (its tab; no presenter view)."""
    back = _RETURN.pop(window, None)
    snapshot_loaded = getattr(window, "snapshotLoaded", None)
    if snapshot_loaded is not None:
        with contextlib.suppress(RuntimeError, TypeError):
            snapshot_loaded.disconnect(pres.end)
    if pres.presenter is not None:
        window.remove_presenter_view(pres.presenter)
        pres.presenter.deleteLater()
        pres.presenter = None
    if back is not None:
        window.restore_view_state(back)
    _RUNNING.pop(window, None)
    window.raise_()
    window.activateWindow()
