"""The examples getting-started gives do what it says they do, in a real build."""

from __future__ import annotations

import re

from conftest import REPO


def test_the_risk_and_rollout_example_gives_one_risk_scored_6_and_a_go(make_site):
    text = (REPO / "docs" / "getting-started.md").read_text(encoding="utf-8")
    path, body = re.search(r'^```markdown title="([^"]+)"\n(.*?)^```$', text, flags=re.M | re.S).groups()
    site = make_site({path: "# Feature Specification: Print orders\n\n" + body})
    assert not site.aborted, site.warnings
    risks = site.html("portfolio/risks/")
    assert "1 risk in 1 document: 1 scored 6 or more, 0 without an owner, 0 without a mitigation." in risks
    row = risks[risks.index("<td>The print partner") :].split("</tr>", 1)[0]
    assert 'title="likelihood × impact, 1 to 9">6</span>' in row  # medium x high
    rollout = site.html("portfolio/rollout/")
    assert "1 GO · 0 NO-GO · 0 not assessed, of 1 feature." in rollout
    assert "print-orders" in rollout  # the flag was read
