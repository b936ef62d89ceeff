#!/bin/sh
# Redraws the demo cycle's diagrams shown by the README: runs `entropyk demo` and writes
# docs/demo-ph.svg and docs/demo-ts.svg (the README shows the SVG itself, so there is no
# screenshot to keep in step with the diagram code).
#
#   docs/render_demo.sh [path/to/entropyk]      (default: build/release/examples/cli/entropyk)
set -eu
cd "$(dirname "$0")/.."
exe=${1:-build/release/examples/cli/entropyk}
"$exe" demo --svg docs/demo-ph.svg --ts docs/demo-ts.svg >/dev/null
ls -l docs/demo-ph.svg docs/demo-ts.svg
