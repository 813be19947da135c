"""Our own example portfolio: a strict build with the real `mkdocs` command publishes every document."""

import os
import subprocess
import sys

from conftest import REPO, page_of


def test_strict_build_publishes_every_markdown_file(tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert "spec_portfolio: published" in result.stderr

    sources = [
        *REPO.glob("specs/**/*.md"),
        *REPO.glob("plans/**/*.md"),
        REPO / ".specify/memory/constitution.md",
    ]
    assert len(sources) > 40
    for source in sources:
        assert page_of(site, source.relative_to(REPO)).is_file(), (
            f"{source.relative_to(REPO)} is not published"
        )
    contracts = [
        p for root in ("specs", "plans") for p in REPO.glob(f"{root}/**/contracts/*") if p.suffix != ".md"
    ]
    assert len(contracts) >= 4
    for contract in contracts:
        assert (site / contract.relative_to(REPO) / "index.html").is_file(), contract


def test_all_text_we_publish_is_readable_by_others(tmp_path):
    """linkchecker drops to user `nobody` when run as root: the built site must be world-readable."""
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO, env=env, check=True
    )
    for path in [site, *site.rglob("*")]:
        assert os.stat(path).st_mode & 0o004, path
