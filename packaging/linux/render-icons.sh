#!/usr/bin/env bash
# Render the app icon's PNG sizes from resources/icons/issue-drafter.svg (needs rsvg-convert,
# Debian package librsvg2-bin). Run after editing the SVG; commit the PNGs with it.
set -euo pipefail
ICONS="$(cd "$(dirname "$0")/../../resources/icons" && pwd)"
# 16 px has its own drawing on the pixel grid (issue-drafter-16.svg); the others scale the main SVG.
rsvg-convert -w 16 -h 16 "$ICONS/issue-drafter-16.svg" -o "$ICONS/issue-drafter-16.png"
for size in 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$ICONS/issue-drafter.svg" -o "$ICONS/issue-drafter-$size.png"
done
ls -l "$ICONS"
