"""`spec-portfolio init`: the files a repository needs to publish its portfolio, never overwriting one.

It writes a mkdocs.yml (Material with its light/dark toggle, search, this plugin, mermaid2 with the
mermaid the site serves itself), a home page, a requirements file, a GitHub Pages workflow, and the
.gitignore line for the built site. The result builds with `mkdocs build --strict`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = "https://github.com/spec-portfolio/mkdocs-spec-portfolio"
IGNORED = ("site/",)  # the built site

_MKDOCS_YML = """\
# Written by `spec-portfolio init`. The plugin reads specs/ and plans/ where they are; docs/ holds
# your own pages. Options: {reference}
site_name: {name}
{site_url}
theme:
  name: material
  font: false  # system fonts: the site loads nothing from a CDN
  features:
    - navigation.instant  # needs site_url to be the address the site is served from
    - navigation.sections
    - search.highlight
  palette:  # light and dark, with a toggle; the reader's system setting comes first
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/brightness-7, name: Dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/brightness-4, name: Light mode}}

plugins:
  - search
  - spec-portfolio
  # Diagrams: after `spec-portfolio fetch-mermaid`, the site serves the pinned mermaid itself.
  - mermaid2
"""
_NO_SITE_URL = """\
# site_url: https://your-org.github.io/your-repo/  # the address GitHub Pages shows; set it"""

_INDEX_MD = """\
# {title}

This site publishes the specs, plans and epics of this repository, as they are in its folders.

- The [dashboard](portfolio/index.md) lists every feature with its status, tasks and gates.
- The [risk register](portfolio/risks.md) and [rollout readiness](portfolio/rollout.md) read across
  all of them.
"""

_REQUIREMENTS = f"""\
# What the site is built with. Pin a commit for repeatable builds: ...@<commit>
mkdocs-spec-portfolio @ git+{REPOSITORY}
"""

_PAGES_YML = """\
# Publish the portfolio to GitHub Pages on every push to main (written by `spec-portfolio init`).
# Settings > Pages > Source must be "GitHub Actions".
name: pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions: {}

# One deployment at a time; a queued one waits rather than cancelling a deployment under way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    name: build the site
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - uses: actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: requirements-docs.txt
      - uses: actions/cache@55cc8345863c7cc4c66a329aec7e433d2d1c52a9 # v6.1.0
        with:
          path: ~/.cache/spec-portfolio
          key: spec-portfolio-${{ runner.os }}-${{ hashFiles('requirements-docs.txt') }}
      - run: pip install -r requirements-docs.txt
      - run: spec-portfolio fetch-mermaid
      - run: mkdocs build --strict
      - uses: actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0
        with:
          path: site

  deploy:
    name: deploy to GitHub Pages
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      pages: write # to publish the deployment
      id-token: write # to prove to Pages that the deployment comes from this workflow (OIDC)
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - uses: actions/configure-pages@45bfe0192ca1faeb007ade9deae92b16b8254a0d # v6.0.0
      - id: deployment
        uses: actions/deploy-pages@368f82528645a54fb793d4d04e342629a3f51346 # v5.0.1
"""


@dataclass(frozen=True, slots=True)
class Outcome:
    path: str  # relative to the project, with `/`
    action: str  # "wrote", "kept" (it exists and is left as it is), "added to" or "already in"
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.action} {self.path}" + (f" ({self.detail})" if self.detail else "")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escaping, which YAML reads the same way."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _markdown_text(text: str) -> str:
    """Plain text for a Markdown heading: every punctuation character escaped."""
    return "".join("\\" + c if not c.isalnum() and not c.isspace() else c for c in " ".join(text.split()))


def files(name: str, site_url: str | None = None) -> dict[str, str]:
    """The files init writes, by path relative to the project."""
    url = f"site_url: {_yaml_string(site_url)}" if site_url else _NO_SITE_URL
    reference = f"{REPOSITORY}/blob/main/docs/reference.md"
    return {
        "mkdocs.yml": _MKDOCS_YML.format(name=_yaml_string(name), site_url=url, reference=reference),
        "docs/index.md": _INDEX_MD.format(title=_markdown_text(name)),
        "requirements-docs.txt": _REQUIREMENTS,
        ".github/workflows/pages.yml": _PAGES_YML,
    }


def init(project: Path, name: str, site_url: str | None = None) -> list[Outcome]:
    """Write each missing file under `project` and the ignore lines; an existing file is kept as it is."""
    outcomes = []
    for rel, content in files(name, site_url).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as out:  # "x": fails rather than replace a file
                out.write(content)
        except FileExistsError:
            outcomes.append(Outcome(rel, "kept", "it exists; left as it is"))
        else:
            outcomes.append(Outcome(rel, "wrote"))
    outcomes.append(_ignore(project / ".gitignore"))
    return outcomes


def _ignore(path: Path) -> Outcome:
    """Add the lines .gitignore lacks at its end; the lines it has stay as they are."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    have = {line.strip() for line in existing.splitlines()}
    missing = [line for line in IGNORED if line not in have and "/" + line not in have]
    if not missing:
        return Outcome(".gitignore", "already in", ", ".join(IGNORED))
    separator = "" if not existing or existing.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as out:
        out.write(separator + "".join(line + "\n" for line in missing))
    return Outcome(".gitignore", "added to", ", ".join(missing))
