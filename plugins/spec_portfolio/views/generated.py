"""The generated pages of the Portfolio section, in the order the navigation lists them."""

from __future__ import annotations

from ..findings.risks import RiskRegister
from ..findings.rollout import Readiness
from ..model import Portfolio
from .dashboard import dashboard
from .overview import clarifications, epic_page, gate_matrix, problems
from .pages import PAGES, WIDE, GeneratedPage
from .risks import risk_register_page
from .rollout import rollout_page
from .trace import trace_page


def portfolio_pages(
    portfolio: Portfolio, home: bool, register: RiskRegister, readiness: list[Readiness], directory_urls: bool
) -> tuple[list[GeneratedPage], dict[str, str]]:
    """The aggregate pages (the dashboard at the site's home when `home`) and one page per epic."""
    dash = "index.md" if home else f"{PAGES}/index.md"
    epic_pages = {epic.key: f"{PAGES}/epics/{epic.key}.md" for epic in portfolio.epics.values()}
    pages = [GeneratedPage(dash, "Dashboard", WIDE + dashboard(portfolio, dash, epic_pages))]
    views = (
        ("risks", "Risk register", lambda site: risk_register_page(portfolio, register, site,
                                                                   directory_urls=directory_urls)),
        ("rollout", "Rollout readiness", lambda site: rollout_page(portfolio, readiness, site)),
        ("traceability", "Traceability", lambda site: trace_page(portfolio, site)),
        ("gates", "Gate matrix", lambda site: gate_matrix(portfolio, site)),
        ("clarifications", "Clarifications", lambda site: clarifications(portfolio, site)),
        ("problems", "Problems", lambda site: problems(portfolio, site)),
    )  # fmt: skip
    for name, title, view in views:
        site = f"{PAGES}/{name}.md"
        pages.append(GeneratedPage(site, title, WIDE + view(site)))
    for epic in portfolio.epics.values():
        site = epic_pages[epic.key]
        pages.append(GeneratedPage(site, epic.id, epic_page(portfolio, epic, site)))
    return pages, epic_pages
