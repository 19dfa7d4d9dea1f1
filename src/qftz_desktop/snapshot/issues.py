"""Problems found in a snapshot, each naming the file, the table, the row and what is wrong.

Messages exist in Chinese and English because the same problem is printed by the command line
and shown in the window, whose language the user chooses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# code -> (English template, Chinese template); templates use the issue's params.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing_file": ("the file does not exist", "文件不存在"),
    "not_a_file": (
        "this is not a file (it is a folder or a device)",
        "这不是一个文件（可能是文件夹）",
    ),
    "unreadable": ("the file cannot be read: {reason}", "无法读取文件：{reason}"),
    "empty_file": ("the file is empty", "文件为空"),
    "not_sqlite": (
        "this is not a SQLite snapshot (the file does not start with the SQLite header)",
        "这不是 SQLite 快照文件（文件头不是 SQLite 格式）",
    ),
    "truncated": (
        "the file is truncated: the header declares {expected} bytes but it has {actual}",
        "文件不完整：文件头声明 {expected} 字节，实际只有 {actual} 字节",
    ),
    "corrupt": ("the file is damaged: {reason}", "文件已损坏：{reason}"),
    "wal_mode": (
        "the database is in WAL mode, which cannot be opened without writing next to it; "
        "rebuild it with 'qftz-desktop snapshot build'",
        "数据库处于 WAL 模式，只读打开会在旁边写文件；请用 'qftz-desktop snapshot build' 重新生成",
    ),
    "newer_schema": (
        "the snapshot uses schema version {found}, newer than this app knows ({known}); "
        "update QFTZ Briefing",
        "快照的格式版本为 {found}，高于本程序支持的版本 {known}；请升级 QFTZ Briefing",
    ),
    "bad_schema": (
        "schema version {found} is not a version of this format",
        "格式版本 {found} 无效",
    ),
    "wrong_application": (
        "the database is not a QFTZ snapshot (application id {found})",
        "该数据库不是 QFTZ 快照（application id {found}）",
    ),
    "missing_table": ("table '{name}' is missing", "缺少数据表 '{name}'"),
    "not_a_table": (
        "'{name}' is not a plain table (it is a view, a virtual table or has computed columns)",
        "'{name}' 不是普通数据表（可能是视图、虚拟表或含计算列）",
    ),
    "missing_column": ("column '{column}' is missing", "缺少列 '{column}'"),
    "missing_value": ("'{column}' is empty", "'{column}' 为空"),
    "not_a_number": ("'{column}' is not a number: {value}", "'{column}' 不是数字：{value}"),
    "not_text": (
        "'{column}' holds binary data, not text: {value}",
        "'{column}' 是二进制数据而不是文本：{value}",
    ),
    "not_finite": (
        "'{column}' is not a finite number: {value}",
        "'{column}' 不是有限数值：{value}",
    ),
    "not_integer": ("'{column}' is not a whole number: {value}", "'{column}' 不是整数：{value}"),
    "out_of_range": (
        "'{column}' is too large for a whole number (at most 15 digits): {value}",
        "'{column}' 超出整数范围（最多 15 位）：{value}",
    ),
    "bad_enum": (
        "'{column}' is '{value}', expected one of: {allowed}",
        "'{column}' 的值为 '{value}'，应为以下之一：{allowed}",
    ),
    "bad_period": ("{reason}", "期间格式错误：{reason}"),
    "period_mismatch": (
        "the stored period fields do not match period '{value}'",
        "期间字段与期间 '{value}' 不一致",
    ),
    "duplicate_key": ("'{column}' {value} appears more than once", "'{column}' {value} 重复"),
    "duplicate_observation": (
        "metric '{metric}' has more than one {status} value for period {period}",
        "指标 '{metric}' 在期间 {period} 有多个{status}值",
    ),
    "dangling_reference": (
        "'{column}' refers to '{value}', which does not exist in table '{target}'",
        "'{column}' 引用的 '{value}' 在表 '{target}' 中不存在",
    ),
    "missing_quote": (
        "a {status} value needs the source's quote",
        "{status}数值须附来源原文引述",
    ),
    "missing_formula": ("a derived value needs its formula", "推算值须附计算公式"),
    "negative_count": (
        "'{column}' is negative for a count: {value}",
        "计数 '{column}' 为负数：{value}",
    ),
    "missing_meta": ("metadata key '{key}' is missing", "缺少元数据项 '{key}'"),
    "content_id_mismatch": (
        "the content id in the file ({stored}) does not match its content ({computed}): "
        "the file was changed after it was built",
        "文件中的内容标识（{stored}）与内容不符（{computed}）：文件在生成后被修改过",
    ),
    "csv_error": ("{reason}", "{reason}"),
    "internal_error": (
        "the file could not be checked because of an error in QFTZ Briefing ({reason}); "
        "please report it",
        "由于 QFTZ Briefing 内部错误，无法检查该文件（{reason}）；请报告此问题",
    ),
    # warnings (the file is still built and opened): characters the bundled fonts lack
    "missing_glyph": (
        "warning: '{column}' has characters that no bundled font can draw (they would come "
        "from a system font or show as a box): {chars}",
        "提示：'{column}' 含内置字体无法显示的字符（将借用系统字体或显示为方框）：{chars}",
    ),
    "more_glyph_warnings": (
        "warning: … and {count} more cells with characters no bundled font can draw",
        "提示：……另有 {count} 处含内置字体无法显示的字符",
    ),
    "more_problems": ("… and {count} more problems of this kind", "……同类问题还有 {count} 处"),
}


@dataclass(frozen=True)
class Issue:
    """One problem in one place."""

    code: str
    file: str
    table: str | None = None
    row: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def problem(self, lang: str = "en") -> str:
        en, zh = MESSAGES[self.code]
        template = zh if lang == "zh" else en
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template

    def where(self, lang: str = "en") -> str:
        parts = [self.file]
        if self.table:
            parts.append(f"表 {self.table}" if lang == "zh" else f"table {self.table}")
        if self.row:
            parts.append(f"{self.row}")
        return ", ".join(parts)

    def message(self, lang: str = "en") -> str:
        return f"{self.where(lang)}: {self.problem(lang)}"

    def __str__(self) -> str:
        return self.message("en")


class SnapshotError(Exception):
    """A snapshot that cannot be used; carries every issue found."""

    def __init__(self, issues: list[Issue]):
        if not issues:
            raise ValueError("SnapshotError needs at least one issue")
        self.issues = issues
        super().__init__(self.message("en"))

    @property
    def file(self) -> str:
        return self.issues[0].file

    def message(self, lang: str = "en", limit: int = 12) -> str:
        lines = [i.message(lang) for i in self.issues[:limit]]
        if len(self.issues) > limit:
            rest = len(self.issues) - limit
            lines.append(f"……另有 {rest} 个问题" if lang == "zh" else f"… and {rest} more")
        return "\n".join(lines)
