"""A small portfolio in both layouts, written for these tests (not copied from any template)."""

SPECS = {
    "specs/001-kite-rental/spec.md": """
        # Feature Specification: Kite rental

        **Feature Branch**: `001-kite-rental`
        **Created**: 2026-02-03
        **Status**: Approved
        **Priority**: P1

        Read the [plan](./plan.md), the [API](contracts/rental-api.yaml), the
        [events schema](contracts/events/rental.schema.json), the [sibling](../002-wind-alerts/spec.md),
        the [absolute spec](/specs/002-wind-alerts/spec.md) and the
        [epic](plans/ops/fleet/FLEET-1/exec-plan.md).
        """,
    "specs/001-kite-rental/plan.md": """
        # Implementation Plan: Kite rental

        **Branch**: `001-kite-rental` | **Date**: 2026-02-10 | **Spec**: [spec.md](spec.md)

        ## Summary

        Rent kites by the hour.
        """,
    "specs/001-kite-rental/research.md": "# Research: Kite rental\n",
    "specs/001-kite-rental/data-model.md": "# Data Model: Kite rental\n",
    "specs/001-kite-rental/quickstart.md": "# Quickstart: Kite rental\n",
    "specs/001-kite-rental/tasks.md": "# Tasks: Kite rental\n\n- [x] T001 Set up\n- [ ] T002 Build\n",
    "specs/001-kite-rental/contracts/rental-api.yaml": "openapi: 3.1.0\ninfo:\n  title: Rental\n",
    "specs/001-kite-rental/contracts/events/rental.schema.json": '{"type": "object"}\n',
    "specs/001-kite-rental/checklists/requirements.md": "# Checklist\n\n- [x] CHK001 Done\n",
    "specs/001-kite-rental/PROGRESS.md": "# Progress log\n",
    "specs/002-wind-alerts/spec.md": """
        ---
        title: Wind alerts
        status: Draft
        ---
        # Feature Specification: ignored because front matter names the title
        """,
    "specs/002-wind-alerts.md": "# Wind alerts in one page\n\n> Status: Implemented\n",
    "specs/20260301-120000-board-sizing/plan.md": "# Implementation Plan: Board sizing\n",
    "specs/README.md": "# About our specs\n",
    "plans/ops/fleet/FLEET-1/exec-plan.md": """
        # Execution Plan: Fleet tracking

        This epic delivers FLEET-1-GPS first, then FLEET-1-DOCK.
        """,
    "plans/ops/fleet/FLEET-1/design/index.md": "# Design Index: Fleet tracking\n\nFLEET-1-GPS owns `Position`.\n",
    "plans/ops/fleet/FLEET-1/features/FLEET-1-GPS/spec.md": """
        # Feature Specification: GPS beacons

        **Status**: Draft

        Part of the [epic](../../exec-plan.md).
        """,
    "plans/ops/fleet/FLEET-1/features/FLEET-1-GPS/impl-plan.md": "# Implementation Plan: GPS beacons\n",
    "plans/ops/fleet/FLEET-1/features/FLEET-1-DOCK/spec.md": "# Feature Specification: Docking\n",
    "plans/shop/web/SHOP-3/exec-plan.md": "# Execution Plan: Shop\n",
    ".specify/memory/constitution.md": "# Kite Co Constitution\n",
    ".specify/templates/plan-template.md": "# Implementation Plan: [FEATURE]\n",
}
