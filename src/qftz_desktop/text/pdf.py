"""Words used only by the PDF briefs (export/pdf/*), in (zh, en)."""

from __future__ import annotations

# the data book's cover, reading notes, tables and footer (export/pdf/layout.py, databook.py)
PDF: dict[str, tuple[str, str]] = {
    "pdf.snapshot_id": ("快照标识", "Snapshot content id"),
    "pdf.compiled_by": ("资料编制", "Compiled by"),
    "pdf.software": ("生成软件", "Made with"),
    "pdf.reading": ("阅读说明", "How to read this brief"),
    "pdf.reading_reported": (
        "公开报道：公开资料中发布的数值（图中实心柱）。",
        "Reported: a value published in a public source (solid bars).",
    ),
    "pdf.reading_derived": (
        "推算：由公开数值计算得出，公式列于表下（图中斜线柱）。",
        "Derived: computed from reported values; the formula is listed under the table (hatched "
        "bars).",
    ),
    "pdf.reading_target": (
        "目标：规划或文件提出的目标值，并非实际完成数（图中虚线框）。",
        "Target: a goal stated in a plan, not an outcome (dashed outlines).",
    ),
    "pdf.reading_qualifier": (
        "数值前的“超过”“约”“至少”照录原文；每个数字都注明期间与来源，来源清单见文末。",
        "'over', 'about' and 'at least' are as the source wrote them; every number has its period "
        "and source, listed in full at the end.",
    ),
    "pdf.reading_marks": (
        "数字后的①②…表示该数值附有说明（期间推断、来源冲突、上下限等）；表格、图表数值标签和文中句"
        "子用同一编号，说明印在同一页的页脚。",
        "①, ②… after a value mark a note (inferred period, conflicting sources, bounds…); tables, "
        "chart labels and sentences use the same numbers, and the note is printed at the foot of "
        "the same page.",
    ),
    "pdf.how_marks": (
        "数字后的①②…表示该数值附有说明（期间推断、来源冲突、上下限等），表格、图表和句子中编号相同"
        "，说明见同页页脚。",
        "①, ②… after a value (in a table, a chart label or a sentence) mark a note (inferred "
        "period, conflicting sources, bounds…); the note is at the foot of the same page.",
    ),
    "pdf.contents": ("目录", "Contents"),
    "pdf.summary_note": (
        "以上句子由本简报的数据按固定规则自动生成；标注“推算”的数值由本简报计算，括号内为公式。",
        "These sentences are generated from the data by fixed rules; values marked 'derived' are "
        "computed for this brief, with the formula in brackets.",
    ),
    "pdf.charts_left_out": (
        "本节收入前 {shown} 幅图表，另有 {hidden} 幅未收入简报（可在应用中查看、导出）：{names}",
        "This section includes the first {shown} charts; {hidden} more are not in the brief (see "
        "them, and export their data, in the app): {names}",
    ),
    "pdf.capped": (
        "本表仅列出最近的 {shown} 个数值（共 {total} 个，{hidden} "
        "个未列出）；图中绘出全部数值。完整数据表见应用中本图的“数据表”按钮，可复制或导出 CSV。",
        "This table lists the latest {shown} of {total} values ({hidden} not listed); the chart "
        "draws them all. The full table is in the app: the chart's Data button shows it, copies "
        "it and saves it as CSV.",
    ),
    "pdf.derived_notes": ("推算方法", "How derived values were computed"),
    "pdf.sources_intro": (
        "本简报引用的 {n} 个来源，按日期排列。",
        "The {n} sources cited in this brief, by date.",
    ),
    "pdf.source_id": ("编号", "Id"),
    "pdf.source_date": ("日期", "Date"),
    "pdf.source_url": ("网址", "Address"),
    "pdf.no_date": ("未注明", "undated"),
    "pdf.page_of": ("第 {n} / {total} 页", "Page {n} of {total}"),
}

# the meeting brief's scorecard (export/pdf/meeting.py)
PDF.update(
    {
        "pdf.target_value": ("目标值", "Target value"),
        "pdf.scorecard_no_actual": (
            "“—”：快照中没有同一指标、同类期间的实际值，无法判断。",
            "'—': the snapshot has no actual of the same metric and kind of period to judge by.",
        ),
    }
)

# a data book tab's counts line: "2 幅图表 · 1 项关键数据 · 0 条要点" (domain/brief/databook.py)
DATABOOK: dict[str, tuple[str, str]] = {
    "databook.count_charts": ("{n} 幅图表", "{n} charts"),
    "databook.count_charts_1": ("1 幅图表", "1 chart"),
    "databook.count_cards": ("{n} 项关键数据", "{n} key figures"),
    "databook.count_cards_1": ("1 项关键数据", "1 key figure"),
    "databook.count_highlights": ("{n} 条要点", "{n} highlights"),
    "databook.count_highlights_1": ("1 条要点", "1 highlight"),
}
