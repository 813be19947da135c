"""Rollout readiness on our own fixtures, written in the syntaxes of the common plan templates."""

import textwrap

import pytest
from conftest import write_tree
from spec_portfolio.cache import Cache
from spec_portfolio.findings.rollout import SHIPPING, SILENT, feature_readiness, find_readiness
from spec_portfolio.load import load_portfolio
from spec_portfolio.views.rollout import DEFINITION, rollout_page

# Bare `[x]` gate lines, a rollout strategy with a flags subsection, a rollback with triggers and steps.
BARE_GATES = (
    """
    # Implementation Plan: Harbour Webcam

    **Branch**: `001-webcam` | **Date**: 2026-03-02 | **Spec**: [spec.md](spec.md)

    ## Summary

    Stream the harbour webcam on the rental page.

    ## Constitution Check

    [x] PII Data: no personal data is captured; the camera faces the water.
    [x] Feature flags: managed in Flagsmith.

    ## Rollout Strategy

    Flag `harbour-cam` on for staff first, then 20% of visitors, then everyone after a
    week without stream errors.

    ### Feature Flags

    - `harbour-cam`: hides the webcam panel when off.

    ## Rollback

    **Triggers**: stream error rate above 5% for 10 minutes.

    **Procedure**:

    1. Turn `harbour-cam` off in Flagsmith.
    2. The page shows the static photo again.

    ## Assumptions

    - The uplink <img src=x onerror=alert(1)> stays under 2 Mbit/s | even at noon.
    - Visitors """
    + "watch the sea for a long time " * 12
    + """
    """
)

# Numbered sections: DoR / DoD, rollback guardrails, a rollback plan of fields, dependency tables.
NUMBERED = """
    # Implementation Plan: Lesson Booking - Technical Approach & Architecture

    ## 2. QUALITY GATES

    ### Definition of Ready (DoR)
    - [x] Spec approved
    - [x] Constraints known; risks captured

    ### Definition of Done (DoD)
    - [x] Rollback verified or not needed

    ### Rollback Guardrails
    - **Stop Signals**: booking errors above 1%; double bookings of any kind
    - **Recovery Procedure**: see the rollback plan below

    ## 4. IMPLEMENTATION PHASES

    ### Phase 4: Deployment & Monitoring
    - **Goal**: release behind the `lesson-booking` flag, 10% then 100%

    ## 7. RISKS & MITIGATIONS

    ### Rollback Plan

    - **Rollback Trigger**: any double booking reported by an instructor
    - **Rollback Procedure**:
      1. Turn the `lesson-booking` flag off.
      2. Bookings made so far stay valid; the phone line takes new ones.
    - **Verification**: the booking page shows the phone number

    ## 8. DEPENDENCIES

    ### Internal Dependencies

    | Dependency | Type | Owner | Status | Timeline | Impact if Blocked |
    |------------|------|-------|--------|----------|-------------------|
    | [System/API] | Internal | [Team] | [Green/Yellow/Red] | [Date] | [Impact description] |
    | Calendar service | Internal | Scheduling | Red | 2026-05 | No instructor availability |
    | Payments | Internal | Shop | Green | 2026-04 | None |

    ### External Dependencies

    | Dependency | Type | Vendor | Status | Timeline | Impact if Blocked |
    |------------|------|--------|--------|----------|-------------------|
    | SMS gateway | External | TextCo | Yellow | 2026-05 | No reminders |
    """

