"""Start-up in a fixed order: logging and crash handler, QApplication, fonts, window, data.

Any unexpected exception in the UI is logged with its traceback to a file in the user's log
folder and shown as a short dialog that names that file; the app keeps running.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from .. import APP_NAME, ORG_NAME, __version__
from ..text import tr

log = logging.getLogger("qftz_desktop")


def log_dir() -> Path:
    """The user's log folder (XDG state dir on Linux, AppData / Library/Logs elsewhere)."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / ORG_NAME / "QFTZ Briefing" / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "QFTZ Briefing"
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "qftz-briefing" / "logs"


def setup_logging() -> Path:
    folder = log_dir()
    path = folder / "qftz-briefing.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("qftz_desktop")
    if not any(isinstance(h, type(handler)) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path) -> None:
    """Show unexpected errors in a dialog instead of dying; keep the traceback in the log."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error\n%s", text)
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is None:
                error = f"{exc_type.__name__}: {exc}"
                for lang in ("zh", "en"):  # no window, no chosen language: both
                    line = tr("app.crash_console", lang, error=error, path=log_path)
                    print(line, file=sys.stderr)
            else:
                box = QMessageBox(QApplication.activeWindow())
                box.setIcon(QMessageBox.Icon.Critical)
                box.setWindowTitle(APP_NAME)
                box.setTextFormat(box.textFormat().PlainText)
                # both languages: the failure may come before or inside the language switch
                said = "\n".join(tr("app.crash", lang) for lang in ("zh", "en"))
                box.setText(f"{said}\n\n{exc_type.__name__}: {exc}")
                logged = " / ".join(tr("app.crash_logged", lang) for lang in ("zh", "en"))
                box.setInformativeText(f"{logged}:\n{log_path}")
                box.open()
                hook.last_box = box  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - never fail inside the failure handler
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook


def make_application(argv: list[str] | None = None):
    """The QApplication with the bundled fonts and the screen style sheet."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ..render.fonts import register_bundled_fonts, ui_font
    from ..resources import resource_path

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    register_bundled_fonts()
    app.setFont(ui_font(10.5))
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("qftz*.png")):
        icon.addFile(str(png))  # every drawn size, so title bars and task bars stay sharp
    if not icon.isNull():
        app.setWindowIcon(icon)
    qss = resource_path("styles", "screen.qss")
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    return app


def run_app(path: Path, lang: str | None = None) -> int:
    """Open the window on ``path``; a bad file given on the command line exits non-zero.

    The snapshot is read before Qt starts. Reading it on a thread while Qt starts was tried
    and measured slower (both halves are Python-bound and share the GIL); what keeps start-up
    short is that the UI modules do not import pandas and the charts follow the first paint.
    """
    from ..domain.briefing import load_briefing
    from ..snapshot.issues import SnapshotError

    log_path = setup_logging()
    install_excepthook(log_path)
    try:
        briefing = load_briefing(path)
    except SnapshotError as exc:
        from ..messages import err, message_lang

        say = message_lang(lang)  # the rule of every command: --lang, else the system locale
        err(f"{tr('cli.cannot_open', say, path=path)}\n{exc.message(say)}")
        return 1
    if os.environ.get("QFTZ_STARTUP_PROBE"):
        # a benchmark measures the same thing every run: a fresh state, never the window,
        # tab and scroll position the previous run left (which could show no chart at all)
        import tempfile

        os.environ["QFTZ_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="qftz-probe-")
    app = make_application()
    from .main_window import MainWindow

    window = MainWindow(briefing, lang=lang)
    if os.environ.get("QFTZ_STARTUP_PROBE"):
        _exit_after_first_paint(app, window)
    window.show()
    if os.environ.get("QFTZ_SMOKE_TEST"):
        return _smoke(app, window)
    return app.exec()


def _exit_after_first_paint(app, window) -> None:
    """Benchmarks: print 'painted' once any widget of the window has painted, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    def charts_ready() -> bool:
        """The current tab's charts in view are built (and so painted on the next frame)."""
        content = getattr(window.tabs.currentWidget(), "content", None)
        return content is not None and content.charts_in_view_built(require_some=True)

    class PaintProbe(QObject):
        painted = False
        quitting = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
            if event.type() == QEvent.Type.Paint:
                if not self.painted:
                    self.painted = True
                    print("painted", flush=True)
                QTimer.singleShot(0, self.finish)
            return False

        def finish(self) -> None:
            if charts_ready() and not self.quitting:
                self.quitting = True
                print("charts", flush=True)
                app.quit()

    probe = PaintProbe(window)
    app.installEventFilter(probe)

    def give_up() -> None:  # never hang a benchmark: say so and quit
        if not probe.quitting:
            probe.quitting = True
            print("timeout", flush=True)
            app.quit()

    QTimer.singleShot(20000, give_up)


def _smoke(app, window) -> int:
    """Show every tab once, then quit: used by the packaged-app smoke test."""
    from ..domain.tabs import TAB_IDS

    for i in range(len(TAB_IDS)):
        window.tabs.setCurrentIndex(i)
        app.processEvents()
        print(f"tab {TAB_IDS[i]}: ok", flush=True)
    window.close()
    app.processEvents()
    return 0
