"""Words of the exports: the PowerPoint deck (export/pptx*.py) and writing files, in (zh, en)."""

from __future__ import annotations

PPTX: dict[str, tuple[str, str]] = {
    "pptx.other_source": ("另一来源", "other source"),
    "pptx.judged_as": ("判断日期：{of}", "Judged as of {of}"),
    # writing a file (export/atomic.py)
    "export.folder_does_not_exist": (
        "文件夹 {folder} 不存在",
        "the folder {folder} does not exist",
    ),
    "export.folder_not_writable": (
        "没有写入文件夹 {folder} 的权限",
        "the folder {folder} is not writable",
    ),
    "export.folder_that_name_exists": ("已存在同名文件夹", "a folder of that name exists"),
    "export.no_file_can_be": (
        "无法在文件夹 {folder} 中创建文件",
        "no file can be created in {folder}",
    ),
    "export.file_read_only_or": (
        "文件为只读或正被其他程序占用（请关闭后重试）",
        "the file is read-only or held open by another program (close it and try again)",
    ),
    # the speaker notes of a PowerPoint slide
    "pptx.presenter_s_remarks": ("【主讲人备注】", "[Presenter's remarks]"),
    "pptx.caveats": ("【说明】", "[Caveats]"),
    "pptx.sources": ("【来源】", "[Sources]"),
    # the scorecard slide's columns
    "pptx.progress": ("进度", "Progress"),
    "pptx.status": ("状态", "Status"),
    # Qt's PDF writer refused (export/pdf/canvas.py)
    "export.qt_cannot_open_pdf": ("无法创建PDF文件", "Qt could not open the PDF"),
    "export.qt_cannot_add_page": ("无法添加PDF页面", "Qt could not add a page"),
}