# The "advanced" template half filled: migration and compatibility placeholders, a blocker, a question.
ADVANCED = """
    # Implementation Plan: Gift Cards

    **Branch**: `003-gift-cards` | **Date**: 2026-03-20 | **Spec**: [spec.md](spec.md)

    ## Summary

    Sell gift cards at the counter and online.

    ## Constitution Check

    - [x] **Privacy**: card codes are hashed at rest.

    ## Data Architecture

    ### Data Migration

    **Migration Type**: Schema change

    **Rollback Plan**: [How to revert if migration fails]

    ## Migration/Rollout Plan

    ### Backward Compatibility

    **Breaking Changes**: none; old vouchers keep working.

    **Compatibility Window**: [How long old behavior is supported]

    ## Risk Assessment

    ### Assumptions

    | Assumption | Validation Needed | Impact if Wrong | Validation Method |
    |------------|-------------------|-----------------|-------------------|
    | Card sales stay under 200 a day | Yes - sales data | Need a queue | Check last winter's sales |

    ### Dependencies & Blockers

    | Dependency | Owner | Due Date | Status | Impact | Risk |
    |------------|-------|----------|--------|--------|------|
    | [e.g., API key from vendor] | [Vendor X] | [Date] | [Blocked] | [Cannot integrate] | [Medium] |
    | Card printer | Shop | 2026-04-01 | ❌ not delivered | No physical cards | High |

    ### Open Questions

    1. **Q1**: Do gift cards expire? NEEDS CLARIFICATION
        - **Owner**: Legal
    """

FILES = {
    "specs/001-webcam/spec.md": "# Feature Specification: Harbour Webcam\n",
    "specs/001-webcam/plan.md": BARE_GATES,
    "specs/002-lessons/spec.md": "# Feature Specification: Lesson Booking\n",
    "specs/002-lessons/plan.md": NUMBERED,
    "specs/003-gift-cards/spec.md": "# Feature Specification: Gift Cards\n",
    "specs/003-gift-cards/plan.md": ADVANCED,
    "specs/004-wetsuits/plan.md": """
        # Implementation Plan: Wetsuit Sizes

        ## Constitution Check

        - [x] **Privacy**: sizes only, no names
        - [ ] **Test first**: contract tests before handlers
        """,
    "specs/005-lockers/plan.md": """
        # Implementation Plan: Lockers

        ## Constitution Check

        - [ ] **Simplicity**: FAIL, adds a second database

        ## Rollback

        Turn the `lockers` flag off; the counter hands out keys again.
        """,
    "plans/ops/fleet/FLEET-1/exec-plan.md": """
        # Execution Plan: Fleet

        ## Rollback

        Turn every fleet flag off.
        """,
    "plans/ops/fleet/FLEET-1/features/FLEET-1-GPS/impl-plan.md": """
        # Implementation Plan: GPS

        ## Rollout

        Beacons are switched on boat by boat.
        """,
}


def line_of(source: str, needle: str) -> int:
    lines = textwrap.dedent(source).lstrip("\n").split("\n")
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.fixture
def portfolio(tmp_path):
    write_tree(tmp_path, FILES)
    return load_portfolio(tmp_path, ["specs", "plans"])


@pytest.fixture
def ready(portfolio):
    return {r.feature.rsplit("/", 1)[-1]: r for r in find_readiness(portfolio)}


def test_bare_gate_plan_is_a_go_with_its_sections(ready):
    webcam = ready["001-webcam"]
    assert (webcam.gate_state, webcam.verdict, webcam.reasons) == ("passed", "go", [])
    rollout = webcam.excerpts["rollout"][0]
    assert (rollout.title, rollout.path, rollout.line) == (
        "Rollout Strategy",
        "specs/001-webcam/plan.md",
        line_of(BARE_GATES, "## Rollout Strategy"),
    )
    assert rollout.text == (
        "Flag harbour-cam on for staff first, then 20% of visitors, then everyone after a week without "
        "stream errors. · harbour-cam: hides the webcam panel when off."
    )
    assert not rollout.unfilled
    assert [e.title for e in webcam.excerpts["rollback"]] == ["Rollback"]
    assert [e.text for e in webcam.excerpts["triggers"]] == [
        "Triggers: stream error rate above 5% for 10 minutes."
    ]
    assert [e.text for e in webcam.excerpts["procedure"]] == [
        "Procedure: · Turn harbour-cam off in Flagsmith. · The page shows the static photo again."
    ]
    assert webcam.flags == ["harbour-cam"]
    assert [e.title for e in webcam.excerpts["flags"]] == ["Feature Flags", "harbour-cam"]
    assert webcam.excerpts["assumptions"][0].line == line_of(BARE_GATES, "## Assumptions")


