"""The language of command-line messages, and their words: one rule for every command.

The rule: the ``--lang`` given, else the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
``zh…`` is Chinese), else English. A message is in one language from its first word to its
last — the file's problem included — so "cannot open snapshot x: x: 文件不存在" cannot happen.
Qt-free, so that ``snapshot check`` needs no Qt.
"""

from __future__ import annotations

import errno
import locale
import os
import sys
from collections.abc import Mapping

MESSAGES: dict[str, tuple[str, str]] = {  # key: (zh, en)
    "cannot_open": ("无法打开快照 {path}：", "cannot open snapshot {path}:"),
    "cannot_build": ("无法生成 {path}：", "cannot build {path}:"),
    "cannot_write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "unreadable": ("文件无法读取（{error}）", "the file cannot be read ({error})"),
    "built": ("已生成 {path}\n内容标识 {cid}", "built {path}\ncontent id {cid}"),
    "wrote_pdf": ("已写入 {path}（{pages} 页）", "wrote {path} ({pages} pages)"),
    "wrote_pptx": ("已写入 {path}（{slides} 页幻灯片）", "wrote {path} ({slides} slides)"),
    "bad_date": (
        "--date {value!r} 不是形如 2026-01-22 的日期",
        "--date {value!r} is not a date like 2026-01-22",
    ),
    "bad_epoch": (
        "SOURCE_DATE_EPOCH={value!r} 不是自 1970 年起的秒数",
        "SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970",
    ),
    "bad_sizes": (
        "--sizes 应形如 1920x1080,1366x768，而不是 {value!r}",
        "--sizes must look like 1920x1080,1366x768, not {value!r}",
    ),
    "bad_langs": ("--langs 只接受 zh 和/或 en", "--langs takes zh and/or en"),
    "check_failed": ("未通过 {path}：{n} 个问题", "FAILED {path}: {n} problem(s)"),
    "check_ok": ("通过 {path}", "OK {path}"),
    "check_title": ("  标题         {value}", "  title        {value}"),
    "check_as_of": ("  数据截至     {value}", "  as of        {value}"),
    "check_schema": ("  格式版本     v{value}", "  schema       v{value}"),
    "check_cid": ("  内容标识     {value}", "  content id   {value}"),
    "check_created": ("  生成时间     {value}", "  created at   {value}"),
    "check_sources": ("  来源         {value}", "  sources      {value}"),
    "check_metrics": ("  指标         {value}", "  metrics      {value}"),
    "check_obs": (
        "  数据         {n}（公开报道 {reported}、推算 {derived}、目标 {target}）",
        "  observations {n} (reported {reported}, derived {derived}, target {target})",
    ),
    "check_highlights": ("  要点         {value}", "  highlights   {value}"),
}

_OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "permission denied"),
    errno.EROFS: ("只读文件系统", "read-only file system"),
    errno.ENOSPC: ("磁盘空间不足", "the disk is full"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
    errno.ENOTDIR: ("路径中有一项不是文件夹", "a part of the path is not a folder"),
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


def msg(key: str, lang: str, **params: object) -> str:
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**params)


def os_reason(exc: OSError, lang: str) -> str:
    """The reason of an OSError in ``lang`` (the system's own text is English)."""
    known = _OS_REASONS.get(exc.errno or 0)
    if known:
        return known[0] if lang == "zh" else known[1]
    if lang == "zh":
        return f"系统错误（{errno.errorcode.get(exc.errno or 0, exc.errno)}）"
    return exc.strerror or str(exc)


def err(message: str) -> None:
    print(f"qftz-desktop: {message}", file=sys.stderr)
