"""Paths under the project, which every contributor controls: roots checked, links never followed.

Nothing that a link or a `..` leads to is read, and nothing but regular files and folders: a FIFO would
block the build, `/proc/self/environ` behind a link would publish the build's secrets.
"""

from __future__ import annotations

import os
import posixpath
import stat
from pathlib import Path

from .model import Problem

LINK = "is a symbolic link; links are not followed"
_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO that slipped through returns at once instead of waiting for a writer.
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


class RootError(ValueError):
    """A configured root the plugin refuses to read; the build and `check` stop with this message."""


class Unsafe(OSError):
    """A path the core refuses to read: `problem` says which part and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def normal_root(root: str) -> str:
    """`./specs/` -> `specs`; `.` -> `` (the project itself)."""
    normal = posixpath.normpath(root.replace("\\", "/").strip("/"))
    return "" if normal == "." else normal


def configured_root(project: Path, root: str, never_read: list[Path]) -> str:
    """`root` normalised, or RootError: a root must be inside the project and outside `never_read`
    (the site and docs folders). The one rule of the build and of `check`."""
    if Path(root).is_absolute() or ".." in Path(root.replace("\\", "/")).parts:
        raise RootError(
            f"spec-portfolio root '{root}' must be a folder inside the project, relative to mkdocs.yml"
        )
    normal = normal_root(root)
    project = project.resolve()
    for folder in never_read:
        try:
            name = Path(os.path.abspath(folder)).relative_to(project).as_posix()
        except ValueError:
            continue
        if name != "." and (normal == name or normal.startswith(name + "/")):
            raise RootError(
                f"spec-portfolio root '{root}' is in '{name}', which is never read: "
                "the docs folder is MkDocs' own and the site folder is the output"
            )
    return normal


def special_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is: `a named pipe (FIFO)`, ..."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def not_regular(rel: str, mode: int) -> Problem:
    return Problem(rel, f"is {special_kind(mode)}, not a regular file; not published")


def lstat_under(project: Path, rel: str) -> os.stat_result | None:
    """The lstat of `rel` (relative to `project`), checking every part on the way: None when a part is
    missing or is no folder; Unsafe naming the first part that is a symbolic link."""
    result: os.stat_result | None = None
    parts = rel.split("/") if rel else []
    for index, _ in enumerate(parts):
        here = "/".join(parts[: index + 1])
        if result is not None and not stat.S_ISDIR(result.st_mode):
            return None
        try:
            result = os.lstat(project / here)
        except OSError:
            return None
        if stat.S_ISLNK(result.st_mode):
            raise Unsafe(Problem(here, LINK))
    return result if parts else os.lstat(project)


def read_under(project: Path, rel: str) -> bytes:
    """The bytes of the regular file `rel` under `project`. Each folder on the way is opened from the
    one before without following a link, the file last: no link is followed at any step, no FIFO or
    device is waited on. Unsafe for a link or a special file, OSError when it cannot be read."""
    parts = rel.split("/")
    fd = os.open(project, _DIR_FLAGS)
    try:
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            try:
                opened = os.open(part, _FILE_FLAGS if last else _DIR_FLAGS | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as error:
                if os.path.islink(project / "/".join(parts[: index + 1])):
                    raise Unsafe(Problem("/".join(parts[: index + 1]), LINK)) from error
                raise
            os.close(fd)
            fd = opened
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Unsafe(not_regular(rel, mode))
        with os.fdopen(fd, "rb") as file:
            fd = -1
            return file.read()
    finally:
        if fd >= 0:
            os.close(fd)
