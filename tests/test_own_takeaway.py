"""A chart's takeaway in the presenter's own words (issue 12, item 3): typed in the window,
kept across a restart, shown marked as the presenter's words in the window, the slides and
the PDF, the computed sentence kept beside it in the notes file, restorable, and carried to a
colleague by export and import."""

from __future__ import annotations

import json
import subprocess

from PySide6.QtWidgets import QMessageBox

from qftz_desktop.domain.notes import NoteBook, takeaway_target
from qftz_desktop.ui import notes_editor
from qftz_desktop.ui.main_window import MainWindow
from qftz_desktop.ui.notes_editor import NoteDialog
from windows import open_window

# the meeting brief's first chart by the rules: FTZ Fortune Global 500 projects, on Finance
CHART = "chart:ftz_f500|count|ftz"
TAB = "finance"
# its computed takeaway, from data/source/observations.csv: 171 projects as of June 2024
# (PR2024, '累计达到171个'), 136 around April 2022; 171 / 136 - 1 = 25.7 %
COMPUTED_ZH = (
    "片区世界500强投资项目（累计）：截至2024年6月为171个，较136个（2022年4月前后）增长25.7%。"
)
COMPUTED_EN_PART = "171 projects (as of Jun 2024), up 25.7% from 136 projects"
# as the window shows it, with the chart's caveat marks (issue 10), numbered left to right on
# the chart: ① 70 new projects (2019-08–2024-02, a paraphrased quote), ② 72 new projects
# (2019-08–2024-06, 'since approval'), ③④ 136 (its note 'as of about the report', and the
# period 'around Apr 2022' is undated), ⑤ 171 (its note 'as of the press conference')
SHOWN_ZH = (
    "片区世界500强投资项目（累计）：截至2024年6月为171个⑤，较136个③④（2022年4月前后）增长25.7%。"
)
OWN = "先讲世界500强项目，再讲外贸。"
LABEL = "主讲人的话（非数据）"


def _panel(win: MainWindow):
    panel = next(p for p in win.page(TAB).panels if p.spec.id == CHART)
    panel.ensure_chart()
    return panel


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def test_own_takeaway_typed_kept_printed_restored_and_shared(
    qtbot, bundled_path, tmp_path, monkeypatch
):
    win = open_window(qtbot, bundled_path)
    panel = _panel(win)
    assert panel.takeaway_label.text() == SHOWN_ZH
    # the ✎ beside the takeaway opens the chart's dialog, which shows the computed sentence
    panel.takeaway_button.click()
    dialog = win.findChild(NoteDialog)
    assert dialog is not None and dialog.takeaway_editor is not None
    qtbot.waitExposed(dialog)
    assert dialog.computed_label.text() == "计算所得：" + COMPUTED_ZH
    dialog.takeaway_editor.insertPlainText(OWN)  # an input method commits Chinese whole
    dialog.accept()
    # the window shows the presenter's words, marked, the computed one in the tooltip
    assert panel.takeaway_label.text() == f"{LABEL}：{OWN}"
    assert panel.takeaway_label.toolTip() == "计算所得：" + COMPUTED_ZH
    # the notes file keeps both: the words and the computed sentence they replace
    cid = win.briefing.snapshot.content_id
    saved = json.loads(notes_editor.notes_path().read_text("utf-8"))["snapshots"][cid]
    assert saved["notes"] == {f"takeaway:{CHART}": OWN}
    assert saved["computed"][f"takeaway:{CHART}"]["zh"] == COMPUTED_ZH
    assert COMPUTED_EN_PART in saved["computed"][f"takeaway:{CHART}"]["en"]
    win.close()

    # restart: the words are back on the panel and on the chart's slide, marked
    win = open_window(qtbot, bundled_path)
    panel = _panel(win)
    assert panel.takeaway_label.text() == f"{LABEL}：{OWN}"
    from PySide6.QtCore import QSize

    from qftz_desktop.domain.deck import Deck
    from qftz_desktop.render.slide_view import build_slide_view
    from qftz_desktop.render.theme import PROJECTOR_DARK

    slide = next(s for s in Deck(win.briefing).slides if s.chart and s.chart.id == CHART)
    assert slide.takeaway("zh") == OWN and slide.takeaway_is_own()
    view = build_slide_view(slide, PROJECTOR_DARK, "zh", QSize(1280, 720), 1, 1)
    assert view.takeaway_label.text() == f"{LABEL}：{OWN}"

    # the window's PDF (meeting brief) prints them under their label, not the computed one
    from qftz_desktop.export.pdf_brief import export_brief
    from qftz_desktop.ui.export_dialog import options_for

    pdf = tmp_path / "brief.pdf"
    export_brief(win.briefing, pdf, options_for(win))
    text = _pdf_text(pdf)
    assert LABEL + OWN in text
    charts_part = text[text.index("重点图表") :]
    assert "".join(COMPUTED_ZH.split()) not in charts_part

    # export the notes; a colleague (fresh settings folder) imports them and sees the words
    shared = tmp_path / "shared.json"
    assert notes_editor.export_notes(win, shared)
    book = NoteBook.load(shared)
    assert book.get(cid, takeaway_target(CHART)) == OWN
    assert book.computed(cid, takeaway_target(CHART))["zh"] == COMPUTED_ZH
    win.close()
    # … and the command line prints them from that file: export-pdf --notes
    from qftz_desktop.cli import main

    cli_pdf = tmp_path / "cli.pdf"
    argv = ["export-pdf", "--out", str(cli_pdf), "--lang", "en", "--notes", str(shared)]
    assert main(argv) == 0
    assert "Presenter'swords(notdata)" + OWN in _pdf_text(cli_pdf)
    monkeypatch.setenv("QFTZ_SETTINGS_DIR", str(tmp_path / "colleague"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    other = open_window(qtbot, bundled_path)
    assert _panel(other).takeaway_label.text() == SHOWN_ZH
    assert notes_editor.import_notes(other, shared)
    panel = _panel(other)
    assert panel.takeaway_label.text() == f"{LABEL}：{OWN}"

    # restore computed: the sentence is back everywhere; nothing of the words is left
    panel.takeaway_button.click()
    dialog = other.findChild(NoteDialog)
    assert dialog.takeaway_editor.toPlainText() == OWN
    dialog.restore_button.click()
    dialog.accept()
    assert panel.takeaway_label.text() == SHOWN_ZH
    slide = next(s for s in Deck(other.briefing).slides if s.chart and s.chart.id == CHART)
    # the slide numbers its chart's labels the same way, left to right
    assert slide.takeaway("zh") == SHOWN_ZH and not slide.takeaway_is_own()
    saved = json.loads((tmp_path / "colleague" / notes_editor.NOTES_FILE).read_text("utf-8"))
    assert saved["snapshots"] == {}
    other.close()


def test_a_notes_file_with_a_malformed_computed_takeaway_is_named(tmp_path):
    import pytest

    from qftz_desktop.domain.notes import NotesFileError

    path = tmp_path / "n.json"
    path.write_text(
        json.dumps(
            {
                "format": "qftz-notes",
                "version": 1,
                "snapshots": {
                    "abc": {
                        "notes": {f"takeaway:{CHART}": "mine"},
                        "computed": {f"takeaway:{CHART}": {"zh": 3}},
                    }
                },
            }
        ),
        "utf-8",
    )
    with pytest.raises(NotesFileError, match="computed takeaway") as err:
        NoteBook.load(path)
    assert str(path) in err.value.message("en")
