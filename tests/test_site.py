"""Real `mkdocs build` runs of small portfolios: pages, nav, bars, links, logs."""

import re

import pytest
from fixtures import SPECS


@pytest.fixture
def site(make_site):
    return make_site(
        SPECS,
        repo_url="https://github.com/kiteco/kites",
        edit_uri="edit/main/docs/",
        theme={"name": "material", "features": ["content.action.edit"]},
    )


def nav_titles(html: str) -> list[str]:
    nav = html[html.index("md-nav--primary") : html.index("md-nav--secondary")]
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r'class="md-ellipsis">(.*?)</span>', nav, re.S)
    ]


def test_every_document_is_a_page_at_its_source_path(site):
    for url in (
        "specs/001-kite-rental/spec",
        "specs/001-kite-rental/plan",
        "specs/001-kite-rental/research",
        "specs/001-kite-rental/data-model",
        "specs/001-kite-rental/quickstart",
        "specs/001-kite-rental/tasks",
        "specs/001-kite-rental/checklists/requirements",
        "specs/001-kite-rental/PROGRESS",
        "specs/002-wind-alerts",  # the flat summary
        "specs/002-wind-alerts/spec",
        "specs/20260301-120000-board-sizing/plan",
        "plans/ops/fleet/FLEET-1/exec-plan",
        "plans/ops/fleet/FLEET-1/design",
        "plans/ops/fleet/FLEET-1/features/FLEET-1-GPS/impl-plan",
        ".specify/memory/constitution",
    ):
        assert (site.dir / url / "index.html").is_file(), url
    assert not (site.dir / ".specify/templates").exists()
    assert "Home" in site.html("")  # docs/ pages keep working beside the portfolio
    # The stylesheet ships as package data and is linked from every page.
    assert (site.dir / "assets/spec-portfolio/spec-portfolio.css").is_file()
    assert "assets/spec-portfolio/spec-portfolio.css" in site.html("specs/001-kite-rental/spec")


def test_contracts_that_are_not_markdown_are_highlighted_source_pages(site):
    html = site.html("specs/001-kite-rental/contracts/rental-api.yaml")
    assert "<h1" in html and "rental-api.yaml</h1>" in html
    assert 'class="language-yaml highlight"' in html
    assert "openapi" in html
    assert (site.dir / "specs/001-kite-rental/contracts/events/rental.schema.json/index.html").is_file()


def test_nav_lists_epics_by_scope_and_service_then_one_entry_per_feature(site):
    titles = nav_titles(site.html(""))
    start = titles.index("Portfolio")
    assert titles[start:] == [
        "Portfolio",
        "Dashboard",
        "Risk register",
        "Rollout readiness",
        "Traceability",
        "Gate matrix",
        "Clarifications",
        "Problems",
        "Constitution",
        "Epics",
        "ops",
        "fleet",
        "FLEET-1 · Fleet tracking",
        "Overview",
        "Exec plan",
        "Design index",
        "FLEET-1-DOCK · Docking",
        "FLEET-1-GPS · GPS beacons",
        "shop",
        "web",
        "SHOP-3 · Shop",
        "Overview",
        "Exec plan",
        "Features",
        "001-kite-rental · Kite rental",
        "002-wind-alerts · Wind alerts",
        "20260301-120000-board-sizing · Board sizing",
        "Other documents",
        "About our specs",
    ]
    # Documents are not listed one by one: they are reached from the bar.
    assert "Research" not in titles


def test_bar_links_siblings_and_epic(site):
    html = site.html("specs/001-kite-rental/plan")
    bar = html[html.index('class="sp-bar"') : html.index("</div>", html.index('class="sp-bar"'))]
    assert '<a href="../spec/">001-kite-rental · Kite rental</a>' in bar
    for label, href in [
        ("Spec", "../spec/"), ("Research", "../research/"), ("Data model", "../data-model/"),
        ("Quickstart", "../quickstart/"), ("rental-api.yaml", "../contracts/rental-api.yaml/"),
        ("Tasks", "../tasks/"), ("requirements.md", "../checklists/requirements/"), ("PROGRESS.md", "../PROGRESS/"),
    ]:  # fmt: skip
        assert f'<a href="{href}">{label}</a>' in bar
    assert "<strong>Plan</strong>" in bar  # the page itself is not a link

    gps = site.html("plans/ops/fleet/FLEET-1/features/FLEET-1-GPS/impl-plan")
    assert '<a href="../../../exec-plan/">FLEET-1 · Fleet tracking</a>' in gps
    assert '<a href="../../../design/">Design index</a>' in gps


def test_exec_plan_and_design_index_list_and_link_their_features(site):
    for url in ("plans/ops/fleet/FLEET-1/exec-plan", "plans/ops/fleet/FLEET-1/design"):
        html = site.html(url)
        listing = html[html.index('class="sp-features"') :]
        assert '<a href="../features/FLEET-1-GPS/spec/">FLEET-1-GPS</a>: GPS beacons — Draft' in listing
        assert '<a href="../features/FLEET-1-DOCK/spec/">FLEET-1-DOCK</a>: Docking' in listing
    text = site.html("plans/ops/fleet/FLEET-1/exec-plan")
    assert '<a class="sp-feature-ref" href="../features/FLEET-1-GPS/spec/">FLEET-1-GPS</a> first' in text
    design = site.html("plans/ops/fleet/FLEET-1/design")
    assert '<a class="sp-feature-ref" href="../features/FLEET-1-GPS/spec/">FLEET-1-GPS</a> owns' in design


