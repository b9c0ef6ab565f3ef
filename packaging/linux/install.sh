#!/usr/bin/env bash
# Install the desktop integration (launcher, AppStream metainfo, icons) for an issue-drafter
# that is already on PATH (pipx, uv tool, pip --user, or the PyInstaller bundle linked into PATH).
# Usage: packaging/linux/install.sh [PREFIX]   (default: ~/.local; /usr/local for all users)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ICONS="$HERE/../../resources/icons"
PREFIX="${1:-$HOME/.local}"
APP_ID=io.github.issue_drafter.IssueDrafter
SHARE="$PREFIX/share"

install -Dm644 "$HERE/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -Dm644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "$ICONS/issue-drafter.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -Dm644 "$ICONS/issue-drafter-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done

command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
echo "installed $APP_ID under $SHARE"
command -v issue-drafter >/dev/null || echo "note: issue-drafter is not on PATH yet; the launcher needs it" >&2
