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
from pik.funding import services
from pik.funding.models import Budget, RuleVersion
from pik.orgs.models import Gemeinde
from tests.funding import factories
from tests.funding.wrong_actor_proofs import CASES as PROOF_CASES

SYSTEM = {
    "notice_store_pdf": "the background job stores the rendered notice (no person renders one)",
    "notice_requeue_missing": "the periodic check queues lost notices again (a system step)",
    "repayment_store_pdf": "the background job stores the rendered repayment notice",
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


def _granted(world: Any, member: Any) -> Any:
    """Böblingen's 2020 grant (Kreis A), approved by the head, 100,000.00 paid out."""
    im = _contingents(world)
    actors = {
        "gemeinde_a": member(Role.GEMEINDE_ADMIN, "a"),
        "case_worker_a": member(Role.RPS_CASE_WORKER, "a"),
        "head": member(Role.RPS_HEAD),
    }
    draft = factories.draft(im, factories.applicant(im, [world.gemeinde_a]), actors["gemeinde_a"])
    application = factories.approved(draft, actors)
    factories.book_payment(application, Decimal("100000.00"))
    return application, actors


def _proposed_claim(world: Any, member: Any) -> Any:
    application, actors = _granted(world, member)
    return factories.repayment(application, actors["case_worker_a"])


def _issued_claim(world: Any, member: Any) -> Any:
    application, actors = _granted(world, member)
    claim = factories.repayment(application, actors["case_worker_a"])
    return services.repayment_transition(claim=claim, action="issue", actor=actors["head"])


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


def _grant(world: Any, member: Any) -> Any:
    """Böblingen's 2020 grant with its notice issued and its IBAN entered."""
    from tests.funding.payments import issued

    actors = {
        "gemeinde_a": member(Role.GEMEINDE_ADMIN, "a"),
        "case_worker_a": member(Role.RPS_CASE_WORKER, "a"),
        "head": member(Role.RPS_HEAD),
    }
    return issued(_staff_draft(world, member), actors), actors


def _request(world: Any, member: Any, *, release: bool = False) -> Any:
    """A request filed on that grant (``release``: checked and released by two RPS persons)."""
    from tests.funding.payments import file, released

    grant, actors = _grant(world, member)
    request = file(grant, actors["gemeinde_a"])
    if release:
        released(request, actors["case_worker_a"], actors["head"])
    return request


def _batch(world: Any, member: Any) -> Any:
    from pik.funding import services

    _request(world, member, release=True)
    return services.payment_batch_create(actor=member(Role.RPS_HEAD))


CASES = {
    # The RPS reads the base rates; only the ministry enters a new one.
    "base_rate_add": lambda world, member: {
        "valid_from": dt.date(2026, 1, 1),
        "rate": Decimal("1.27"),
        "actor": member(Role.RPS_HEAD),
    },
    # The case worker responsible for Kreis B does not claim money back from Kreis A.
    "repayment_propose": lambda world, member: {
        "application": _granted(world, member)[0],
        "reason": "not_used",
        "explanation": "Stelle unbesetzt.",
        "amount": "1.000,00",
        "due_date": dt.date(2025, 1, 1),
        "actor": member(Role.RPS_CASE_WORKER, "b"),
    },
    # The applicant does not issue the claim against itself (nor does anyone outside the RPS).
    "repayment_transition": lambda world, member: {
        "claim": _proposed_claim(world, member),
        "action": "issue",
        "actor": member(Role.GEMEINDE_ADMIN, "a"),
    },
    # Payments received are recorded by the RPS, not by the paying Gemeinde.
    "repayment_payment_record": lambda world, member: {
        "claim": _issued_claim(world, member),
        "received_on": dt.date(2025, 3, 1),
        "amount": "1.000,00",
        "actor": member(Role.GEMEINDE_ADMIN, "a"),
    },
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
    # The RPS does not enter where a recipient's money goes (only its own administration does).
    "applicant_bank_details_set": lambda world, member: {
        "applicant": _applicant_a(world)["applicant"],
        "iban": "DE89 3704 0044 0532 0130 00",
        "account_holder": "Stadtkasse Böblingen",
        "actor": member(Role.RPS_HEAD),
    },
    # Esslingen's administration does not request Böblingen's money.
    "payment_request_file": lambda world, member: {
        "application": _grant(world, member)[0],
        "amount": Decimal("1000.00"),
        "period_start": dt.date(2021, 1, 1),
        "period_end": dt.date(2021, 3, 31),
        "basis": "preliminary",
        "positions": [],
        "actor": member(Role.GEMEINDE_ADMIN, "b"),
    },
    # The case worker of Kreis B does not check a request from Kreis A.
    "payment_request_transition": lambda world, member: {
        "payment_request": _request(world, member),
        "action": "check",
        "actor": member(Role.RPS_CASE_WORKER, "b"),
    },
    # The auditors read batches; they never make one.
    "payment_batch_create": lambda world, member: (
        _request(world, member, release=True) and {"actor": member(Role.AUDITOR)}
    ),
    # Nor does the recipient book its own payment.
    "payment_batch_book": lambda world, member: {
        "batch": _batch(world, member),
        "actor": member(Role.GEMEINDE_ADMIN, "a"),
    },
    **PROOF_CASES,
}


def _with_feed(member: Any) -> Any:
    from pik.funding import services

    user = member(Role.GEMEINDE_ADMIN, "a")
    services.calendar_feed_create(user=user, actor=user)
    return user


CASES.update(
    {
        # A secret calendar link is made and revoked by its own user, not by a colleague.
        "calendar_feed_create": lambda world, member: {
            "user": member(Role.GEMEINDE_ADMIN, "a"),
            "actor": member(Role.GEMEINDE_ADMIN, "a"),
        },
        "calendar_feed_revoke": lambda world, member: {
            "user": _with_feed(member),
            "actor": member(Role.RPS_HEAD),
        },
        # Reminders go out from the daily job only, not at a person's request.
        "deadline_reminders_send": lambda world, member: {
            "today": dt.date(2020, 3, 1),
            "actor": member(Role.RPS_HEAD),
        },
    }
)
