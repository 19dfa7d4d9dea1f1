"""``qftz-desktop export-pptx``: the meeting deck as PowerPoint, with no window and no Qt.

Checks come first and cost nothing: the date, the snapshot, the years, the notes file and the
earlier snapshot for ``--since``; each problem is one message naming the file or option.
Exit codes: 0 written; 1 a file is the problem; 2 a bad option.
"""

from __future__ import annotations

import argparse

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


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("export-pptx", help="export the meeting deck as PowerPoint (.pptx)")
    p.add_argument("--out", required=True, help="PowerPoint file to write")
    p.add_argument("--snapshot", help="snapshot file (default: the bundled one)")
    p.add_argument(
        "--lang", choices=("zh", "en"), help="language of the deck (default zh) and messages"
    )
    p.add_argument("--from", dest="year_from", type=int, metavar="YEAR")
    p.add_argument("--to", dest="year_to", type=int, metavar="YEAR")
    p.add_argument(
        "--deck",
        choices=("meeting", "all"),
        default="meeting",
        help="the meeting deck (default) or every chart of every tab",
    )
    p.add_argument("--notes", metavar="FILE", help="presenter's notes file (File ▸ Notes ▸ Export)")
    p.add_argument("--since", metavar="OLD", help="an earlier snapshot: adds 'what changed'")
    p.add_argument(
        "--date",
        dest="brief_date",
        metavar="YYYY-MM-DD",
        help="the deck's date, in its text and metadata (default: SOURCE_DATE_EPOCH or today)",
    )
    return p


def export_pptx_command(args: argparse.Namespace) -> int:
    from ..domain.brief.options import BriefOptions, YearRangeError
    from ..messages import err, message_lang
    from ..text import tr
    from .atomic import AtomicWriteError
    from .pptx import export_pptx

    lang = args.lang or "zh"
    say = getattr(args, "msg_lang", None) or message_lang(args.lang)  # cli.py's rule
    try:
        check_date(args.brief_date, say)
        briefing = open_briefing(args.snapshot, say)
    except CommandError as exc:
        err(exc.message)
        return exc.code
    options = BriefOptions(
        lang=lang,
        year_from=args.year_from,
        year_to=args.year_to,
        brief_date=args.brief_date,
        kind="meeting" if args.deck == "meeting" else "full",
    )
    try:
        options.check(briefing)
    except YearRangeError as exc:
        err(exc.message(say))
        return EXIT_USAGE
    try:
        notes = read_notes(args.notes, briefing.snapshot.content_id, say)
        changes = read_changes(args.since, briefing.snapshot, say)
    except CommandError as exc:
        err(exc.message)
        return exc.code
    from dataclasses import replace

    options = replace(options, notes=notes)
    try:
        result = export_pptx(briefing, args.out, options, changes)
    except AtomicWriteError as exc:
        err(exc.message(say))
        return EXIT_PROBLEM
    except Exception as exc:  # noqa: BLE001 - a message, never a traceback
        err(tr("cli.cannot_write", say, path=args.out, reason=type(exc).__name__))
        return EXIT_PROBLEM
    print(tr("cli.wrote_pptx", say, path=result.path, slides=result.slides))
    return EXIT_OK
