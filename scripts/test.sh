#!/usr/bin/env bash
# Set up, then lint and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
# The tests build with `mkdocs` too, on purpose: ProperDocs' notice to mkdocs users is not for them.
export DISABLE_MKDOCS_2_WARNING=true
.venv/bin/ruff check plugins tests
.venv/bin/ruff format --check plugins tests
.venv/bin/python -m pytest "$@"
