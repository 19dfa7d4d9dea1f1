"""``qftz-desktop export-pptx``: the meeting deck as PowerPoint, with no window and no Qt.

Checks come first and cost nothing: the date, the snapshot, the years, the notes file and the
earlier snapshot for ``--since``; each problem is one message naming the file or option.
Exit codes: 0 written; 1 a file is the problem; 2 a bad option.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(f"qftz-desktop: {message}", file=sys.stderr)


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


def changes_since(old_path: str, new_snapshot):
    """What changed between an earlier snapshot and this one (raises SnapshotError)."""
    from ..domain.changes import compare
    from ..snapshot.reader import open_snapshot

    return compare(open_snapshot(old_path), new_snapshot)


def export_pptx_command(args: argparse.Namespace) -> int:
    from ..domain.brief.options import BriefOptions, YearRangeError, is_iso_date
    from ..domain.briefing import Briefing
    from ..domain.notes import NotesFileError, notes_for_snapshot
    from ..messages import message_lang, msg
    from ..resources import bundled_snapshot
    from ..snapshot.issues import SnapshotError
    from ..snapshot.reader import open_snapshot
    from .atomic import AtomicWriteError
    from .pptx import export_pptx

    lang = args.lang or "zh"
    say = getattr(args, "msg_lang", None) or message_lang(args.lang)  # cli.py's rule
    if args.brief_date is not None and not is_iso_date(args.brief_date):
        _err(msg("bad_date", say, value=args.brief_date))
        return EXIT_USAGE
    path = Path(args.snapshot) if args.snapshot else bundled_snapshot()
    try:
        briefing = Briefing(open_snapshot(path))
    except SnapshotError as exc:
        _err(f"{msg('cannot_open', say, path=path)}\n{exc.message(say)}")
        return EXIT_PROBLEM
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
        _err(exc.message(say))
        return EXIT_USAGE
    try:
        notes = notes_for_snapshot(args.notes, briefing.snapshot.content_id) if args.notes else {}
    except NotesFileError as exc:
        _err(exc.message(say))
        return EXIT_PROBLEM
    changes = None
    if args.since:
        try:
            changes = changes_since(args.since, briefing.snapshot)
        except SnapshotError as exc:
            _err(f"{msg('cannot_open', say, path=args.since)}\n{exc.message(say)}")
            return EXIT_PROBLEM
    from dataclasses import replace

    options = replace(options, notes=notes)
    try:
        result = export_pptx(briefing, args.out, options, changes)
    except AtomicWriteError as exc:
        _err(exc.message(say))
        return EXIT_PROBLEM
    except Exception as exc:  # noqa: BLE001 - a message, never a traceback
        _err(msg("cannot_write", say, path=args.out, reason=type(exc).__name__))
        return EXIT_PROBLEM
    print(msg("wrote_pptx", say, path=result.path, slides=result.slides))
    return EXIT_OK
