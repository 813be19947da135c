"""`spec-portfolio check` must not pass on nothing: each way of pointing it at no feature exits 2 and
says what it looked at and what to pass instead."""

import logging

from conftest import write_tree
from fixtures import SPECS
from test_cli import run

FEATURE = {"specs/001-kite-rental/spec.md": "# Feature Specification: Kite rental\n"}


def test_a_feature_folder_as_root(tmp_path):
    write_tree(tmp_path, SPECS)
    result = run("check", "specs/001-kite-rental", cwd=tmp_path)
    assert result.returncode == 2
    assert "no feature found in 'specs/001-kite-rental'" in result.stderr
    assert (
        "'001-kite-rental' is a feature folder itself (it holds plan.md, spec.md, tasks.md)" in result.stderr
    )
    assert "`spec-portfolio check .`" in result.stderr


def test_the_specs_folder_as_root(tmp_path):
    write_tree(tmp_path, SPECS)
    result = run("check", str(tmp_path / "specs"), cwd=tmp_path.parent)
    assert result.returncode == 2
    assert f"looked in {tmp_path}/specs/specs/ (not a folder)" in result.stderr
    assert "'specs' holds feature folders itself" in result.stderr
    assert f"`spec-portfolio check {tmp_path}`" in result.stderr  # given absolute, suggested absolute


def test_an_empty_folder(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        "no feature found in '.': looked in specs/ (not a folder), plans/ (not a folder) and specs/ folders "
        "up to 5 levels below it (none holds feature folders). Pass the folder of the project"
    ) in result.stderr


def test_a_project_with_a_plan_of_its_own_is_not_taken_for_a_feature(tmp_path):
    write_tree(tmp_path, {"plan.md": "# Our plan\n", "tasks.md": "- [ ] Ship\n"})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "is a feature folder itself" not in result.stderr
    assert "Pass the folder of the project (the one that holds specs/)" in result.stderr


def test_empty_roots_are_not_enough(tmp_path):
    write_tree(tmp_path, {"specs/README.md": "# Specs\n", "plans/notes.md": "# Notes\n"})
    result = run("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert "specs/ (no feature folder in it), plans/ (no feature folder in it)" in result.stderr
    assert result.stdout == ""  # no report that a tool could read as a pass


def test_a_misspelled_root(tmp_path):
    write_tree(tmp_path, {**FEATURE, "mkdocs.yml": "plugins:\n  - spec-portfolio:\n      roots: [spcs]\n"})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "looked in spcs/ (configured as a root but is not a folder)." in result.stderr
    assert "Features are in specs/: name them in roots in mkdocs.yml" in result.stderr


def test_roots_misspelled_as_root(tmp_path):
    files = {
        "requirements/001-login/spec.md": "# Feature Specification: Login\n",
        "mkdocs.yml": "site_name: x\nplugins:\n  - spec-portfolio:\n      root: [requirements]\n",
    }
    write_tree(tmp_path, files)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "mkdocs.yml:4: spec-portfolio option 'root' is not an option of the plugin (did you mean 'roots'?); "
        "ignored."
    ) in result.stderr


def test_only_matching_nothing(tmp_path):
    write_tree(tmp_path, SPECS)
    result = run("check", "--only", "specs/01-kite-rental", cwd=tmp_path)
    assert result.returncode == 2
    assert "--only 'specs/01-kite-rental' names no file or folder of the portfolio" in result.stderr
    assert result.stderr.rstrip().endswith("such as specs/001-kite-rental")
    # A path that names a document with no finding is no mistake: nothing to report, and it passes.
    assert run("check", "--only", "specs/001-kite-rental/plan.md", cwd=tmp_path).returncode == 0


def test_only_a_tree_of_another_layout_is_nothing(tmp_path):
    write_tree(tmp_path, {"openspec/specs/auth/spec.md": "# Auth\n", "openspec/changes/add-2fa/tasks.md": ""})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "openspec: is a tree of OpenSpec (changes/, specs/); its layout is not supported yet" in result.stderr
    )


def test_a_gate_in_the_build_does_not_pass_on_nothing(make_site):
    site = make_site({"specs/README.md": "# Specs\n"}, plugin={"fail_on": "error"})
    assert site.aborted
    errors = site.messages(logging.ERROR)
    assert any(
        m.startswith("no feature found in ") and "specs/ (no feature folder in it)" in m for m in errors
    )
    assert any("has nothing to check" in m for m in errors)
    # Without a gate, an empty portfolio is a site like any other.
    assert not make_site({"specs/README.md": "# Specs\n"}).aborted
