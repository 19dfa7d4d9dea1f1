"""Words of meeting mode: the slides and the presenter's view (render/slide_view.py,
ui/presentation/*), in (zh, en)."""

from __future__ import annotations

SLIDES: dict[str, tuple[str, str]] = {
    "slide.next": ("下一张", "Next"),
    "slide.current": ("当前", "Current"),
    "slide.last": ("（最后一张）", "(last slide)"),
    "slide.elapsed": ("已用时间", "Elapsed"),
    "slide.focus": ("聚焦 {year}", "Focus {year}"),
    "slide.goto": ("跳转到第 {n} 张 ⏎", "Go to slide {n} ⏎"),
    "slide.hint_year": ("Shift+←/→ 切换年份", "Shift+←/→ year"),
    "slide.year_mode": (
        "年份模式：←/→ 切换年份 · F 退出",
        "Year mode: ←/→ change year · F to exit",
    ),
    "slide.cover_hint": (
        "翻页：→ / PgDn · 返回：← / PgUp · 黑屏：B · 退出：Esc",
        "Next: → / PgDn · Back: ← / PgUp · Black: B · Leave: Esc",
    ),
    "slide.presenting": ("正在演示", "Presenting"),
    "slide.keys": (
        "→ / PgDn / 空格 下一张 · ← / PgUp 上一张 · 数字+回车 跳转\nB 黑屏 · W 白屏 · Shift+←/→ "
        "年份 · F 年份模式 · T 明暗主题 · Esc 结束",
        "→ / PgDn / Space next · ← / PgUp previous · digits+Enter jump\nB black · W white · "
        "Shift+←/→ year · F year mode · T theme · Esc end",
    ),
    # the presenter's view
    "slide.black_screen": ("黑屏", "black screen"),
    "slide.speaker_notes_slide": ("本页演示者备注", "Speaker notes, this slide"),
    "slide.notes_on_slide_s": ("本页数值的说明", "Notes on this slide's figures"),
}
