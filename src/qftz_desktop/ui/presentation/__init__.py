"""Meeting mode: the deck full-screen, driven by a clicker, readable on any projector.

``start_presentation(window)`` (F5 in the main window) opens a full-screen
:class:`~.audience.PresentationWindow` showing the remembered deck of the window's snapshot.
Slides are drawn with the projector themes and the one chart path
(:mod:`qftz_desktop.render.slide_view`); type is sized for 1920×1080 and scaled with the screen,
so a 1280×720 projector shows the same slide smaller in pixels but the same in the room.

The window's :class:`~qftz_desktop.render.selection.Selection` is shared: the year range, the
focused year and the language carry into the slides, and a year focused on a slide is focused
in the window too. Meeting mode never sets the main window's fields: it reads the selection and
calls the window's public methods.

The package, one module per thing a reader looks for:

=====================  =========================================================================
``session``            starting and ending: which deck, which screens, what the window shows after
``audience``           the full-screen window the room sees (building, moving, blank screen)
``keys``               which key does what (a clicker's keys, digits + Enter, year mode)
``presenter``          the presenter view on the laptop (current / next slide, notes, caveats)
``bounded_label``      text that shrinks, then ends in "…", never cut mid-line (the view's titles)
``screens``            where the slides go when there are two screens (pure geometry)
``slide_screenshots``  PNGs of representative slides (``qftz-desktop screenshot``)
=====================  =========================================================================
"""

from __future__ import annotations

from .audience import THEME_SETTING, PresentationWindow
from .presenter import PresenterView, render_view
from .screens import ScreenPlan, plan_screens
from .session import (
    deck_slides,
    remember_choice,
    remembered_choice,
    running_presentation,
    start_presentation,
)
from .slide_screenshots import presentation_screenshots, representative_slides

__all__ = [
    "THEME_SETTING",
    "PresentationWindow",
    "PresenterView",
    "ScreenPlan",
    "deck_slides",
    "plan_screens",
    "presentation_screenshots",
    "remember_choice",
    "remembered_choice",
    "render_view",
    "representative_slides",
    "running_presentation",
    "start_presentation",
]
