"""Repayment claims: base rates as data, four eyes, the notice, part payments in the ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.loader import render_to_string

from pik.core import audit
from pik.core.roles import Role
from pik.funding import documents, ledger, selectors, services
from pik.funding.models import BaseRate, Budget, LedgerEntry, RepaymentClaim, RepaymentPayment
from pik.funding.tasks import repayment_notice_render
from tests.funding import factories, proof_factories
from tests.funding.test_interest import RATES

C = RepaymentClaim.Status
K = LedgerEntry.Kind
d = dt.date


@pytest.fixture
def granted(draft, actors):  # type: ignore[no-untyped-def]
    """Böblingen's 2020 grant (179,000.00 bound), of which 100,000.00 paid out."""
    application = factories.approved(draft, actors)
    factories.book_payment(application, D("100000.00"))
    return application


def _issued(granted, actors, **kw) -> RepaymentClaim:  # type: ignore[no-untyped-def]
    claim = factories.repayment(granted, actors["case_worker_a"], **kw)
    return services.repayment_transition(claim=claim, action="issue", actor=actors["head"])


def test_the_base_rates_come_as_data(im) -> None:  # type: ignore[no-untyped-def]
    assert selectors.base_rate_table() == RATES  # the published table, as written out there


def test_the_ministry_adds_the_next_base_rate(im, member) -> None:  # type: ignore[no-untyped-def]
    ministry = member(Role.MINISTRY)
    entry = services.base_rate_add(valid_from=d(2026, 1, 1), rate=D("1.27"), actor=ministry)
    assert entry.claim_rate == D("6.27") and entry.created_by == ministry
    assert audit.events_for(entry).filter(action="base_rate.add").exists()


@pytest.mark.parametrize(
    ("valid_from", "rate", "message"),
    [
        (d(2025, 7, 1), "1.30", "bereits ein Basiszinssatz eingetragen"),  # duplicate
        (d(2022, 7, 1), "-0.88", "überschneidet sich"),  # inside a period already in force
        (d(2026, 3, 1), "1.00", "1. Januar und zum 1. Juli"),
        (d(2026, 1, 1), "-5.00", "über −5 %"),
    ],
)
def test_a_base_rate_that_overlaps_is_refused_in_german(  # type: ignore[no-untyped-def]
    im, member, valid_from, rate, message
) -> None:
    before = BaseRate.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.base_rate_add(valid_from=valid_from, rate=D(rate), actor=member(Role.MINISTRY))
    assert message in " ".join(caught.value.messages)
    assert BaseRate.objects.count() == before


def test_a_claim_is_issued_by_a_second_person(granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = factories.repayment(granted, actors["case_worker_a"])
    assert claim.status == C.PROPOSED and claim.amount == D("10000.00")
    with pytest.raises(ValidationError, match="Vier-Augen"):
        services.repayment_transition(claim=claim, action="issue", actor=actors["case_worker_a"])
    claim = services.repayment_transition(
        claim=claim, action="issue", actor=actors["case_worker_a2"]
    )
    assert claim.status == C.ISSUED and claim.decided_by == actors["case_worker_a2"]
    assert audit.events_for(claim).filter(action="repayment.issue").exists()


def test_a_claim_above_what_was_paid_is_refused(granted, actors) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="höchstens 100.000,00"):
        factories.repayment(granted, actors["case_worker_a"], amount="100.000,01")
    factories.repayment(granted, actors["case_worker_a"], amount="60.000,00")
    with pytest.raises(ValidationError, match="bereits zurückgefordert 60.000,00"):
        factories.repayment(granted, actors["case_worker_a"], amount="40.000,01")
    assert RepaymentClaim.objects.count() == 1


def test_a_claim_needs_a_grant(draft, actors) -> None:  # type: ignore[no-untyped-def]
    factories.to_proposed(draft, actors)
    with pytest.raises(ValidationError, match="nur zu einem bewilligten Antrag"):
        factories.repayment(draft, actors["case_worker_a"])


