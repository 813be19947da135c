"""The plugin's options as the command line reads them from mkdocs.yml, without importing MkDocs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .discover import DEFAULT_ROOTS

PLUGIN = "spec-portfolio"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; their values do not matter here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class SettingsError(Exception):
    pass


def plugin_options(project: Path) -> dict[str, Any]:
    """The `spec-portfolio` entry of `project/mkdocs.yml`'s plugins, or {} when there is none."""
    path = project / "mkdocs.yml"
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SettingsError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from error
    plugins = (data or {}).get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
    )
    for name, options in entries:
        if name == PLUGIN:
            return dict(options or {})
    return {}


def roots(project: Path) -> list[str]:
    value = plugin_options(project).get("roots", list(DEFAULT_ROOTS))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{project / 'mkdocs.yml'}: spec-portfolio 'roots' must be a list of folders")
    return value


def source_url(project: Path, repo_url: str | None, edit_uri: str | None, docs_dir: Path) -> str | None:
    """Where repository files can be viewed: repo_url + edit_uri (which points at docs_dir), moved
    to the project folder and from `edit/` to `blob/`; None without a repository."""
    if not repo_url or not edit_uri:
        return None
    docs = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    up = os.path.relpath(project, docs_dir).replace(os.sep, "/")
    return urljoin(docs, up.rstrip("/") + "/").replace("/edit/", "/blob/", 1)


def project_source_url(project: Path) -> str | None:
    """`source_url` from mkdocs.yml, with MkDocs' default edit_uri for GitHub and GitLab."""
    path = project / "mkdocs.yml"
    if not path.is_file():
        return None
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    repo_url, edit_uri = data.get("repo_url"), data.get("edit_uri")
    if repo_url and edit_uri is None and ("github.com" in repo_url or "gitlab.com" in repo_url):
        edit_uri = "edit/master/docs/"
    docs_dir = project / (data.get("docs_dir") or "docs")
    return source_url(project, repo_url, edit_uri, docs_dir)
