"""Discovery and metadata, on the core alone (no MkDocs)."""

from pathlib import Path

from conftest import write_tree
from fixtures import SPECS
from spec_portfolio.load import load_portfolio
from spec_portfolio.model import DocKind


def load(tmp_path: Path, files: dict, roots=None):
    write_tree(tmp_path, files)
    return load_portfolio(tmp_path, roots)


def test_spec_kit_features_and_their_documents(tmp_path):
    p = load(tmp_path, SPECS)
    feature = p.features["specs/001-kite-rental"]
    kinds = {p.documents[d].kind for d in feature.documents}
    assert kinds == {
        DocKind.SPEC, DocKind.PLAN, DocKind.RESEARCH, DocKind.DATA_MODEL, DocKind.QUICKSTART,
        DocKind.TASKS, DocKind.CONTRACT, DocKind.CHECKLIST, DocKind.OTHER,
    }  # fmt: skip
    assert "specs/001-kite-rental/PROGRESS.md" in feature.documents
    assert "specs/001-kite-rental/contracts/events/rental.schema.json" in feature.documents
    assert feature.title == "Kite rental"
    assert feature.meta["status"] == "Approved"
    assert feature.meta["priority"] == "P1"
    assert p.features["specs/20260301-120000-board-sizing"].title == "Board sizing"


def test_flat_file_belongs_to_its_feature_folder(tmp_path):
    p = load(tmp_path, SPECS)
    feature = p.features["specs/002-wind-alerts"]
    assert "specs/002-wind-alerts.md" in feature.documents
    assert p.documents["specs/002-wind-alerts.md"].kind is DocKind.SUMMARY
    assert p.documents["specs/002-wind-alerts.md"].site == "specs/002-wind-alerts.md"
    assert "specs/002-wind-alerts.md" not in p.features  # not a feature of its own


def test_front_matter_wins_over_h1(tmp_path):
    p = load(tmp_path, SPECS)
    feature = p.features["specs/002-wind-alerts"]
    assert feature.title == "Wind alerts"
    assert feature.meta["status"] == "Draft"


def test_epic_tree(tmp_path):
    p = load(tmp_path, SPECS)
    epic = p.epics["plans/ops/fleet/FLEET-1"]
    assert epic.id == "FLEET-1"
    assert epic.groups == ("ops", "fleet")
    assert epic.title == "Fleet tracking"
    assert sorted(epic.features) == [
        "plans/ops/fleet/FLEET-1/features/FLEET-1-DOCK",
        "plans/ops/fleet/FLEET-1/features/FLEET-1-GPS",
    ]
    gps = p.features["plans/ops/fleet/FLEET-1/features/FLEET-1-GPS"]
    assert gps.epic == epic.key
    assert p.documents[f"{gps.key}/impl-plan.md"].kind is DocKind.PLAN
    assert p.documents[f"{epic.key}/design/index.md"].kind is DocKind.DESIGN
    assert "plans/shop/web/SHOP-3" in p.epics


def test_constitution_and_what_is_not_content(tmp_path):
    files = {**SPECS, "specs/node_modules/x/spec.md": "# no\n", "specs/.hidden/spec.md": "# no\n"}
    p = load(tmp_path, files)
    assert p.constitution == ".specify/memory/constitution.md"
    assert p.documents[p.constitution].kind is DocKind.CONSTITUTION
    assert not any(".specify/templates" in d or "node_modules" in d or ".hidden" in d for d in p.documents)
    assert p.loose == ["specs/README.md"]


def test_older_constitution_place(tmp_path):
    p = load(tmp_path, {"memory/constitution.md": "# C\n", "specs/001-a/spec.md": "# A\n"})
    assert p.constitution == "memory/constitution.md"


def test_feature_naming_its_epic(tmp_path):
    files = {
        **SPECS,
        "specs/003-dock-app/spec.md": "# Feature Specification: Dock app\n\n**Epic**: FLEET-1\n",
        "specs/road/roadmap.md": "# Roadmap\n",
        "specs/004-later/spec.md": "# Spec\n\n**Input**: Parent roadmap: specs/road/roadmap.md → entry R2\n",
        "specs/005-lost/spec.md": "# Spec\n\n**Epic**: NOPE-9\n",
    }
    p = load(tmp_path, files)
    assert p.features["specs/003-dock-app"].epic == "plans/ops/fleet/FLEET-1"
    assert "specs/003-dock-app" in p.epics["plans/ops/fleet/FLEET-1"].features
    assert p.features["specs/004-later"].epic == "specs/road"
    problems = [str(x) for x in p.problems]
    assert "specs/005-lost/spec.md:3: names epic 'NOPE-9', which is not in the portfolio" in problems