def test_part_payments_are_booked_back_and_release_the_budget(granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = _issued(granted, actors)  # 10,000.00 due 01.01.2025
    budget = Budget.objects.get(programme=granted.programme, year=2020)
    free_before = ledger.balances(budget).free
    first = services.repayment_payment_record(
        claim=claim, received_on=d(2025, 3, 1), amount="4.000,00", actor=actors["case_worker_a"]
    )
    assert (first.principal, first.interest) == (D("4000.00"), D("0.00"))
    committed = sum(
        (e.amount if e.kind == K.COMMITMENT else -e.amount)
        for e in LedgerEntry.objects.filter(application=granted, kind__in=(K.COMMITMENT, K.RELEASE))
    )
    assert (ledger.paid_of(application=granted), committed) == (D("96000.00"), D("175000.00"))
    assert ledger.balances(budget).free == free_before + D("4000.00")
    # The rest on 01.05.2025: 6,000.00 and the interest of tests/funding/test_interest.py
    # (10,000 for 59 days, 6,000 for 61 days at 7.27 %: 190.41).
    view = selectors.repayment_page(user=actors["head"], pk=claim.pk, on=d(2025, 4, 30))
    assert (view.statement.total, view.open_total) == (D("190.41"), D("6190.41"))
    last = services.repayment_payment_record(
        claim=claim, received_on=d(2025, 5, 1), amount="6.190,41", actor=actors["head"]
    )
    assert (last.principal, last.interest) == (D("6000.00"), D("190.41"))
    claim.refresh_from_db()
    assert claim.status == C.SETTLED
    # Interest is the state's revenue, not the programme's: only the principal is booked back.
    entries = LedgerEntry.objects.filter(application=granted, kind__in=(K.REPAYMENT, K.RELEASE))
    assert sorted(e.amount for e in entries) == [D("4000.00")] * 2 + [D("6000.00")] * 2
    assert ledger.balances(budget).free == free_before + D("10000.00")
    assert audit.events_for(claim).filter(action="repayment.settle").exists()


def test_a_payment_above_what_is_owed_changes_nothing(granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = _issued(granted, actors, amount="1.000,00", due_date=d(2025, 3, 1))
    with pytest.raises(ValidationError, match="übersteigt die offene Forderung"):
        services.repayment_payment_record(
            claim=claim, received_on=d(2025, 3, 1), amount="1.000,01", actor=actors["head"]
        )
    assert not RepaymentPayment.objects.exists()
    assert not LedgerEntry.objects.filter(kind=K.REPAYMENT).exists()


def test_payments_are_recorded_in_order_and_not_in_the_future(granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = _issued(granted, actors)
    services.repayment_payment_record(
        claim=claim, received_on=d(2025, 6, 1), amount="100,00", actor=actors["head"]
    )
    with pytest.raises(ValidationError, match="zeitlicher Reihenfolge"):
        services.repayment_payment_record(
            claim=claim, received_on=d(2025, 5, 1), amount="100,00", actor=actors["head"]
        )
    with pytest.raises(ValidationError, match="Zukunft"):
        services.repayment_payment_record(
            claim=claim,
            received_on=dt.date.today() + dt.timedelta(days=1),  # noqa: DTZ011
            amount="100,00",
            actor=actors["head"],
        )


def test_a_repayment_that_would_make_the_ledger_negative_is_refused(granted, actors) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ledger.LedgerNegative, match="ins Minus"):
        ledger.repay(application=granted, amount=D("100000.01"), actor=actors["head"])
    assert not LedgerEntry.objects.filter(kind__in=(K.REPAYMENT, K.RELEASE)).exists()
    with pytest.raises(PermissionDenied):
        ledger.repay(application=granted, amount=D("1.00"), actor=actors["gemeinde_a"])


def test_the_applicant_sees_an_issued_claim_never_a_proposal(granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = factories.repayment(granted, actors["case_worker_a"])
    with pytest.raises(Http404):
        selectors.repayment_get(user=actors["gemeinde_a"], pk=claim.pk)
    assert selectors.repayments_of(user=actors["gemeinde_a"], application=granted) == []
    services.repayment_transition(claim=claim, action="issue", actor=actors["head"])
    assert selectors.repayment_get(user=actors["gemeinde_a"], pk=claim.pk) == claim
    with pytest.raises(Http404):
        selectors.repayment_get(user=actors["gemeinde_b"], pk=claim.pk)


def test_the_notice_states_principal_interest_periods_convention_and_court(  # type: ignore[no-untyped-def]
    granted, actors
) -> None:
    claim = _issued(granted, actors, due_date=d(2024, 12, 1))
    RepaymentClaim.objects.filter(pk=claim.pk).update(
        decided_at=dt.datetime(2025, 1, 31, 12, tzinfo=dt.UTC)
    )
    context = documents.repayment_context(claim_id=claim.pk)
    text = " ".join(render_to_string("funding/pdf/repayment_notice.html", context).split())
    # 10,000.00 from 01.12.2024 to 31.01.2025 inclusive:
    #   31 days at 8.37 %, leap year: 837 x 31 / 366 = 25,947 / 366 = 70.8934
    #   31 days at 7.27 %:            727 x 31 / 365 = 22,537 / 365 = 61.7452
    #   total 132.6386… → 132.64
    assert "01.12.2024 – 31.12.2024" in text and "01.01.2025 – 31.01.2025" in text
    assert 'Zinsen bis einschließlich 31.01.2025</td><td class="num">132,64' in text
    assert "in Höhe von <strong>10.000,00 EUR</strong>" in text
    assert "act/act" in text and "Schaltjahren / 366" in text
    assert "Klage beim Verwaltungsgericht Stuttgart, Augustenstraße 5, 70178 Stuttgart" in text


def test_the_notice_is_rendered_and_stored_once(granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = _issued(granted, actors)
    assert repayment_notice_render.call(claim_id=claim.pk) > 0
    claim.refresh_from_db()
    assert claim.pdf.read().startswith(b"%PDF")
    assert repayment_notice_render.call(claim_id=claim.pk) == 0


def test_a_final_proof_with_underspend_starts_the_claim_prefilled(world, member) -> None:  # type: ignore[no-untyped-def]
    application, author = proof_factories.staff_approved(world, member)
    factories.book_payment(application, D("179000.00"))
    proof = proof_factories.fill_final(application, author)  # eligible 166,250.00
    services.proof_transition(proof=proof, action="submit", actor=author)
    case_worker = member(Role.RPS_CASE_WORKER, "a")
    services.proof_finding_add(
        proof=proof, text="Stelle Keller ab 01/2022 frei.", actor=case_worker
    )
    services.proof_transition(proof=proof, action="claim_repayment", actor=case_worker)
    assert selectors.proof_view(user=case_worker, pk=proof.pk).may_claim_repayment
    page = selectors.repayment_new_page(
        user=case_worker, application_pk=application.pk, proof_pk=proof.pk
    )
    assert page.initial["amount"] == D("12750.00") and page.initial["proof"] == proof.pk
    assert "nur 166.250,00" in page.initial["explanation"]
    fields = {k: page.initial[k] for k in ("reason", "explanation", "amount", "due_date")}
    claim = services.repayment_propose(
        application=application, proof=proof, actor=case_worker, **fields
    )
    assert (claim.proof, claim.amount) == (proof, D("12750.00"))
    with pytest.raises(ValidationError, match="bereits eine Rückforderung"):
        services.repayment_propose(
            application=application, proof=proof, actor=case_worker, **fields
        )
    assert not selectors.proof_view(user=case_worker, pk=proof.pk).may_claim_repayment
    # Only a final proof with a repayment found starts a claim.
    RepaymentClaim.objects.filter(pk=claim.pk).update(status=C.DISCARDED)
    type(proof).objects.filter(pk=proof.pk).update(status=proof.Status.ACCEPTED)
    with pytest.raises(ValidationError, match="nur auf einen geprüften Endnachweis"):
        services.repayment_propose(
            application=application, proof=proof, actor=case_worker, **fields
        )
