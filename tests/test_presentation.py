"""Meeting mode: the deck model, keys a clicker sends, the linked selection, the remembered deck,
the presenter view on a (faked and real) second screen, projector contrast and type sizes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel

from qftz_desktop.domain.deck import Deck, DeckChoice, deck_key, meeting_ids
from qftz_desktop.render.selection import Selection
from qftz_desktop.render.slide_view import (
    MIN_PX_AT_1080,
    PROJECTOR_THEMES,
    build_slide_view,
    text_colours,
)
from qftz_desktop.render.theme import PROJECTOR_DARK, PROJECTOR_LIGHT, contrast_ratio
from qftz_desktop.ui.app import make_application
from qftz_desktop.ui.main_window import MainWindow, load_briefing
from qftz_desktop.ui.presentation import (
    PresenterView,
    ScreenPlan,
    deck_slides,
    plan_screens,
    presentation_screenshots,
    remember_choice,
    running_presentation,
    start_presentation,
)
from qftz_desktop.ui.presentation import screens as screens_mod

HERE = Path(__file__).resolve().parent
K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CIRCLED = re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]+")  # caveat marks ①…㊿


@pytest.fixture(params=["bundled", "test"])
def snapshot_path(request, bundled_path, test_snapshot_path):
    return bundled_path if request.param == "bundled" else test_snapshot_path


def _window(qtbot, path, lang="zh") -> MainWindow:
    make_application()
    win = MainWindow(load_briefing(path), lang=lang)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, snapshot_path):
    return _window(qtbot, snapshot_path)


@pytest.fixture
def bundled_window(qtbot, bundled_path):
    return _window(qtbot, bundled_path)


@pytest.fixture
def one_screen(monkeypatch):
    """Whatever the platform says, plan for one screen (the offscreen one)."""
    from PySide6.QtGui import QGuiApplication

    monkeypatch.setattr(screens_mod, "available_screens", lambda: [QGuiApplication.primaryScreen()])


def _present(qtbot, window):
    p = start_presentation(window)
    assert p is not None
    qtbot.waitExposed(p)
    return p


def _end(qtbot, window, p):
    if running_presentation(window) is not None:
        qtbot.keyClick(p, K.Key_Escape)
    assert running_presentation(window) is None


# -- the deck model ------------------------------------------------------------------------------


def test_deck_has_title_kpis_and_one_slide_per_chart(snapshot_path):
    briefing = load_briefing(snapshot_path)
    deck = Deck(briefing)
    kinds = [s.kind for s in deck.slides]
    assert kinds[0] == "title"
    kpis = [s for s in deck.slides if s.kind == "kpis"]
    assert sum(len(s.cards) for s in kpis) == len(briefing.headline)
    assert all(1 <= len(s.cards) <= 4 for s in kpis)
    charts = [s for s in deck.slides if s.kind == "chart"]
    assert [s.chart for s in charts] == [c for t in briefing.tabs for c in t.charts]
    assert sum(len(s.cards) for s in deck.slides if s.kind == "cards") == sum(
        len(t.cards) for t in briefing.tabs
    )
    assert sum(len(s.highlights) for s in deck.slides) == len(briefing.highlights)
    assert len(set(deck.ids)) == len(deck.ids)
    for s in deck.slides:
        for lang in ("zh", "en"):
            assert s.title(lang).strip()
            assert "\n" not in s.source_note(lang)
        assert s.as_of == briefing.snapshot.as_of
    # the same snapshot gives the same ids, run after run
    assert Deck(load_briefing(snapshot_path)).ids == deck.ids


def test_deck_choice_drops_unknown_and_appends_new_slides():
    available = ("title", "kpis:1", "trade/chart:a", "trade/chart:b", "trade/cards:1")
    saved = DeckChoice(("trade/chart:b", "gone/chart:x", "title", "kpis:1"), frozenset({"kpis:1"}))
    got = saved.reconcile(available)
    assert got.order == ("trade/chart:b", "title", "kpis:1", "trade/chart:a", "trade/cards:1")
    assert got.included == ("trade/chart:b", "title", "trade/chart:a", "trade/cards:1")
    again = DeckChoice.from_json(got.to_json())
    assert again == got
    assert DeckChoice.from_json("not json") is None
    assert DeckChoice.from_json(json.dumps({"order": "x"})) is None
    only = DeckChoice.from_included(["trade/chart:a", "title", "nope"], available)
    assert only.included == ("trade/chart:a", "title")


# -- keys ------------------------------------------------------------------------------------


def test_clicker_keys_move_between_slides(qtbot, window, one_screen):
    p = _present(qtbot, window)
    assert p.isFullScreen() and p.index == 0
    n = p.count
    assert n >= 5
    steps = [
        (K.Key_Right, 1),
        (K.Key_Down, 2),
        (K.Key_PageDown, 3),
        (K.Key_Space, 4),
        (K.Key_Left, 3),
        (K.Key_Up, 2),
        (K.Key_PageUp, 1),
        (K.Key_Backspace, 0),
        (K.Key_Left, 0),  # stays on the first slide
        (K.Key_Return, 1),
        (K.Key_Enter, 2),
        (K.Key_End, n - 1),
        (K.Key_Right, n - 1),
        (K.Key_Home, 0),
    ]
    for key, expected in steps:
        qtbot.keyClick(p, key)
        assert p.index == expected, key
        assert p.stage.currentWidget() is p.view(expected)
    _end(qtbot, window, p)


def test_digits_then_enter_jump_to_slide(qtbot, window, one_screen):
    p = _present(qtbot, window)
    qtbot.keyClick(p, K.Key_3)
    assert p.jump_label.isVisible() and p.index == 0
    qtbot.keyClick(p, K.Key_Return)
    assert p.index == 2 and not p.jump_label.isVisible()
    # two digits; Backspace edits the number instead of going back
    qtbot.keyClick(p, K.Key_1)
    qtbot.keyClick(p, K.Key_9)
    qtbot.keyClick(p, K.Key_Backspace)
    qtbot.keyClick(p, K.Key_Enter)
    assert p.index == 0
    # a number beyond the deck leaves the slide where it is; Esc cancels a number only
    for key in (K.Key_9, K.Key_9, K.Key_9):
        qtbot.keyClick(p, key)
    qtbot.keyClick(p, K.Key_Return)
    assert p.index == 0
    qtbot.keyClick(p, K.Key_2)
    qtbot.keyClick(p, K.Key_Escape)
    assert running_presentation(window) is p and p.digits == ""
    qtbot.keyClick(p, K.Key_2, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(p, K.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert p.index == 1
    _end(qtbot, window, p)


def test_black_and_white_screens_toggle(qtbot, window, one_screen):
    p = _present(qtbot, window)
    qtbot.keyClick(p, K.Key_Right)
    for key, kind in ((K.Key_B, "black"), (K.Key_Period, "black"), (K.Key_W, "white")):
        qtbot.keyClick(p, key)
        assert p.blank == kind and p.blank_widget.isVisible()
        colour = p.blank_widget.grab().toImage().pixelColor(5, 5).name()
        assert colour == ("#000000" if kind == "black" else "#ffffff")
        qtbot.keyClick(p, key)
        assert p.blank == "" and not p.blank_widget.isVisible()
    qtbot.keyClick(p, K.Key_Comma)
    assert p.blank == "white"
    qtbot.keyClick(p, K.Key_B)  # from white straight to black
    assert p.blank == "black"
    # a move key brings the slide back first, without skipping it
    qtbot.keyClick(p, K.Key_PageDown)
    assert p.blank == "" and p.index == 1
    qtbot.keyClick(p, K.Key_PageDown)
    assert p.index == 2
    _end(qtbot, window, p)


def test_escape_returns_to_the_tab_the_window_showed(qtbot, window, one_screen):
    window.tabs.setCurrentIndex(2)
    p = _present(qtbot, window)
    qtbot.keyClick(p, K.Key_End)
    window.tabs.setCurrentIndex(4)  # something moved the window meanwhile
    qtbot.keyClick(p, K.Key_Escape)
    assert running_presentation(window) is None
    assert window.tabs.currentIndex() == 2
    assert window.stack.currentWidget() is window.tabs
    qtbot.waitUntil(lambda: not p.isVisible() if _alive(p) else True)
    # F5 starts again from the first slide; pressing it twice does not open two windows
    again = start_presentation(window)
    assert again is not p and start_presentation(window) is again and again.index == 0
    _end(qtbot, window, again)


def _alive(widget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True


def test_focused_year_keys_propagate_to_the_window(qtbot, window, one_screen):
    sel = window.selection
    p = _present(qtbot, window)
    chart_index = next(i for i, s in enumerate(p.slides) if s.kind == "chart")
    p.go(chart_index)
    view = p.current_view()
    assert view.chart is not None
    qtbot.keyClick(p, K.Key_Right, SHIFT)
    assert sel.focus_year == sel.year_from
    assert view.chart.focus_year == sel.year_from
    assert window.focus_combo.currentData() == sel.year_from  # the window's toolbar follows
    qtbot.keyClick(p, K.Key_Right, ALT)
    expected = min(sel.year_from + 1, sel.year_to)
    assert sel.focus_year == expected and view.chart.focus_year == expected
    assert str(expected) in view.focus_label.text()
    qtbot.keyClick(p, K.Key_Left, SHIFT)
    assert sel.focus_year == sel.year_from
    assert p.index == chart_index  # year keys never change the slide
    # F: year mode — plain Left/Right move the year; the clicker's PageDown still moves slides
    qtbot.keyClick(p, K.Key_F)
    assert p.year_mode and view.hint_label.text()
    qtbot.keyClick(p, K.Key_Right)
    assert sel.focus_year == min(sel.year_from + 1, sel.year_to) and p.index == chart_index
    qtbot.keyClick(p, K.Key_F)
    assert not p.year_mode
    qtbot.keyClick(p, K.Key_0, CTRL)
    assert sel.focus_year is None and view.chart.focus_year is None
    # and the other way: the window's selection reaches the slides
    lo, hi = sel.bounds
    if hi > lo:
        sel.set_range(lo + 1, hi)
        assert view.chart.year_range == (lo + 1, hi)
        assert f"{lo + 1}–{hi}" in view.focus_label.text()
    sel.set_focus(hi)
    assert view.chart.focus_year == hi
    _end(qtbot, window, p)


def test_kpi_slides_follow_the_focused_year(qtbot, test_snapshot_path, one_screen):
    window = _window(qtbot, test_snapshot_path)
    p = _present(qtbot, window)
    index = next(i for i, s in enumerate(p.slides) if s.kind == "kpis")
    p.go(index)
    card = p.current_view().cards[0]
    assert card.card.metric.id == "t_exports"  # headline position 1 in tests/factory.py
    # tests/factory.py: t_exports 2010 = 10 亿元, 2013 = 14 亿元 (both exact, reported); 2013
    # has the note 'revised': the slide's first noted value, so its mark is ①
    window.selection.set_focus(2010)
    assert card.value_label.text().replace(" ", "") == "10亿元"
    window.selection.set_focus(2013)
    assert card.value_label.text().replace(" ", "") == "14亿元①"
    _end(qtbot, window, p)


def test_language_and_theme_keys(qtbot, window, one_screen):
    p = _present(qtbot, window)
    qtbot.keyClick(p, K.Key_Right)
    slide = p.slides[1]
    assert p.current_view().title_label.text() == slide.title("zh")
    qtbot.keyClick(p, K.Key_L)
    assert window.selection.lang == "en"
    assert p.current_view().title_label.text() == slide.title("en")
    assert p.index == 1
    assert p.theme_name == PROJECTOR_DARK.name
    qtbot.keyClick(p, K.Key_T)
    assert p.theme_name == PROJECTOR_LIGHT.name and p.current_view().theme_name == p.theme_name
    background = p.current_view().grab().toImage().pixelColor(3, 3).name()
    assert background == PROJECTOR_LIGHT.background.lower()
    _end(qtbot, window, p)
    # the theme is remembered for next time
    again = _present(qtbot, window)
    assert again.theme_name == PROJECTOR_LIGHT.name
    _end(qtbot, window, again)


def test_every_slide_builds_with_plain_text_labels(qtbot, window, one_screen):
    p = _present(qtbot, window)
    for i in range(p.count):
        qtbot.keyClick(p, K.Key_Right if i else K.Key_Home)
        view = p.current_view()
        assert view.slide is p.slides[i]
        for label in view.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText
        assert f"{i + 1} / {p.count}" in view.position_label.text()
        assert window.briefing.snapshot.as_of in view.position_label.text()
    _end(qtbot, window, p)


# -- the remembered deck -------------------------------------------------------------------------


def test_deck_order_is_kept_and_remembered(qtbot, snapshot_path, one_screen):
    from qftz_desktop.ui.deck_dialog import DeckDialog

    first = _window(qtbot, snapshot_path)
    deck = Deck(first.briefing)
    dialog = DeckDialog(first.briefing, first.settings, "zh", first)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    # the meeting deck is the default; every slide is one click away
    assert dialog.choice().included == meeting_ids(deck)
    qtbot.mouseClick(dialog.every_button, Qt.MouseButton.LeftButton)
    assert dialog.choice().included == deck.ids
    dialog.list.setFocus()
    # move the last slide to the top (button, then Ctrl+Up), untick the title slide
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    for _ in range(dialog.list.count() - 2):
        qtbot.keyClick(dialog.list, K.Key_Up, CTRL)
    assert dialog.list.item(0).data(Qt.ItemDataRole.UserRole) == deck.ids[-1]
    title_item = next(it for it in dialog.items() if it.data(Qt.ItemDataRole.UserRole) == "title")
    title_item.setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    expected = (deck.ids[-1],) + tuple(i for i in deck.ids[1:-1])
    p = _present(qtbot, first)
    assert tuple(s.id for s in p.slides) == expected
    _end(qtbot, first, p)
    first.close()

    # a new window on the same snapshot gets the same deck back
    second = _window(qtbot, snapshot_path)
    assert tuple(s.id for s in deck_slides(second)) == expected
    reopened = DeckDialog(second.briefing, second.settings, "en", second)
    qtbot.addWidget(reopened)
    assert reopened.choice().included == expected
    assert "title" in reopened.choice().hidden


def test_remembered_deck_survives_another_snapshot(qtbot, bundled_window):
    briefing = bundled_window.briefing
    deck = Deck(briefing)
    stale = DeckChoice(("no/such:slide", deck.ids[3], deck.ids[1]), frozenset({deck.ids[0]}))
    bundled_window.settings.setValue(deck_key(briefing), stale.to_json())
    slides = [s.id for s in deck_slides(bundled_window)]
    assert slides[:2] == [deck.ids[3], deck.ids[1]]
    assert deck.ids[0] not in slides and "no/such:slide" not in slides
    assert set(slides) == set(deck.ids) - {deck.ids[0]}
    # garbage in the settings: the default deck, the meeting deck
    bundled_window.settings.setValue(deck_key(briefing), "{broken")
    assert tuple(s.id for s in deck_slides(bundled_window)) == meeting_ids(deck)


def test_handout_pdf_has_one_16_9_page_per_chosen_slide(qtbot, bundled_window, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from qftz_desktop.export.handout import export_handout

    briefing = bundled_window.briefing
    deck = Deck(briefing)
    chart = next(s for s in deck.slides if s.kind == "chart")
    slides = (deck.slides[0], chart, deck.get("kpis:1"))
    remember_choice(bundled_window.settings, briefing, DeckChoice.from_included([], deck.ids))
    out = export_handout(slides, tmp_path / "handout.pdf", "en", bundled_window.selection)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01
    assert abs(float(box.width) / 72 * 25.4 - 338.67) < 0.5
    text = reader.pages[1].extract_text()
    assert chart.chart.title("en").split(" · ")[0][:20] in text.replace("\n", " ")
    assert briefing.snapshot.as_of in text
    assert not list(reader.pages[1].images)  # the chart is vectors, not a picture
    assert not list(tmp_path.glob(".*part"))


# -- screens ---------------------------------------------------------------------------------------


def test_plan_screens_from_geometries():
    laptop, projector = QRect(0, 0, 1920, 1080), QRect(1920, 0, 1280, 720)
    assert plan_screens([laptop], 0) == ScreenPlan(0, None)
    assert plan_screens([], 0) == ScreenPlan(0, None)
    assert plan_screens([laptop, projector], 0) == ScreenPlan(1, 0)
    assert plan_screens([projector, laptop], 1) == ScreenPlan(0, 1)
    assert plan_screens([laptop, QRect(laptop)], 0) == ScreenPlan(0, None)  # mirrored
    third = QRect(-1920, 0, 1920, 1080)
    assert plan_screens([laptop, QRect(laptop), third], 0) == ScreenPlan(2, 0)
    assert plan_screens([laptop, projector], 7) == ScreenPlan(1, 0)


class FakeScreen:
    def __init__(self, rect: QRect, name: str):
        self._rect = rect
        self._name = name

    def geometry(self) -> QRect:
        return QRect(self._rect)

    def name(self) -> str:
        return self._name


def test_presenter_view_with_a_faked_second_screen(qtbot, bundled_window, monkeypatch):
    window = bundled_window
    window.move(0, 0)
    window.tabs.setCurrentIndex(1)
    before = window.stack.currentWidget()
    screens = [
        FakeScreen(QRect(0, 0, 1920, 1080), "laptop"),
        FakeScreen(QRect(1920, 0, 1920, 1080), "projector"),
    ]
    monkeypatch.setattr(screens_mod, "available_screens", lambda: screens)
    p = _present(qtbot, window)
    assert p.plan == ScreenPlan(1, 0)
    presenter = p.presenter
    assert isinstance(presenter, PresenterView)
    assert window.stack.currentWidget() is presenter
    assert presenter.number_label.text() == f"1 / {p.count}"
    assert presenter.current_title.text() == p.slides[0].title("zh")
    assert presenter.next_title.text() == p.slides[1].title("zh")
    qtbot.waitUntil(
        lambda: presenter.preview.pixmap() is not None and not presenter.preview.pixmap().isNull()
    )
    # the clicker's keys reach the slides while the laptop's window has the focus
    qtbot.keyClick(window.tabs, K.Key_PageDown)
    assert p.index == 1 and presenter.number_label.text() == f"2 / {p.count}"
    assert presenter.next_title.text() == p.slides[2].title("zh")
    qtbot.keyClick(window.tabs, K.Key_B)
    assert p.blank == "black" and "黑屏" in presenter.status_label.text()
    qtbot.keyClick(window.tabs, K.Key_B)
    # typing a year in the window's year box stays typing
    window.from_spin.setFocus()
    qtbot.keyClick(window.from_spin, K.Key_2)
    assert p.digits == ""
    qtbot.keyClick(window.from_spin, K.Key_PageDown)  # the clicker still works
    assert p.index == 2
    assert re.fullmatch(r"\d\d:\d\d", presenter.elapsed_text())
    presenter.started -= 3725  # an hour, two minutes and five seconds ago
    assert presenter.elapsed_text().startswith("1:02:0")
    qtbot.keyClick(p, K.Key_Escape)
    assert running_presentation(window) is None
    assert window.stack.currentWidget() is before and window.tabs.currentIndex() == 1
    assert window.stack.indexOf(presenter) < 0


def test_real_second_screen_in_a_subprocess(tmp_path, bundled_path):
    """Qt's offscreen platform with two screens: slides on the projector, presenter on laptop."""
    script = textwrap.dedent(
        f"""
        from qftz_desktop.ui.app import make_application
        app = make_application()
        from qftz_desktop.ui.main_window import MainWindow, load_briefing
        from qftz_desktop.ui.presentation import start_presentation
        w = MainWindow(load_briefing({str(bundled_path)!r}), lang="en")
        w.move(100, 100)
        w.show()
        app.processEvents()
        p = start_presentation(w)
        for _ in range(5):
            app.processEvents()
        print("SCREENS", [s.name() for s in app.screens()])
        print("WINDOW", w.screen().name())
        print("SLIDES", p.screen().name(), p.geometry().x(), p.isFullScreen())
        print("PRESENTER", p.presenter is not None and w.stack.currentWidget() is p.presenter)
        p.end()
        app.processEvents()
        print("BACK", w.stack.currentWidget() is w.tabs)
        w.close()
        """
    )
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE / 'offscreen-2screens.json'}"
    env["QFTZ_SETTINGS_DIR"] = str(tmp_path / "settings")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines["SCREENS"] == "['laptop', 'projector']"
    assert lines["WINDOW"] == "laptop"
    assert lines["SLIDES"].startswith("projector 1920")
    assert lines["PRESENTER"] == "True"
    assert lines["BACK"] == "True"


