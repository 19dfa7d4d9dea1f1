"""scripts/dev.sh, run on a copy of the repo with stand-ins for Python, pip and the tools, so
that nothing is installed: it says "no display" before installing anything, and switching
between test, run and bundle installs once (the union of the extras), not at every switch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="a bash script")

# A stand-in interpreter: 'python -m venv DIR' makes DIR/bin with stand-ins of everything the
# script runs from the venv; every call is logged, so the test sees what was installed.
FAKE_PYTHON = r"""#!/usr/bin/env bash
echo "python $*" >> "$DEV_LOG"
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  for tool in python ruff mypy lint-imports qftz-desktop; do
    printf '#!/usr/bin/env bash\necho "%s $*" >> "$DEV_LOG"\n' "$tool" > "$3/bin/$tool"
    chmod +x "$3/bin/$tool"
  done
fi
exit 0
"""


@pytest.fixture
def sandbox(tmp_path):
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "dev.sh", repo / "scripts" / "dev.sh")
    shutil.copy(REPO / "pyproject.toml", repo / "pyproject.toml")
    (repo / "packaging").mkdir()
    (repo / "packaging" / "build.sh").write_text('echo "build $*" >> "$DEV_LOG"\n')
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python3"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    dpkg = bin_dir / "dpkg-query"  # every system package "installed": apt is never called
    dpkg.write_text("#!/usr/bin/env bash\nprintf 'install ok installed'\n")
    dpkg.chmod(0o755)
    log = tmp_path / "log"
    log.touch()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", PYTHON=str(python), DEV_LOG=str(log))
    return repo, env, log


def _dev(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(repo / "scripts" / "dev.sh"), *args],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_run_without_a_display_says_so_before_installing(sandbox):
    repo, env, log = sandbox
    done = _dev(repo, env, "run")
    assert done.returncode != 0
    assert "no display" in done.stderr
    assert "xvfb-run -a bash scripts/dev.sh run" in done.stderr
    assert log.read_text() == "", "nothing was installed or run"
    assert not (repo / ".venv").exists()


def test_switching_commands_installs_once(sandbox):
    repo, env, log = sandbox
    env = dict(env, QT_QPA_PLATFORM="offscreen")  # 'run' has a platform to show on
    for command in ("test", "run", "bundle", "test", "run"):
        done = _dev(repo, env, command)
        assert done.returncode == 0, f"{command}: {done.stderr}"
    lines = log.read_text().splitlines()
    installs = [line for line in lines if " -m pip install" in line and " -e " in line]
    assert installs == ["python -m pip install -q --disable-pip-version-check -e .[test,package]"]
    assert sum(line.startswith("python -m venv") for line in lines) == 1
    # and each command still did its job
    assert any(line.startswith("python -m pytest") for line in lines)
    assert sum(line.startswith("qftz-desktop") for line in lines) == 2
    assert any(line.startswith("build") for line in lines)
    # a changed pin (pyproject.toml) installs again, once
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n# changed\n")
    assert _dev(repo, env, "test").returncode == 0
    assert _dev(repo, env, "bundle").returncode == 0
    installs = [line for line in log.read_text().splitlines() if " -e " in line]
    assert len(installs) == 2
