"""The plugin's options as the command line reads them from mkdocs.yml, without importing MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .discover import DEFAULT_ROOTS
from .paths import RootError, configured_root

PLUGIN = "spec-portfolio"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; their values do not matter here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    """What the core needs from mkdocs.yml: the roots, folders never read, and the repository URL."""

    roots: list[str]
    exclude: list[Path] = field(default_factory=list)
    source_url: str | None = None


def read_settings(project: Path) -> Settings:
    """Settings from `project/mkdocs.yml` as MkDocs would read them; defaults without one."""
    path = project / "mkdocs.yml"
    if not path.is_file():
        return Settings(list(DEFAULT_ROOTS), [project / "site", project / "docs"])
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SettingsError(
            f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})"
        ) from error
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping of settings")
    options = _plugin_options(data)
    roots = options.get("roots", list(DEFAULT_ROOTS))
    if not isinstance(roots, list) or not all(isinstance(v, str) for v in roots):
        raise SettingsError(f"{path}: spec-portfolio 'roots' must be a list of folders")
    docs_dir = project / str(data.get("docs_dir") or "docs")
    exclude = [project / str(data.get("site_dir") or "site"), docs_dir]
    for root in roots:
        try:
            configured_root(project, root, exclude)
        except RootError as error:  # the build refuses it with the same message
            raise SettingsError(f"{path}: {error}") from error
    repo_url = data.get("repo_url")
    edit_uri = data.get("edit_uri", default_edit_uri(repo_url))
    return Settings(roots, exclude, source_url(project, repo_url, edit_uri, docs_dir))


def _plugin_options(data: dict[str, Any]) -> dict[str, Any]:
    plugins = data.get("plugins") or []
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
    )
    for name, options in items:
        if name == PLUGIN:
            return dict(options or {})
    return {}


def default_edit_uri(repo_url: str | None) -> str | None:
    """MkDocs' own default for the known hosts."""
    if not repo_url:
        return None
    if "github.com" in repo_url or "gitlab.com" in repo_url:
        return "edit/master/docs/"
    if "bitbucket.org" in repo_url:
        return "src/default/docs/"
    return None


def source_url(project: Path, repo_url: str | None, edit_uri: str | None, docs_dir: Path) -> str | None:
    """Where repository files can be viewed: repo_url + edit_uri (which points at docs_dir), moved
    to the project folder and from `edit/` to `blob/`; None without a repository."""
    if not repo_url or not edit_uri:
        return None
    docs = urljoin(repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/")
    up = os.path.relpath(project, docs_dir).replace(os.sep, "/")
    return urljoin(docs, up.rstrip("/") + "/").replace("/edit/", "/blob/", 1)
