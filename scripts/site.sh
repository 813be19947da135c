#!/usr/bin/env bash
# Set up, then build (default) or serve the site of our example portfolio, with ProperDocs (the
# maintained fork of MkDocs 1.x; `mkdocs build` gives the same site, and CI builds it both ways).
#   scripts/site.sh            build into site/ with --strict
#   scripts/site.sh serve      serve on http://127.0.0.1:8000 with live reload
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh site
export NO_MKDOCS_2_WARNING=1
case "${1:-build}" in
  build) exec .venv/bin/properdocs build --strict ;;
  serve) exec .venv/bin/properdocs serve --dev-addr "${ADDR:-127.0.0.1:8000}" ;;
  *) echo "usage: scripts/site.sh [build|serve]" >&2; exit 2 ;;
esac
