"""Command line: ``qftz-desktop [SNAPSHOT]`` opens the window; sub-commands work headless.

Qt is imported only by the commands that need it, so ``snapshot check`` runs on a server with
no display and no Qt libraries. Every error a user can cause ends in a one-paragraph message and
a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .messages import err, message_lang, os_reason
from .resources import bundled_snapshot
from .text import tr

COMMANDS = ("snapshot", "export-pdf", "export-pptx", "screenshot")
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def _paper(value: str) -> str:
    """'a4' / 'LETTER' as the user types them -> the names the PDF writer knows."""
    return {"a4": "A4", "letter": "Letter"}.get(value.strip().lower(), value)


def _app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qftz-desktop",
        description="QFTZ Briefing — Qingdao FTZ Area briefing app. "
        f"Other commands: {', '.join(COMMANDS)} (see 'qftz-desktop COMMAND --help').",
    )
    p.add_argument("snapshot", nargs="?", help="snapshot file to open (default: the bundled one)")
    p.add_argument("--version", action="version", version=f"qftz-desktop {__version__}")
    p.add_argument("--lang", choices=("zh", "en"), help="interface language for this session")
    return p


def _commands_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qftz-desktop")
    p.add_argument("--version", action="version", version=f"qftz-desktop {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    snap = sub.add_parser("snapshot", help="build or check snapshot files")
    snap_sub = snap.add_subparsers(dest="action", required=True)
    build = snap_sub.add_parser("build", help="build a snapshot from CSV sources or a workbook")
    build.add_argument(
        "src", help="folder with snapshot.csv, sources.csv, metrics.csv … or an .xlsx workbook"
    )
    build.add_argument("--out", required=True, help="snapshot file to write")
    build.add_argument("--created-at", help="ISO timestamp to record (default: from sources)")
    # Excel workbook in and out, and what changed (issue 13)
    build.add_argument("--lang", choices=("zh", "en"), help="language of the messages")
    template = snap_sub.add_parser("template", help="write an Excel workbook to fill in")
    template.add_argument("--out", required=True, help=".xlsx file to write")
    template.add_argument(
        "--from", dest="from_snapshot", metavar="SNAPSHOT", help="fill it with this snapshot"
    )
    template.add_argument("--lang", choices=("zh", "en"), help="language of the messages")
    diff = snap_sub.add_parser("diff", help="list what changed between two snapshots")
    diff.add_argument("old", help="the earlier snapshot")
    diff.add_argument("new", help="the later snapshot")
    diff.add_argument("--json", action="store_true", help="print JSON instead of text")
    diff.add_argument("--lang", choices=("zh", "en"), help="language of the text")
    check = snap_sub.add_parser("check", help="validate a snapshot and print a report")
    check.add_argument("file")
    check.add_argument("--lang", choices=("zh", "en"), help="language of the report")

    pdf = sub.add_parser("export-pdf", help="export the PDF brief without opening a window")
    pdf.add_argument("--snapshot", help="snapshot file (default: the bundled one)")
    pdf.add_argument("--out", required=True, help="PDF file to write")
    pdf.add_argument(
        "--lang", choices=("zh", "en"), help="language of the brief (default zh) and messages"
    )
    pdf.add_argument("--from", dest="year_from", type=int, metavar="YEAR")
    pdf.add_argument("--to", dest="year_to", type=int, metavar="YEAR")
    pdf.add_argument(
        "--paper",
        type=_paper,
        choices=("A4", "Letter"),
        default="A4",
        help="A4 (default) or Letter; any case (a4, letter)",
    )
    # meeting brief (issue 12)
    pdf.add_argument(
        "--kind",
        choices=("meeting", "full"),
        default="meeting",
        help="meeting: 2–4 pages with scorecard and key charts (default); full: the data book",
    )
    pdf.add_argument(
        "--date",
        dest="brief_date",
        metavar="YYYY-MM-DD",
        help="date printed on the brief and in its metadata (default: SOURCE_DATE_EPOCH, else "
        "today)",
    )
    pdf.add_argument(  # what changed (issue 13)
        "--since",
        metavar="OLD",
        help="an earlier snapshot: the meeting brief gets 'What changed since <its date>'",
    )
    pdf.add_argument(  # presenter's notes (issue 12, item 4)
        "--notes",
        metavar="FILE",
        help="presenter's notes file (File ▸ Presenter's notes ▸ Export): printed as remarks",
    )

    pdf.add_argument(  # the meeting brief's charts (brief area, issue 12)
        "--charts",
        metavar="ID,ID",
        help="the meeting brief's charts, in order (chart ids such as chart:ftz_trade_value; "
        "default: chosen by rules)",
    )

    from .export.pptx_command import add_parser as add_pptx_parser  # PowerPoint area

    add_pptx_parser(sub)

    shot = sub.add_parser("screenshot", help="save screenshots of every tab")
    shot.add_argument("--out", required=True, help="folder for the PNG files")
    shot.add_argument("--snapshot", help="snapshot file (default: the bundled one)")
    shot.add_argument(
        "--sizes", default="1920x1080,1366x768", help="comma-separated WIDTHxHEIGHT list"
    )
    shot.add_argument("--langs", default="zh,en", help="comma-separated languages")
    shot.add_argument("--lang", choices=("zh", "en"), help="language of the messages")
    return p


def cmd_snapshot_build(args: argparse.Namespace) -> int:
    from .snapshot.builder import build_snapshot
    from .snapshot.issues import SnapshotError
    from .snapshot.workbook import is_workbook

    if is_workbook(args.src):
        from .update_commands import build_workbook_command

        return build_workbook_command(args)

    lang = args.msg_lang
    warnings: list = []
    try:
        cid = build_snapshot(args.src, args.out, created_at=args.created_at, warnings=warnings)
    except SnapshotError as exc:
        err(f"{tr('cli.cannot_build', lang, path=args.out)}\n{exc.message(lang, limit=50)}")
        return EXIT_PROBLEM
    except OSError as exc:
        err(tr("cli.cannot_write", lang, path=args.out, reason=os_reason(exc, lang)))
        return EXIT_PROBLEM
    print(tr("cli.built", lang, path=args.out, cid=cid))
    for warning in warnings:  # snapshot area: characters the bundled fonts lack
        print(f"  - {warning.message(lang)}")
    return EXIT_OK


def cmd_snapshot_check(args: argparse.Namespace) -> int:
    from .snapshot.reader import check_snapshot

    lang = args.msg_lang
    snapshot, issues = check_snapshot(args.file, full=True)
    if issues or snapshot is None:
        print(tr("cli.check_failed", lang, path=args.file, n=len(issues)))
        for issue in issues:
            print(f"  - {issue.message(lang)}")
        return EXIT_PROBLEM
    obs = snapshot.observations
    counts = {k: int(v) for k, v in obs["status"].value_counts().items()}
    print(tr("cli.check_ok", lang, path=args.file))
    print(tr("cli.check_title", lang, value=f"{snapshot.title('zh')} / {snapshot.title('en')}"))
    print(tr("cli.check_as_of", lang, value=snapshot.as_of))
    print(tr("cli.check_schema", lang, value=snapshot.schema_version))
    print(tr("cli.check_cid", lang, value=snapshot.content_id))
    print(tr("cli.check_created", lang, value=snapshot.meta.get("created_at", "")))
    print(tr("cli.check_sources", lang, value=len(snapshot.sources)))
    print(tr("cli.check_metrics", lang, value=len(snapshot.metrics)))
    print(
        tr(
            "cli.check_obs",
            lang,
            n=len(obs),
            **{k: counts.get(k, 0) for k in ("reported", "derived", "target")},
        )
    )
    print(tr("cli.check_highlights", lang, value=len(snapshot.highlights)))
    # snapshot area: warnings (the file is usable) about characters the bundled fonts lack
    from .snapshot.glyphs import snapshot_glyph_warnings

    for warning in snapshot_glyph_warnings(snapshot):
        print(f"  - {warning.message(lang)}")
    return EXIT_OK


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from .export.headless import export_pdf_command

    return export_pdf_command(args)


def cmd_screenshot(args: argparse.Namespace) -> int:
    from .ui.screenshots import screenshot_command

    return screenshot_command(args)


def run_commands(argv: Sequence[str]) -> int:
    args = _commands_parser().parse_args(argv)
    # one rule for the language of every command's messages: --lang, else the system locale
    args.msg_lang = message_lang(getattr(args, "lang", None))
    if args.command == "snapshot" and args.action in ("template", "diff"):
        from . import update_commands

        return update_commands.run(args)
    if args.command == "snapshot":
        return cmd_snapshot_build(args) if args.action == "build" else cmd_snapshot_check(args)
    if args.command == "export-pdf":
        return cmd_export_pdf(args)
    if args.command == "export-pptx":  # PowerPoint area
        from .export.pptx_command import export_pptx_command

        return export_pptx_command(args)
    return cmd_screenshot(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            return run_commands(argv)
        args = _app_parser().parse_args(argv)
        path = Path(args.snapshot) if args.snapshot else bundled_snapshot()
        from .ui.app import run_app

        return run_app(path, lang=args.lang)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