# -- readability -----------------------------------------------------------------------------------


def _blend(fg_rgba: str, bg: str) -> str:
    h = fg_rgba.lstrip("#")
    a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
    b = bg.lstrip("#")
    mix = [round(int(h[i : i + 2], 16) * a + int(b[i : i + 2], 16) * (1 - a)) for i in (0, 2, 4)]
    return "#" + "".join(f"{c:02X}" for c in mix)


@pytest.mark.parametrize("theme", [PROJECTOR_DARK, PROJECTOR_LIGHT], ids=lambda t: t.name)
def test_projector_text_contrast_is_at_least_7_to_1(theme):
    backgrounds = {
        "background": theme.background,
        "surface": theme.surface,
        "focus band": _blend(theme.focus, theme.background),
    }
    for name, colour in text_colours(theme).items():
        for where, bg in backgrounds.items():
            if where == "focus band" and name != "text":
                continue  # inside a chart, text (ticks, values, legend) is theme.text
            ratio = contrast_ratio(colour, bg)
            assert ratio >= 7.0, f"{theme.name}: {name} {colour} on {where} {bg}: {ratio:.2f}"
    # the slide-number box sets background-coloured text on the accent colour
    assert contrast_ratio(theme.background, theme.accent) >= 7.0


@pytest.mark.parametrize("theme", [PROJECTOR_DARK, PROJECTOR_LIGHT], ids=lambda t: t.name)
def test_chart_and_slide_text_is_at_least_24px_at_1080p(qtbot, bundled_path, theme):
    make_application()
    briefing = load_briefing(bundled_path)
    deck = Deck(briefing)
    selection = Selection(briefing.year_min, briefing.year_max, "zh")
    chart_slides = [s for s in deck.slides if s.kind == "chart"]
    multi = max(chart_slides, key=lambda s: len(s.chart.series))  # has a legend
    others = [next(s for s in deck.slides if s.kind == k) for k in ("title", "kpis")]
    for slide in [chart_slides[0], multi, *others]:
        view = build_slide_view(slide, theme, "zh", QSize(1920, 1080), 1, len(deck), selection)
        qtbot.addWidget(view)
        for label in view.findChildren(QLabel):
            if label.text():
                assert label.font().pixelSize() >= MIN_PX_AT_1080, label.text()
        if view.chart is None:
            continue
        t = view.chart.theme
        assert min(t.tick_px, t.label_px) >= 24
        for name in ("left", "bottom"):
            axis = view.chart.plotItem.getAxis(name)
            assert axis.style["tickFont"].pixelSize() >= 24
            if axis.label.isVisible():
                assert int(axis.labelStyle["font-size"].rstrip("px")) >= 24
        assert view.chart.spec.unit_label("zh") in view.slide.subtitle("zh")  # unit shown
        for item in view.chart.plotItem.items:
            if hasattr(item, "textItem"):
                assert item.textItem.font().pixelSize() >= 24
        legend = view.chart.plotItem.legend
        if legend is not None:
            for _sample, label in legend.items:
                assert int(label.opts["size"].rstrip("px")) >= 24
    # titles (chart titles are the slide title) are larger still
    view = build_slide_view(chart_slides[0], theme, "en", QSize(1920, 1080), 1, 2, selection)
    qtbot.addWidget(view)
    assert view.title_label.font().pixelSize() >= 30


