"""Links, special files and roots: nothing outside the project is read, nothing is skipped silently.

Every byte of the repository is untrusted: a contributor can commit a symbolic link to
`/proc/self/environ` (the build's secrets) or a FIFO named tasks.md. The sites here are built with the
real `mkdocs build` in a process of its own, so that a build that would wait on a FIFO fails by timeout.
"""

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import write_tree

MARKER = "SECRET-4c7e1f"
ENV_SECRET = "envsecret-9b02d6"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SP_TEST_TOKEN": ENV_SECRET}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return run(["-m", "mkdocs", "build", *extra], project)


def check(project: Path) -> subprocess.CompletedProcess:
    return run(
        ["-m", "spec_portfolio", "check", str(project), "--format", "json", "--fail-on", "never"], project
    )


def site_bytes(project: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (project / "site").rglob("*") if p.is_file())


def write_project(project: Path, files: dict[str, str], **plugin) -> None:
    write_tree(project, {"docs/index.md": "# Home\n", **files})
    settings = {
        "site_name": "Links",
        "theme": {"name": "material"},
        "plugins": [{"spec-portfolio": plugin} if plugin else "spec-portfolio"],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A project whose `specs` root, `.specify` folder, a constitution and a file in a feature are links
    to an outside folder holding secrets; and a FIFO named tasks.md."""
    base = tmp_path_factory.mktemp("linked")
    outside, project = base / "outside", base / "project"
    write_tree(
        outside,
        {
            "secret.md": f"# Secret\n\n{MARKER}\n",
            "elsewhere/001-x/spec.md": f"# Feature Specification: Elsewhere\n\n{MARKER}\n",
            "elsewhere/id_rsa": f"-----BEGIN OPENSSH PRIVATE KEY-----\n{MARKER}\n",
            "dot-specify/memory/constitution.md": f"# Constitution\n\n{MARKER}\n",
        },
    )
    write_project(
        project,
        {
            "plans/002-real/spec.md": "# Feature Specification: Real\n",
            "plans/002-real/plan.md": "# Implementation Plan: Real\n",
            "memory/.keep": "",
        },
    )
    os.symlink(outside / "elsewhere", project / "specs")
    os.symlink(outside / "dot-specify", project / ".specify")
    os.symlink(outside / "secret.md", project / "memory/constitution.md")
    os.symlink(outside / "secret.md", project / "plans/002-real/leak.md")
    os.mkfifo(project / "plans/002-real/tasks.md")
    return project, build(project), check(project)


WARNINGS = [
    "specs: is a symbolic link; links are not followed",
    ".specify: is a symbolic link; links are not followed",
    "memory/constitution.md: is a symbolic link; links are not followed",
    "plans/002-real/leak.md: is a symbolic link; links are not followed",
    "plans/002-real/tasks.md: is a named pipe (FIFO), not a regular file; not published",
]


def test_the_build_and_check_complete_without_reading_through_links(linked):
    project, built, checked = linked
    assert built.returncode == 0, built.stderr
    assert checked.returncode == 0, checked.stderr
    assert (project / "site/plans/002-real/spec/index.html").is_file()
    assert MARKER.encode() not in site_bytes(project)
    assert MARKER not in checked.stdout and MARKER not in built.stderr
    assert not list((project / "site").rglob("id_rsa"))
    assert not (project / "site/specs").exists()


@pytest.mark.parametrize("message", WARNINGS)
def test_each_link_and_special_file_is_a_warning_listed_on_the_problems_page(linked, message):
    project, built, checked = linked
    warnings = [line for line in built.stderr.splitlines() if line.startswith("WARNING")]
    assert any(line.endswith(f"spec_portfolio: {message}") for line in warnings), built.stderr
    path, text = message.split(": ", 1)
    problems = html.unescape((project / "site/portfolio/problems/index.html").read_text(encoding="utf-8"))
    assert f"<code>{path}</code>" in problems and text in problems
    findings = json.loads(checked.stdout)["findings"]
    assert {"path": path, "severity": "warning", "message": text}.items() <= next(
        (f for f in findings if f["path"] == path and f["message"] == text), {}
    ).items()


def test_links_and_fifos_fail_a_strict_build(linked):
    project, _, _ = linked
    result = build(project, "--strict", "-d", str(project / "strict-site"))
    assert result.returncode != 0
    assert "tasks.md: is a named pipe (FIFO)" in result.stderr


@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/os-release"])
def test_a_constitution_linked_to_a_system_file_is_not_published(tmp_path, target):
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    write_project(tmp_path, {"specs/001-a/spec.md": "# Feature Specification: A\n", ".specify/memory/x": ""})
    os.symlink(target, tmp_path / ".specify/memory/constitution.md")
    built, checked = build(tmp_path), check(tmp_path)
    assert built.returncode == 0 and checked.returncode == 0, built.stderr + checked.stderr
    secret = Path(target).read_bytes().split(b"\n")[0] if "environ" not in target else ENV_SECRET.encode()
    assert secret and secret not in site_bytes(tmp_path)
    assert secret.decode() not in checked.stdout
    message = ".specify/memory/constitution.md: is a symbolic link; links are not followed"
    assert f"WARNING -  spec_portfolio: {message}" in built.stderr


@pytest.mark.parametrize(
    ("roots", "message"),
    [
        (["docs"], "spec-portfolio root 'docs' is in 'docs', which is never read"),
        (["docs/guide"], "spec-portfolio root 'docs/guide' is in 'docs', which is never read"),
        (["site"], "spec-portfolio root 'site' is in 'site', which is never read"),
        (["../outside"], "spec-portfolio root '../outside' must be a folder inside the project"),
        (["specs/../../outside"], "spec-portfolio root 'specs/../../outside' must be a folder inside"),
        (["/etc"], "spec-portfolio root '/etc' must be a folder inside the project"),
    ],
)
def test_the_build_and_check_refuse_the_same_roots_with_the_same_message(tmp_path, roots, message):
    project = tmp_path / "project"
    write_tree(tmp_path, {"outside/001-x/spec.md": f"# Outside\n\n{MARKER}\n"})
    write_project(project, {"specs/001-a/spec.md": "# A\n", "docs/guide/x.md": "# Guide\n"}, roots=roots)
    built, checked = build(project), check(project)
    assert built.returncode == 1 and checked.returncode == 2
    refusal = next(line for line in built.stderr.splitlines() if message in line)
    said = refusal[refusal.index(str(project / "mkdocs.yml")) :]
    assert said.startswith(f"{project / 'mkdocs.yml'}: {message}")
    assert said in checked.stderr
    assert MARKER not in checked.stdout


def test_the_one_reader_follows_no_link_at_any_step_and_waits_on_no_fifo(tmp_path):
    """The last line of defence, whatever the walk let through: read_bytes itself."""
    from spec_portfolio.model import Problem
    from spec_portfolio.read import read_bytes

    write_tree(tmp_path, {"outside/secret.md": MARKER, "project/a/ok.md": "fine"})
    project = tmp_path / "project"
    os.symlink(tmp_path / "outside", project / "linked")
    os.symlink(tmp_path / "outside/secret.md", project / "a/leak.md")
    os.mkfifo(project / "a/pipe.md")
    problems: list[Problem] = []
    assert read_bytes(project, "a/ok.md", problems) == b"fine" and problems == []
    for rel in ("linked/secret.md", "a/leak.md", "a/pipe.md"):
        assert read_bytes(project, rel, problems) is None
    assert [str(p) for p in problems] == [
        "linked: is a symbolic link; links are not followed",
        "a/leak.md: is a symbolic link; links are not followed",
        "a/pipe.md: is a named pipe (FIFO), not a regular file; not published",
    ]
