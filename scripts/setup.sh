#!/usr/bin/env bash
# Set up .venv from the package registries: `setup.sh site` for building the site, `setup.sh test`
# (the default) for the tests too. Safe to run again: it only installs what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:-test}
python=${PYTHON:-python3}
# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
if [ "$mode" = test ] && [ "${SKIP_APT:-}" != 1 ] && [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# Not editable: the tests run against the package as users install it (package data included).
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install --quiet --upgrade ".[test]"
else
  .venv/bin/python -m pip install --quiet --upgrade .
fi
# The pinned mermaid, through npm, into ~/.cache/spec-portfolio: the site serves it with no CDN.
.venv/bin/spec-portfolio fetch-mermaid >/dev/null
