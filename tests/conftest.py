"""Build real MkDocs sites from small trees in tmp_path, as mkdocs-awesome-nav's tests do."""

from __future__ import annotations

import logging
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import settings
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# In CI, property tests draw the examples Hypothesis derives from each test, so a landing never hangs on a
# new random draw; local runs keep exploring (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The tests run `mkdocs` on purpose, beside ProperDocs: its notice to mkdocs users is not for them.
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "community-management"


@dataclass
class Site:
    project: Path
    records: list[logging.LogRecord] = field(default_factory=list)
    aborted: bool = False

    @property
    def dir(self) -> Path:
        return self.project / "site"

    def html(self, url: str) -> str:
        path = self.dir / url.strip("/") / "index.html" if not url.endswith(".html") else self.dir / url
        return path.read_text(encoding="utf-8")

    def messages(self, level: int = logging.INFO) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == level]

    @property
    def warnings(self) -> list[str]:
        return self.messages(logging.WARNING)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def page_of(site_dir: Path, source: Path) -> Path:
    """The index.html a Markdown source is published as (`a/b.md` -> `a/b/`, `a/README.md` -> `a/`)."""
    stem = source.with_suffix("")
    folder = stem.parent if stem.name.lower() in ("index", "readme") else stem
    return site_dir / folder / "index.html"


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def build_site(project: Path, strict: bool = False) -> Site:
    """Run a real `mkdocs build` of `project/mkdocs.yml` and keep every log record."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    site = Site(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=strict)
        build(config)
    except Abort:
        site.aborted = True
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    site.records = [r for r in handler.records if r.levelno >= logging.INFO]
    return site


@pytest.fixture
def make_site(tmp_path: Path):
    """make_site(files, **mkdocs_yml) -> Site: writes the tree and a mkdocs.yml, then builds."""

    def make(
        files: dict[str, str | bytes], strict: bool = False, plugin: dict | None = None, **config
    ) -> Site:
        write_tree(tmp_path, {"docs/index.md": "# Home\n", **files})
        settings = {
            "site_name": "Test portfolio",
            "theme": {"name": "material"},
            "plugins": [{"spec-portfolio": plugin} if plugin else "spec-portfolio"],
            **config,
        }
        if plugin and "plugins" in config:
            raise ValueError("give plugin options inside `plugins`, or `plugin`, not both")
        (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
        return build_site(tmp_path, strict=strict)

    return make


@pytest.fixture(scope="session")
def own_site(tmp_path_factory) -> Path:
    """Our own example portfolio, built once with the real `mkdocs build --strict` command."""
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("own") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    (site.parent / "build.log").write_text(result.stderr)
    return site
