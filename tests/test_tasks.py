"""Task progress: every task-list box counts, whatever its bullet, indentation, tick or task id."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from spec_portfolio.findings.tasks import task_progress
from spec_portfolio.parse import parse

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def count(text: str) -> tuple[int, int]:
    found = task_progress(text, parse(text, "specs/001-a/tasks.md", []))
    return found.done, found.total


def progress(text: str) -> tuple[int, int]:
    return count(textwrap.dedent(text).lstrip("\n"))


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("- [x] T001 Set up\n- [X] T002 [P] Models\n- [ ] T003 [US1] API\n", (2, 3)),
        ("- [x] T3.0.1 Schema\n- [ ] T3.0.2 Migrations\n", (1, 2)),
        ("- [X] 1.1: Confirm branch\n- [ ] 1.2 Baseline build\n", (1, 2)),
        ("- [x] TASK-1.1.1 Parser\n- [x] TASK-1.1.2 Lexer\n", (2, 2)),
        ("- [x] Task 1: wire it\n- [ ] Item 2.1: remove it\n", (1, 2)),
        ("- [x] **T1.2** bold id\n- [ ] [T010] bracketed id\n", (1, 2)),
        ("- [x] Write the README\n- [ ] Ship it\n", (1, 2)),  # no id at all
        ("* [x] star\n+ [ ] plus\n- [X] dash\n", (2, 3)),
        ("1. [x] numbered\n2) [ ] numbered too\n", (1, 2)),
        ("- [x] T001 parent\n  - [x] child\n    - [ ] grandchild\n\t- [x] tabbed\n", (3, 4)),
        ("> - [x] quoted\n> - [ ] quoted too\n", (1, 2)),
        ("- [x]\n- [ ]\n", (1, 2)),  # an empty box is still a box
    ],
)  # fmt: skip
def test_every_box_counts_whatever_its_id_bullet_or_indentation(text, counted):
    assert progress(text) == counted


@pytest.mark.parametrize(
    "text",
    [
        "- [x]T001 no space after the box\n",
        "-[x] T001 no space after the bullet\n",
        "[x] T001 no bullet\n",
        "- [y] T001 not a box\n",
        "- [ ] TXXX [P] sample task of the template\n- [ ] T### sample too\n",
        "```markdown\n- [ ] [TaskID] [P?] Description\n```\n",
        "~~~\n- [x] T001 in a fence\n~~~\n",
        "<!--\n- [x] T001 commented out\n-->\n",
        "---\ntodo: |\n  - [x] T001 front matter\n---\n# Tasks\n",
    ],
)
def test_not_a_task(text):
    assert progress(text) == (0, 0)


def test_boxes_in_a_fence_never_closed_still_count():
    assert progress("- [x] T001 a\n\n```\n- [x] T002 b\n- [ ] T003 c\n") == (2, 3)


def test_boxes_after_a_fence_nested_in_one_of_as_many_backticks_still_count():
    """The inner fence's closer closes the outer one, so its ```` ``` ```` opens a fence that runs to the
    next example's ```` ```bash ````: the tasks between are the author's, not code."""
    text = """
        ```markdown
        # Logo

        ```html
        <img src="logo.svg">
        ```
        ```

        - [x] T001 Add the logo
        - [ ] T002 Check it on GitHub

        ```bash
        mkdocs build
        ```
        """
    assert progress(text) == (1, 2)
    wider = "````markdown\n```html\n<b>\n```\n- [ ] T001 example\n````\n- [x] T002 real\n"
    assert progress(wider) == (1, 1)  # a longer outer fence holds inner ones as it should


def test_boxes_in_an_indented_code_block_still_count():
    assert progress("# Tasks\n\n    - [x] T001 indented too far\n    - [ ] T002 as well\n") == (1, 2)


# Ground truth by construction: the lines a grep for boxes finds, less those between fence lines.
_BOX = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[([ xX])\]")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


def grep_count(text: str) -> tuple[int, int]:
    done = total = 0
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (box := _BOX.match(line)):
            total += 1
            done += box.group(1) != " "
    return done, total


@pytest.mark.parametrize("repo", ["community-management", "doit", "wave"])
def test_real_task_lists_agree_with_a_count_of_their_boxes(repo):
    files = sorted((CORPUS / repo / "specs").glob("*/tasks.md"))
    if not files:
        pytest.skip(f"../shared/corpus/{repo} is not here")
    texts = {p.parent.name: p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in files}
    assert {name: count(text) for name, text in texts.items()} == {n: grep_count(t) for n, t in texts.items()}
