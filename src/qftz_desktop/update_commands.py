"""The quarterly-update commands: ``snapshot template``, ``snapshot build X.xlsx``, ``diff``.

Kept out of ``cli.py`` (which only parses) so that openpyxl and the comparison load only for
these commands. Each ends in a message and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_PROBLEM = 0, 1


def message_lang(args: argparse.Namespace) -> str:
    """--lang, else the environment's language (zh_CN.UTF-8 -> zh), else English."""
    from .messages import message_lang as rule  # the one rule, for every command

    return rule(getattr(args, "lang", None))


def _err(message: str) -> None:
    print(f"qftz-desktop: {message}", file=sys.stderr)


def build_workbook_command(args: argparse.Namespace) -> int:
    from .messages import os_reason
    from .snapshot.issues import SnapshotError
    from .snapshot.workbook import WorkbookError, build_from_workbook
    from .text import tr

    lang = message_lang(args)
    try:
        cid, warnings = build_from_workbook(args.src, args.out, created_at=args.created_at)
    except WorkbookError as exc:
        head = tr("cli.cannot_build", lang, path=args.out)
        _err(f"{head}\n{exc.message(lang, limit=50)}")
        return EXIT_PROBLEM
    except SnapshotError as exc:
        _err(f"{tr('cli.cannot_build', lang, path=args.out)}\n{exc.message(lang, limit=50)}")
        return EXIT_PROBLEM
    except OSError as exc:
        _err(tr("cli.cannot_write", lang, path=args.out, reason=os_reason(exc, lang)))
        return EXIT_PROBLEM
    for warning in warnings:
        print(warning.message(lang), file=sys.stderr)
    print(tr("cli.built", lang, path=args.out, cid=cid))
    return EXIT_OK


def template_command(args: argparse.Namespace) -> int:
    from .messages import os_reason
    from .snapshot.issues import SnapshotError
    from .snapshot.reader import open_snapshot
    from .snapshot.template import write_template
    from .text import tr

    lang = message_lang(args)
    snapshot = None
    if args.from_snapshot:
        try:
            snapshot = open_snapshot(args.from_snapshot)
        except SnapshotError as exc:
            head = tr("cli.cannot_read", lang, path=args.from_snapshot)
            _err(f"{head}\n{exc.message(lang)}")
            return EXIT_PROBLEM
    try:
        write_template(args.out, snapshot)
    except OSError as exc:
        _err(tr("cli.cannot_write", lang, path=args.out, reason=os_reason(exc, lang)))
        return EXIT_PROBLEM
    print(tr("cli.wrote", lang, path=args.out))
    return EXIT_OK


def diff_command(args: argparse.Namespace) -> int:
    from .domain.changes import compare, report_lines
    from .domain.tabs import TAB_IDS
    from .snapshot.issues import SnapshotError
    from .snapshot.reader import open_snapshot
    from .text import tr

    lang = message_lang(args)
    try:
        old = open_snapshot(args.old)
        new = open_snapshot(args.new)
    except SnapshotError as exc:
        _err(f"{tr('cli.cannot_read', lang, path=exc.file)}\n{exc.message(lang)}")
        return EXIT_PROBLEM
    changes = compare(old, new)
    if args.json:
        print(json.dumps(changes.to_json(), ensure_ascii=False, indent=1))
    else:
        names = {t: tr(f"tab.{t}", lang) for t in TAB_IDS}
        print("\n".join(report_lines(changes, lang, names)))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.action == "template":
        return template_command(args)
    return diff_command(args)
