"""Documents built to make the build slow: an alias bomb in front matter, brackets Python-Markdown
takes the square of their number to render. Each becomes a problem; the build goes on at its pace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import write_tree
from spec_portfolio.parse import MAX_ALIASES, parse

BOMB = (
    "---\ntitle: Bomb\n"
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "---\n\n# Spec\n"
)


def test_front_matter_refuses_an_alias_bomb_and_names_its_line() -> None:
    problems: list = []
    parsed = parse(BOMB, "specs/001-a/spec.md", problems)
    assert parsed.meta == {}
    assert [(p.path, p.line) for p in problems] == [("specs/001-a/spec.md", 4)]  # the 9th alias
    assert f"more than {MAX_ALIASES} aliases" in problems[0].message
    assert parsed.title == "Spec"  # the page keeps its text


def test_a_few_aliases_still_load() -> None:
    text = "---\nowner: &o Ana\nreviewer: *o\n---\n# Spec\n"
    problems: list = []
    assert parse(text, "a.md", problems).meta["reviewer"] == "Ana"
    assert problems == []


def test_a_document_too_slow_to_render_is_published_as_source(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "docs/index.md": "# Home\n",
            "specs/001-slow/spec.md": "# Slow\n\nText.\n\n" + "[" * 20_000 + "\n",
            "specs/002-fine/spec.md": "# Fine\n\nSee [the plan](plan.md), [x] and [y] ![logo](logo.png).\n",
            "specs/002-fine/plan.md": "# Plan\n",
        },
    )
    config = {"site_name": "T", "theme": {"name": "material"}, "plugins": ["spec-portfolio"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The timeout is a safety net only: rendered, the brackets take minutes.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", "site"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "not rendered" in line]
    assert len(warnings) == 1
    assert "WARNING" in warnings[0] and "specs/001-slow/spec.md:5:" in warnings[0]
    assert "shown as source" in warnings[0]
    slow = (tmp_path / "site/specs/001-slow/spec/index.html").read_text(encoding="utf-8")
    assert "[" * 1000 in slow and "<code" in slow  # the source, in a code block
    fine = (tmp_path / "site/specs/002-fine/spec/index.html").read_text(encoding="utf-8")
    assert ">the plan</a>" in fine and "<img" in fine
