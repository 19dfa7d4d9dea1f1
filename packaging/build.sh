#!/usr/bin/env bash
# Build the app bundle, smoke-test it offline, measure it. One command, from the repo root:
#   bash packaging/build.sh [--onefile] [--no-smoke] [--no-archive] [-- MEASURE ARGS]
# Usually run as `bash scripts/dev.sh bundle`, which installs what is needed first (the
# `package` extra: PyInstaller; binutils for strip; poppler-utils for the PDF check).
#
# Output: dist/qftz-briefing/ (onedir; on macOS also dist/QFTZ Briefing.app), on Linux
# dist/qftz-briefing-<version>-linux-<arch>.tar.xz; PyInstaller's work files in build/.
# Both folders are git-ignored. The interpreter is $PYTHON, else the repo's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

if [ -n "${PYTHON:-}" ]; then PY=$PYTHON
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
elif [ -x .venv/Scripts/python.exe ]; then PY=.venv/Scripts/python.exe
else die "no .venv here: run 'bash scripts/dev.sh bundle', or set PYTHON"
fi

spec_args=() smoke=1 archive=xz measure_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --onefile) spec_args+=(-- --onefile) ;;
    --no-smoke) smoke=0 ;;
    --no-archive) archive=none ;;
    --) shift; measure_args=("$@"); break ;;
    *) die "unknown option $1 (see the top of $0)" ;;
  esac
  shift
done
case "$(uname -s)" in Linux) ;; *) archive=none ;; esac   # Windows/macOS: the workflow zips

"$PY" -c 'import PyInstaller' 2>/dev/null \
  || die "PyInstaller is not installed for $PY: run 'bash scripts/dev.sh bundle'"
if [ "$(uname -s)" = Linux ] && ! command -v strip >/dev/null; then
  die "strip (binutils) is needed to trim the Linux bundle: apt-get install binutils"
fi
[ -f resources/icons/qftz.png ] || die "resources/icons/ is empty: run scripts/make_icons.py"

start=$(date +%s)
say "PyInstaller: packaging/qftz-briefing.spec → dist/"
rm -rf dist/qftz-briefing "dist/QFTZ Briefing.app"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/qftz-briefing.spec ${spec_args[@]+"${spec_args[@]}"}
say "built in $(( $(date +%s) - start )) s"

if [ ${#spec_args[@]} -gt 0 ]; then  # onefile: one executable, nothing to measure per part
  app=dist/qftz-briefing; [ -f "$app.exe" ] && app=$app.exe
  [ $smoke -eq 1 ] && { say "smoke test (offline)"; "$PY" packaging/smoke_test.py --app "$app"; }
  ls -l "$app"
  exit 0
fi

if [ $smoke -eq 1 ]; then
  say "smoke test of the frozen app (offline)"
  "$PY" packaging/smoke_test.py
fi

say "sizes"
"$PY" packaging/measure.py --archive "$archive" ${measure_args[@]+"${measure_args[@]}"}
say "done in $(( $(date +%s) - start )) s"
