"""Each broken link is one warning of a real `mkdocs build --strict`: the plugin's, naming file and line,
not a second one from MkDocs about the same link. Links in docs/ keep MkDocs' own warning."""

import pytest

SPEC = "# Feature Specification: {}\n"


def _portfolio(pages: int) -> dict[str, str]:
    files = {
        "docs/index.md": "# Home\n\n[gone](nowhere.md)\n",
        "specs/001-a/spec.md": SPEC.format("A")
        + "\n[plan](missing-plan.md)\n\n[up](../../../../outside.md)\n",
        "specs/002-b/spec.md": SPEC.format("B") + "\n\n\n[data](data-model.md#entities)\n",
    }
    for number in range(3, pages + 1):  # enough pages to render ahead in forked processes
        files[f"specs/{number:03d}-more/spec.md"] = SPEC.format(f"More {number}")
    return files


@pytest.mark.parametrize(("pages", "workers"), [(2, 1), (120, 2)])
def test_three_broken_links_are_three_warnings(make_site, pages, workers):
    site = make_site(_portfolio(pages), strict=True, plugin={"workers": workers})
    assert site.aborted  # --strict: the warnings fail the build
    assert site.warnings == [
        "spec_portfolio: specs/001-a/spec.md:3: links to 'missing-plan.md', which does not exist",
        "spec_portfolio: specs/001-a/spec.md:5: links to '../../../../outside.md', which is outside the project",
        "spec_portfolio: specs/002-b/spec.md:5: links to 'data-model.md#entities', which does not exist",
        # A page of docs/ is MkDocs' alone to check.
        "Doc file 'index.md' contains a link 'nowhere.md', but the target is not found among documentation "
        "files.",
    ]