def test_numbered_plan_guardrails_fields_and_a_red_dependency(ready):
    lessons = ready["002-lessons"]
    assert lessons.gate_state == "passed"
    assert [e.title for e in lessons.excerpts["rollout"]] == ["Phase 4: Deployment & Monitoring"]
    assert [e.title for e in lessons.excerpts["rollback"]] == ["Rollback Guardrails", "Rollback Plan"]
    assert [e.title for e in lessons.excerpts["triggers"]] == ["Stop Signals", "Rollback Trigger"]
    assert [e.title for e in lessons.excerpts["procedure"]] == ["Recovery Procedure", "Rollback Procedure"]
    procedure = lessons.excerpts["procedure"][1]
    assert procedure.line == line_of(NUMBERED, "**Rollback Procedure**")
    assert procedure.text == (
        "Rollback Procedure: · Turn the lesson-booking flag off. · "
        "Bookings made so far stay valid; the phone line takes new ones."
    )
    assert lessons.flags == ["lesson-booking"]
    # The template's sample row says "[Green/Yellow/Red]": not a blocked dependency; Yellow is not either.
    assert [(d.name, d.status, d.impact, d.line) for d in lessons.blocked] == [
        ("Calendar service", "Red", "No instructor availability", line_of(NUMBERED, "| Calendar service"))
    ]
    assert [e.title for e in lessons.excerpts["dependencies"]] == ["8. DEPENDENCIES"]
    assert lessons.reasons == ["blocked dependency: Calendar service"]
    assert lessons.verdict == "no-go"


def test_half_filled_advanced_plan(ready):
    gifts = ready["003-gift-cards"]
    assert [e.title for e in gifts.excerpts["rollout"]] == ["Data Migration", "Migration/Rollout Plan"]
    assert all(e.unfilled for e in gifts.excerpts["rollout"])
    assert [(e.title, e.unfilled) for e in gifts.excerpts["rollback"]] == [("Rollback Plan", True)]
    assert [e.title for e in gifts.excerpts["compatibility"]] == ["Backward Compatibility"]
    assert gifts.excerpts["assumptions"][0].text.startswith(
        "Card sales stay under 200 a day · Yes - sales data"
    )
    assert (
        gifts.excerpts["questions"][0].text == "Q1: Do gift cards expire? NEEDS CLARIFICATION · Owner: Legal"
    )
    assert [(d.name, d.status) for d in gifts.blocked] == [("Card printer", "❌ not delivered")]
    assert gifts.reasons == [
        "1 open clarification",
        "blocked dependency: Card printer",
        f"template text in rollout: plan.md:{line_of(ADVANCED, '### Data Migration')}",
        f"template text in rollout: plan.md:{line_of(ADVANCED, '## Migration/Rollout Plan')}",
        f"template text in rollback: plan.md:{line_of(ADVANCED, '**Rollback Plan**')}",
    ]


def test_gate_states_and_a_missing_rollback(ready):
    # Wetsuits says nothing of rollout: its pending gate is what stands in the way, not a rollback.
    assert (ready["004-wetsuits"].verdict, ready["004-wetsuits"].reasons) == ("no-go", ["gates pending"])
    assert ready["005-lockers"].reasons == ["gates blocked"]
    assert ready["005-lockers"].flags == ["lockers"]


def test_an_epic_feature_reads_its_own_documents_not_the_exec_plan(portfolio):
    gps = feature_readiness(portfolio, portfolio.features["plans/ops/fleet/FLEET-1/features/FLEET-1-GPS"])
    assert gps.epic == "plans/ops/fleet/FLEET-1"
    assert [e.text for e in gps.excerpts["rollout"]] == ["Beacons are switched on boat by boat."]
    assert gps.reasons == ["no rollback plan"]


