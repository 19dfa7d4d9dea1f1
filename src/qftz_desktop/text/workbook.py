"""Words of the Excel workbook: its problems and hints (snapshot/workbook.py), and what the
template writes into it (snapshot/template.py), in (zh, en).

The staff who fill in the workbook read Chinese first; templates use the problem's params.
"""

from __future__ import annotations

WORKBOOK: dict[str, tuple[str, str]] = {
    # problems found while reading a workbook
    "workbook.problem.not_xlsx": (
        "不是 Excel .xlsx 工作簿（可能是 .xls、加密文件或其他格式）：{reason}",
        "this is not an Excel .xlsx workbook (an old .xls, an encrypted file or another format): "
        "{reason}",
    ),
    "workbook.problem.missing_sheet": (
        "缺少工作表 '{sheet}'（应有列：{columns}）",
        "sheet '{sheet}' is missing (its columns: {columns})",
    ),
    "workbook.problem.ambiguous_sheet": (
        "工作表 {sheets} 都像是 '{sheet}' 表，无法确定用哪一张",
        "sheets {sheets} all look like the '{sheet}' sheet; it is not clear which one to use",
    ),
    "workbook.problem.sheet_by_columns": (
        "工作表 '{found}' 按列名识别为 '{sheet}' 表",
        "sheet '{found}' was read as the '{sheet}' sheet (recognised by its columns)",
    ),
    "workbook.problem.unknown_column": (
        "列名 '{value}' 不属于该表，已忽略",
        "the column '{value}' is not part of this sheet and was ignored",
    ),
    "workbook.problem.unnamed_column": (
        "该列有数据但第 1 行没有列名（可能是合并了标题单元格）",
        "this column has data but no name in row 1 (were heading cells merged?)",
    ),
    "workbook.problem.duplicate_column": (
        "列名 '{value}' 出现了不止一次",
        "the column '{value}' appears twice",
    ),
    "workbook.problem.merged_cells": (
        "单元格 {cells} 被合并，只有 {first} 有内容",
        "the cells {cells} are merged: only {first} holds a value",
    ),
    "workbook.problem.formula_no_value": (
        "单元格是公式 {formula}，但文件中没有计算结果",
        "the cell holds the formula {formula} but the file has no computed value for it",
    ),
    "workbook.problem.formula_used": (
        "使用了公式 {formula} 的计算结果 {value}",
        "the result {value} of the formula {formula} was used",
    ),
    "workbook.problem.excel_error": (
        "单元格显示 Excel 错误 {value}",
        "the cell shows the Excel error {value}",
    ),
    "workbook.problem.ambiguous_number": (
        "无法确定数字：{value}",
        "the number is ambiguous: {value}",
    ),
    "workbook.problem.words_in_number": (
        "数值中含有文字或符号：{value}",
        "the value holds words or signs: {value}",
    ),
    "workbook.problem.percent_cell": (
        "单元格设为百分比格式（显示 {shown}，实际存的是 {value}）",
        "the cell is formatted as a percentage (it shows {shown} but holds {value})",
    ),
    "workbook.problem.date_in_number": (
        "数值列中是一个日期：{value}",
        "a date in a number column: {value}",
    ),
    "workbook.problem.date_in_text": (
        "文本列中是一个日期：{value}",
        "a date in a text column: {value}",
    ),
    "workbook.problem.ambiguous_date": ("无法确定日期：{value}", "the date is ambiguous: {value}"),
    "workbook.problem.serial_date": (
        "Excel 日期序号 {value} 读作 {date}",
        "the Excel date number {value} was read as {date}",
    ),
    "workbook.problem.too_many": (
        "问题太多，只列出前 {limit} 个",
        "too many problems: only the first {limit} are listed",
    ),
    # what to do about them
    "workbook.hint.not_xlsx": (
        "在 Excel 或 WPS 中另存为 .xlsx 工作簿",
        "Save it as an .xlsx workbook in Excel or WPS",
    ),
    "workbook.hint.missing_sheet": ("从新模板复制该工作表", "Copy the sheet from a new template"),
    "workbook.hint.ambiguous_sheet": (
        "删除或改名多余的工作表",
        "Delete or rename the extra sheets",
    ),
    "workbook.hint.unnamed_column": (
        "取消合并标题单元格，或删除该列的数据",
        "Unmerge the heading cells, or clear the column",
    ),
    "workbook.hint.duplicate_column": ("删除重复的列", "Delete the repeated column"),
    "workbook.hint.merged_cells": (
        "取消合并，并在每个单元格中填写内容",
        "Unmerge them and fill in every cell",
    ),
    "workbook.hint.formula_no_value": (
        "在 Excel 或 WPS 中打开并保存文件后重新导入，或直接填写数值",
        "Open and save the file in Excel or WPS, then import again — or type the value",
    ),
    "workbook.hint.excel_error": ("改正公式或直接填写数值", "Fix the formula or type the value"),
    "workbook.hint.ambiguous_number": (
        "只用小数点表示小数，例如 1234.5 或 1,234.5",
        "Use a point for decimals, e.g. 1234.5 or 1,234.5",
    ),
    "workbook.hint.words_in_number": (
        "只填数字；“约”“超过”等选在 qualifier 列，单位在 metrics 表",
        "Type the number alone; choose 'about', 'over' … in qualifier; the unit is in metrics",
    ),
    "workbook.hint.percent_cell": (
        "将单元格格式设为“常规”，填 12 表示 12%",
        "Set the cell format to General and type 12 for 12 %",
    ),
    "workbook.hint.date_in_number": (
        "将单元格格式设为“常规”后重新填写数字",
        "Set the cell format to General and retype the number",
    ),
    "workbook.hint.date_in_text": (
        "将单元格格式设为“文本”后重新填写",
        "Set the cell format to Text and retype it",
    ),
    "workbook.hint.ambiguous_date": (
        "按 年-月-日 填写，例如 2024-09-27",
        "Write it as year-month-day, e.g. 2024-09-27",
    ),
    "workbook.hint.missing_column": (
        "在第 1 行补上该列名（可从新模板复制）",
        "Add the column name in row 1 (copy it from a new template)",
    ),
    "workbook.hint.missing_value": ("填写该单元格", "Fill in the cell"),
    "workbook.hint.not_a_number": ("只填数字，例如 1234.5", "Type a plain number, e.g. 1234.5"),
    "workbook.hint.not_integer": ("填写整数", "Type a whole number"),
    "workbook.hint.bad_enum": (
        "从单元格的下拉列表中选择：{allowed}",
        "Choose from the cell's drop-down list: {allowed}",
    ),
    "workbook.hint.bad_period": (
        "写成 2024、2024Q1、2023-01/2023-11、2024-09 或 "
        "2024-09-27；日期不确定时加标记：2021?、~2024-06、<2019-08",
        "Write 2024, 2024Q1, 2023-01/2023-11, 2024-09 or 2024-09-27; when the date is not "
        "certain, mark it: 2021?, ~2024-06, <2019-08",
    ),
    "workbook.hint.duplicate_key": ("每行使用不同的编号", "Give each row its own id"),
    "workbook.hint.duplicate_observation": (
        "同一指标、期间、状态只保留一行",
        "Keep one row per metric, period and status",
    ),
    "workbook.hint.dangling_reference": (
        "使用 {target} 表中已有的编号，或先在该表中添加",
        "Use an id from the {target} sheet, or add it there first",
    ),
    "workbook.hint.missing_quote": (
        "在 quote 列填写来源原文",
        "Copy the source's words into quote",
    ),
    "workbook.hint.missing_formula": (
        "在 formula 列写明计算方法",
        "Write how it is computed into formula",
    ),
    "workbook.hint.negative_count": (
        "计数不能为负数，请核对",
        "A count cannot be negative: check it",
    ),
    "workbook.hint.missing_meta": (
        "在 snapshot 表中添加 key 为 {key} 的一行",
        "Add a row with key {key} to the snapshot sheet",
    ),
    # where a problem is, and how it is told
    "workbook.severity_error": ("错误", "Error"),
    "workbook.severity_warning": ("提示", "Warning"),
    "workbook.where_sheet": ("工作表", "sheet"),
    "workbook.where_row": ("第 {n} 行", "row {n}"),
    "workbook.where_column": ("{letter} 列（{name}）", "column {letter} ({name})"),
    "workbook.where_column_letter": ("{letter} 列", "column {letter}"),
    "workbook.with_hint": ("（{hint}）", " — {hint}"),
    "workbook.errors_head": ("{file}：{n} 个错误", "{file}: {n} error(s)"),
    "problems.more": ("……另有 {rest} 个问题", "… and {rest} more"),
}


