"""Words of the problems found in a snapshot (snapshot/issues.py), in (zh, en).

Templates use the issue's params; the command line and the window print the same words.
"""

from __future__ import annotations

ISSUES: dict[str, tuple[str, str]] = {
    "issue.missing_file": ("文件不存在", "the file does not exist"),
    "issue.not_a_file": (
        "这不是一个文件（可能是文件夹）",
        "this is not a file (it is a folder or a device)",
    ),
    "issue.unreadable": ("无法读取文件：{reason}", "the file cannot be read: {reason}"),
    "issue.empty_file": ("文件为空", "the file is empty"),
    "issue.not_sqlite": (
        "这不是 SQLite 快照文件（文件头不是 SQLite 格式）",
        "this is not a SQLite snapshot (the file does not start with the SQLite header)",
    ),
    "issue.truncated": (
        "文件不完整：文件头声明 {expected} 字节，实际只有 {actual} 字节",
        "the file is truncated: the header declares {expected} bytes but it has {actual}",
    ),
    "issue.corrupt": ("文件已损坏：{reason}", "the file is damaged: {reason}"),
    "issue.wal_mode": (
        "数据库处于 WAL 模式，只读打开会在旁边写文件；请用 'qftz-desktop snapshot build' 重新生成",
        "the database is in WAL mode, which cannot be opened without writing next to it; rebuild "
        "it with 'qftz-desktop snapshot build'",
    ),
    "issue.newer_schema": (
        "快照的格式版本为 {found}，高于本程序支持的版本 {known}；请升级 QFTZ Briefing",
        "the snapshot uses schema version {found}, newer than this app knows ({known}); update "
        "QFTZ Briefing",
    ),
    "issue.bad_schema": (
        "格式版本 {found} 无效",
        "schema version {found} is not a version of this format",
    ),
    "issue.wrong_application": (
        "该数据库不是 QFTZ 快照（application id {found}）",
        "the database is not a QFTZ snapshot (application id {found})",
    ),
    "issue.missing_table": ("缺少数据表 '{name}'", "table '{name}' is missing"),
    "issue.not_a_table": (
        "'{name}' 不是普通数据表（可能是视图、虚拟表或含计算列）",
        "'{name}' is not a plain table (it is a view, a virtual table or has computed columns)",
    ),
    "issue.missing_column": ("缺少列 '{column}'", "column '{column}' is missing"),
    "issue.missing_value": ("'{column}' 为空", "'{column}' is empty"),
    "issue.not_a_number": ("'{column}' 不是数字：{value}", "'{column}' is not a number: {value}"),
    "issue.not_text": (
        "'{column}' 是二进制数据而不是文本：{value}",
        "'{column}' holds binary data, not text: {value}",
    ),
    "issue.not_finite": (
        "'{column}' 不是有限数值：{value}",
        "'{column}' is not a finite number: {value}",
    ),
    "issue.not_integer": (
        "'{column}' 不是整数：{value}",
        "'{column}' is not a whole number: {value}",
    ),
    "issue.out_of_range": (
        "'{column}' 超出整数范围（最多 15 位）：{value}",
        "'{column}' is too large for a whole number (at most 15 digits): {value}",
    ),
    "issue.bad_enum": (
        "'{column}' 的值为 '{value}'，应为以下之一：{allowed}",
        "'{column}' is '{value}', expected one of: {allowed}",
    ),
    "issue.bad_period": ("期间格式错误：{reason}", "{reason}"),
    "issue.period_mismatch": (
        "期间字段与期间 '{value}' 不一致",
        "the stored period fields do not match period '{value}'",
    ),
    "issue.duplicate_key": ("'{column}' {value} 重复", "'{column}' {value} appears more than once"),
    "issue.duplicate_observation": (
        "指标 '{metric}' 在期间 {period} 有多个{status}值",
        "metric '{metric}' has more than one {status} value for period {period}",
    ),
    "issue.dangling_reference": (
        "'{column}' 引用的 '{value}' 在表 '{target}' 中不存在",
        "'{column}' refers to '{value}', which does not exist in table '{target}'",
    ),
    "issue.missing_quote": (
        "{status}数值须附来源原文引述",
        "a {status} value needs the source's quote",
    ),
    "issue.missing_formula": ("推算值须附计算公式", "a derived value needs its formula"),
    "issue.negative_count": (
        "计数 '{column}' 为负数：{value}",
        "'{column}' is negative for a count: {value}",
    ),
    "issue.missing_meta": ("缺少元数据项 '{key}'", "metadata key '{key}' is missing"),
    "issue.content_id_mismatch": (
        "文件中的内容标识（{stored}）与内容不符（{computed}）：文件在生成后被修改过",
        "the content id in the file ({stored}) does not match its content ({computed}): the file "
        "was changed after it was built",
    ),
    "issue.csv_error": ("{reason}", "{reason}"),
    "issue.internal_error": (
        "由于 QFTZ Briefing 内部错误，无法检查该文件（{reason}）；请报告此问题",
        "the file could not be checked because of an error in QFTZ Briefing ({reason}); please "
        "report it",
    ),
    "issue.missing_glyph": (
        "提示：'{column}' 含内置字体无法显示的字符（将借用系统字体或显示为方框）：{chars}",
        "warning: '{column}' has characters that no bundled font can draw (they would come from a "
        "system font or show as a box): {chars}",
    ),
    "issue.more_glyph_warnings": (
        "提示：……另有 {count} 处含内置字体无法显示的字符",
        "warning: … and {count} more cells with characters no bundled font can draw",
    ),
    "issue.more_problems": (
        "……同类问题还有 {count} 处",
        "… and {count} more problems of this kind",
    ),
    "issue.table": ("表 {table}", "table {table}"),
}


# a period's label, and where the source is not precise (snapshot/periods.py)
PERIODS: dict[str, tuple[str, str]] = {
    "period.before": ("{point}以前，未注明时间", "before {point}, undated"),
    "period.around": ("{point}前后", "around {point}"),
    "period.year_inferred": ("，年份为推断", ", year inferred"),
    "period.period_inferred": ("，时间为推断", ", period inferred"),
    "period.as_of": ("截至{point}", "as of {point}"),
    "period.short_before": ("{point}前", "pre-{point}"),
    "period.short_around": ("约{point}", "~{point}"),
    # dates and periods, the same month names everywhere (cards, tables, sentences, ages);
    # {m} is a month as its language writes it in a date: 6 in Chinese, Jun in English
    "date.year": ("{y}年", "{y}"),
    "date.quarter": ("{y}年第{q}季度", "Q{q} {y}"),
    "date.month": ("{y}年{m}月", "{m} {y}"),
    "date.day": ("{y}年{m}月{d}日", "{d} {m} {y}"),
    "date.months_in_year": ("{y}年{m1}–{m2}月", "{m1}–{m2} {y}"),
    "date.months_across": ("{y1}年{m1}月–{y2}年{m2}月", "{m1} {y1}–{m2} {y2}"),
    "date.month_1": ("1", "Jan"),
    "date.month_2": ("2", "Feb"),
    "date.month_3": ("3", "Mar"),
    "date.month_4": ("4", "Apr"),
    "date.month_5": ("5", "May"),
    "date.month_6": ("6", "Jun"),
    "date.month_7": ("7", "Jul"),
    "date.month_8": ("8", "Aug"),
    "date.month_9": ("9", "Sep"),
    "date.month_10": ("10", "Oct"),
    "date.month_11": ("11", "Nov"),
    "date.month_12": ("12", "Dec"),
}
