"""Wrong-actor cases for the funding services (run by tests/test_service_rules.py).

Each case builds data with which the call would succeed for the right actor (so only the rule
can refuse it), in Kreis A, and names an actor who may not use the service: a role that never
may, or the same role in Kreis B.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pik.core.roles import Role
from pik.funding.models import Budget, RuleVersion
from pik.orgs.models import Gemeinde
from tests.funding import factories
from tests.funding.wrong_actor_proofs import CASES as PROOF_CASES

SYSTEM = {
    "notice_store_pdf": "the background job stores the rendered notice (no person renders one)",
    "notice_requeue_missing": "the periodic check queues lost notices again (a system step)",
}


def _contingents(world: Any) -> Any:
    im = factories.programme("im")
    factories.contingents(im)
    return im


def _applicant_a(world: Any) -> dict[str, Any]:
    im = _contingents(world)
    return {"programme": im, "applicant": factories.applicant(im, [world.gemeinde_a])}


def _pooling_a(world: Any) -> dict[str, Any]:
    """A pooling proposed in Kreis A: Böblingen (lead) with Aidlingen, nobody has agreed yet."""
    im = _contingents(world)
    members = [world.gemeinde_a, Gemeinde.objects.get(ags="08115001")]
    return {
        "applicant": factories.applicant(im, members, kind="pooling", lead=members[0]),
    }


def _staff_draft(world: Any, member: Any) -> Any:
    """A 2020 draft of Gemeinde Böblingen (Kreis A) by its own administration, complete."""
    im = _contingents(world)
    author = member(Role.GEMEINDE_ADMIN, "a")
    return factories.draft(im, factories.applicant(im, [world.gemeinde_a]), author)


def _digital_draft(world: Any, member: Any) -> Any:
    """A 2021 digital-tool draft of the Kreis A (Landratsamt) by its coordinator."""
    digital = factories.programme("digital")
    applicant = factories.applicant(digital, [world.gemeinde_a], kind="kreis", kreis=world.kreis_a)
    return factories.draft(
        digital, applicant, member(Role.KREIS_COORDINATOR, "a"), year=2021, positions=()
    )


def _rule_version_fields(world: Any) -> dict[str, Any]:
    im = factories.programme("im")
    base = RuleVersion.objects.filter(programme=im).order_by("-effective_from").first()
    fields = {
        f.name: getattr(base, f.name)
        for f in RuleVersion._meta.concrete_fields
        if f.name not in ("id", "programme", "created_at", "updated_at", "name", "effective_from")
    }
    return {
        "programme": im,
        "name": "VwV 2030 (Test)",
        "effective_from": dt.date(2030, 1, 1),
        **fields,
    }


CASES = {
    # Rule versions come with the reference data: not even the RPS head enters them.
    "rule_version_create": lambda world, member: {
        **_rule_version_fields(world),
        "actor": member(Role.RPS_HEAD),
    },
    # The RPS reads the budgets, only the ministry sets them.
    "budget_set_total": lambda world, member: {
        "budget": Budget.objects.get(programme=factories.programme("im"), year=2020),
        "total": "71.000.000,00",
        "actor": member(Role.RPS_HEAD),
    },
    # A Gemeinde may not read in the persons of every Gemeinde.
    "contingents_import": lambda world, member: {
        "programme": factories.programme("im"),
        "year": 2020,
        "data": factories.persons_csv(factories.PERSONS),
        "filename": "personen.csv",
        "actor": member(Role.GEMEINDE_ADMIN, "a"),
    },
    # A Kreis coordinator may not split the state's budget over the contingents.
    "contingents_split_budget": lambda world, member: {
        "programme": _contingents(world),
        "budget": Budget.objects.get(programme=factories.programme("im"), year=2020),
        "actor": member(Role.KREIS_COORDINATOR, "a"),
    },
    # The administration of a Gemeinde in Kreis B may not make Böblingen an applicant.
    "applicant_create": lambda world, member: {
        "programme": _contingents(world),
        "kind": "gemeinde",
        "members": [world.gemeinde_a],
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # … nor apply for it.
    "application_create": lambda world, member: {
        **_applicant_a(world),
        "year": 2020,
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # … nor submit its complete draft.
    "application_transition": lambda world, member: {
        "application": _staff_draft(world, member),
        "action": "submit",
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # The RPS case worker responsible for Kreis A does not write the applicant's positions.
    "position_add": lambda world, member: {
        "application": _staff_draft(world, member),
        "person_name": "Eva Roth",
        "qualification": "university",
        "share": Decimal("0.50"),
        "start_date": dt.date(2020, 9, 1),
        "months": 12,
        "actor": member(Role.RPS_CASE_WORKER, "a"),
    },
    "position_remove": lambda world, member: {
        "position": _staff_draft(world, member).positions.first(),
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    "attachment_add": lambda world, member: {
        "application": _staff_draft(world, member),
        "upload": factories.pdf_upload(),
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # Only Böblingen's own administration agrees for Böblingen, not Esslingen's.
    "pooling_confirm": lambda world, member: {
        **_pooling_a(world),
        "gemeinde": world.gemeinde_a,
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # The RPS case worker of Kreis B does not record agreements to a pooling led in Kreis A.
    "pooling_record_agreement": lambda world, member: {
        **_pooling_a(world),
        "gemeinde": world.gemeinde_a,
        "upload": factories.pdf_upload(),
        "actor": member(Role.RPS_CASE_WORKER, "b"),
    },
    # The coordinator of Kreis B does not describe Kreis A's tool.
    "digital_details_set": lambda world, member: {
        "application": _digital_draft(world, member),
        "tool_name": "Fallakte",
        "tool_description": "Fallarbeit",
        "tool_costs": "48.500,00",
        "access_granted": [],
        "access_confirmed": True,
        "actor": member(Role.KREIS_COORDINATOR, "b"),
    },
    **PROOF_CASES,
}
