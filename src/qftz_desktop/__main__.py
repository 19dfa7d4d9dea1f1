"""``python -m qftz_desktop`` and the PyInstaller entry point."""

import sys

from qftz_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