def test_slides_scale_with_a_smaller_projector(qtbot, bundled_path):
    make_application()
    briefing = load_briefing(bundled_path)
    slide = next(s for s in Deck(briefing).slides if s.kind == "chart")
    big = build_slide_view(slide, PROJECTOR_DARK, "zh", QSize(1920, 1080), 1, 2)
    small = build_slide_view(slide, PROJECTOR_DARK, "zh", QSize(1280, 720), 1, 2)
    qtbot.addWidget(big)
    qtbot.addWidget(small)
    assert big.chart.theme.tick_px == PROJECTOR_DARK.tick_px
    assert small.chart.theme.tick_px == round(PROJECTOR_DARK.tick_px * 720 / 1080)
    assert small.title_label.font().pixelSize() < big.title_label.font().pixelSize()


def test_presentation_screenshots(qtbot, bundled_path, tmp_path):
    make_application()
    briefing = load_briefing(bundled_path)
    written = presentation_screenshots(
        briefing,
        tmp_path,
        sizes=[(1280, 720)],
        langs=["en"],
        themes=[PROJECTOR_LIGHT.name],
        slide_ids=["title", "kpis:1"],
    )
    assert [p.name for p in written] == [
        "present-projector-light-en-1280x720-01-title.png",
        "present-projector-light-en-1280x720-02-kpis.png",
    ]
    for path in written:
        image = QImage(str(path))
        assert image.size() == QSize(1280, 720)
        assert image.pixelColor(2, 2).name() == "#ffffff"
    defaults = presentation_screenshots(briefing, tmp_path / "all", langs=["zh"])
    assert len(defaults) >= 2 * len(PROJECTOR_THEMES) * 4


