"""One line describing the machine a benchmark ran on, for benchmarks/RESULTS.md.

Shared by every benchmark script (they run as ``python benchmarks/NAME.py``, so this module is
importable as ``machine``), so that all recorded numbers name their machine the same way.
"""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024**2:.1f} GiB RAM"
    except (OSError, ValueError):
        pass
    return "RAM unknown"


def describe(*packages: str) -> str:
    """'nproc 2, AMD EPYC, 23.5 GiB RAM, Python 3.11.7, PySide6-Essentials 6.11.3, …, Linux'."""
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = f"load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    parts = [f"nproc {os.cpu_count()}", _cpu(), _ram(), f"Python {platform.python_version()}"]
    return ", ".join([*parts, *versions, platform.system(), load]).rstrip(", ")
