"""Our own example portfolio: a strict build with the real `mkdocs` command publishes every document."""

import csv
import html
import io
import json
import os
import re
import subprocess
import sys

from conftest import REPO, page_of


def test_strict_build_publishes_every_markdown_file(own_site):
    site = own_site
    assert "spec_portfolio: published" in (site.parent / "build.log").read_text()

    sources = [
        *REPO.glob("specs/**/*.md"),
        *REPO.glob("plans/**/*.md"),
        REPO / ".specify/memory/constitution.md",
    ]
    assert len(sources) > 40
    for source in sources:
        assert page_of(site, source.relative_to(REPO)).is_file(), (
            f"{source.relative_to(REPO)} is not published"
        )
    contracts = [
        p for root in ("specs", "plans") for p in REPO.glob(f"{root}/**/contracts/*") if p.suffix != ".md"
    ]
    assert len(contracts) >= 4
    for contract in contracts:
        assert (site / contract.relative_to(REPO) / "index.html").is_file(), contract


def test_all_text_we_publish_is_readable_by_others(tmp_path):
    """linkchecker drops to user `nobody` when run as root: the built site must be world-readable."""
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO, env=env, check=True
    )
    for path in [site, *site.rglob("*")]:
        assert os.stat(path).st_mode & 0o004, path


def test_every_feature_is_in_portfolio_json(own_site):
    from spec_portfolio.load import load_portfolio

    exported = json.loads((own_site / "portfolio.json").read_text())
    portfolio = load_portfolio(REPO)
    assert exported["schema_version"] == 1
    assert sorted(f["path"] for f in exported["features"]) == sorted(portfolio.features)
    assert {"features", "epics", "findings", "risks", "gates", "rollout"} <= set(exported)


def test_every_risk_row_is_in_the_register_and_the_csv(own_site):
    exported = json.loads((own_site / "portfolio.json").read_text())
    rows = list(csv.DictReader(io.StringIO((own_site / "risks.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(exported["risks"]) >= 20
    page = (own_site / "portfolio/risks/index.html").read_text()
    for risk in exported["risks"]:
        assert html.escape(risk["risk"].split("<")[0][:30]) in page, risk["risk"]
    assert 'href="../../risks.csv"' in page


def test_aggregate_pages_are_in_the_nav(own_site):
    home = (own_site / "index.html").read_text()
    for title, url in [("Dashboard", "portfolio/"), ("Risk register", "portfolio/risks/"),
                       ("Rollout readiness", "portfolio/rollout/"), ("Traceability", "portfolio/traceability/"),
                       ("Gate matrix", "portfolio/gates/"),
                       ("Clarifications", "portfolio/clarifications/"), ("Problems", "portfolio/problems/")]:  # fmt: skip
        assert re.search(rf'href="{re.escape(url)}"[^>]*>\s*<span class="md-ellipsis">\s*{title}', home), (
            title
        )
        assert (own_site / url / "index.html").is_file()
    problems = (own_site / "portfolio/problems/index.html").read_text()
    assert "No problems: every file under the roots was read and published." in problems


def test_rollout_and_gate_pages_say_go_no_go_and_blocked_first(own_site):
    rollout = (own_site / "portfolio/rollout/index.html").read_text()
    assert "NO-GO" in rollout and "GO" in rollout
    gates = (own_site / "portfolio/gates/index.html").read_text()
    rows = re.findall(r"<tr>\s*<td><a href=\"[^\"]+\">([^<]+)</a></td>.*?</tr>", gates, re.S)
    states = re.findall(r"<tr>\s*<td>.*?</td>\s*<td>.*?</td>\s*<td>(.*?)</td>", gates, re.S)
    assert rows and "BLOCKED" in states[0]
    first_unblocked = next(i for i, s in enumerate(states) if "BLOCKED" not in s)
    assert all("BLOCKED" not in s for s in states[first_unblocked:])


def test_epic_overview_rolls_up_its_features_with_badges(own_site):
    page = (own_site / "portfolio/epics/plans/commerce/payments/PAY-12/index.html").read_text()
    assert 'href="../../../../../../plans/commerce/payments/PAY-12/exec-plan/"' in page
    assert 'href="../../../../../../plans/commerce/payments/PAY-12/design/"' in page
    rows = re.findall(r"<tr>(.*?)</tr>", page.split('id="features"')[1], re.S)
    by_feature = {re.search(r">([^<]+)</a>", row).group(1): row for row in rows if "<a " in row}
    assert set(by_feature) == {"PAY-12-F1", "PAY-12-F2", "003-print-orders"}
    assert ">BLOCKED</span>" in by_feature["PAY-12-F2"]
    assert 'class="sp-badge' in by_feature["PAY-12-F1"] and "BLOCKED" not in by_feature["PAY-12-F1"]
    assert '<pre class="mermaid">' in page or 'class="mermaid"' in page