def test_links_in_sources_are_rewritten_to_work_on_the_site(site):
    html = site.html("specs/001-kite-rental/spec")
    for text, href in [
        ("plan", "../plan/"),
        ("API", "../contracts/rental-api.yaml/"),
        ("events schema", "../contracts/events/rental.schema.json/"),
        ("sibling", "../../002-wind-alerts/spec/"),
        ("absolute spec", "../../002-wind-alerts/spec/"),
        ("epic", "../../../plans/ops/fleet/FLEET-1/exec-plan/"),
    ]:
        assert f'<a href="{href}">{text}</a>' in html
    assert not site.warnings


def test_referenced_by_lists_backlinks(site):
    html = site.html("specs/002-wind-alerts/spec")
    backlinks = html[html.index('class="sp-backlinks"') :]
    assert '<a href="../../001-kite-rental/spec/">001-kite-rental spec</a>' in backlinks


def test_pages_link_to_their_source_in_the_repository(site):
    html = site.html("specs/001-kite-rental/plan")
    assert 'href="https://github.com/kiteco/kites/edit/main/specs/001-kite-rental/plan.md"' in html


def test_build_log_ends_with_a_summary(site):
    ours = [m for m in site.messages() if m.startswith("spec_portfolio: published")]
    assert ours == ["spec_portfolio: published 2 epics, 5 features, 21 documents"]


def test_broken_link_is_a_warning_with_file_and_line_and_fails_strict(make_site):
    files = {**SPECS, "specs/001-kite-rental/research.md": "# Research\n\nSee [gone](../009-gone/spec.md).\n"}
    site = make_site(files, strict=True)
    assert site.aborted
    assert (
        "spec_portfolio: specs/001-kite-rental/research.md:3: links to '../009-gone/spec.md', which does not exist"
        in site.warnings
    )


def test_unpublished_repository_file_links_to_the_repository(make_site):
    files = {
        **SPECS,
        "src/app.py": "print()\n",
        "specs/001-kite-rental/research.md": "[code](../../src/app.py)\n",
    }
    site = make_site(
        files, strict=True, repo_url="https://github.com/kiteco/kites", edit_uri="edit/main/docs/"
    )
    assert not site.aborted, site.warnings
    assert 'href="https://github.com/kiteco/kites/blob/main/src/app.py"' in site.html(
        "specs/001-kite-rental/research"
    )


def test_flat_file_and_folder_index_do_not_collide(make_site):
    files = {
        "specs/003-board-shop.md": "# Board shop summary\n",
        "specs/003-board-shop/README.md": "# Board shop readme\n",
        "specs/003-board-shop/spec.md": "# Feature Specification: Board shop\n\nSee [summary](../003-board-shop.md).\n",
    }
    site = make_site(files, strict=True)
    assert not site.aborted, site.warnings
    assert "Board shop readme" in site.html("specs/003-board-shop")
    assert "Board shop summary" in site.html("specs/003-board-shop/summary")
    assert '<a href="../summary/">summary</a>' in site.html("specs/003-board-shop/spec")
    assert any("published at /specs/003-board-shop/summary/" in m for m in site.messages())


def test_markdown_renders_as_github_renders_it(make_site):
    spec = """
        # Feature Specification: Rendering

        > [!WARNING]
        > Wind above 30 knots.

        - outer
          - inner, indented by two spaces

        ~~dropped~~

        - [x] done
        - [ ] open

        | A | B |
        |---|---|
        | 1 | 2 |

        ```python
        print("hi")
        ```
        """
    site = make_site({"specs/001-render/spec.md": spec}, strict=True)
    html = site.html("specs/001-render/spec")
    assert 'class="admonition warning"' in html
    assert re.search(r"<li>outer\s*<ul>\s*<li>inner", html)
    assert "<del>dropped</del>" in html
    assert 'class="task-list-item"' in html and "checked" in html
    assert "<table>" in html
    assert 'class="language-python highlight"' in html


def test_source_titles_are_escaped_in_nav_and_bar(make_site):
    files = {"specs/001-x/spec.md": "---\ntitle: '<img src=x onerror=alert(1)> *bold*'\n---\n# T\n"}
    site = make_site(files)
    html = site.html("specs/001-x/spec")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>bold</em>" not in html.split('class="sp-bar"')[1].split("</div>")[0]


def test_more_roots(make_site):
    files = {"services/pay/plans/core/pay/EPIC-9/exec-plan.md": "# Execution Plan: Nine\n", **SPECS}
    site = make_site(files, plugin={"roots": ["specs", "plans", "services/pay/plans"]}, strict=True)
    assert not site.aborted, site.warnings
    assert (site.dir / "services/pay/plans/core/pay/EPIC-9/exec-plan/index.html").is_file()
    assert "EPIC-9 · Nine" in nav_titles(site.html(""))


def test_bad_root_is_a_clear_configuration_error(make_site):
    site = make_site(SPECS, plugin={"roots": ["../elsewhere"]})
    assert site.aborted
    errors = [r.getMessage() for r in site.records if r.levelname == "ERROR"]
    assert any(
        "mkdocs.yml: spec-portfolio root '../elsewhere' must be a folder inside the project" in e
        for e in errors
    )


def test_disabled_plugin_publishes_nothing(make_site):
    site = make_site(SPECS, plugin={"enabled": False})
    assert not (site.dir / "specs").exists()
