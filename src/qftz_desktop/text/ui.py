"""Words of the window: menus, dialogs, panels and their messages (ui/*), in (zh, en)."""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    # the unexpected-error handler (ui/app.py) shows both languages at once
    "app.crash": (
        "出现意外错误，程序将继续运行。",
        "An unexpected error occurred; the app keeps running.",
    ),
    "app.crash_logged": ("详情已记录", "Details were logged to"),
    "app.crash_console": (
        "qftz-desktop：意外错误：{error}\n详情已记录：{path}",
        "qftz-desktop: unexpected error: {error}\nDetails were logged to {path}",
    ),
    # export
    "export.meeting_brief_2_4": ("会议简报，2–4页 (*.pdf)", "Meeting brief, 2–4 pages (*.pdf)"),
    "export.full_data_book_pdf": ("完整数据简报 (*.pdf)", "Full data book (*.pdf)"),
    "export.export_pdf_brief": ("导出 PDF 简报", "Export PDF brief"),
    "export.preparing_brief": ("正在准备简报…", "Preparing the brief…"),
    "export.cancel": ("取消", "Cancel"),
    "export.export_failed": ("导出失败：{name}: {exc}", "The export failed: {name}: {exc}"),
    "export.pdf_brief_was_not": ("PDF 简报未能导出。", "The PDF brief was not exported."),
    "export.exported_pages": ("已导出 {path}（{pages} 页）", "Exported {path} ({pages} pages)"),
    "export.page": ("正在生成第 {done} / {total} 页…", "Page {done} of {total}…"),
    # notes
    "notes.these_notes_refer_chart": (
        "以下备注所指的图表或幻灯片不在本快照中。它们仍被保存并随“导出备注”一起导出。",
        "These notes refer to a chart or slide this snapshot does not have. They are kept and "
        "included when you export notes.",
    ),
    "notes.cover": ("封面", "Cover"),
    "notes.presenter_s_notes": ("演示者备注", "Presenter's notes"),
    "notes.notes_without_place": ("找不到位置的备注（{n}）…", "Notes without a place ({n})…"),
    "notes.import_notes": ("导入备注", "Import notes"),
    "notes.export_notes": ("导出备注", "Export notes"),
    "notes.notes_without_place_2": ("找不到位置的备注", "Notes without a place"),
    "notes.note": ("备注…", "Note…"),
    "notes.write_presenter_s_note": (
        "为所选幻灯片写演示者备注",
        "Write a presenter's note for this slide",
    ),
    "notes.edit_note": ("编辑备注…", "Edit note…"),
    "notes.slide": ("幻灯片", "Slide"),
    "notes.presenter_s_note": ("演示者备注", "Presenter's note"),
    "notes.shown_presenter_view_meeting": (
        "在演示者视图、会议简报和 PowerPoint 备注中显示；标为演示者备注，不属于数据。",
        "Shown in the presenter view, the meeting brief and the PowerPoint notes, marked as your "
        "remarks — never as data.",
    ),
    "notes.chart": ("图表", "Chart"),
    "notes.notes_are_not_saved": (
        "（备注未保存，文件保持原样）",
        " (notes are not saved; the file is left as it is)",
    ),
    "notes.cannot_write": ("无法写入 {path}：{strerror}", "cannot write {path}: {strerror}"),
    "notes.cover_note_menu": ("封面备注…", "Cover note…"),
    "notes.note_for_this_tab_menu": ("本栏目备注…", "Note for this tab…"),
    "notes.import_notes_menu": ("导入备注…", "Import notes…"),
    "notes.export_notes_menu": ("导出备注…", "Export notes…"),
    "notes.notes_without_a_place_menu": ("找不到位置的备注…", "Notes without a place…"),
    "notes.imported_counts": (
        "已导入 {imported} 条，{same} 条相同，{differed} 条与本机备注不同（两者均保留）。",
        "Imported {imported}, {same} already here, {differed} differed from yours (both kept).",
    ),
    # import
    "import.import_data": ("导入数据…", "Import data…"),
    "import.import_report": ("导入检查报告", "Import report"),
    "import.check_again": ("重新检查", "Check again"),
    "import.save_new_snapshot": ("保存新快照…", "Save new snapshot…"),
    "import.close": ("关闭", "Close"),
    "import.error_s_warning_s": (
        "{name}：{errors} 个错误，{warnings} 个提示。没有导入任何数据。请在 Excel "
        "中改正后保存，再点“重新检查”。",
        "{name}: {errors} error(s), {warnings} warning(s). Nothing was imported. Fix them in "
        "Excel, save the file, then click 'Check again'.",
    ),
    "import.no_errors_warning_s": (
        "{name}：没有错误，{warnings} 个提示。可以保存为新快照。",
        "{name}: no errors, {warnings} warning(s). It can be saved as a new snapshot.",
    ),
    "import.import_data_excel_workbook": (
        "导入数据：Excel 工作簿，或 CSV 文件夹中的任一文件",
        "Import data: an Excel workbook, or any file of a CSV folder",
    ),
    "import.excel_workbook_or_csv": (
        "Excel 工作簿或 CSV (*.xlsx *.xlsm *.csv);;所有文件 (*)",
        "Excel workbook or CSV (*.xlsx *.xlsm *.csv);;All files (*)",
    ),
    "import.checking": ("正在检查 {name} …", "Checking {name} …"),
    "import.import_data_2": ("导入数据", "Import data"),
    "import.import_cancelled": ("已取消导入", "Import cancelled"),
    "import.save_new_snapshot_2": ("保存新快照", "Save the new snapshot"),
    "import.qftz_snapshots_sqlite": ("QFTZ 快照 (*.sqlite)", "QFTZ snapshots (*.sqlite)"),
    "import.saving": ("正在保存 {name} …", "Saving {name} …"),
    "import.cannot_import": ("无法导入", "Cannot import"),
    "import.snapshot_already_open_stays": (
        "当前快照保持不变。",
        "The snapshot already open stays open.",
    ),
    "import.col_kind": ("类型", "Kind"),
    "import.col_sheet": ("工作表", "Sheet"),
    "import.col_row": ("行", "Row"),
    "import.col_column": ("列", "Column"),
    "import.col_problem": ("问题", "Problem"),
    "import.col_what_to_do": ("怎么办", "What to do"),
    # pptx
    "pptx.export_powerpoint": ("导出 PowerPoint", "Export PowerPoint"),
    "pptx.powerpoint_presentations_pptx": (
        "PowerPoint 演示文稿 (*.pptx)",
        "PowerPoint presentations (*.pptx)",
    ),
    "pptx.export_powerpoint_2": ("导出 PowerPoint…", "Export PowerPoint…"),
    "pptx.making_slides": ("正在生成幻灯片…", "Making the slides…"),
    "pptx.slide": ("第 {done} / {total} 张幻灯片…", "Slide {done} of {total}…"),
    "pptx.powerpoint_deck_was_not": (
        "PowerPoint 未能导出。",
        "The PowerPoint deck was not exported.",
    ),
    "pptx.meeting_deck_about_15": ("会议幻灯片（约 15 张）", "Meeting deck (about 15 slides)"),
    "pptx.all_charts": ("全部图表", "All charts"),
    "pptx.slides": ("幻灯片", "Slides"),
    "pptx.exported_slides": (
        "已导出 {path}（{slides} 张幻灯片）",
        "Exported {path} ({slides} slides)",
    ),
    # compare
    "compare.compare_which_snapshot": ("与哪个快照比较", "Compare with which snapshot"),
    "compare.qftz_snapshots_sqlite_db": (
        "QFTZ 快照 (*.sqlite *.db);;所有文件 (*)",
        "QFTZ snapshots (*.sqlite *.db);;All files (*)",
    ),
    "compare.compare": ("与其他快照比较", "Compare with"),
    "compare.comparing": ("正在比较 {path} …", "Comparing with {path} …"),
    "compare.cannot_compare": ("无法比较", "Cannot compare"),
    "compare.cannot_read": ("无法读取 {path}", "Cannot read {path}"),
    "compare.changed_since": ("● 自 {since} 以来有变化", "● changed since {since}"),
    "compare.what_changed": ("变化", "What changed"),
    "compare.other_snapshot": ("其他快照…", "Other snapshot…"),
    "compare.stop_comparing": ("停止比较", "Stop comparing"),
    # window
    "window.punct": ("English", "中文"),
    "window.open_snapshot_ctrl_o": (
        "请打开一个快照文件（Ctrl+O），或将文件拖到此处。",
        "Open a snapshot (Ctrl+O) or drop a file here.",
    ),
    "window.open_snapshot": ("打开快照", "Open snapshot"),
    "window.opening": ("正在打开 {path} …", "Opening {path} …"),
    "window.cannot_open_snapshot": ("无法打开快照", "Cannot open snapshot"),
    "window.cannot_open": ("无法打开 {path}", "Cannot open {path}"),
    "window.about": ("关于", "About"),
    "window.file": ("文件(&F)", "&File"),
    "window.open_snapshot_2": ("打开快照…", "Open snapshot…"),
    "window.open_recent": ("最近打开", "Open recent"),
    "window.export_pdf_brief": ("导出 PDF 简报…", "Export PDF brief…"),
    "window.quit": ("退出", "Quit"),
    "window.view": ("视图(&V)", "&View"),
    "window.previous_year": ("上一年", "Previous year"),
    "window.next_year": ("下一年", "Next year"),
    "window.clear_focused_year": ("取消年份聚焦", "Clear focused year"),
    "window.full_screen": ("全屏", "Full screen"),
    "window.present": ("演示", "Present"),
    "window.slides": ("演示幻灯片…", "Slides…"),
    "window.language": ("语言", "Language"),
    "window.switch_language": ("切换语言", "Switch language"),
    "window.help": ("帮助(&H)", "&Help"),
    "window.keyboard_shortcuts": ("快捷键", "Keyboard shortcuts"),
    "window.years": ("年份", "Years"),
    "window.switch_language_ctrl_l": ("切换语言 (Ctrl+L)", "Switch language (Ctrl+L)"),
    "window.switch_tabs": ("切换栏目", "Switch tabs"),
    "window.previous_next_year": ("上一年 / 下一年", "Previous / next year"),
    "window.copy_selected_chart_as": (
        "复制所选图表为图片（右键：另存为 PNG / SVG）",
        "Copy the selected chart as an image (right-click: save as PNG / SVG)",
    ),
    "window.present_2": ("演示模式", "Present"),
    "window.meeting_mode": ("演示模式中", "In meeting mode"),
    "window.next_slide": ("下一页", "Next slide"),
    "window.previous_slide": ("上一页", "Previous slide"),
    "window.first_last_slide": ("第一页 / 最后一页", "First / last slide"),
    "window.digits_enter": ("数字 + Enter", "Digits + Enter"),
    "window.go_slide_n": ("跳到第 N 页", "Go to slide N"),
    "window.black_white_screen": ("黑屏 / 白屏", "Black / white screen"),
    "window.focus_previous_next_year": ("聚焦上一年 / 下一年", "Focus previous / next year"),
    "window.year_mode_change_year": ("年份模式：←/→ 切换年份", "Year mode: ←/→ change the year"),
    "window.dark_light_projector_theme": ("深色 / 浅色投影主题", "Dark / light projector theme"),
    "window.leave_back_where_you": ("退出演示，回到原栏目", "Leave, back to where you were"),
    "window.keys": ("按键", "Keys"),
    "window.action": ("作用", "Action"),
    # cards
    "cards.data": ("数据表", "Data"),
    "cards.show_copy_or_save": (
        "查看、复制或导出本图数据",
        "Show, copy or save this chart's numbers",
    ),
    # tabs
    "tabs.every_figure_says_what": (
        "每个数字都注明性质：公开报道、推算（附公式）或目标；悬停卡片可查看期间、单位与来源，点击"
        "可打开对应栏目。数字后的①②…表示该数值附有说明（期间推断、来源冲突、上下限等），悬停即可查"
        "看；卡片、图表、表格和句子用同一种标记，导出的简报把说明印在同页页脚。",
        "Every figure says what it is — reported, derived (with its formula) or a target. Hover a "
        "card for its period, unit and source; click it to open its tab. ①, ②… after a value mark "
        "a note (inferred period, conflicting sources, bounds…): hover to read it. Cards, charts, "
        "tables and sentences use the same marks; the exported brief prints the notes at the foot "
        "of the same page.",
    ),
    "tabs.snapshot_has_no_figures": (
        "本快照在此栏目下没有数据。",
        "This snapshot has no figures for this tab.",
    ),
    # deckdlg
    "deckdlg.slides_chosen": ("已选 {n} / {total} 张", "{n} of {total} slides chosen"),
    "deckdlg.cannot_export": ("无法导出", "Cannot export"),
    # chart
    "chart.copy_image": ("复制图表图片", "Copy chart as image"),
    "chart.save_png": ("另存为 PNG 图片…", "Save chart as PNG…"),
    "chart.save_svg": ("另存为 SVG 矢量图…", "Save chart as SVG…"),
    "chart.save_title": ("保存图表", "Save chart"),
    # the notes file (domain/notes.py)
    "notes.it_not_qftz_briefing": (
        "这不是 QFTZ 简报的备注文件",
        "it is not a QFTZ Briefing notes file",
    ),
    "notes.its_version_missing": ("缺少版本号", "its version is missing"),
    "notes.it_was_written_by": (
        "该文件由更新版本的程序写入（备注格式 {version}）",
        "it was written by a newer version of the app (notes format {version})",
    ),
    "notes.it_has_no_snapshots": ("缺少“snapshots”部分", "it has no 'snapshots' table"),
    "notes.snapshot_entry_malformed": (
        "快照条目 {cid!r} 格式错误",
        "snapshot entry {cid!r} is malformed",
    ),
    "notes.notes_are_malformed": ("{short} 的备注格式错误", "the notes of {short} are malformed"),
    "notes.file_too_large": ("文件过大", "the file is too large"),
    "notes.it_not_valid_utf": ("不是有效的 UTF-8 JSON", "it is not valid UTF-8 JSON"),
    "notes.note_malformed": (
        "{short} 的备注 {target!r} 格式错误",
        "note {target!r} of {short} is malformed",
    ),
    "notes.cannot_read_file": (
        "无法读取备注文件 {path}：{reason}",
        "cannot read the notes file {path}: {reason}",
    ),
    # the slides dialog, the data table, the chart cards
    "deckdlg.slides_meeting_mode": ("演示幻灯片", "Slides for meeting mode"),
    "deckdlg.up": ("上移", "Up"),
    "deckdlg.down": ("下移", "Down"),
    "deckdlg.all": ("全选", "All"),
    "deckdlg.none": ("全不选", "None"),
    "deckdlg.meeting_deck_default": ("会议版（默认）", "Meeting deck (default)"),
    "deckdlg.all_slides": ("全部幻灯片", "All slides"),
    "deckdlg.export_handout_pdf": ("导出讲义 PDF…", "Export handout PDF…"),
    "deckdlg.present": ("开始演示", "Present"),
    "deckdlg.export_handout_pdf_2": ("导出讲义 PDF", "Export handout PDF"),
    "deckdlg.tick_slides_show_drag": (
        "勾选要演示的幻灯片，拖动或用“上移/下移”调整顺序。按快照分别记住。",
        "Tick the slides to show; drag them, or use Up/Down, to reorder. Remembered for each "
        "snapshot.",
    ),
    "deckdlg.handout": ("讲义", "handout"),
    "data.copy_all": ("复制全部", "Copy all"),
    "data.save_as_csv": ("另存为 CSV…", "Save as CSV…"),
    "data.save_as_csv_2": ("另存为 CSV", "Save as CSV"),
    "cards.note": ("备注 ✓", "Note ✓"),
    "cards.write_presenter_s_note": (
        "为本图写演示者备注",
        "Write a presenter's note for this chart",
    ),
    # counts in the window (ui/text.py, ui/tabs.py)
    "ui.counts": (
        "{figures} 项数据 · {highlights} 条要点",
        "{figures} figures · {highlights} highlights",
    ),
    "ui.counts_one_highlight": (
        "{figures} 项数据 · {highlights} 条要点",
        "{figures} figures · {highlights} highlight",
    ),
    # the slides dialog's line on the meeting brief's charts
    "deckdlg.charts_meeting_brief_pdf": (
        "会议简报（PDF）的图表：{names}",
        "Charts of the meeting brief (PDF): {names}",
    ),
    "deckdlg.meeting_brief_pdf_no": (
        "会议简报（PDF）：未勾选图表，按默认规则选图。",
        "Meeting brief (PDF): no chart ticked, so the default rules choose them.",
    ),
    "deckdlg.meeting_brief_pdf_charts": (
        "会议简报（PDF）：勾选了{ticked}幅图表，超过{chosen}幅，按默认规则选图。",
        "Meeting brief (PDF): {ticked} charts ticked, more than {chosen}, so the default rules "
        "choose them.",
    ),
    # a chart's note dialog: the takeaway in the presenter's own words
    "notes.restore_computed": ("恢复计算所得", "Restore computed"),
    "notes.chart_s_takeaway_your": (
        "本图要点（用自己的话替代计算所得的一句；在窗口、幻灯片、讲义和简报中标为“主讲人的话”，不"
        "作为数据）：",
        "This chart's takeaway in your own words (replaces the computed sentence in the window, "
        "slides, handout and brief, marked as the presenter's words, not data):",
    ),
    "notes.computed": ("计算所得：", "Computed: "),
    "notes.presenter_s_note_label": ("演示者备注：", "Presenter's note:"),
    # the notes file's computed takeaways (domain/notes.py)
    "notes.computed_takeaways_are_malformed": (
        "{short} 的计算要点格式错误",
        "the computed takeaways of {short} are malformed",
    ),
    "notes.computed_takeaway_malformed": (
        "{short} 的计算要点 {target!r} 格式错误",
        "computed takeaway {target!r} of {short} is malformed",
    ),
    # a chart card's takeaway button
    "cards.write_chart_s_takeaway": (
        "用自己的话写本图要点（可恢复计算所得的一句）",
        "Write this chart's takeaway in your own words (the computed one can be restored)",
    ),
}
