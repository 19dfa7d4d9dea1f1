"""The full brief's contents page: every entry's page number is the page its section starts on,
as printed (read back from the PDF's pages with pdftotext, not from the composer's layout)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def _page(pdf, n: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.strip() for line in text.splitlines()]


@pytest.mark.parametrize(("lang", "contents"), [("en", "Contents"), ("zh", "目录")])
def test_contents_page_numbers_are_where_the_sections_start(lang, contents, tmp_path):
    out = tmp_path / "full.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "qftz_desktop", "export-pdf", "--kind", "full", "--lang", lang,
         "--out", str(out)],
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    first = _page(out, 1)
    start = first.index(contents)
    entries = []
    for line in first[start + 1 :]:
        m = re.fullmatch(r"(.+?)\s{2,}(\d+)", line)
        if not m:
            break
        entries.append((m.group(1), int(m.group(2))))
    # the summary, the five topic tabs (the overview is the summary) and the sources
    assert len(entries) == 7, entries
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert numbers[0] > 1 and numbers[-1] <= pages
    for title, n in entries:
        assert title in _page(out, n), f"'{title}' is not a heading on page {n}"
        assert title not in _page(out, n - 1), f"'{title}' starts before {n}"
