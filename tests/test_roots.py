"""Roots with no configuration: specs/ folders below the project, found without following a link or
leaving the project; OpenSpec and Kiro trees named and never misread as spec-kit features."""

import os

from conftest import write_tree
from spec_portfolio.load import load_portfolio
from spec_portfolio.paths import LINK
from spec_portfolio.roots import roots_line

SPEC = "# Feature Specification: {}\n"

MONOREPO = {
    "specs/001-shared/spec.md": SPEC.format("Shared"),
    "apps/web/specs/001-login/spec.md": SPEC.format("Login"),
    "apps/web/specs/001-login/plan.md": "# Implementation Plan: Login\n",
    "apps/mobile/specs/search/tasks.md": "# Tasks\n\n- [ ] T001 Index\n",  # no number: a folder with tasks
    "services/pay/specs/002-refunds/plan.md": "# Implementation Plan: Refunds\n",
    "services/core/ledger/specs/003-entries.md": "# Entries\n",  # a flat feature, four folders down
    # Folders named specs that are no spec-kit root, or are never searched:
    "apps/web/src/specs/login.spec.ts": "test('login', () => {})\n",
    "node_modules/kit/specs/001-dep/spec.md": SPEC.format("Dependency"),
    ".cache/specs/001-hidden/spec.md": SPEC.format("Hidden"),
    "site/apps/web/specs/001-login/spec.md": "# built\n",
    "public/specs/001-login/spec/index.html": "<p>a site built into another folder</p>\n",
    "apps/web/specs-notes/001-x/spec.md": SPEC.format("Not a specs folder"),
    "docs/specs/001-doc/spec.md": SPEC.format("Doc"),
    "a/b/c/d/e/specs/001-deep/spec.md": SPEC.format("Too deep"),
}


def found(tmp_path, files, roots=None):
    write_tree(tmp_path, files)
    return load_portfolio(tmp_path, roots, exclude=[tmp_path / "site", tmp_path / "docs"])


def test_monorepo_roots_are_found_with_no_configuration(tmp_path):
    p = found(tmp_path, MONOREPO)
    assert p.read_roots == [
        "specs", "apps/mobile/specs", "apps/web/specs", "services/core/ledger/specs", "services/pay/specs",
    ]  # fmt: skip
    assert not p.configured
    assert set(p.features) == {
        "specs/001-shared",
        "apps/web/specs/001-login",
        "apps/mobile/specs/search",
        "services/pay/specs/002-refunds",
        "services/core/ledger/specs/003-entries",
    }
    assert p.features["apps/web/specs/001-login"].root == "apps/web/specs"
    assert sorted(p.features["apps/web/specs/001-login"].documents) == [
        "apps/web/specs/001-login/plan.md",
        "apps/web/specs/001-login/spec.md",
    ]
    assert not any(
        "node_modules" in d or ".cache" in d or d.startswith(("site/", "docs/")) for d in p.documents
    )
    assert roots_line(p) == (
        "roots read: specs/, apps/mobile/specs/, apps/web/specs/, services/core/ledger/specs/, "
        "services/pay/specs/ (found: no roots configured)"
    )


def test_configured_roots_are_the_only_roots(tmp_path):
    p = found(tmp_path, MONOREPO, roots=["apps/web/specs"])
    assert p.configured
    assert p.read_roots == ["apps/web/specs"]
    assert set(p.features) == {"apps/web/specs/001-login"}
    assert roots_line(p) == "roots read: apps/web/specs/ (from roots in mkdocs.yml)"


def test_the_search_follows_no_link_and_stays_in_the_project(tmp_path):
    outside, project = tmp_path / "outside", tmp_path / "project"
    write_tree(outside, {"specs/001-secret/spec.md": SPEC.format("Secret")})
    write_tree(project, {"apps/web/specs/001-login/spec.md": SPEC.format("Login")})
    os.symlink(outside, project / "apps/linked")  # a folder on the way is a link: never entered
    os.symlink(outside / "specs", project / "apps/specs")  # a specs folder that is a link
    p = load_portfolio(project)
    assert set(p.features) == {"apps/web/specs/001-login"}
    assert not any("secret" in d for d in p.documents)
    assert [(x.path, x.message, x.severity) for x in p.problems] == [("apps/specs", LINK, "warning")]


OPEN_SPEC = {
    "openspec/project.md": "# Project\n",
    "openspec/specs/auth/spec.md": "# Auth\n\n### Requirement: Login\n",
    "openspec/changes/add-2fa/proposal.md": "# Add 2FA\n",
    "openspec/changes/add-2fa/tasks.md": "- [ ] 1.1 Add a table\n",
    "openspec/changes/add-2fa/specs/auth/spec.md": "## ADDED Requirements\n",
    "openspec/changes/archive/2025-01-15-add-auth/proposal.md": "# Add auth\n",
    "openspec/changes/archive/2025-01-15-add-auth/tasks.md": "- [x] 1.1 Done\n",
}
KIRO = {
    ".kiro/specs/login/requirements.md": "# Requirements\n",
    ".kiro/specs/login/design.md": "# Design\n",
    ".kiro/specs/login/tasks.md": "- [ ] 1. Build\n",
}
OTHER_LAYOUTS = {**OPEN_SPEC, **KIRO, "specs/001-real/spec.md": SPEC.format("Real")}


def _left_out(portfolio):
    return [(x.path, x.message, x.severity) for x in portfolio.problems if "not supported" in x.message]


def test_openspec_and_kiro_trees_are_named_once_and_not_read(tmp_path):
    p = found(tmp_path, OTHER_LAYOUTS)
    assert set(p.features) == {"specs/001-real"}
    assert not any(d.startswith(("openspec/", ".kiro/")) for d in p.documents)
    assert _left_out(p) == [
        (".kiro", "is a tree of Kiro (specs/); its layout is not supported yet, so it is not read", "info"),
        (
            "openspec",
            "is a tree of OpenSpec (changes/, specs/); its layout is not supported yet, so it is not read",
            "info",
        ),
    ]


def test_the_project_as_root_does_not_read_an_openspec_archive_as_features(tmp_path):
    p = found(tmp_path, OTHER_LAYOUTS, roots=["."])
    assert set(p.features) == {"specs/001-real"}  # not 2025-01-15-add-auth, nor auth or add-2fa
    assert sorted(path for path, _, _ in _left_out(p)) == [".kiro", "openspec"]


def test_a_root_inside_another_layout_is_not_read(tmp_path):
    p = found(tmp_path, OTHER_LAYOUTS, roots=["openspec/changes", ".kiro/specs"])
    assert not p.features
    assert p.read_roots == []
    assert [path for path, _, _ in _left_out(p)] == ["openspec", ".kiro"]
    assert not [x for x in p.problems if x.severity == "warning"]  # named, not reported as missing


def test_other_layouts_in_a_monorepo_are_named_where_they_are(tmp_path):
    files = {f"apps/web/{k}": v for k, v in OTHER_LAYOUTS.items()}
    p = found(tmp_path, files)
    assert set(p.features) == {"apps/web/specs/001-real"}
    assert [path for path, _, _ in _left_out(p)] == ["apps/web/.kiro", "apps/web/openspec"]
