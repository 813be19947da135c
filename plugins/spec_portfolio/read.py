"""Reading source files: bytes to text, with a problem for anything a reader would not expect."""

from __future__ import annotations

from pathlib import Path

from .model import Problem
from .paths import Unsafe, read_under

BOM = b"\xef\xbb\xbf"


def is_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode(data: bytes, path: str, problems: list[Problem]) -> str:
    """UTF-8 text with Unix line ends; undecodable bytes become U+FFFD and are reported."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(path, "is not valid UTF-8; undecodable bytes are shown as \ufffd", line))
        text = data.decode("utf-8", errors="replace")
    return unix_lines(text)


def unix_lines(text: str) -> str:
    """Every line end (CR LF, or a lone CR as CommonMark reads it) as LF: the core counts lines by LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_bytes(project: Path, rel: str, problems: list[Problem]) -> bytes | None:
    """The bytes of `rel` under `project`, read as `read_under` does; None, reported, when it cannot be."""
    try:
        return read_under(project, rel)
    except Unsafe as unsafe:
        problems.append(unsafe.problem)
        return None
    except OSError as error:
        problems.append(Problem(rel, f"cannot be read ({error.strerror or error}); not published"))
        return None