def test_view_menu_opens_the_slide_chooser(qtbot, bundled_window):
    from qftz_desktop.ui.deck_dialog import DeckDialog

    bundled_window.deck_action.trigger()
    dialogs = bundled_window.findChildren(DeckDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert dialogs[0].list.count() == len(Deck(bundled_window.briefing))
    dialogs[0].reject()


def test_presentation_ends_with_a_new_snapshot_or_the_window(qtbot, bundled_window, one_screen):
    window = bundled_window
    p = _present(qtbot, window)
    assert p.parent() is window  # never outlives the window
    window.snapshotLoaded.emit(window.briefing.snapshot.path)
    assert running_presentation(window) is None
    p = _present(qtbot, window)
    window.close()
    assert running_presentation(window) is None


def test_mouse_pointer_hidden_until_it_moves(qtbot, bundled_window, one_screen):
    p = _present(qtbot, bundled_window)
    assert p.cursor().shape() == Qt.CursorShape.BlankCursor
    view = p.current_view()
    centre = QPointF(view.rect().center())
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        centre,
        QPointF(view.mapToGlobal(centre)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, move)
    assert p.cursor().shape() == Qt.CursorShape.ArrowCursor
    p._pointer_timer.timeout.emit()
    assert p.cursor().shape() == Qt.CursorShape.BlankCursor
    _end(qtbot, bundled_window, p)


def test_every_slide_string_has_glyphs_in_the_bundled_font(snapshot_path):
    """No tofu on the projector: every character of every slide in both languages."""
    from PySide6.QtGui import QRawFont

    from qftz_desktop.render.fonts import ui_font
    from qftz_desktop.text import CATALOGUE

    make_application()
    fonts = [QRawFont.fromFont(ui_font(20, bold)) for bold in (False, True)]
    briefing = load_briefing(snapshot_path)
    slide_keys = [k for k in CATALOGUE if k.startswith("slide.")] + ["label.no_data_year"]
    texts = [t for k in slide_keys for t in CATALOGUE[k]]
    for lang in ("zh", "en"):
        for s in Deck(briefing).slides:
            texts += [s.title(lang), s.kicker(lang), s.subtitle(lang), s.source_note(lang)]
            for c in s.cards:
                for year in (None, briefing.year_min):
                    point, _ = c.point_for(year)
                    texts += [c.metric.name(lang), point.value_text(c.metric, lang)]
                    texts += [point.period.label(lang), c.metric.scope_label(lang)]
            for h in s.highlights:
                texts += [h.title(lang), h.text(lang)]
    chars = {ch for t in texts for ch in t if ch != "\n"}
    missing = {ch for ch in chars if not all(f.supportsCharacter(ord(ch)) for f in fonts)}
    assert not missing, sorted(missing)


def test_presenter_view_has_the_caveats_of_the_slides_figures(qtbot, bundled_window, monkeypatch):
    """Issue 10: a value's note is in the presenter view during a meeting, under the number
    the slide shows beside the value (①②…, one mark style)."""
    window = bundled_window
    screens = [
        FakeScreen(QRect(0, 0, 1920, 1080), "laptop"),
        FakeScreen(QRect(1920, 0, 1920, 1080), "projector"),
    ]
    monkeypatch.setattr(screens_mod, "available_screens", lambda: screens)
    p = _present(qtbot, window)
    presenter = p.presenter
    assert presenter.caveats_label.text() == ""  # the title slide shows no figure
    # a chart slide whose values include one with a note in data/source/observations.csv
    index, slide = next(
        (i, s)
        for i, s in enumerate(p.slides)
        if s.chart is not None
        and any(
            isinstance(n, str) and n.strip() for ser in s.chart.series for n in ser.frame["note"]
        )
    )
    p.go(index)
    text = presenter.caveats_label.text()
    assert presenter.caveats_caption.text() == "本页数值的说明"
    assert CIRCLED.match(text), text
    noted = [ser.metric.name("zh") for ser in slide.chart.series if ser.frame["note"].notna().any()]
    assert any(name in text for name in noted), text
    # every number the presenter reads is one the audience sees on the slide (a chart label
    # or the takeaway), and the list follows the numbers
    view = p.current_view()
    shown = "".join(m.label for m in view.chart.model.marks) + view.takeaway_label.text()
    listed = [CIRCLED.match(line).group(0) for line in text.splitlines() if CIRCLED.match(line)]
    assert listed and all(set(marks) <= set(shown) for marks in listed), (listed, shown)
    firsts = [ord(m[0]) for m in listed]
    assert firsts == sorted(firsts)
    _end(qtbot, window, p)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cover_slide_counts_read_as_the_window_does(qtbot, bundled_path, lang):
    # The cover once added highlights to the figures ("232 项数据") while the window's status
    # line, on the laptop beside it, said "201 项数据 · 31 条要点". Counted from the file.
    import sqlite3

    with sqlite3.connect(f"{bundled_path.resolve().as_uri()}?mode=ro", uri=True) as db:
        values = db.execute("SELECT count(*) FROM observations").fetchone()[0]
        highlights = db.execute("SELECT count(*) FROM highlights").fetchone()[0]
    briefing = load_briefing(bundled_path)
    cover = Deck(briefing).slides[0]
    assert cover.kind == "title"
    view = build_slide_view(cover, PROJECTOR_DARK, lang, QSize(1920, 1080), 1, 1)
    qtbot.addWidget(view)
    texts = " | ".join(label.text() for label in view.findChildren(QLabel))
    words = ("项数据", "条要点") if lang == "zh" else ("figures", "highlights")
    assert f"{values} {words[0]} · {highlights} {words[1]}" in texts
    assert f"{values + highlights} {words[0]}" not in texts


def test_what_changed_slide_has_no_empty_lines(bundled_path, test_snapshot_path):
    # A new metric has no value before or now: its row once carried an empty line under it,
    # which left a blank gap on the slide after every 'New metric' row.
    from qftz_desktop.domain.changes import compare
    from qftz_desktop.snapshot.reader import open_snapshot

    briefing = load_briefing(bundled_path)
    changes = compare(open_snapshot(test_snapshot_path), briefing.snapshot)
    slide = next(s for s in Deck(briefing, changes=changes).slides if s.kind == "changes")
    for lang, words in (("zh", "新增指标"), ("en", "New metric")):
        lines = slide.lines(lang)
        assert any(words in ln.text for ln in lines)  # the rows that had the gap are there
        assert all(ln.text.strip() for ln in lines), [ln.text for ln in lines]
