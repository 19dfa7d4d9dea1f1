"""``qftz-desktop screenshot --out DIR``: PNGs of every tab, per size and language.

Used for the README and for looking at the app as a user would. Runs offscreen when no display
is available, and with throw-away settings so it never changes the user's preferences.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def _parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        w, _, h = part.strip().lower().partition("x")
        sizes.append((int(w), int(h)))
    return sizes


def _settle(app, window, limit_s: float = 10.0) -> None:
    """Process events until the charts in view are built (they are built as they show).

    The condition must hold over several turns of the event loop: right after the chart grid
    is inserted nothing is laid out yet, and "every chart in view is built" is vacuously true.
    """
    import time

    deadline = time.monotonic() + limit_s
    stable = 0
    while time.monotonic() < deadline and stable < 5:
        app.processEvents()
        content = getattr(window.tabs.currentWidget(), "content", None)
        ready = content is not None and content.charts_in_view_built()
        stable = stable + 1 if ready else 0
        time.sleep(0.01)


def take_screenshots(
    snapshot: Path, out: Path, sizes: list[tuple[int, int]], langs: list[str]
) -> list[Path]:
    from .app import make_application
    from .main_window import TAB_IDS, MainWindow, load_briefing

    app = make_application()
    briefing = load_briefing(snapshot)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lang in langs:
        window = MainWindow(briefing, lang=lang)
        window.show()
        for w, h in sizes:
            window.resize(w, h)
            for i, tab_id in enumerate(TAB_IDS):
                window.tabs.setCurrentIndex(i)
                _settle(app, window)
                path = out / f"{lang}-{w}x{h}-{i + 1}-{tab_id}.png"
                window.grab().save(str(path))
                written.append(path)
        window.close()
        window.deleteLater()
        app.processEvents()
    try:
        from .presentation import presentation_screenshots
    except ImportError:
        pass
    else:
        written += presentation_screenshots(briefing, out, sizes=None, langs=langs, themes=None)
    return written


def screenshot_command(args: argparse.Namespace) -> int:
    from ..messages import err, message_lang
    from ..resources import bundled_snapshot
    from ..snapshot.issues import SnapshotError
    from ..text import tr

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QFTZ_SETTINGS_DIR", tempfile.mkdtemp(prefix="qftz-shots-"))
    say = getattr(args, "msg_lang", None) or message_lang(getattr(args, "lang", None))
    try:
        sizes = _parse_sizes(args.sizes)
    except ValueError:
        err(tr("cli.bad_sizes", say, value=args.sizes))
        return 2
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    if not set(langs) <= {"zh", "en"}:
        err(tr("cli.bad_langs", say))
        return 2
    snapshot = Path(args.snapshot) if args.snapshot else bundled_snapshot()
    try:
        written = take_screenshots(snapshot, Path(args.out), sizes, langs)
    except SnapshotError as exc:
        err(f"{tr('cli.cannot_open', say, path=snapshot)}\n{exc.message(say)}")
        return 1
    for path in written:
        print(path)
    return 0
