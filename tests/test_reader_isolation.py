"""The reader leaves the snapshot alone, and nothing in the app talks to the network.

* Checking a file (valid, or SQLite but invalid) keeps its bytes and mtime, never opens it for
  writing and never creates a ``-journal``, ``-wal`` or ``-shm`` file next to it. On Linux this
  is watched with inotify, so even a file that exists only for a moment is seen.
* ``python -m qftz_desktop snapshot build`` and ``snapshot check`` succeed in a child process
  whose sockets refuse to connect or resolve names.
* No module under ``src/`` imports a network API.
"""

from __future__ import annotations

import ast
import contextlib
import ctypes
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from factory import write_sources
from qftz_desktop.snapshot.reader import check_snapshot, open_snapshot

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
pytestmark = pytest.mark.timeout(120)


# --- watching a folder ---------------------------------------------------------------------

IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE = 0x002, 0x004, 0x008
IN_MOVED_FROM, IN_MOVED_TO, IN_CREATE, IN_DELETE = 0x040, 0x080, 0x100, 0x200
WATCHED = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
WATCHED |= IN_CREATE | IN_DELETE
EVENT = struct.Struct("iIII")


@contextlib.contextmanager
def watch(folder: Path) -> Iterator[list[tuple[str, int]]]:
    """Collect (name, mask) of every change in ``folder`` while the block runs (Linux only)."""
    events: list[tuple[str, int]] = []
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, AttributeError):
        fd = -1
    if fd < 0:
        yield events  # no inotify: the before/after comparisons still apply
        return
    try:
        if libc.inotify_add_watch(fd, os.fsencode(folder), WATCHED) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch failed")
        yield events
        while True:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                break
            pos = 0
            while pos < len(data):
                _, mask, _, size = EVENT.unpack_from(data, pos)
                name = data[pos + EVENT.size : pos + EVENT.size + size].rstrip(b"\0")
                events.append((os.fsdecode(name), mask))
                pos += EVENT.size + size
    finally:
        os.close(fd)


def _sql(path: Path, *statements: str) -> Path:
    con = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


VARIANTS = {
    "valid": (),
    "edited after build": ("UPDATE observations SET value = 11 WHERE id = 1",),
    "missing table": ("DROP TABLE highlights",),
    "newer schema": ("PRAGMA user_version = 7",),
    "other application": ("PRAGMA application_id = 42",),
    "text in value": ("UPDATE observations SET value = 'twelve' WHERE id = 2",),
    "view for a table": (
        "ALTER TABLE sources RENAME TO sources_data",
        "CREATE VIEW sources AS SELECT * FROM sources_data",
    ),
    "wal mode": ("PRAGMA journal_mode = WAL",),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_check_leaves_the_file_and_its_folder_untouched(test_snapshot_path, tmp_path, variant):
    folder = tmp_path / "watched"
    folder.mkdir()
    path = folder / "snap.sqlite"
    shutil.copyfile(test_snapshot_path, path)
    _sql(path, *VARIANTS[variant])
    os.utime(path, ns=(1_500_000_000_000_000_000, 1_500_000_000_123_456_789))
    before = path.read_bytes()
    stat = os.stat(path)
    listing = sorted(os.listdir(folder))
    assert listing == ["snap.sqlite"]

    with watch(folder) as events:
        results = [check_snapshot(path, full=full) for full in (True, False)]
        if variant == "valid":
            open_snapshot(path)
            open_snapshot(path, full=True)
    refused = [snapshot is None for snapshot, _ in results]  # full=True, full=False
    if variant == "valid":
        assert refused == [False, False]
    elif variant == "edited after build":  # only the content id tells, and only in full mode
        assert refused == [True, False]
    else:
        assert refused == [True, True]

    assert events == [], f"the check changed the folder: {events}"
    assert path.read_bytes() == before
    after = os.stat(path)
    assert after.st_mtime_ns == stat.st_mtime_ns == 1_500_000_000_123_456_789
    assert (after.st_size, after.st_ino, after.st_mode) == (stat.st_size, stat.st_ino, stat.st_mode)
    assert sorted(os.listdir(folder)) == listing
    for suffix in ("-journal", "-wal", "-shm"):
        assert not (folder / f"snap.sqlite{suffix}").exists()


def test_the_watch_sees_what_sqlite_writes(test_snapshot_path, tmp_path):
    """The watcher itself works: a writing connection is seen (else the test above is void)."""
    if not hasattr(ctypes.CDLL(None), "inotify_init1"):
        pytest.skip("no inotify on this system")
    path = tmp_path / "w.sqlite"
    shutil.copyfile(test_snapshot_path, path)
    with watch(tmp_path) as events:
        _sql(path, "UPDATE observations SET value = 11 WHERE id = 1")
    names = {name for name, _ in events}
    assert "w.sqlite-journal" in names
    assert any(name == "w.sqlite" and mask & IN_CLOSE_WRITE for name, mask in events)


# --- no network ------------------------------------------------------------------------------

BLOCKER = '''
"""Loaded by the child through PYTHONPATH: every socket refuses to leave the process."""
import socket


class NetworkBlocked(OSError):
    pass


def _blocked(*args, **kwargs):
    raise NetworkBlocked(f"network access attempted: {args!r}")


for _name in ("connect", "connect_ex", "sendto", "sendmsg", "bind"):
    setattr(socket.socket, _name, _blocked)
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
              "create_connection", "create_server"):
    setattr(socket, _name, _blocked)
'''


def _offline_env(tmp_path: Path) -> dict[str, str]:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HTTP", "http", "ALL_PROXY"))}
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), str(SRC)])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=90
    )


