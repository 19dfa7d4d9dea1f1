"""What the export commands (``export-pdf``, ``export-pptx``) read before they write.

Both commands check the same options and open the same files, so they do it here, once: a
bad date, snapshot, notes file or ``--since`` snapshot gives the same message and exit code
from either command (they once differed: only the PDF refused a bad ``SOURCE_DATE_EPOCH``
and named an unreadable file). Nothing here needs Qt; every check runs before Qt starts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.briefing import Briefing
    from ..domain.changes import Changes
    from ..snapshot.model import Snapshot

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """One message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def check_date(brief_date: str | None, say: str, environ: Mapping[str, str] | None = None) -> None:
    """``--date`` must be YYYY-MM-DD, and ``SOURCE_DATE_EPOCH`` a whole number of seconds
    (as reproducible-builds asks: fail, not guess)."""
    from ..domain.brief.options import is_iso_date
    from ..text import tr

    if brief_date is not None and not is_iso_date(brief_date):
        raise CommandError(tr("cli.bad_date", say, value=brief_date), EXIT_USAGE)
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        raise CommandError(tr("cli.bad_epoch", say, value=epoch), EXIT_USAGE)


def open_read_only(path: Path | str, say: str) -> Snapshot:
    """A snapshot file, read-only; any problem is one message naming the file."""
    from ..snapshot.issues import SnapshotError
    from ..snapshot.reader import open_snapshot
    from ..text import tr

    try:
        return open_snapshot(path)
    except SnapshotError as exc:
        raise CommandError(
            f"{tr('cli.cannot_open', say, path=path)}\n{exc.message(say)}", EXIT_PROBLEM
        ) from exc
    except Exception as exc:  # noqa: BLE001 - a file that breaks the reader is still a bad file
        reason = tr("cli.unreadable", say, error=type(exc).__name__)
        raise CommandError(
            f"{tr('cli.cannot_open', say, path=path)} {reason}", EXIT_PROBLEM
        ) from exc


def open_briefing(snapshot: str | None, say: str) -> Briefing:
    """The snapshot named (default: the bundled one) as a Briefing."""
    from ..domain.briefing import Briefing
    from ..resources import bundled_snapshot

    return Briefing(open_read_only(Path(snapshot) if snapshot else bundled_snapshot(), say))


def read_notes(notes: str | None, content_id: str, say: str) -> dict[str, str]:
    """The presenter's notes for this snapshot from a notes file (none when not given)."""
    if not notes:
        return {}
    from ..domain.notes import NotesFileError, notes_for_snapshot

    try:
        return notes_for_snapshot(notes, content_id)
    except NotesFileError as exc:
        raise CommandError(exc.message(say), EXIT_PROBLEM) from exc


def read_changes(since: str | None, snapshot: Snapshot, say: str) -> Changes | None:
    """What changed since an earlier snapshot (``--since``), or None when not asked."""
    if not since:
        return None
    from ..domain.changes import compare

    return compare(open_read_only(since, say), snapshot)
