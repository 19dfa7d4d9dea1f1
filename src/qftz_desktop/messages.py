"""The language of command-line messages, and their words: one rule for every command.

The rule: the ``--lang`` given, else the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
``zh…`` is Chinese), else English. A message is in one language from its first word to its
last — the file's problem included — so "cannot open snapshot x: x: 文件不存在" cannot happen.
Qt-free, so that ``snapshot check`` needs no Qt. The words are in the catalogue (text/cli.py).
"""

from __future__ import annotations

import errno
import locale
import os
import sys
from collections.abc import Mapping

from .text import tr

# errno -> the catalogue's words for it (the system's own text is English)
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "cli.os_no_such_file",
    errno.EACCES: "cli.os_permission",
    errno.EPERM: "cli.os_permission",
    errno.EROFS: "cli.os_read_only",
    errno.ENOSPC: "cli.os_disk_full",
    errno.EISDIR: "cli.os_is_folder",
    errno.ENOTDIR: "cli.os_not_folder",
}


def system_lang(environ: Mapping[str, str] | None = None) -> str:
    """'zh' when the system locale is Chinese, else 'en'."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None and sys.platform.startswith("win"):  # no LANG: ask Windows
        name = (locale.getlocale()[0] or "").lower()
        return "zh" if name.startswith(("zh", "chinese")) else "en"
    return "en"


def message_lang(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The rule: the ``--lang`` given, else the system locale."""
    return given if given in ("zh", "en") else system_lang(environ)


def os_reason(exc: OSError, lang: str) -> str:
    """The reason of an OSError in ``lang`` (the system's own text is English)."""
    known = _OS_REASONS.get(exc.errno or 0)
    if known:
        return tr(known, lang)
    code = errno.errorcode.get(exc.errno or 0, exc.errno)
    return tr("cli.os_system_error", lang, code=code, error=exc.strerror or str(exc))


def err(message: str) -> None:
    print(f"qftz-desktop: {message}", file=sys.stderr)
