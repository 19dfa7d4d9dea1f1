"""The app's version, as the packaging scripts, the spec and the CI workflow need it.

    python packaging/app_version.py        # prints it

pyproject.toml's ``version``, or, when the version is dynamic, the ``__version__ = "…"``
literal its ``[tool.setuptools.dynamic]`` points at (qftz_desktop/__init__.py). Read as text,
without importing the package, so it works before anything is installed.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def app_version(root: Path = ROOT) -> str:
    with open(root / "pyproject.toml", "rb") as f:
        pyproject = tomllib.load(f)
    project = pyproject["project"]
    if "version" in project:
        return str(project["version"])
    attr = pyproject["tool"]["setuptools"]["dynamic"]["version"]["attr"]  # "pkg.mod.__version__"
    module, _, name = attr.rpartition(".")
    base = root / "src" / Path(*module.split("."))
    path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise LookupError(f"no {name} = '…' literal in {path}")


if __name__ == "__main__":
    print(app_version())
    sys.exit(0)
