"""The meeting brief's charts as the user chooses them (issue 12, items 1 and 5): in the deck
dialog (remembered per snapshot, used by the window's PDF export and by F5) and with
``export-pdf --charts`` — read back from the PDF."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt

from qftz_desktop import cli
from windows import open_window

# chart ids and titles of the bundled snapshot (data/source/metrics.csv, the tabs' charts)
TRADE = "chart:ftz_trade_value"
TRADE_ZH = "片区外贸进出口额"
CONTAINERS = "chart:port_container_throughput"
CONTAINERS_ZH = "青岛港集装箱吞吐量"
CONTAINERS_EN = "Qingdao Port container throughput"
# the rules' first chart (headline position 1: Fortune Global 500 projects)
RULES_FIRST = "chart:ftz_f500|count|ftz"
RULES_FIRST_EN = "FTZ Fortune Global 500 investment projects"


def _text(path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(str(path)).pages)


def _charts_part(text: str, lang: str) -> str:
    """The text between the 'key charts' heading and 'what the data cannot say'."""
    head, end = ("重点图表", "数据不能说明的") if lang == "zh" else ("Keycharts", "Whatthedata")
    start = text.index(head)
    return text[start : text.index(end, start)]


def test_export_pdf_charts_option_names_a_bad_id_and_keeps_the_order(tmp_path, capsys):
    out = tmp_path / "b.pdf"
    code = cli.main(
        ["export-pdf", "--out", str(out), "--lang", "en", "--charts", f"{TRADE},nosuch_chart"]
    )
    assert code != 0 and not out.exists()
    err = capsys.readouterr().err
    assert "'nosuch_chart'" in err and "Traceback" not in err
    assert TRADE in err  # the message lists the snapshot's charts
    code = cli.main(["export-pdf", "--out", str(out), "--lang", "en", "--kind", "full",
                     "--charts", TRADE])  # fmt: skip
    assert code != 0 and "--kind full" in capsys.readouterr().err
    # the bare key works too; the brief holds these two charts, in this order
    code = cli.main(
        ["export-pdf", "--out", str(out), "--lang", "en", "--date", "2026-11-29",
         "--charts", f"port_container_throughput,{TRADE}"]
    )  # fmt: skip
    assert code == 0
    part = _charts_part(_text(out), "en")
    assert part.index("".join(CONTAINERS_EN.split())) < part.index("FTZforeigntrade")
    assert "".join(RULES_FIRST_EN.split()) not in part


def test_deck_dialog_chooses_the_briefs_charts_remembered_for_pdf_and_f5(
    qtbot, bundled_path, tmp_path
):
    from qftz_desktop.domain.deck import brief_charts
    from qftz_desktop.export.pdf_brief import export_brief
    from qftz_desktop.ui.deck_dialog import DeckDialog, open_deck_dialog
    from qftz_desktop.ui.export_dialog import options_for
    from qftz_desktop.ui.presentation import deck_slides

    win = open_window(qtbot, bundled_path)
    assert options_for(win).charts is None  # nothing chosen yet: the rules' charts
    dialog = open_deck_dialog(win)
    assert isinstance(dialog, DeckDialog)
    qtbot.waitExposed(dialog)
    assert RULES_FIRST in dialog.brief_chart_ids()  # the default is the rules' choice
    # every slide (all the snapshot's charts) is a deck to present, not the brief's charts
    dialog.every_button.click()
    assert dialog.brief_chart_ids() is None
    n = sum(len(tab.charts) for tab in win.briefing.tabs)
    assert n > 6
    assert (
        dialog.brief_label.text() == f"会议简报（PDF）：勾选了{n}幅图表，超过6幅，按默认规则选图。"
    )
    # untick every chart, then tick containers and trade, containers first
    for item in dialog.items():
        if "/chart:" in item.data(Qt.ItemDataRole.UserRole):
            item.setCheckState(Qt.CheckState.Unchecked)
    assert "未勾选图表" in dialog.brief_label.text()

    def row_of(slide_id: str) -> int:
        ids = [it.data(Qt.ItemDataRole.UserRole) for it in dialog.items()]
        return ids.index(slide_id)

    for sid in ("trade/" + TRADE, "shipping/" + CONTAINERS):
        dialog.list.item(row_of(sid)).setCheckState(Qt.CheckState.Checked)
    dialog.list.setCurrentRow(row_of("shipping/" + CONTAINERS))
    while row_of("shipping/" + CONTAINERS) > row_of("trade/" + TRADE):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.brief_chart_ids() == (CONTAINERS, TRADE)
    assert dialog.brief_label.text() == f"会议简报（PDF）的图表：{CONTAINERS_ZH}、{TRADE_ZH}"
    dialog.accept()

    # F5 shows those two charts in that order; the window's PDF export holds the same
    charts = [s.chart.id for s in deck_slides(win) if s.kind == "chart"]
    assert charts == [CONTAINERS, TRADE]
    options = options_for(win)
    assert options.charts == (CONTAINERS, TRADE)
    from qftz_desktop.ui.pptx_export import options_for as pptx_options

    assert pptx_options(win, "meeting").charts == (CONTAINERS, TRADE)  # the PowerPoint too
    pdf = tmp_path / "brief.pdf"
    export_brief(win.briefing, pdf, options)
    part = _charts_part(_text(pdf), "zh")
    assert part.index(CONTAINERS_ZH) < part.index(TRADE_ZH)
    assert "片区世界500强投资项目" not in part  # the rules' first chart is left out
    win.close()

    # remembered for this snapshot: a restarted window exports the same charts
    win = open_window(qtbot, bundled_path)
    assert options_for(win).charts == (CONTAINERS, TRADE)
    assert options_for(win, "full").charts is None  # the data book has every chart
    from qftz_desktop.domain.deck import Deck
    from qftz_desktop.ui.presentation import remembered_choice

    assert brief_charts(Deck(win.briefing), remembered_choice(win.settings, win.briefing)) == (
        CONTAINERS,
        TRADE,
    )
