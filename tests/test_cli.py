"""The command line as a user meets it: one language per message, by one rule for every
command; reversed year ranges; --version; the window on a bad file; the screenshot command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from qftz_desktop import cli

REPO = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def test_the_rule_is_lang_else_system_locale():
    from qftz_desktop.messages import message_lang, system_lang

    assert message_lang("en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert message_lang("zh", {"LANG": "C.UTF-8"}) == "zh"
    assert message_lang(None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert message_lang(None, {"LANG": "en_GB.UTF-8"}) == "en"
    assert message_lang(None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert message_lang(None, {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}) == "zh"
    assert system_lang({}) == "en"


def _words(text: str, *allowed: str) -> str:
    """The message without the program name and the paths it names (those are no language)."""
    for a in ("qftz-desktop:", *allowed):
        text = text.replace(a, " ")
    return re.sub(r"/[^\s:：]+", " ", text)  # any other path, e.g. the files of a folder


def _assert_one_language(stderr: str, lang: str, *paths: str) -> None:
    assert stderr.strip(), "a message is printed"
    body = _words(stderr, *paths)
    if lang == "zh":
        assert CJK.search(body), stderr
        assert not re.search(r"[A-Za-z]{3,}", body), f"English words in a Chinese message: {stderr}"
    else:
        assert not CJK.search(body), f"Chinese in an English message: {stderr}"


def _commands(tmp: Path) -> dict[str, list[str]]:
    nope = str(tmp / "nope.sqlite")
    return {
        "app": [nope],
        "snapshot check": ["snapshot", "check", nope],
        "snapshot build": ["snapshot", "build", str(tmp / "no-folder"), "--out", nope],
        "export-pdf": ["export-pdf", "--snapshot", nope, "--out", str(tmp / "b.pdf")],
        "export-pptx": ["export-pptx", "--snapshot", nope, "--out", str(tmp / "b.pptx")],
        "screenshot": ["screenshot", "--snapshot", nope, "--out", str(tmp / "shots")],
        "snapshot template": ["snapshot", "template", "--from", nope, "--out", str(tmp / "t.xlsx")],
        "snapshot diff": ["snapshot", "diff", nope, nope],
    }


@pytest.mark.parametrize("locale_lang", ["zh_CN.UTF-8", "C.UTF-8"])
@pytest.mark.parametrize(
    "command",
    [
        "app",
        "snapshot check",
        "snapshot build",
        "snapshot template",
        "snapshot diff",
        "export-pdf",
        "export-pptx",
        "screenshot",
    ],
)
def test_every_command_speaks_one_language(
    command, locale_lang, tmp_path, monkeypatch, capsys, qapp
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    for key in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", locale_lang)
    argv = _commands(tmp_path)[command]
    expected = "zh" if locale_lang.startswith("zh") else "en"

    assert cli.main(argv) != 0
    said = capsys.readouterr()  # 'snapshot check' reports on stdout, the others on stderr
    _assert_one_language(said.err + said.out, expected, str(tmp_path / "nope.sqlite"))
    # --lang given wins over the locale, for every command
    other = "en" if expected == "zh" else "zh"
    assert cli.main([*argv, "--lang", other]) != 0
    said = capsys.readouterr()
    _assert_one_language(said.err + said.out, other, str(tmp_path / "nope.sqlite"))


def test_write_errors_have_no_english_system_text_in_chinese(bundled_path, tmp_path):
    # /proc takes no new files: the OS says "No such file or directory" in English
    done = subprocess.run(
        [sys.executable, "-m", "qftz_desktop", "export-pdf", "--out", "/proc/x.pdf", "--lang",
         "zh"],
        capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"), timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert "No such file" not in done.stderr
    _assert_one_language(done.stderr, "zh", "/proc/x.pdf", "/proc")


@pytest.mark.parametrize(
    ("args", "en_must", "en_must_not"),
    [
        (["--from", "2035"], "no data from 2035 on", "2035–2027"),
        (["--to", "2010"], "no data up to 2010", "2017–2010"),
        (["--from", "2030", "--to", "2031"], "no data for 2030–2031", None),
        (["--from", "2030", "--to", "2020"], "--from 2030 is after --to 2020", None),
    ],
)
def test_year_range_messages_name_what_was_asked(args, en_must, en_must_not, tmp_path, capsys):
    # the bundled snapshot covers 2017–2027
    code = cli.main(["export-pdf", "--out", str(tmp_path / "b.pdf"), "--lang", "en", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert en_must in err
    if en_must_not:
        assert en_must_not not in err


def test_version_is_the_one_written_in_the_package():
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        from app_version import app_version  # reads the literal, imports nothing
    finally:
        sys.path.remove(str(REPO / "packaging"))
    for argv in (["--version"], ["--version", "--lang", "zh"]):
        done = subprocess.run(
            [sys.executable, "-m", "qftz_desktop", *argv], capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
        assert done.returncode == 0
        assert done.stdout.strip() == f"qftz-desktop {app_version()}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", app_version())


def test_run_app_on_a_bad_file_exits_with_a_message_and_no_window(
    tmp_path, capsys, monkeypatch, qapp
):
    from PySide6.QtWidgets import QApplication

    from qftz_desktop.ui.app import run_app
    from qftz_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "garbage.sqlite"
    bad.write_bytes(b"this is not SQLite" * 100)
    before = {id(w) for w in QApplication.topLevelWidgets()}
    assert run_app(bad, lang="en") == 1
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "Traceback" not in err
    assert "not a snapshot" in err or "SQLite" in err, err
    new = [w for w in QApplication.topLevelWidgets() if id(w) not in before]
    assert not [w for w in new if isinstance(w, MainWindow)]


@pytest.mark.timeout(240)
def test_screenshot_command_writes_every_tab_without_qt_warnings(tmp_path):
    out = tmp_path / "shots"
    env = dict(os.environ, QFTZ_SETTINGS_DIR=str(tmp_path / "settings"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-m", "qftz_desktop", "screenshot", "--out", str(out),
         "--sizes", "1366x768", "--langs", "en"],
        capture_output=True, text=True, env=env, timeout=200,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    tabs = sorted(p.name for p in out.glob("en-1366x768-*.png"))
    assert tabs == [
        "en-1366x768-1-overview.png",
        "en-1366x768-2-trade.png",
        "en-1366x768-3-shipping.png",
        "en-1366x768-4-finance.png",
        "en-1366x768-5-industry.png",
        "en-1366x768-6-innovation.png",
    ]
    from PySide6.QtGui import QImage

    image = QImage(str(out / "en-1366x768-2-trade.png"))
    assert (image.width(), image.height()) == (1366, 768)
    assert list(out.glob("present-*.png")), "slides too"
    # every line on stdout is a file written; stderr has no Qt warning at all
    assert all(Path(line).is_file() for line in done.stdout.splitlines())
    assert "propagateSizeHints" not in done.stderr
    assert done.stderr.strip() == "", done.stderr


@pytest.mark.parametrize("command", ["export-pdf", "export-pptx"])
def test_both_export_commands_check_their_inputs_alike(command, tmp_path, capsys, monkeypatch):
    """export-pdf and export-pptx read the same inputs with the same checks and words (once
    only the PDF refused a bad SOURCE_DATE_EPOCH or named an unreadable snapshot)."""
    out = str(tmp_path / "x.out")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert cli.main([command, "--out", out, "--lang", "en"]) == 2
    said = capsys.readouterr().err
    assert "SOURCE_DATE_EPOCH" in said and "'yesterday'" in said
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)  # a header and nothing valid
    assert cli.main([command, "--out", out, "--lang", "en", "--snapshot", str(broken)]) == 1
    said = capsys.readouterr().err
    assert str(broken) in said and "Traceback" not in said
    assert not (tmp_path / "x.out").exists()


def test_paper_names_in_any_case(tmp_path):
    """'--paper letter' as users type it (the command once refused anything but 'Letter')."""
    parser = cli._commands_parser()
    args = ["export-pdf", "--out", str(tmp_path / "b.pdf"), "--paper"]
    assert parser.parse_args([*args, "letter"]).paper == "Letter"
    assert parser.parse_args([*args, "a4"]).paper == "A4"
    with pytest.raises(SystemExit):
        parser.parse_args([*args, "b5"])
