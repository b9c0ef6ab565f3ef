#!/usr/bin/env bash
# Render the app icon's PNG sizes from resources/icons/issue-drafter.svg (needs rsvg-convert,
# Debian package librsvg2-bin). Run after editing the SVG; commit the PNGs with it.
set -euo pipefail
ICONS="$(cd "$(dirname "$0")/../../resources/icons" && pwd)"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$ICONS/issue-drafter.svg" -o "$ICONS/issue-drafter-$size.png"
done
ls -l "$ICONS"
