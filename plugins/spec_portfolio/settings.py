"""The plugin's options as the command line reads them from mkdocs.yml, without importing MkDocs."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .model import SEVERITIES, Problem
from .paths import RootError, configured_root

PLUGIN = "spec-portfolio"
# The plugin's options (mkdocs/config.py; a test holds the two the same).
OPTIONS = ("enabled", "roots", "nav_title", "github_markdown", "sanitize_html", "trust_front_matter",
           "trust_assets", "fail_on", "workers")  # fmt: skip
FAIL_ON = (*SEVERITIES, "never")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` tags, whose values do not matter here, and `!ENV`."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` and `!ENV [NAME, OTHER, default]`: the first variable set, read as YAML reads
    a plain value, else the default (or None)."""
    names, default = [node], None
    if isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        names, default = node.value[:-1], loader.construct_object(node.value[-1])
    elif isinstance(node, yaml.SequenceNode):
        names = node.value
    for name in names:
        value = os.environ.get(str(name.value)) if isinstance(name, yaml.ScalarNode) else None
        if value is not None:
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    """What the core needs from mkdocs.yml: the roots (None: found, none configured), folders never
    read, the repository URL, `fail_on` if set, and the problems with the plugin's options."""

    roots: list[str] | None
    exclude: list[Path] = field(default_factory=list)
    source_url: str | None = None
    fail_on: str | None = None
    problems: list[Problem] = field(default_factory=list)


def read_settings(project: Path) -> Settings:
    """Settings from `project/mkdocs.yml` as MkDocs would read them; defaults without one."""
    path = project / "mkdocs.yml"
    if not path.is_file():
        return Settings(None, [project / "site", project / "docs"])
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_Loader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SettingsError(
            f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})"
        ) from error
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping of settings")
    options = _plugin_options(data)
    roots = options.get("roots")
    if roots is not None and (not isinstance(roots, list) or not all(isinstance(v, str) for v in roots)):
        raise SettingsError(f"{path}: spec-portfolio 'roots' must be a list of folders")
    fail_on = options.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise SettingsError(f"{path}: spec-portfolio 'fail_on' must be one of {', '.join(FAIL_ON)}")
    docs_dir = project / str(data.get("docs_dir") or "docs")
    exclude = [project / str(data.get("site_dir") or "site"), docs_dir]
    for root in roots or ():
        try:
            configured_root(project, root, exclude)
        except RootError as error:  # the build refuses it with the same message
            raise SettingsError(f"{path}: {error}") from error
    repo_url = data.get("repo_url")
    edit_uri = data.get("edit_uri", default_edit_uri(repo_url))
    unknown = unknown_options(options, _option_lines(text))
    return Settings(roots, exclude, source_url(project, repo_url, edit_uri, docs_dir), fail_on, unknown)


def unknown_options(options: dict[str, Any], lines: dict[str, int]) -> list[Problem]:
    """A warning for each option the plugin does not have, as MkDocs gives in a build."""
    problems = []
    for name in options:
        if name in OPTIONS:
            continue
        close = difflib.get_close_matches(str(name), OPTIONS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        message = f"spec-portfolio option '{name}' is not an option of the plugin{hint}; ignored"
        problems.append(Problem("mkdocs.yml", message, lines.get(str(name))))
    return problems


def _option_lines(text: str) -> dict[str, int]:
    """The 1-based line of each of the plugin's option names in mkdocs.yml."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    plugins = _value(root, "plugins")
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(plugins, yaml.MappingNode):
        entries = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):
        entries = [
            item.value[0] for item in plugins.value if isinstance(item, yaml.MappingNode) and item.value
        ]
    for key, options in entries:
        if isinstance(key, yaml.ScalarNode) and key.value == PLUGIN and isinstance(options, yaml.MappingNode):
            return {str(k.value): k.start_mark.line + 1 for k, _ in options.value}
    return {}


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


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
