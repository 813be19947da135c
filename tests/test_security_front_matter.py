"""Front matter of portfolio documents is untrusted: what the theme prints is escaped, what it acts on
is checked, and a bad value is a warning naming file and line, never a failed build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_site, page_of, write_tree

PAYLOAD = "<img src=x onerror=alert(1)>"
SPEC = "# Feature Specification: Hostile front matter\n\nBody text.\n"

# file -> (front matter, the key that carries the payload or the bad value)
CASES = {
    "specs/001-status/spec.md": (f'status: "{PAYLOAD}"', "status"),
    "specs/002-subtitle/spec.md": (f'subtitle: "{PAYLOAD}"', None),
    "specs/003-description/spec.md": (f'description: "{PAYLOAD}"', None),
    "specs/004-author/spec.md": (f'author: "{PAYLOAD}"', None),
    "specs/005-title-list/spec.md": (f'title: ["{PAYLOAD}"]', "title"),
    "specs/006-redirect-js/spec.md": ("template: redirect.html\nlocation: javascript:alert(1)", "template"),
    "specs/007-redirect-url/spec.md": ("template: redirect.html\nlocation: https://evil.example", "template"),
    "specs/008-hide/spec.md": ("hide: 5", "hide"),
    "specs/009-search/spec.md": ("search: 7", "search"),
    "specs/010-template/spec.md": ("template: nope.html", "template"),
    "specs/011-icon/spec.md": ("icon: material/does-not-exist", "icon"),
    "specs/012-title-number/spec.md": ("title: 12", None),
}


def _tree(trust: bool = False) -> dict[str, str]:
    files = {"docs/index.md": "# Home\n"}
    for path, (front, _) in CASES.items():
        # A comment line first, so that the key's line is not simply the first.
        files[path] = f"---\n# front matter\n{front}\n---\n{SPEC}"
    option = "\n      trust_front_matter: true" if trust else ""
    files["mkdocs.yml"] = (
        f"site_name: Hostile front matter\ntheme: material\nplugins:\n  - search\n  - spec-portfolio:{option}\n"
    )
    return files


@pytest.fixture(scope="module", params=[False, True], ids=["default", "trusted"])
def site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("front-matter")
    write_tree(root, _tree(trust=request.param))
    return build_site(root)


def test_the_build_completes_and_every_page_is_published(site):
    assert not site.aborted
    for path in CASES:
        assert page_of(site.dir, Path(path)).is_file(), path


def test_no_markup_from_front_matter_in_any_page(site):
    for html in site.dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<img src=x" not in text, html
        assert "javascript:alert" not in text, html


def _trusted(site) -> bool:
    return "trust_front_matter: true" in (site.project / "mkdocs.yml").read_text()


def test_no_script_from_location_and_no_redirect_unless_trusted(site):
    for n in ("006-redirect-js", "007-redirect-url"):
        text = page_of(site.dir, Path(f"specs/{n}/spec.md")).read_text(encoding="utf-8")
        if n == "007-redirect-url" and _trusted(site):  # what trust_front_matter allows: an http(s) address
            assert 'window.location.replace(["https://evil.example"' in text
            continue
        assert "window.location.replace" not in text
        assert "evil.example" not in text
        assert "Hostile front matter" in text  # the document itself is published


def test_printed_text_is_escaped(site):
    text = page_of(site.dir, Path("specs/003-description/spec.md")).read_text(encoding="utf-8")
    assert '<meta name="description" content="&lt;img src=x onerror=alert(1)&gt;">' in text
    nav = page_of(site.dir, Path("specs/002-subtitle/spec.md")).read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in nav


@pytest.mark.parametrize("path", [p for p, (_, key) in CASES.items() if key])
def test_a_warning_names_file_and_line(site, path):
    key = CASES[path][1]
    line = 3  # ---, the comment, then the key
    warned = any(f"{path}:{line}: front matter '{key}'" in w for w in site.warnings)
    # An http(s) redirect is what trust_front_matter allows (see above); everything else is refused.
    assert warned != (path == "specs/007-redirect-url/spec.md" and _trusted(site)), site.warnings


def test_strict_fails(tmp_path):
    write_tree(tmp_path, _tree())
    assert build_site(tmp_path, strict=True).aborted


def test_docs_pages_are_trusted(make_site):
    site = make_site({"docs/index.md": "---\nsubtitle: <b>trusted</b>\n---\n# Home\n"})
    assert "<b>trusted</b>" in site.html("/")


def test_safe_values_reach_the_theme(make_site):
    site = make_site(
        {
            "specs/001-ok/spec.md": (
                "---\nstatus: new\nicon: material/home\nhide: [toc]\nsearch: {boost: 2}\n"
                "tags: [a]\n---\n# Feature Specification: Fine\n"
            )
        },
        strict=True,
    )
    assert not site.aborted, site.warnings
    text = site.html("/specs/001-ok/spec/")
    assert "md-status--new" in text
    assert re.search(r'data-md-type="toc"\s+hidden', text)


def test_trusted_templates_redirect_only_to_safe_addresses(make_site):
    site = make_site(
        {
            "specs/001-moved/spec.md": (
                "---\ntemplate: redirect.html\nlocation: ../002-new/spec/\n---\n# Feature Specification: Moved\n"
            ),
            "specs/002-new/spec.md": "# Feature Specification: New\n",
        },
        plugin={"trust_front_matter": True},
        strict=True,
    )
    assert not site.aborted, site.warnings
    assert 'window.location.replace(["../002-new/spec/"' in site.html("/specs/001-moved/spec/")


@pytest.mark.parametrize("path", list(CASES))
def test_each_payload_alone(tmp_path, path):
    """Each payload by itself: the build goes on, the page is published, no markup from it, a warning."""
    tree = {name: content for name, content in _tree().items() if name == path or "/" not in name}
    tree["docs/index.md"] = "# Home\n"
    write_tree(tmp_path, tree)
    site = build_site(tmp_path)
    assert not site.aborted
    page = page_of(site.dir, Path(path)).read_text(encoding="utf-8")
    assert "Hostile front matter" in page
    for html in site.dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "window.location.replace" not in text, html
    key = CASES[path][1]
    if key:
        assert any(f"{path}:3: front matter '{key}'" in w for w in site.warnings), site.warnings
