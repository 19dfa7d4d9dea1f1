"""QFTZ Briefing: an offline briefing app for the Qingdao Area of the Shandong Pilot FTZ."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("qftz-desktop")
except _metadata.PackageNotFoundError:  # running from a tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "QFTZ Briefing"
ORG_NAME = "QFTZ"
