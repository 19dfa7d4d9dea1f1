"""QFTZ Briefing: an offline briefing app for the Qingdao Area of the Shandong Pilot FTZ."""

# The one place the version is written: pyproject.toml reads it from here (a literal, because
# importlib.metadata costs ~25 ms at every start and does not work in a frozen bundle).
__version__ = "0.1.0"

APP_NAME = "QFTZ Briefing"
ORG_NAME = "QFTZ"