# written into the workbook, both languages at once (snapshot/template.py): row 2 of each
# sheet says what a column holds; the how-to sheet; the drop-down lists' messages
WORKBOOK_SHEETS: dict[str, tuple[str, str]] = {
    "workbook.help.meta.key": ("项目名称（不要改）", "Item (do not change)"),
    "workbook.help.meta.value": (
        "内容；as_of 为数据截止日期，如 2026-01-22",
        "Value; as_of is the data date",
    ),
    "workbook.help.sources.id": ("来源编号，如 PR2024", "Source id, e.g. PR2024"),
    "workbook.help.sources.title": ("文件或网页标题", "Title of the document"),
    "workbook.help.sources.publisher": ("发布机构", "Publisher"),
    "workbook.help.sources.date": (
        "发布日期：2024、2024-06 或 2024-06-26；不详留空",
        "Date: 2024, 2024-06 or 2024-06-26; empty if undated",
    ),
    "workbook.help.sources.url": ("网址（可留空）", "Web address (may be empty)"),
    "workbook.help.sources.language": ("语言代码：zh、en、de …", "Language code: zh, en, de …"),
    "workbook.help.sources.note": ("关于来源本身的说明", "Caveats about the source itself"),
    "workbook.help.metrics.id": (
        "指标编号，小写英文加下划线",
        "Metric id, lower case with underscores",
    ),
    "workbook.help.sector": ("板块（下拉选择）", "Sector (choose from the list)"),
    "workbook.help.metrics.name_zh": ("中文名称", "Name in Chinese"),
    "workbook.help.metrics.name_en": ("英文名称", "Name in English"),
    "workbook.help.metrics.unit": (
        "单位代码（下拉或新代码）",
        "Unit code (from the list, or a new code)",
    ),
    "workbook.help.metrics.unit_zh": ("中文单位，如 亿元", "Unit in Chinese, e.g. 亿元"),
    "workbook.help.metrics.unit_en": ("英文单位，如 CNY 100 m", "Unit in English, e.g. CNY 100 m"),
    "workbook.help.metrics.scope": ("口径（下拉选择）", "Scope (choose from the list)"),
    "workbook.help.metrics.scope_zh": ("口径全称（中文）", "Exact scope in Chinese"),
    "workbook.help.metrics.scope_en": ("口径全称（英文）", "Exact scope in English"),
    "workbook.help.metrics.chart_group": (
        "同组同单位的指标画在同一图中；可留空",
        "Same group and unit: one chart; may be empty",
    ),
    "workbook.help.metrics.headline": (
        "概览卡片位置 1、2、3…；可留空",
        "Overview card position 1, 2, 3 …; may be empty",
    ),
    "workbook.help.metrics.description_zh": (
        "定义与注意事项（中文）",
        "Definition and caveats (Chinese)",
    ),
    "workbook.help.metrics.description_en": (
        "定义与注意事项（英文）",
        "Definition and caveats (English)",
    ),
    "workbook.help.observations.metric_id": (
        "指标编号（见 metrics 表）",
        "Metric id (from the metrics sheet)",
    ),
    "workbook.help.observations.period": (
        "期间：2024、2024Q1、2023-01/2023-11、2024-09-27；推断 2021?、前后 ~2024-06、之前 <2019-08",
        "Period: 2024, 2024Q1, 2023-01/2023-11, 2024-09-27; inferred 2021?, ~2024-06, <2019-08",
    ),
    "workbook.help.observations.value": (
        "数值，只填数字，单位见 metrics 表",
        "Number only, in the metric's unit",
    ),
    "workbook.help.observations.qualifier": (
        "精确/超过/约/至少（下拉选择）",
        "exact / over / about / at least (list)",
    ),
    "workbook.help.observations.status": (
        "公布值/推算值/目标（下拉选择）",
        "reported / derived / target (list)",
    ),
    "workbook.help.source_id": (
        "来源编号（见 sources 表）",
        "Source id (from the sources sheet)",
    ),
    "workbook.help.observations.quote": (
        "来源原文；公布值和目标必填",
        "The source's words; required for reported and target",
    ),
    "workbook.help.observations.formula": (
        "计算方法；推算值必填",
        "How it is computed; required for derived",
    ),
    "workbook.help.observations.note": (
        "说明：推断的年份、口径变化等",
        "Caveats: inferred year, changed definition …",
    ),
    "workbook.help.ref": ("种子清单编号（可留空）", "Seed list id (may be empty)"),
    "workbook.help.highlights.id": ("亮点编号", "Highlight id"),
    "workbook.help.highlights.title_zh": ("中文标题", "Title in Chinese"),
    "workbook.help.highlights.title_en": ("英文标题", "Title in English"),
    "workbook.help.highlights.text_zh": ("中文正文", "Text in Chinese"),
    "workbook.help.highlights.text_en": ("英文正文", "Text in English"),
    "workbook.help.highlights.quote": ("来源原文", "The source's words"),
    "workbook.help_default": ("见 docs/snapshot-format.md", "See docs/snapshot-format.md"),
    "workbook.howto_title": (
        "季度数据更新：填写说明",
        "Quarterly data update: how to fill this in",
    ),
    "workbook.howto_1": (
        "每张工作表对应快照的一张表：snapshot（基本信息）、sources（来源）、metrics（指标）、obser"
        "vations（数值）、highlights（亮点）。",
        "Each sheet is one table of the snapshot: snapshot (basic facts), sources, metrics, "
        "observations (the numbers) and highlights.",
    ),
    "workbook.howto_2": (
        "第 1 行是列名，请勿修改；第 2 行说明该列填什么；从第 3 行起填写数据。不要合并单元格。",
        "Row 1 holds the column names: do not change them. Row 2 says what each column holds. "
        "Type data from row 3 on. Do not merge cells.",
    ),
    "workbook.howto_3": (
        "数值只填数字（如 1870 或 1,870），不要带单位、%、“约”“超过”等字样；这些分别写在 metrics "
        "表的单位和 qualifier 列。百分数填 12 表示 12%。",
        "Values are plain numbers (1870 or 1,870), without units, % or words such as 'about': the "
        "unit is in the metrics sheet, the wording in the qualifier column. For a percentage, "
        "type 12 for 12 %.",
    ),
    "workbook.howto_4": (
        "公布值（reported）和目标（target）必须填写来源原文（quote）；推算值（derived）必须填写计"
        "算方法（formula）。同一指标、同一期间、同一状态只能有一行。",
        "A reported value or a target needs the source's words (quote); a derived value needs its "
        "formula. One metric has one row per period and status.",
    ),
    "workbook.howto_5": (
        "期间写法：2024（全年）、2024Q1（季度）、2023-01/2023-11（月份区间）、2024-09 或 "
        "2024-09-27（截至某月或某日）。来源没有写明日期时，如实标注：2021?（年份为推断）、~2024-06"
        "（2024年6月前后）、<2019-08（2019年8月之前，日期不详）。",
        "Periods: 2024 (a year), 2024Q1 (a quarter), 2023-01/2023-11 (a span of months), 2024-09 "
        "or 2024-09-27 (as of a month or a day). When the source gives no date, say so: 2021? "
        "(year inferred), ~2024-06 (around June 2024), <2019-08 (before August 2019, undated).",
    ),
    "workbook.howto_6": (
        "修改旧数值时直接改原行（程序会在“变化”中列为修订，而不是增长）；新增的期间另起一行。",
        "To correct an old value, edit its row (it is listed as a revision under 'what changed', "
        "never as growth); a new period gets a new row.",
    ),
    "workbook.howto_7": (
        "填好后：在程序中选择 文件 ▸ 导入数据…，或运行 qftz-desktop snapshot build 本文件.xlsx "
        "--out 新快照.sqlite。有问题时程序会逐条指出工作表、行和列，不会生成文件。",
        "When done: File ▸ Import data… in the app, or qftz-desktop snapshot build THIS.xlsx "
        "--out new.sqlite. Problems are listed with sheet, row and column; nothing is written "
        "until all are fixed.",
    ),
    "workbook.howto_lists": ("可选值（下拉列表）", "Allowed values (drop-down lists)"),
    "workbook.howto_period_kinds": (
        "期间类型（由程序根据期间自动判断）",
        "Period kinds (worked out from the period)",
    ),
    "workbook.choose_from_list": ("请从下拉列表中选择", "Choose a value from the list"),
    "workbook.not_an_id": ("该编号不在 {sheet} 表中", "Not an id of the {sheet} sheet"),
    "workbook.new_unit": ("新的单位代码？请确认", "A new unit code? Check it"),
    "workbook.not_in_list": ("不在列表中", "Not in the list"),
}
