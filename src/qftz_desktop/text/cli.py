"""Words of the command-line messages (cli.py, messages.py and the commands), in (zh, en).

A message is in one language from its first word to its last (messages.py says which).
"""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "cli.cannot_open": ("无法打开快照 {path}：", "cannot open snapshot {path}:"),
    "cli.cannot_build": ("无法生成 {path}：", "cannot build {path}:"),
    "cli.cannot_write": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "cli.unreadable": ("文件无法读取（{error}）", "the file cannot be read ({error})"),
    "cli.built": ("已生成 {path}\n内容标识 {cid}", "built {path}\ncontent id {cid}"),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.cannot_read": ("无法读取 {path}：", "cannot read {path}:"),
    "cli.wrote_pdf": ("已写入 {path}（{pages} 页）", "wrote {path} ({pages} pages)"),
    "cli.wrote_pptx": ("已写入 {path}（{slides} 页幻灯片）", "wrote {path} ({slides} slides)"),
    "cli.bad_date": (
        "--date {value!r} 不是形如 2026-01-22 的日期",
        "--date {value!r} is not a date like 2026-01-22",
    ),
    "cli.bad_epoch": (
        "SOURCE_DATE_EPOCH={value!r} 不是自 1970 年起的秒数",
        "SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970",
    ),
    "cli.bad_sizes": (
        "--sizes 应形如 1920x1080,1366x768，而不是 {value!r}",
        "--sizes must look like 1920x1080,1366x768, not {value!r}",
    ),
    "cli.bad_langs": ("--langs 只接受 zh 和/或 en", "--langs takes zh and/or en"),
    "cli.check_failed": ("未通过 {path}：{n} 个问题", "FAILED {path}: {n} problem(s)"),
    "cli.check_ok": ("通过 {path}", "OK {path}"),
    "cli.check_title": ("  标题         {value}", "  title        {value}"),
    "cli.check_as_of": ("  数据截至     {value}", "  as of        {value}"),
    "cli.check_schema": ("  格式版本     v{value}", "  schema       v{value}"),
    "cli.check_cid": ("  内容标识     {value}", "  content id   {value}"),
    "cli.check_created": ("  生成时间     {value}", "  created at   {value}"),
    "cli.check_sources": ("  来源         {value}", "  sources      {value}"),
    "cli.check_metrics": ("  指标         {value}", "  metrics      {value}"),
    "cli.check_obs": (
        "  数据         {n}（公开报道 {reported}、推算 {derived}、目标 {target}）",
        "  observations {n} (reported {reported}, derived {derived}, target {target})",
    ),
    "cli.check_highlights": ("  要点         {value}", "  highlights   {value}"),
    # an OSError's reason
    "cli.os_no_such_file": ("文件或文件夹不存在", "no such file or folder"),
    "cli.os_permission": ("没有权限", "permission denied"),
    "cli.os_read_only": ("只读文件系统", "read-only file system"),
    "cli.os_disk_full": ("磁盘空间不足", "the disk is full"),
    "cli.os_is_folder": ("这是一个文件夹", "it is a folder"),
    # the system's own text is English: Chinese gets the error's code (one language a message)
    "cli.os_system_error": ("系统错误（{code}）", "{error}"),
    "cli.os_not_folder": ("路径中有一项不是文件夹", "a part of the path is not a folder"),
    # export-pdf --since
    "cli.since_adds_page_meeting": (
        "--since 只用于会议简报（--kind meeting）；完整数据手册没有“变化”一节",
        "--since adds a page to the meeting brief; the data book (--kind full) has none",
    ),
    # export-pdf --charts
    "cli.charts_chooses_meeting_brief": (
        "--charts 只用于会议简报（--kind meeting）；完整数据手册包含全部图表",
        "--charts chooses the meeting brief's charts; the data book (--kind full) has them all",
    ),
    "cli.charts_snapshot_has_no": (
        "--charts：快照中没有图表 {bad}。可用的图表：{known}",
        "--charts: the snapshot has no chart {bad}. Its charts: {known}",
    ),
    "cli.charts_names_no_chart": ("--charts 为空", "--charts names no chart"),
    "cli.charts_meeting_brief_holds": (
        "--charts：会议简报最多{chosen}幅图表，给出了{ids}幅",
        "--charts: a meeting brief holds at most {chosen} charts; {ids} given",
    ),
}