def test_page(portfolio):
    readiness = find_readiness(portfolio)
    page = rollout_page(portfolio, readiness, "portfolio/rollout.md")
    assert page.startswith("# Rollout readiness\n")
    assert "1 GO · 5 NO-GO · 0 not assessed, of 6 features." in page
    rows = [line for line in page.split("\n") if line.startswith("| [")]
    assert len(rows) == 6 and all(row.count("|") == 6 for row in rows)
    webcam = next(row for row in rows if "001-webcam" in row)
    assert webcam.startswith("| [001-webcam](../specs/001-webcam/spec.md) Harbour Webcam |  | passed |")
    assert ">GO</span>" in webcam
    gps = next(row for row in rows if "FLEET-1-GPS" in row)
    assert "[FLEET-1](../plans/ops/fleet/FLEET-1/exec-plan.md)" in gps and ">NO-GO</span>" in gps
    assert gps.endswith("| no rollback plan |")
    line = line_of(BARE_GATES, "## Rollout Strategy")
    assert (
        f"- *Rollout Strategy* ([plan.md:{line}](../specs/001-webcam/plan.md)): Flag harbour-cam on" in page
    )
    assert "<img" not in page and "&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;" in page
    assert "2 Mbit/s &#124; even at noon" in page
    assumptions = next(item for item in page.split("\n") if "stays under 2 Mbit/s" in item)
    assert assumptions.endswith("…") and len(assumptions) < 400  # long excerpts are cut
    assert (
        "**Blocked dependencies**" in page and "- Card printer: ❌ not delivered — No physical cards" in page
    )
    assert "template text</span>" in page


def test_each_document_is_read_once_per_text(tmp_path):
    """Under `mkdocs serve` the cache lives on; forked reading is compared in test_parallel.py."""
    write_tree(tmp_path, FILES)
    cache = Cache()
    portfolio = load_portfolio(tmp_path, ["specs", "plans"], cache=cache)
    first = find_readiness(portfolio)
    read = cache.misses
    assert find_readiness(portfolio) == first and cache.misses == read  # nothing read again
    plan = tmp_path / "specs/001-webcam/plan.md"
    plan.write_text(plan.read_text().replace("then everyone", "then all visitors"))
    portfolio = load_portfolio(tmp_path, ["specs", "plans"], cache=cache)
    before = cache.misses
    again = find_readiness(portfolio)
    assert cache.misses - before == 1  # the edited plan alone: parse and analysis are counted before
    webcam = next(r for r in again if r.feature.endswith("001-webcam"))
    assert any("all visitors" in e.text for e in webcam.excerpts["rollout"])


