#!/usr/bin/env bash
# Build the one-folder bundle dist/issue-drafter/ with PyInstaller, in a throwaway virtual
# environment (PyInstaller is not one of the project's dependencies).
# Usage: packaging/pyinstaller/build.sh [OUTDIR]   (default: dist/ at the repository root)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
WORK="$ROOT/build/pyinstaller"
VENV="$WORK/venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
# A regular (not editable) install, so the bundle gets the package data exactly as a user would.
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "pyinstaller>=6.10" "$ROOT"

rm -rf "${OUT:?}/issue-drafter"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$OUT" --workpath "$WORK/work" "$HERE/issue-drafter.spec"

BUNDLE="$OUT/issue-drafter"
"$BUNDLE/issue-drafter" --version
# Smoke test: pasted bullets are a finding, so lint must exit 1 (0 or 2 means a broken bundle).
printf '# Smoke test\n\n\u2022 one\n\u2022 two\n' > "$WORK/smoke.md"
status=0
"$BUNDLE/issue-drafter" lint "$WORK/smoke.md" || status=$?
if [ "$status" != 1 ]; then echo "build.sh: the bundle's lint exited $status, expected 1" >&2; exit 1; fi
echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1); $(cd "$OUT" && tar czf - issue-drafter | wc -c | awk '{printf "%.0f MB", $1/1e6}') as .tar.gz)"
