"""Write files so that a failed or cancelled export leaves nothing half-written.

Data goes to a temporary file in the target's folder, is flushed to disk, and only then
replaces the target with ``os.replace`` (atomic on the same file system). An existing brief is
therefore either the old one or the complete new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..text import tr


class AtomicWriteError(Exception):
    """A file that cannot be written; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str, **params: object):
        """``reason`` is a catalogue key, filled with ``params``."""
        self.path = path
        self.reason = reason
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        reason = tr(self.reason, lang, **self.params)
        return tr("cli.cannot_write", lang, path=self.path, reason=reason)


def _explain(path: Path, exc: OSError) -> AtomicWriteError:
    folder = path.parent
    if not folder.exists():
        return AtomicWriteError(path, "export.folder_does_not_exist", folder=folder)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists() and not os.access(folder, os.W_OK):
            pass
        elif path.exists():
            return AtomicWriteError(path, "export.file_read_only_or")
        return AtomicWriteError(path, "export.folder_not_writable", folder=folder)
    if exc.errno == errno.ENOSPC:
        return AtomicWriteError(path, "cli.os_disk_full")
    if exc.errno == errno.EISDIR or path.is_dir():
        return AtomicWriteError(path, "export.folder_that_name_exists")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):  # the folder exists but takes no files
        return AtomicWriteError(path, "export.no_file_can_be", folder=folder)
    # one language per message: the system's own text is English, so Chinese gets the code
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return AtomicWriteError(path, "cli.os_system_error", code=code, error=exc.strerror or str(exc))


STALE_PART_SECONDS = 600  # only where no lock can be taken (Windows): older is a dead export's
# what tempfile.mkstemp(prefix=".NAME.", suffix=".part") makes: 8 characters of its alphabet
_PART_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")

try:
    import fcntl
except ImportError:  # Windows: a file open in another process cannot be removed anyway
    fcntl = None  # type: ignore[assignment]


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock an export holds on its temporary file; False if it is held."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_if_dead(part: Path) -> None:
    """Remove ``part`` when no running export holds its lock (POSIX), or, without locks, when
    it is older than STALE_PART_SECONDS."""
    if fcntl is None:
        if time.time() - part.stat().st_mtime > STALE_PART_SECONDS:
            part.unlink()
        return
    fd = os.open(part, os.O_RDONLY)
    try:
        if not _try_lock(fd):
            return  # an export is writing it right now
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(part))
        except FileNotFoundError:
            return  # it was just renamed onto its target: that export finished
        if same:
            part.unlink()
    finally:
        os.close(fd)  # releases the lock


def remove_stale_parts(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files of exports into ``folder`` that are no longer running.

    Each export holds an exclusive lock on its temporary file while it writes (see
    :func:`atomic_target`); a killed process's lock is gone with it, so its file is removed at
    once, and a running export's file, locked, is never touched. Returns what was removed.
    """
    removed: list[Path] = []
    try:
        candidates = [p for p in Path(folder).iterdir() if _PART_NAME.match(p.name)]
    except OSError:
        return removed
    for part in candidates:
        with contextlib.suppress(OSError):
            _remove_if_dead(part)
            if not part.exists():
                removed.append(part)
    return removed


@contextlib.contextmanager
def atomic_target(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path``, on error it vanishes.

    The temporary file stays locked while this runs, so that other exports (and the next
    start) can tell it from the leftover of a killed export.
    """
    path = Path(path)
    if path.is_dir():
        raise AtomicWriteError(path, "export.folder_that_name_exists")
    remove_stale_parts(path.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise _explain(path, exc) from None
    if fcntl is not None:
        _try_lock(fd)  # a new file: nobody else can hold it
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o777 if path.exists() else 0o644
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except OSError as exc:
            raise _explain(path, exc) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_target(path) as tmp:
        tmp.write_bytes(data)