# Verdicts: what a feature's documents say about shipping it, and whether it is done.
VERDICTS = {
    # Done (every task ticked), its deployment described, no rollback section: GO, it is out already.
    "specs/010-shipped/spec.md": "# Feature Specification: Tide Table\n\n**Status**: Implemented\n",
    "specs/010-shipped/plan.md": """
        # Implementation Plan: Tide Table

        ## Deployment

        Ships with the next app release; the table is read from the harbour's feed.
        """,
    "specs/010-shipped/tasks.md": "- [x] T1.1 Feed reader\n- [X] T1.2 Table view\n",
    # The same, not done yet: a way out and no way back.
    "specs/011-open/plan.md": """
        # Implementation Plan: Tide Alerts

        ## Deployment

        Ships with the next app release.
        """,
    "specs/011-open/tasks.md": "- [x] 1.1 Feed reader\n- [ ] 1.2 Alert sender\n",
    # Nothing about shipping at all, done: not assessed, whatever the rollback section's absence.
    "specs/012-silent/spec.md": "# Feature Specification: Kayak Colours\n\n**Status**: Done\n",
    "specs/012-silent/plan.md": """
        # Implementation Plan: Kayak Colours

        ## Summary

        Show each kayak's colour in the list.

        ## Constitution Check

        - [x] **Simplicity**: one column added
        """,
    # Not done, and still silent: not assessed either.
    "specs/013-silent-open/plan.md": "# Implementation Plan: Paddles\n\n## Summary\n\nCount paddles.\n",
    # A database transaction's rollback is no rollback plan; a bare `**Rollback**:` outside a rollout
    # section labels something else; a command's flag is not a feature flag.
    "specs/014-transaction/plan.md": """
        # Implementation Plan: Bulk Booking Import

        ## Rollout

        The importer is released with the next version.

        ### Transaction Rollback

        Each file is imported in one database transaction, rolled back when a row fails.

        ## Technical Notes

        - **Rollback**: the whole batch is one transaction; nothing is committed on error.
        - **Rollback Strategy**: the import is atomic, so a failed row rolls all of it back.
        - **Undo**: the importer keeps the file.

        ## Options

        - **Rollback**: changes can be inspected and discarded before they are kept.

        Add a `dry-run` flag to the `import` command; the `--verbose` flag prints each row.
        """,
    # Headings that name the feature or a story, or say there is none, are not about shipping it.
    "specs/015-names/plan.md": """
        # Implementation Plan: Deployment Dashboard

        ## Summary

        A page that lists the club's deployments of rescue boats.

        ### User Story 1 - Deploy a boat from the list (Priority: P1)

        The skipper deploys a boat with one tap.

        ### No schema migrations

        The list reads the existing tables.

        ## Data Migration

        None: no data changes.
        """,
    # A rollout with a feature flag switched on for some, and a rollback done by the flag.
    "specs/016-flagged/plan.md": """
        # Implementation Plan: Night Sailing

        ## Rollout Plan

        Release behind the `night-sailing` flag, on for instructors first.

        ## Rollback

        Turn the `night-sailing` flag off.
        """,
}


@pytest.fixture
def verdicts(tmp_path):
    write_tree(tmp_path, VERDICTS)
    portfolio = load_portfolio(tmp_path, ["specs"])
    return {r.feature.rsplit("/", 1)[-1]: r for r in find_readiness(portfolio)}


def test_a_done_feature_without_a_rollback_section_is_go(verdicts):
    shipped = verdicts["010-shipped"]
    assert (shipped.done, shipped.verdict, shipped.reasons) == (True, "go", [])
    assert [e.title for e in shipped.excerpts["rollout"]] == ["Deployment"]


def test_a_feature_still_to_ship_needs_a_way_back(verdicts):
    assert (verdicts["011-open"].verdict, verdicts["011-open"].reasons) == ("no-go", ["no rollback plan"])


def test_documents_silent_on_shipping_are_not_assessed(verdicts):
    for key in ("012-silent", "013-silent-open", "015-names"):
        ready = verdicts[key]
        assert (ready.verdict, ready.reasons) == ("not assessed", [SILENT]), key
        assert not any(ready.excerpts[t] for t in SHIPPING), key


def test_a_transaction_rollback_is_not_a_rollback_plan(verdicts):
    imported = verdicts["014-transaction"]
    assert [e.title for e in imported.excerpts["rollout"]] == ["Rollout"]
    assert not any(imported.excerpts[t] for t in ("rollback", "triggers", "procedure"))
    assert imported.flags == []  # `dry-run` and `--verbose` are the command's flags
    assert (imported.verdict, imported.reasons) == ("no-go", ["no rollback plan"])


def test_a_flag_switched_on_for_some_is_a_feature_flag(verdicts):
    night = verdicts["016-flagged"]
    assert (night.flags, night.verdict) == (["night-sailing"], "go")


def test_page_defines_its_verdicts_and_counts_each(tmp_path):
    write_tree(tmp_path, VERDICTS)
    portfolio = load_portfolio(tmp_path, ["specs"])
    page = rollout_page(portfolio, find_readiness(portfolio), "portfolio/rollout.md")
    assert "2 GO · 2 NO-GO · 3 not assessed, of 7 features." in page
    for line in DEFINITION:
        assert f"- {line}" in page
    silent = next(row for row in page.split("\n") if row.startswith("| [012-silent]"))
    assert ">not assessed</span>" in silent and silent.endswith(f"| {SILENT} |")
    assert f"Not assessed: {SILENT}." in page
