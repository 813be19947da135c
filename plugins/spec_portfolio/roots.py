"""Which folders are roots when none are configured, and which folders are not read as spec-kit trees.

With no `roots`, the roots are `specs/` and `plans/`, and every `specs/` folder below the project whose
children look like features (`apps/<app>/specs/`, `services/<svc>/specs/`). Hidden folders,
`node_modules`, the site and docs folders are never searched, and no link is followed. Layouts that
are not supported yet (OpenSpec's `openspec/`, Kiro's `.kiro/specs/`) are named, never misread: an
OpenSpec archive folder `2025-01-15-add-auth/` is no spec-kit feature.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .model import Portfolio, Problem
from .paths import LINK, Unsafe, lstat_under

DEFAULT_ROOTS = ("specs", "plans")
SEARCH_DEPTH = 5  # `services/<group>/<svc>/specs/` is four folders down; one more for good measure
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})
FEATURE_DIR = re.compile(r"^(\d{3,}|\d{8}-\d{6})-.+")
FEATURE_FILES = frozenset({"spec.md", "plan.md", "impl-plan.md", "tasks.md"})

NOT_SUPPORTED = "its layout is not supported yet"
# A folder of this name holding one of these folders is a tree of another tool, not read yet.
_UNSUPPORTED = {"openspec": ("OpenSpec", ("changes", "specs")), ".kiro": ("Kiro", ("specs",))}


@dataclass
class Scan:
    """What a search of the project found: roots that hold features, and what is left out."""

    roots: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_roots(project: Path, excluded: set[Path], depth: int = SEARCH_DEPTH) -> Scan:
    """`specs/` folders up to `depth` folders below `project` whose children look like features, and
    the trees of unsupported layouts met on the way. The default roots are read, not searched in."""
    scan = Scan()
    level = [project]
    for _ in range(depth):
        below: list[Path] = []
        for folder in level:
            below.extend(_search(project, folder, excluded, scan))
        level = below
    scan.roots.sort()
    return scan


def _search(project: Path, folder: Path, excluded: set[Path], scan: Scan) -> list[Path]:
    """The folders of `folder` to search next; a `specs/` folder holding features is a root."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    below = []
    for entry in entries:
        rel = Path(entry.path).relative_to(project).as_posix()
        if entry.is_symlink():
            if entry.name == "specs":  # a root that would be found, were it not a link
                scan.problems.append(Problem(rel, LINK))
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        unsupported = unsupported_tree(project, rel)
        skipped = entry.name.startswith(".") or entry.name in SKIPPED_DIRS
        if unsupported is not None:
            scan.problems.append(unsupported)
        elif skipped or Path(entry.path) in excluded:  # reached with no link: its path is its own
            continue
        elif rel in DEFAULT_ROOTS:  # read in any case, never searched in; listed when it holds features
            if holds_features(Path(entry.path)):
                scan.roots.append(rel)
        elif entry.name == "specs" and holds_features(Path(entry.path)):
            scan.roots.append(rel)
        else:
            below.append(Path(entry.path))
    return below


def holds_features(folder: Path) -> bool:
    """Whether a child of `folder` looks like a feature: a folder holding spec.md, plan.md, impl-plan.md
    or tasks.md, or a flat `NNN-name.md`. A name alone is not enough: a site built into another folder
    has `specs/001-name/` folders too, of HTML. Links are not followed."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            if any(_is_file(Path(entry.path) / name) for name in FEATURE_FILES):
                return True
        elif FEATURE_DIR.match(entry.name) and entry.name.endswith(".md"):
            return True
    return False


def unsupported_tree(project: Path, rel: str) -> Problem | None:
    """An info line when the folder `rel` (not a link) is a tree of a layout not supported yet."""
    name = rel.rsplit("/", 1)[-1]
    if name not in _UNSUPPORTED:
        return None
    tool, markers = _UNSUPPORTED[name]
    held = [m for m in markers if _is_dir(project, f"{rel}/{m}")]
    if not held:
        return None
    named = ", ".join(f"{m}/" for m in held)
    message = f"is a tree of {tool} ({named}); {NOT_SUPPORTED}, so it is not read"
    return Problem(rel, message, severity="info")


def top_level_trees(project: Path) -> list[Problem]:
    """The info lines of the unsupported trees right under the project."""
    found = (unsupported_tree(project, name) for name in _UNSUPPORTED)
    return [problem for problem in found if problem is not None]


def unsupported_root(project: Path, root: str) -> Problem | None:
    """The info line of the unsupported tree that `root` is or lies in, if any."""
    parts = root.split("/") if root else []
    for index in range(len(parts)):
        found = unsupported_tree(project, "/".join(parts[: index + 1]))
        if found is not None:
            return found
    return None


def roots_line(portfolio: Portfolio) -> str:
    """Which roots were read, and where they came from, for the log and `check`."""
    read = ", ".join(f"{r or '.'}/" for r in portfolio.read_roots) or "none"
    source = "from roots in mkdocs.yml" if portfolio.configured else "found: no roots configured"
    return f"roots read: {read} ({source})"


def _is_dir(project: Path, rel: str) -> bool:
    """Whether `rel` is a folder, reached with no link on the way."""
    try:
        found = lstat_under(project, rel)
    except Unsafe:
        return False
    return found is not None and stat.S_ISDIR(found.st_mode)


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