def test_more_roots_for_monorepos(tmp_path):
    files = {"apps/web/specs/001-login/spec.md": "# Feature Specification: Login\n", **SPECS}
    p = load(tmp_path, files, roots=["specs", "plans", "apps/web/specs"])
    assert "apps/web/specs/001-login" in p.features
    assert p.features["apps/web/specs/001-login"].root == "apps/web/specs"


def test_same_number_twice_is_reported(tmp_path):
    p = load(tmp_path, {"specs/007-a/spec.md": "# A\n", "specs/007-b/spec.md": "# B\n"})
    assert {"specs/007-a", "specs/007-b"} <= set(p.features)
    assert any("007-a, 007-b" in x.message for x in p.problems)


def test_links_are_resolved_with_lines(tmp_path):
    p = load(tmp_path, SPECS)
    doc = p.documents["specs/001-kite-rental/spec.md"]
    assert doc.rewrites == {
        "contracts/rental-api.yaml": "contracts/rental-api.yaml.md",
        "contracts/events/rental.schema.json": "contracts/events/rental.schema.json.md",
        "/specs/002-wind-alerts/spec.md": "../002-wind-alerts/spec.md",
        "plans/ops/fleet/FLEET-1/exec-plan.md": "../../plans/ops/fleet/FLEET-1/exec-plan.md",
    }
    assert "specs/001-kite-rental/spec.md" in p.backlinks["specs/001-kite-rental/plan.md"]


def test_broken_link_names_file_and_line(tmp_path):
    p = load(tmp_path, {"specs/001-a/spec.md": "# A\n\nText\n\nsee [b](\n  ./missing.md)\n"})
    assert [str(x) for x in p.problems] == [
        "specs/001-a/spec.md:6: links to './missing.md', which does not exist"
    ]


def test_bad_front_matter_names_the_line(tmp_path):
    p = load(tmp_path, {"specs/001-a/spec.md": "---\ntitle: ok\nstatus: [unclosed\n---\n# A\n"})
    assert len(p.problems) == 1
    assert p.problems[0].path == "specs/001-a/spec.md"
    assert p.problems[0].line in (3, 4, 5)
    assert "front matter" in p.problems[0].message


def test_a_spec_kit_feature_with_a_design_folder_stays_a_feature(tmp_path):
    p = load(tmp_path, {"specs/001-a/spec.md": "# A\n", "specs/001-a/design/index.md": "# Design\n"})
    assert list(p.features) == ["specs/001-a"]
    assert not p.epics


def test_features_in_grouping_folders(tmp_path):
    p = load(tmp_path, {"specs/backend/001-x/spec.md": "# X\n", "specs/backend/002-y.md": "# Y\n"})
    assert set(p.features) == {"specs/backend/001-x", "specs/backend/002-y"}


def test_the_project_itself_as_a_root(tmp_path):
    files = {
        "specs/001-a/spec.md": "# A\n",
        "site/specs/001-a/spec.md": "# built\n",
        "docs/index.md": "# D\n",
    }
    write_tree(tmp_path, files)
    p = load_portfolio(tmp_path, ["."], exclude=[tmp_path / "site", tmp_path / "docs"])
    assert list(p.features) == ["specs/001-a"]
    assert not any(d.startswith(("site/", "docs/")) for d in p.documents)


def test_titles_do_not_repeat_the_id(tmp_path):
    p = load(
        tmp_path,
        {
            "plans/a/b/PAY-12/exec-plan.md": "# PAY-12 Unified checkout\n",
            "plans/a/b/PAY-12/features/PAY-12-F1/spec.md": "# Feature Specification: PAY-12-F1 — Sessions\n",
            "plans/a/b/PAY-123/exec-plan.md": "# PAY-1234 is not PAY-123\n",
        },
    )
    assert p.epics["plans/a/b/PAY-12"].title == "Unified checkout"
    assert p.features["plans/a/b/PAY-12/features/PAY-12-F1"].title == "Sessions"
    assert p.epics["plans/a/b/PAY-123"].title == "PAY-1234 is not PAY-123"


def test_links_cannot_climb_out_of_the_project(tmp_path):
    p = load(tmp_path / "repo", {"specs/001-a/spec.md": "# A\n\n[secret](../../../outside.md)\n"})
    assert [str(x) for x in p.problems] == [
        "specs/001-a/spec.md:3: links to '../../../outside.md', which is outside the project"
    ]
