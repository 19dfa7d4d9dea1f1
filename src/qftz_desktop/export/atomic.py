"""Write files so that a failed or cancelled export leaves nothing half-written.

Data goes to a temporary file in the target's folder, is flushed to disk, and only then
replaces the target with ``os.replace`` (atomic on the same file system). An existing brief is
therefore either the old one or the complete new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class AtomicWriteError(Exception):
    """A file that cannot be written; the message names the file and the reason."""

    def __init__(self, path: Path, reason_en: str, reason_zh: str):
        self.path = path
        self.reason_en = reason_en
        self.reason_zh = reason_zh
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"无法写入 {self.path}：{self.reason_zh}"
        return f"cannot write {self.path}: {self.reason_en}"


def _explain(path: Path, exc: OSError) -> AtomicWriteError:
    folder = path.parent
    if not folder.exists():
        return AtomicWriteError(
            path, f"the folder {folder} does not exist", f"文件夹 {folder} 不存在"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists() and not os.access(folder, os.W_OK):
            pass
        elif path.exists():
            return AtomicWriteError(
                path,
                "the file is read-only or held open by another program (close it and try again)",
                "文件为只读或正被其他程序占用（请关闭后重试）",
            )
        return AtomicWriteError(
            path, f"the folder {folder} is not writable", f"没有写入文件夹 {folder} 的权限"
        )
    if exc.errno == errno.ENOSPC:
        return AtomicWriteError(path, "the disk is full", "磁盘空间不足")
    if exc.errno == errno.EISDIR or path.is_dir():
        return AtomicWriteError(path, "a folder of that name exists", "已存在同名文件夹")
    return AtomicWriteError(path, exc.strerror or str(exc), exc.strerror or str(exc))


STALE_PART_SECONDS = 600  # no export takes this long: an older temp file is a dead export's


def remove_stale_parts(path: Path) -> None:
    """Remove temporary files that a killed export of ``path`` could not clean up.

    Only files older than STALE_PART_SECONDS: a concurrent export's file is never touched.
    """
    now = time.time()
    for part in path.parent.glob(f".{path.name}.*.part"):
        with contextlib.suppress(OSError):
            if now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()


@contextlib.contextmanager
def atomic_target(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path``, on error it vanishes."""
    path = Path(path)
    if path.is_dir():
        raise AtomicWriteError(path, "a folder of that name exists", "已存在同名文件夹")
    remove_stale_parts(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _explain(path, exc) from None
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


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_target(path) as tmp:
        tmp.write_bytes(data)
