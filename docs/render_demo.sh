#!/bin/sh
# Renders the demo cycle's diagrams for the README: runs `entropyk demo`, writes docs/demo-ph.svg
# and docs/demo-ts.svg, and screenshots the p-h diagram with headless Chromium to docs/demo-ph.png
#
#   docs/render_demo.sh [path/to/entropyk]      (default: build/release/examples/cli/entropyk)
#
# Needs Debian's `chromium` (apt-get install -y chromium). Look at the PNG after rendering.
set -eu
cd "$(dirname "$0")/.."
exe=${1:-build/release/examples/cli/entropyk}
"$exe" demo --svg docs/demo-ph.svg --ts docs/demo-ts.svg >/dev/null
for name in demo-ph; do
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
    --screenshot="$PWD/docs/$name.png" --window-size=1000,700 "file://$PWD/docs/$name.svg" 2>/dev/null
done
ls -l docs/demo-ph.svg docs/demo-ph.png docs/demo-ts.svg