def test_snapshot_commands_work_with_the_network_blocked(tmp_path):
    env = _offline_env(tmp_path)
    probe = _run(
        env,
        "-c",
        "import socket, urllib.request\n"
        "for attempt in (lambda: socket.create_connection(('192.0.2.1', 80), timeout=1),\n"
        "                lambda: urllib.request.urlopen('http://192.0.2.1/', timeout=1)):\n"
        "    try:\n"
        "        attempt()\n"
        "    except OSError as exc:\n"
        "        print('blocked' if 'network access attempted' in str(exc) else exc)\n",
    )
    assert probe.stdout.split() == ["blocked", "blocked"], probe.stdout + probe.stderr

    src = write_sources(tmp_path / "src")
    out = tmp_path / "offline.sqlite"
    build = _run(env, "-m", "qftz_desktop", "snapshot", "build", str(src), "--out", str(out))
    assert build.returncode == 0, build.stderr
    assert "content id" in build.stdout
    check = _run(env, "-m", "qftz_desktop", "snapshot", "check", str(out))
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith(f"OK {out}")

    bad = _sql(shutil.copyfile(out, tmp_path / "bad.sqlite"), "DROP TABLE metrics")
    failed = _run(env, "-m", "qftz_desktop", "snapshot", "check", str(bad))
    assert failed.returncode == 1
    assert "table 'metrics' is missing" in failed.stdout
    for result in (build, check, failed):
        assert "Traceback" not in result.stderr
        assert "network access attempted" not in result.stdout + result.stderr


NETWORK_MODULES = {
    "socket",
    "ssl",
    "http.client",
    "http.server",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "xmlrpc.client",
    "websocket",
    "websockets",
    "PySide6.QtNetwork",
    "PySide6.QtWebSockets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
}
NETWORK_NAMES = re.compile(
    r"\b(QtNetwork|QNetworkAccessManager|QNetworkRequest|QTcpSocket|QUdpSocket|QSslSocket"
    r"|QWebSocket|QWebEngineView|QHttpServer)\b"
)


def _imported_modules(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            yield node.args[0].value


def test_no_network_api_in_the_sources():
    files = sorted((SRC / "qftz_desktop").rglob("*.py"))
    assert len(files) > 10
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(REPO)
        for module in _imported_modules(ast.parse(text, filename=str(path))):
            if any(module == m or module.startswith(m + ".") for m in NETWORK_MODULES):
                found.append(f"{rel}: imports {module}")
        for m in NETWORK_NAMES.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.append(f"{rel}:{line}: uses {m.group(0)}")
    assert found == []


def test_the_network_scan_would_see_an_import():
    sample = "import socket\nfrom urllib import request\nfrom PySide6 import QtNetwork\n"
    mods = set(_imported_modules(ast.parse(sample)))
    assert {"socket", "urllib.request", "PySide6.QtNetwork"} <= mods
    assert NETWORK_NAMES.search("m = QNetworkAccessManager()")
