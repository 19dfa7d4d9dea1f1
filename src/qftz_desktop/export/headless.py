"""``qftz-desktop export-pdf``: the PDF brief without a window, on a machine with no display.

Order matters: the snapshot and the years are checked before Qt starts (a bad file or range
costs nothing and needs no display); the offscreen platform is chosen before the
QApplication exists (pyqtgraph's charts are widgets, so it must be a QApplication).

Exit codes: 0 written; 1 the snapshot, the fonts or the output file is the problem; 2 bad
``--from``/``--to``. Messages name the file and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from .command_inputs import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    CommandError,
    check_date,
    open_briefing,
    read_changes,
    read_notes,
)


def prepare_headless_env(environ: dict[str, str] | None = None) -> None:
    """Choose Qt's offscreen platform when there is no display (and none was chosen). (The
    fixed hash seed set here helps nothing once Qt is loaded: the PDF writer fixes its own,
    see render/fonts.py.) Call before Qt is imported."""
    env = os.environ if environ is None else environ
    no_display = not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if (
        no_display
        and not env.get("QT_QPA_PLATFORM")
        and not sys.platform.startswith(("win", "darwin"))
    ):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("QT_HASH_SEED", "0")


def export_pdf_command(args: argparse.Namespace) -> int:
    from ..domain.brief.options import YearRangeError, check_year_range
    from ..messages import err, message_lang
    from ..text import tr

    lang = args.lang or "zh"  # the brief's language
    say = getattr(args, "msg_lang", None) or message_lang(args.lang)  # the messages' (cli.py)
    year_from = getattr(args, "year_from", None)
    year_to = getattr(args, "year_to", None)
    brief_date = getattr(args, "brief_date", None)
    try:
        check_year_range(year_from, year_to)  # reversed: refused before the file is read
    except YearRangeError as exc:
        err(exc.message(say))
        return EXIT_USAGE
    since = getattr(args, "since", None)  # what changed (issue 13)
    if since and (getattr(args, "kind", None) or "meeting") != "meeting":
        err(tr("cli.since_adds_page_meeting", say))
        return EXIT_USAGE
    try:
        check_date(brief_date, say)
        briefing = open_briefing(args.snapshot, say)
        check_year_range(year_from, year_to, (briefing.year_min, briefing.year_max))
        changes = read_changes(since, briefing.snapshot, say)
        notes = read_notes(getattr(args, "notes", None), briefing.snapshot.content_id, say)
    except YearRangeError as exc:
        err(exc.message(say))
        return EXIT_USAGE
    except CommandError as exc:
        err(exc.message)
        return exc.code

    charts: tuple[str, ...] | None = None
    if getattr(args, "charts", None) is not None:  # brief area: the meeting brief's charts
        charts, problem = chosen_charts(briefing, args.charts, getattr(args, "kind", None), say)
        if problem:
            err(problem)
            return EXIT_USAGE

    prepare_headless_env()
    from PySide6.QtWidgets import QApplication

    from ..render.fonts import BundledFontError, register_bundled_fonts, ui_font
    from .atomic import AtomicWriteError
    from .pdf_brief import BriefOptions, export_brief

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "qftz-desktop"])
    app.setApplicationName("QFTZ Briefing")
    try:
        register_bundled_fonts()
    except BundledFontError as exc:
        err(str(exc))
        return EXIT_PROBLEM
    app.setFont(ui_font(10.5))  # as the window does (ui.app.make_application)
    options = BriefOptions(
        kind=getattr(args, "kind", None) or "meeting",
        lang=lang,
        year_from=year_from,
        year_to=year_to,
        paper=getattr(args, "paper", None) or "A4",
        brief_date=brief_date,
        notes=notes,
        charts=charts,
    )
    try:
        result = export_brief(briefing, args.out, options, changes=changes)
    except AtomicWriteError as exc:
        err(exc.message(say))
        return EXIT_PROBLEM
    print(tr("cli.wrote_pdf", say, path=result.path, pages=result.pages))
    return EXIT_OK


def chosen_charts(
    briefing, text: str, kind: str | None, say: str
) -> tuple[tuple[str, ...] | None, str]:
    """``--charts id1,id2``: the chart ids in order, or a message naming what is wrong (an id
    the snapshot does not have, too many, the data book asked for)."""
    from ..domain.brief.compose import MAX_CHOSEN, chart_ids, resolve_charts
    from ..text import tr

    if (kind or "meeting") != "meeting":
        return None, (tr("cli.charts_chooses_meeting_brief", say))
    ids, unknown = resolve_charts(briefing, text.replace("，", ",").split(","))
    if unknown:
        known = ", ".join(sorted(i for i in chart_ids(briefing) if i.startswith("chart:")))
        bad = ", ".join(f"'{u}'" for u in unknown)
        return None, (tr("cli.charts_snapshot_has_no", say, bad=bad, known=known))
    if not ids:
        return None, tr("cli.charts_names_no_chart", say)
    if len(ids) > MAX_CHOSEN:
        return None, (tr("cli.charts_meeting_brief_holds", say, chosen=MAX_CHOSEN, ids=len(ids)))
    return ids, ""
