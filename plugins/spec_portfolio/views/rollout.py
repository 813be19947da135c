"""The rollout readiness page: what GO, NO-GO and not assessed mean, a table of verdicts, then each
feature's excerpts linked to their sources."""

from __future__ import annotations

from ..escape import md_text
from ..findings.rollout import GO, NO_GO, NOT_ASSESSED, Excerpt, Readiness
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


# What the verdicts mean, for a reader who has not read the documents: one line each.
DEFINITION = (
    "**GO**: the documents say how the feature goes out (a rollout, deployment or data migration, or a "
    "feature flag) and, unless it is already done, how to take it back (a rollback plan), and nothing "
    "stands in the way.",
    "**NO-GO**: something stands in the way, or a feature not yet done has no rollback plan. The reasons "
    "say which.",
    "**Not assessed**: the documents say nothing about rollout, rollback or feature flags, and nothing "
    "stands in the way: there is nothing to judge readiness on, which is neither good nor bad news.",
    "**Standing in the way**: a failed gate that Complexity Tracking does not justify, a gate not yet "
    "answered (until the work is done), an open clarification, a blocked dependency, or template text "
    "left in a rollout or rollback section.",
)
_BADGES = {GO: ("GO", "done"), NO_GO: ("NO-GO", "error"), NOT_ASSESSED: ("not assessed", "info")}


def verdict_badge(ready: Readiness) -> str:
    label, tone = _BADGES[ready.verdict]
    return badge(label, tone, "; ".join(ready.reasons) or "nothing stands in the way")


def verdict_counts(readiness: list[Readiness]) -> str:
    """`3 GO · 12 NO-GO · 213 not assessed, of 228 features.`"""
    counts = [f"{sum(r.verdict == v for r in readiness)} {_BADGES[v][0]}" for v in _BADGES]
    return f"{' · '.join(counts)}, of {len(readiness)} feature{'s' if len(readiness) != 1 else ''}."


def rollout_page(portfolio: Portfolio, readiness: list[Readiness], page_site_path: str) -> str:
    page = page_site_path
    out = ["# Rollout readiness", "", verdict_counts(readiness), ""]
    out += [*(f"- {line}" for line in DEFINITION), ""]
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
    if ready.verdict == NO_GO:
        out += ["", "Why not yet:", "", *(f"- {md_text(r)}" for r in ready.reasons)]
    elif ready.verdict == NOT_ASSESSED:
        out += ["", f"Not assessed: {'; '.join(md_text(r) for r in ready.reasons)}."]
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
    if not said and ready.verdict != NOT_ASSESSED:
        out += ["", "Its documents say nothing about rollout, rollback or dependencies."]
    return out


def _item(portfolio: Portfolio, page: str, excerpt: Excerpt) -> str:
    text = excerpt.text if len(excerpt.text) <= SHORT else excerpt.text[: SHORT - 1].rstrip() + "…"
    mark = " " + badge("template text", "error", "still the template's text") if excerpt.unfilled else ""
    where = source_link(portfolio, page, excerpt.path, excerpt.line)
    return f"- *{md_text(excerpt.title)}* ({where}){mark}: {md_text(text)}"
