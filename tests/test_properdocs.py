"""ProperDocs, the maintained fork of MkDocs 1.x, builds our portfolio into the same site as MkDocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytest.importorskip("properdocs")

# The one line that names the generator differs by design.
_GENERATOR = re.compile(rb"mkdocs-(?:ProperDocs )?\d+\.\d+\.\d+")


def test_properdocs_builds_the_same_site_as_mkdocs(own_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(site)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "spec_portfolio: published" in result.stderr
    ours = sorted(p.relative_to(own_site) for p in own_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert ours == theirs
    assert len(ours) > 50
    differing = [
        rel
        for rel in ours
        if _GENERATOR.sub(b"", (own_site / rel).read_bytes())
        != _GENERATOR.sub(b"", (site / rel).read_bytes())
    ]
    assert differing == []


def test_the_plugin_declares_its_properdocs_support() -> None:
    from importlib.metadata import entry_points

    for group in ("mkdocs.plugins", "properdocs.plugins"):
        (plugin,) = [e for e in entry_points(group=group) if e.name == "spec-portfolio"]
        assert plugin.value == "spec_portfolio.mkdocs.plugin:SpecPortfolioPlugin"
