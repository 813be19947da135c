#!/usr/bin/env bash
# Set up .venv with this project and its test tools installed from the package registries.
# Sourced by site.sh and test.sh; safe to run again (it only installs what changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# Not editable: the tests run against the package as users install it (package data included).
.venv/bin/python -m pip install --quiet --upgrade ".[test]"
