"""The rollout readiness page: a GO / NO-GO table, then each feature's excerpts linked to their sources."""

from __future__ import annotations

from ..escape import md_text
from ..findings.rollout import Excerpt, Readiness
from ..model import Portfolio
from .badges import badge
from .pages import owner_link, source_link

LABELS = {
    "rollout": "Rollout, deployment and migration",
    "rollback": "Rollback",
    "triggers": "Rollback triggers",
    "procedure": "Rollback procedure",
    "flags": "Feature flags",
    "compatibility": "Backward compatibility",
    "dependencies": "Dependencies and blockers",
    "assumptions": "Assumptions",
    "questions": "Open questions",
}
SHORT = 200  # characters of an excerpt shown


def verdict_badge(ready: Readiness) -> str:
    if ready.verdict == "go":
        return badge("GO", "done", "nothing stands in the way")
    return badge("NO-GO", "error", "; ".join(ready.reasons))


def rollout_page(portfolio: Portfolio, readiness: list[Readiness], page_site_path: str) -> str:
    page = page_site_path
    go = sum(r.verdict == "go" for r in readiness)
    out = ["# Rollout readiness", ""]
    out += [f"{go} of {len(readiness)} feature{'s' if len(readiness) != 1 else ''} GO.", ""]
    if not readiness:
        return "\n".join(out)
    out += ["| Feature | Epic | Gates | Verdict | Reasons |", "|---|---|---|---|---|"]
    for ready in readiness:
        feature = portfolio.features[ready.feature]
        name = owner_link(portfolio, page, feature.key, None)
        title = f" {md_text(feature.title)}" if feature.title and feature.title != feature.id else ""
        reasons = "; ".join(md_text(r) for r in ready.reasons)
        epic = owner_link(portfolio, page, None, ready.epic)
        out.append(f"| {name}{title} | {epic} | {ready.gate_state} | {verdict_badge(ready)} | {reasons} |")
    for ready in readiness:
        out += ["", *_feature_section(portfolio, page, ready)]
    return "\n".join([*out, ""])


def _feature_section(portfolio: Portfolio, page: str, ready: Readiness) -> list[str]:
    feature = portfolio.features[ready.feature]
    title = f" · {md_text(feature.title)}" if feature.title and feature.title != feature.id else ""
    out = [
        f"## {md_text(feature.id)}{title}",
        "",
        f"{verdict_badge(ready)} {owner_link(portfolio, page, feature.key, None)}",
    ]
    if ready.reasons:
        out += ["", "Why not yet:", "", *(f"- {md_text(r)}" for r in ready.reasons)]
    if ready.blocked:
        out += ["", "**Blocked dependencies**", ""]
        for dep in ready.blocked:
            impact = f" — {md_text(dep.impact)}" if dep.impact else ""
            where = source_link(portfolio, page, dep.path, dep.line)
            out.append(f"- {md_text(dep.name)}: {md_text(dep.status)}{impact} ({where})")
    said = False
    for topic, label in LABELS.items():
        excerpts = ready.excerpts.get(topic, [])
        if excerpts:
            said = True
            out += ["", f"**{label}**", "", *(_item(portfolio, page, e) for e in excerpts)]
    if not said:
        out += ["", "Its documents say nothing about rollout, rollback or dependencies."]
    return out


def _item(portfolio: Portfolio, page: str, excerpt: Excerpt) -> str:
    text = excerpt.text if len(excerpt.text) <= SHORT else excerpt.text[: SHORT - 1].rstrip() + "…"
    mark = " " + badge("template text", "error", "still the template's text") if excerpt.unfilled else ""
    where = source_link(portfolio, page, excerpt.path, excerpt.line)
    return f"- *{md_text(excerpt.title)}* ({where}){mark}: {md_text(text)}"
