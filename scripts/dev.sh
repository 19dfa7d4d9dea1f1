#!/usr/bin/env bash
# One entry point for a fresh checkout:
#   bash scripts/dev.sh run   [SNAPSHOT]  install what is needed, then open the app
#   bash scripts/dev.sh test  [PYTEST ARGS] install what is needed, then lint, type-check, test
#   bash scripts/dev.sh bundle            install what is needed, then build + smoke-test the bundle
# It creates .venv/ next to this repo, installs the pinned packages, and on Debian/Ubuntu makes
# sure Qt's system libraries are present: as root it installs them, otherwise it stops and
# prints the exact apt-get line to run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${PYTHON:-python3}
VENV=$REPO/.venv

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runtime libraries Qt needs on Linux (offscreen and xcb), PDF tools used by the tests.
QT_LIBS="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libx11-6
libdbus-1-3 libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1"
TEST_TOOLS="poppler-utils qpdf xvfb"

ensure_apt() {  # ensure_apt PKG... : install missing Debian packages or say how
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: nothing we can check
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    say "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "Qt needs system libraries that are missing. Run this once, then run me again:
  sudo apt-get install -y ${missing[*]}"
  fi
}

ensure_python() {
  command -v "$PY" >/dev/null || die "Python 3.11 or newer is needed ($PY not found)"
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed; $PY is $("$PY" -V 2>&1)"
  if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    local ver; ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    ensure_apt "python${ver}-venv"
  fi
}

# Every command installs the same thing: the app with all its extras (tests and packaging).
# Installing only what one command needs made the next one reinstall (test -> run -> bundle
# switched the extras each time); pyinstaller costs a few seconds once, not the bundle.
EXTRAS=test,package

ensure_venv() {
  local stamp
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PY" -m venv "$VENV"
  fi
  # reinstalled only when pyproject.toml (its pins) changes
  stamp="$VENV/.installed-$(sha256sum < pyproject.toml | cut -c1-16)-$EXTRAS"
  if [ ! -f "$stamp" ]; then
    say "installing qftz-desktop[$EXTRAS] and its pinned dependencies"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[$EXTRAS]"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

need_display() {  # before anything is installed: saying it after 1.5 minutes helps nobody
  if [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] \
      && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    die "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop
session, or try:
  xvfb-run -a bash scripts/dev.sh run"
  fi
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    need_display
    ensure_python
    ensure_apt $QT_LIBS
    ensure_venv
    exec "$VENV/bin/qftz-desktop" "$@"
    ;;
  test)
    ensure_python
    ensure_apt $QT_LIBS $TEST_TOOLS
    ensure_venv
    export QT_QPA_PLATFORM=offscreen
    say "ruff"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    say "mypy (Qt-free layers)"
    "$VENV/bin/mypy" --no-error-summary
    say "import contract: no Qt in the reader and domain layers"
    "$VENV/bin/lint-imports" --no-cache
    say "pytest"
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  bundle)
    ensure_python
    # binutils: strip/readelf trim the bundle; xz-utils: the tar.xz; util-linux: unshare (offline)
    ensure_apt $QT_LIBS $TEST_TOOLS binutils xz-utils util-linux
    ensure_venv
    exec bash packaging/build.sh "$@"
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
