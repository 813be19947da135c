"""Broken and hostile input: a message naming file and line, the build goes on, nothing lost silently."""

import json
import os
import subprocess
import sys

import pytest
from conftest import page_of, write_tree

BAD = {
    "specs/001-bad-bytes/spec.md": b"# Spec\n\nline two\ncaf\xe9 au lait\n",
    "specs/002-bom/spec.md": b"\xef\xbb\xbf# Feature Specification: With a BOM\n\n**Status**: Draft\n",
    "specs/003-crlf/spec.md": b"# Feature Specification: Windows\r\n\r\nSee [gone](gone.md).\r\n",
    "specs/004-empty/spec.md": b"",
    "specs/005-binary/spec.md": b"\x00\x01\x02PNG\x00\x00binary",
    "specs/005-binary/plan.md": "# Implementation Plan: Binary neighbour\n",
    "specs/006-fences/spec.md": "# Spec\n\n```python\nprint('never closed')\n\n## Hidden heading\n",
    "specs/006-fences/plan.md": "# Plan\n\n<!-- opened\n\n## Risks\n\nnever closed\n",
    "specs/007-yaml/spec.md": "---\ntitle: [unclosed\n---\n# Spec\n",
    "specs/008-ragged/spec.md": "# Spec\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n",
    "specs/009-a/spec.md": "# Feature Specification: Nine A\n",
    "specs/009-b/spec.md": "# Feature Specification: Nine B\n",
    "specs/010-no-spec/plan.md": "# Implementation Plan: Orphan plan\n",
    "specs/011-naïve café/spec.md": "# Feature Specification: Café ☕\n",
    "specs/012 with spaces/spec.md": "# Feature Specification: Spaces\n",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    write_tree(root, {"docs/index.md": "# Home\n", **BAD})
    (root / "specs/013-big").mkdir(parents=True)
    (root / "specs/013-big/spec.md").write_text("# Big\n\n" + ("lorem ipsum " * 90 + "\n\n") * 19_000)
    outside = root.parent / "outside-secret.md"
    outside.write_text("# Secret outside the repository\n")
    (root / "specs/014-links").mkdir()
    (root / "specs/014-links/spec.md").write_text("# Links\n\n[up](../../../outside-secret.md)\n")
    os.symlink(outside, root / "specs/014-links/secret.md")
    os.symlink(root / "specs", root / "specs/014-links/loop")
    (root / "mkdocs.yml").write_text("site_name: Hostile\ntheme: material\nplugins:\n  - spec-portfolio\n")
    from conftest import build_site

    return build_site(root)


def test_the_build_completes(hostile):
    assert not hostile.aborted
    assert (hostile.dir / "portfolio/problems/index.html").is_file()


@pytest.mark.parametrize(
    "message",
    [
        "specs/001-bad-bytes/spec.md:4: is not valid UTF-8",
        "specs/003-crlf/spec.md:3: links to 'gone.md', which does not exist",
        "specs/005-binary/spec.md: holds binary data; copied as a file, not shown as a page",
        "specs/006-fences/spec.md:3: code fence ``` is never closed",
        "specs/007-yaml/spec.md:2: front matter is not valid YAML",
        "specs/013-big/spec.md: is ",  # ... MB, over the limit
        "specs/014-links/secret.md: is a symbolic link; links are not followed",
        "specs/014-links/loop: is a symbolic link; links are not followed",
        "specs/014-links/spec.md:3: links to '../../../outside-secret.md', which is outside the project",
    ],
)
def test_each_problem_is_a_warning_naming_file_and_line(hostile, message):
    assert any(w.startswith(f"spec_portfolio: {message}") for w in hostile.warnings), hostile.warnings


@pytest.mark.parametrize(
    "message",
    [
        "specs/004-empty/spec.md: is empty",
        "specs/008-ragged/spec.md:5: table row has 3 cells but its header has 2",
        "specs/009-a: feature number 009 is shared by 009-a, 009-b",
        "specs/010-no-spec: has no spec.md",
    ],
)
def test_softer_problems_are_info_naming_the_file(hostile, message):
    assert any(m.startswith(f"spec_portfolio: {message}") for m in hostile.messages()), hostile.messages()


def test_hidden_content_is_a_finding(hostile):
    html = hostile.html("specs/006-fences/plan")
    assert "sp-hidden" in html and "Risks" in html


def test_every_document_is_published_or_listed_with_the_reason(hostile):
    problems = hostile.html("portfolio/problems")
    for rel in BAD:
        published = page_of(hostile.dir, __import__("pathlib").Path(rel)).is_file()
        listed = rel in problems or rel.replace(" ", "&nbsp;") in problems
        assert published or listed, rel
    # Decoded with U+FFFD where bytes were bad; BOM and CRLF do not show.
    assert "caf\ufffd au lait" in hostile.html("specs/001-bad-bytes/spec")
    assert ">Feature Specification: With a BOM</h1>" in hostile.html("specs/002-bom/spec")
    assert "\r" not in (hostile.dir / "specs/003-crlf/spec/index.html").read_text()
    assert "specs/005-binary/spec.md" in problems and (hostile.dir / "specs/005-binary/spec.md").is_file()
    assert "specs/013-big/spec.md" in problems and (hostile.dir / "specs/013-big/spec.md").is_file()
    assert (hostile.dir / "specs/011-naïve café/spec/index.html").is_file()
    assert (hostile.dir / "specs/012 with spaces/spec/index.html").is_file()


def test_nothing_outside_the_repository_is_read_or_published(hostile):
    everything = "".join(p.read_text(errors="ignore") for p in hostile.dir.rglob("*.html"))
    assert "Secret outside the repository" not in everything
    assert not (hostile.dir / "specs/014-links/secret").exists()
    assert not (hostile.dir / "specs/014-links/loop").exists()


def test_the_check_command_lists_the_same_problems(hostile):
    command = [sys.executable, "-m", "spec_portfolio", "check", "--format", "json", "--fail-on", "never"]
    result = subprocess.run(command, cwd=hostile.project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    for rel in ("specs/001-bad-bytes/spec.md", "specs/005-binary/spec.md", "specs/013-big/spec.md",
                "specs/014-links/secret.md", "specs/007-yaml/spec.md"):  # fmt: skip
        assert rel in paths
