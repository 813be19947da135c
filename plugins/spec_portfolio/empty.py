"""Why a portfolio holds no feature: what was looked at, and what to pass or configure instead.

A check that finds nothing must not pass: `check` and a build with `fail_on` stop with this message.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .model import Portfolio, Problem
from .roots import FEATURE_DIR, FEATURE_FILES, NOT_SUPPORTED, SEARCH_DEPTH, find_roots, holds_features


def is_empty(portfolio: Portfolio) -> bool:
    """Nothing to check: no feature and no epic was found."""
    return not portfolio.features and not portfolio.epics


def no_feature(
    portfolio: Portfolio, excluded: list[Path], options: list[Problem], show: Callable[[Path], str]
) -> str:
    """The message for an empty portfolio. `options` are the problems with the plugin's options in
    mkdocs.yml; `show` prints a folder as the reader should type it."""
    project = portfolio.project
    parts = [f"no feature found in '{show(project)}': looked in {looked_at(portfolio, show)}."]
    hint = _project_hint(project)
    if hint is not None:
        folder, why = hint
        parts.append(f"{why}: pass the folder of the project instead, `spec-portfolio check {show(folder)}`.")
    elif portfolio.configured:
        found = find_roots(project, {p.resolve() for p in excluded}).roots
        if found:
            listed = ", ".join(f"{r}/" for r in found)
            parts.append(
                f"Features are in {listed}: name them in roots in mkdocs.yml, "
                "or remove roots to find them with no configuration."
            )
        else:
            parts.append("Name the folders that hold the feature folders in roots in mkdocs.yml.")
    else:
        parts.append(
            "Pass the folder of the project (the one that holds specs/), or name the folders that hold "
            "the feature folders in roots of the spec-portfolio plugin in its mkdocs.yml."
        )
    left_out = [p for p in portfolio.problems if NOT_SUPPORTED in p.message]
    parts.extend(f"{problem}." for problem in [*left_out, *options])
    return " ".join(parts)


def looked_at(portfolio: Portfolio, show: Callable[[Path], str]) -> str:
    """`specs/ (not a folder), plans/ (no feature folder in it) and ...`: each root and what it held."""
    seen = []
    for root in portfolio.roots:
        if root in portfolio.read_roots:
            state = "no feature folder in it"
        else:
            why = next((p.message for p in portfolio.problems if p.path == (root or ".")), "not a folder")
            state = why.removeprefix("is ")
        seen.append(f"{show(portfolio.project / root)}/ ({state})")
    if not portfolio.configured:
        seen.append(f"specs/ folders up to {SEARCH_DEPTH} levels below it (none holds feature folders)")
    if not seen:
        return "no folder (roots in mkdocs.yml is empty)"
    return ", ".join(seen[:-1]) + (" and " if len(seen) > 1 else "") + seen[-1]


def _project_hint(folder: Path) -> tuple[Path, str] | None:
    """When `folder` is a feature folder or a root itself: the project folder to pass, and why."""
    held = [name for name in sorted(FEATURE_FILES) if _is_file(folder / name)]
    # A project may keep a plan.md or tasks.md of its own; a spec.md or a feature's name says more.
    if "spec.md" in held or (FEATURE_DIR.match(folder.name) and folder.parent.name == "specs"):
        why = f" (it holds {', '.join(held)})" if held else ""
        return folder.parent.parent, f"'{folder.name}' is a feature folder itself{why}"
    if holds_features(folder):
        return folder.parent, f"'{folder.name}' holds feature folders itself, as a specs/ folder does"
    return None


def unmatched(portfolio: Portfolio, wanted: list[str], finding_paths: set[str]) -> list[str]:
    """The `--only` paths that name no file or folder of the portfolio (nor any finding's file)."""
    known = {*portfolio.documents, *portfolio.assets, *finding_paths}
    return [
        w for w in wanted if w not in ("", ".") and not any(k == w or k.startswith(w + "/") for k in known)
    ]


def closest(portfolio: Portfolio, path: str) -> str:
    """The feature folder or document path nearest to a mistyped `path`, else the first feature's."""
    names = sorted({*portfolio.features, *portfolio.documents})
    near = difflib.get_close_matches(path, names, n=1)
    return near[0] if near else next(iter(sorted(portfolio.features)), "specs/001-name")


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
