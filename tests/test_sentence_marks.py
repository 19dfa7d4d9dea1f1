"""Caveat marks in sentences (issue 10): a summary sentence or a chart takeaway that cites a
value with a note, an inferred or undated period or a bound carries that value's mark (①②…),
and in the PDF the note the mark points to is printed at the foot of the same page.

Expected sentences and notes are written down by hand from the data:

* tests/factory.py, t_output: 2014 150 (reported), 2015 75 (derived, note 'share of target'),
  2016 target 'over 200'; t_exports: 2014 'about 18' (an approximation, no mark), 2016 target
  'at least 25' (a lower bound).
* data/source/observations.csv: the IC park completed 580亿元 by June 2024 (PR2024, note
  '截至2024年6月26日发布会 / as of the press conference of 26 June 2024'), against a 2025
  target of 'over 1,000亿元' (a lower bound). Both briefs number their notes down the pages: the
  headline table comes first — row 1, the Fortune 500 projects (171, the same PR2024 note) is
  ①; the trade share (23%: the 'raised to' note ② and its undated period ③), the average trade
  growth (22%: its note ④, inferred period ⑤), the port's world rank (its note ⑥) follow, and the
  zone's reforms 'over 300' bring the first lower bound, ⑦.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from qftz_desktop.domain.brief.options import BriefOptions
from qftz_desktop.domain.brief.takeaway import takeaway
from qftz_desktop.domain.briefing import load_briefing
from qftz_desktop.domain.caveats import MarkBook
from qftz_desktop.export.pdf_brief import BriefJob

DATE = "2026-11-29"
CIRCLED = re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")
BOUND = {
    "zh": "下限值：来源只说“超过”或“至少”某数，确切数值未给出。",
    "en": "A lower bound: the source says 'over' or 'at least'; the exact value is not given.",
}
PRESS = {"zh": "截至2024年6月26日发布会", "en": "as of the press conference of 26 June 2024"}
# the IC park sentence of each brief, marks after the values
IC_SENTENCE = {
    ("meeting", "zh"): "集成电路产业园完成投资：截至2024年6月为580亿元①；"
    "2025年目标超过1,000亿元⑦，已完成不到58%。",
    ("meeting", "en"): "IC industrial park: investment completed: CNY 58 bn① (as of Jun 2024); "
    "target for 2025: over CNY 100 bn⑦, under 58% reached.",
    ("full", "zh"): "截至2024年6月，集成电路产业园完成投资为580亿元①，完成2025年目标"
    "（超过1,000亿元⑦）的不到58%（推算：580 ÷ 1,000 = 58%）。",
    ("full", "en"): "IC industrial park: investment completed: CNY 58 bn① (as of Jun 2024), under "
    "58% of the target for 2025 (over CNY 100 bn⑦) (derived: 58 ÷ 100 = 58%).",
}
HOW = {"zh": "数字后的①②…表示", "en": "①, ②… after a value"}


def _bare(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def pages(qapp, bundled, tmp_path_factory):
    """(kind, lang) -> the text of each page (pdftotext, reading order), exported once."""
    folder = tmp_path_factory.mktemp("sentence-marks")
    cache: dict = {}

    def get(kind: str, lang: str) -> list[str]:
        if (kind, lang) not in cache:
            path = folder / f"{kind}-{lang}.pdf"
            options = BriefOptions(kind=kind, lang=lang, brief_date=DATE)
            BriefJob(bundled, path, options).run()
            out = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(path), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            cache[(kind, lang)] = out.split("\f")
        return cache[(kind, lang)]

    return get


# -- the takeaway (domain) ---------------------------------------------------------------------


def test_a_takeaway_marks_the_values_it_cites(test_snapshot_path):
    briefing = load_briefing(test_snapshot_path)
    expected = {
        "en": (
            "CNY 7.5 bn① (2015), down 50% from CNY 15 bn (2014); target for 2016: over CNY 20 bn②.",
            ["① share of target", f"② {BOUND['en']}"],
        ),
        "zh": (
            "2015年为75亿元①，较150亿元（2014年）下降50%；2016年目标超过200亿元②。",
            ["① share of target", f"② {BOUND['zh']}"],
        ),
    }
    for lang, (sentence, notes) in expected.items():
        book = MarkBook(lang)
        assert takeaway(briefing.chart_of("t_output"), lang, mark=book.of_point) == sentence
        assert book.lines(book.notes) == notes
    # 'about 18' is an approximation, not a bound: no mark; 'at least 25' is one
    book = MarkBook("en")
    assert takeaway(briefing.chart_of("t_exports"), "en", mark=book.of_point) == (
        "about CNY 1.8 bn (2014); target for 2016: at least CNY 2.5 bn①."
    )


# -- the PDF: the note on the page of the sentence ---------------------------------------------


@pytest.mark.parametrize("kind", ["meeting", "full"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sentences_marks_have_their_notes_on_its_page(pages, kind, lang):
    texts = pages(kind, lang)
    sentence = _bare(IC_SENTENCE[(kind, lang)])
    where = [i for i, t in enumerate(texts) if sentence in _bare(t)]
    assert where, f"{kind}/{lang}: the IC park sentence with its marks is not in the brief"
    for i in where:
        page = _bare(texts[i])
        # (a footnote's last words may be set after the other column's first line)
        assert _bare(f"① {PRESS[lang]}") in page, (kind, lang, i + 1)
        assert _bare(f"⑦ {BOUND[lang]}")[:30] in page, (kind, lang, i + 1)


@pytest.mark.parametrize("kind", ["meeting", "full"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_mark_on_a_page_has_its_note_there(pages, kind, lang):
    """Tables, chart labels, sentences: one numbering, and each number used on a page is
    explained at its foot; the 'how to read' words say what the marks are."""
    texts = pages(kind, lang)
    seen = 0
    for n, text in enumerate(texts, start=1):
        lines = [ln.strip() for ln in text.splitlines() if _bare(HOW[lang]) not in _bare(ln)]
        notes = {ln[0] for ln in lines if CIRCLED.match(ln) and ln[1:2] == " "}
        used = set(CIRCLED.findall("\n".join(lines)))
        assert used <= notes, f"{kind}/{lang} page {n}: marks without a note {used - notes}"
        seen += len(used)
    assert seen
    assert any(_bare(HOW[lang]) in _bare(t) for t in texts)
