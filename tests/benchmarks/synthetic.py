"""A synthetic portfolio of N features across epics, in our template syntaxes, for benchmarks.

Each feature has six documents of about `size` bytes: spec, plan (with a risk table, a Constitution
Check, some placeholders, and in every third plan a mermaid diagram), research, data model, quickstart
and tasks. Epics hold `per_epic` features each, under plans/<scope>/<service>/<EPIC>/. Two layouts:

- `speckit`: every feature in specs/NNN-slug/, numbered as spec-kit's scripts number them, its spec
  naming its epic (`**Epic**: EP-3`); each epic folder holds its exec-plan and design index.
- `epics`: a quarter of the features in specs/NNN-slug/ on their own, the rest in their epic's
  features/<ID>/ folder.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FILLER = (
    "The service keeps each album's ordering in a single row so that concurrent edits resolve by "
    "version. Reads go through the cache; writes invalidate it and emit an event for search. "
)


def _pad(text: str, size: int, rng: random.Random) -> str:
    out = [text]
    n = 0
    while sum(len(p) for p in out) < size:
        n += 1
        out.append(f"\n### Note {n}\n\n{FILLER * rng.randint(2, 5)}\n")
    return "".join(out)


def spec(fid: str, title: str, size: int, rng: random.Random, epic: str | None) -> str:
    epic_line = f"**Epic**: {epic}\n" if epic else ""
    body = f"""# Feature Specification: {title}

**Feature Branch**: `{fid}`
**Created**: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
**Status**: {rng.choice(["Draft", "Approved", "In Progress", "Implemented"])}
{epic_line}
## User Scenarios & Testing

### User Story 1 - {title} (Priority: P1)

A family member opens the app and uses {title.lower()} without help.

**Acceptance Scenarios**:

1. **Given** an album, **When** the owner shares it, **Then** invitees see it within a minute.

## Requirements

- **FR-001**: System MUST keep {title.lower()} private by default.
- **FR-002**: System MUST log every change. {"[NEEDS CLARIFICATION: retention period?]" if rng.random() < 0.3 else ""}
"""
    return _pad(body, size, rng)


def plan(fid: str, title: str, size: int, rng: random.Random) -> str:
    filled = rng.random() < 0.7
    storage = "PostgreSQL 16" if filled else "[if applicable, e.g., PostgreSQL, files or N/A]"
    diagram = (
        "\n```mermaid\nflowchart LR\n  A[Web] --> B[API]\n  B --> C[(Database)]\n```\n"
        if rng.random() < 0.34
        else ""
    )
    body = f"""# Implementation Plan: {title}

**Branch**: `{fid}` | **Date**: 2026-05-0{rng.randint(1, 9)} | **Spec**: [spec.md](spec.md)

## Summary

{title} ships behind a flag. {FILLER}

## Technical Context

**Language/Version**: Go 1.22
**Storage**: {storage}
**Testing**: {"go test" if filled else "[e.g., pytest, go test or NEEDS CLARIFICATION]"}
{diagram}
## Constitution Check

- [x] **Privacy by default**: albums are private until shared
- [{"x" if filled else " "}] **Test first**: contract tests precede handlers
- [x] **Observability**: metrics and traces on every endpoint

## Risks

| Risk | Likelihood | Impact | Mitigation | Owner |
|------|------------|--------|------------|-------|
| Cache stampede on popular albums | Medium | High | Request coalescing | Platform |
| {"Migration locks the table" if filled else "[Risk]"} | Low | High | {"Online migration" if filled else "[Mitigation plan]"} | {"Data" if filled else "[Team/Person]"} |

## Rollout

Behind flag `{fid}`; 5%, 25%, 100% over a week.

## Rollback

Turn the flag off; the schema change is additive.
"""
    return _pad(body, size, rng)


def tasks(fid: str, size: int, rng: random.Random) -> str:
    lines = [f"# Tasks: {fid}\n"]
    for n in range(1, 25):
        done = "x" if rng.random() < 0.5 else " "
        lines.append(f"- [{done}] T{n:03d} [P] [US1] Implement step {n} in services/{fid}/step{n}.go")
    return _pad("\n".join(lines) + "\n", size, rng)


def simple(kind: str, title: str, size: int, rng: random.Random) -> str:
    return _pad(f"# {kind}: {title}\n\n{FILLER}\n", size, rng)


def feature_documents(
    fid: str, title: str, size: int, rng: random.Random, epic: str | None
) -> dict[str, str]:
    return {
        "spec.md": spec(fid, title, size, rng, epic),
        "plan.md": plan(fid, title, size, rng),
        "research.md": simple("Research", title, size, rng),
        "data-model.md": simple("Data Model", title, size, rng),
        "quickstart.md": simple("Quickstart", title, size, rng),
        "tasks.md": tasks(fid, size, rng),
    }


LAYOUTS = ("speckit", "epics")


def generate(
    root: Path, features: int, size: int = 12_000, per_epic: int = 8, seed: int = 1, layout: str = "speckit"
) -> list[Path]:
    """Write the portfolio under `root`; returns the Markdown files written."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    rng = random.Random(seed)
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    standalone = features if layout == "speckit" else features // 4
    in_epics = features if layout == "speckit" else features - standalone
    epics = (in_epics + per_epic - 1) // per_epic
    for n in range(1, standalone + 1):
        fid = f"{n:03d}-feature-{n}"
        epic = f"EP-{(n - 1) // per_epic + 1}" if layout == "speckit" else None
        for name, text in feature_documents(fid, f"Feature {n}", size, rng, epic).items():
            write(f"specs/{fid}/{name}", text)
    for e in range(epics):
        scope, service, epic = f"scope{e % 3}", f"service{e % 5}", f"EP-{e + 1}"
        base = f"plans/{scope}/{service}/{epic}"
        count = min(per_epic, in_epics - e * per_epic)
        if layout == "speckit":
            ids = [f"{n:03d}-feature-{n}" for n in range(e * per_epic + 1, e * per_epic + count + 1)]
        else:
            ids = [f"{epic}-F{i + 1}" for i in range(count)]
        listing = "\n".join(f"- {fid}: feature {fid}" for fid in ids)
        write(
            f"{base}/exec-plan.md",
            _pad(f"# Execution Plan: Epic {e + 1}\n\n## Features\n\n{listing}\n", size, rng),
        )
        write(f"{base}/design/index.md", _pad(f"# Design Index: Epic {e + 1}\n\n{listing}\n", size // 2, rng))
        if layout == "epics":
            for fid in ids:
                for name, text in feature_documents(fid, f"Feature {fid}", size, rng, None).items():
                    write(f"{base}/features/{fid}/{name.replace('plan.md', 'impl-plan.md')}", text)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--size", type=int, default=12_000)
    parser.add_argument("--layout", choices=LAYOUTS, default="speckit")
    args = parser.parse_args()
    files = generate(args.root, args.features, args.size, layout=args.layout)
    print(f"wrote {len(files)} documents under {args.root}")


if __name__ == "__main__":
    main()
