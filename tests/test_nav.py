"""The Portfolio navigation stays small however many features there are: long lists come in sections."""

from __future__ import annotations

import re

from conftest import build_site, write_tree
from spec_portfolio.load import load_portfolio
from spec_portfolio.views.nav import SECTION, in_sections, portfolio_nav


def _spec(n: int) -> str:
    return f"# Feature Specification: Feature {n}\n\n**Status**: Draft\n"


def _features(count: int, base: str = "specs") -> dict[str, str]:
    return {f"{base}/{n:03d}-f{n}/spec.md": _spec(n) for n in range(1, count + 1)}


def _titles(items: list) -> list[str]:
    return [next(iter(item)) for item in items]


def test_a_long_feature_list_comes_in_sections_named_by_first_and_last(tmp_path):
    write_tree(tmp_path, _features(2 * SECTION + 3))
    nav = portfolio_nav(load_portfolio(tmp_path), [], {})
    features = next(item["Features"] for item in nav if "Features" in item)
    assert _titles(features) == ["001-f1 – 050-f50", "051-f51 – 100-f100", "101-f101 – 103-f103"]
    assert _titles(features[0]["001-f1 – 050-f50"])[:2] == ["001-f1 · Feature 1", "002-f2 · Feature 2"]
    assert [len(next(iter(s.values()))) for s in features] == [SECTION, SECTION, 3]


def test_a_short_list_stays_as_it_is(tmp_path):
    write_tree(tmp_path, _features(SECTION))
    nav = portfolio_nav(load_portfolio(tmp_path), [], {})
    features = next(item["Features"] for item in nav if "Features" in item)
    assert len(features) == SECTION and _titles(features)[-1] == "050-f50 · Feature 50"


def test_an_epic_with_many_features_keeps_its_plans_first(tmp_path):
    epic = "plans/shop/cart/CART-1"
    tree = {f"{epic}/exec-plan.md": "# Execution Plan: Cart\n"}
    tree |= {f"{epic}/features/CART-1-F{n:02d}/spec.md": _spec(n) for n in range(1, SECTION + 6)}
    write_tree(tmp_path, tree)
    nav = portfolio_nav(load_portfolio(tmp_path), [], {f"{epic}": "epics/cart-1.md"})
    entries = nav[0]["Epics"][0]["shop"][0]["cart"][0]["CART-1 · Cart"]
    assert _titles(entries) == ["Overview", "Exec plan", "CART-1-F01 – CART-1-F50", "CART-1-F51 – CART-1-F55"]


def test_very_long_lists_nest_sections_so_no_level_is_longer_than_a_section():
    entries = [(f"{n:05d}", {f"{n:05d} · title": f"specs/{n}.md"}) for n in range(SECTION * SECTION + 7)]
    top = in_sections(entries)
    assert _titles(top) == ["00000 – 02499", "02500 – 02506"]

    def depth_and_widths(items: list, depth: int = 0) -> tuple[int, int, int]:
        """(deepest level, widest level, pages) below `items`."""
        deepest, widest, pages = depth, len(items), 0
        for item in items:
            value = next(iter(item.values()))
            if isinstance(value, list):
                d, w, p = depth_and_widths(value, depth + 1)
                deepest, widest, pages = max(deepest, d), max(widest, w), pages + p
            else:
                pages += 1
        return deepest, widest, pages

    assert depth_and_widths(top) == (2, SECTION, SECTION * SECTION + 7)


def test_a_page_carries_one_more_nav_link_per_section_of_features_added(tmp_path_factory):
    """Material prunes the navigation to the page's own sections; ours keep those sections short."""

    def links_on_a_spec_page(count: int) -> int:
        root = tmp_path_factory.mktemp(f"nav{count}")
        write_tree(root, {"docs/index.md": "# Home\n", **_features(count)})
        theme = "theme:\n  name: material\n  features: [navigation.prune]\n"
        (root / "mkdocs.yml").write_text(f"site_name: N\n{theme}plugins:\n  - spec-portfolio\n")
        site = build_site(root)
        assert not site.warnings
        html = (site.dir / "specs/042-f42/spec/index.html").read_text()
        nav = html[html.index("md-nav--primary") : html.index("md-nav--secondary")]
        assert "042-f42 · Feature 42" in nav
        return len(re.findall(r'class="md-nav__link', nav))

    # 51 features are two sections, 250 are five: three more links, not 199.
    assert links_on_a_spec_page(5 * SECTION) - links_on_a_spec_page(SECTION + 1) == 3
