#!/usr/bin/env bash
# Set up .venv with this project and its test tools installed from the package registries.
# Sourced by site.sh and test.sh; safe to run again (it only installs what changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=${PYTHON:-python3}
# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
if [ "${SKIP_APT:-}" != 1 ] && [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# Not editable: the tests run against the package as users install it (package data included).
.venv/bin/python -m pip install --quiet --upgrade ".[test]"
# The pinned mermaid, through npm, into ~/.cache/spec-portfolio: the site serves it with no CDN.
.venv/bin/spec-portfolio fetch-mermaid >/dev/null
