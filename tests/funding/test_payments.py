"""Payment requests, four-eyes release, batches and the ledger after booking."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from pik.core.workflow import TransitionNotAllowed
from pik.funding import exports, ledger, selectors, services
from pik.funding.models import Applicant, Budget, LedgerEntry, PaymentBatch, PaymentRequest
from tests.funding.payments import file, issued, released

P = PaymentRequest.Status
PRELIMINARY, FINAL = PaymentRequest.Basis.PRELIMINARY, PaymentRequest.Basis.FINAL
# The draft's grant: 179,000.00 EUR (Sara Nouri 128,000.00 from 03/2020, Jan Keller 51,000.00
# from 07/2020, 24 months each), by months per year:
# 2020: 53,333.33 + 12,750.00; 2021: 64,000.00 + 25,500.00; 2022: 10,666.67 + 12,750.00.
PER_YEAR = {
    2020: Decimal("66083.33"),
    2021: Decimal("89500.00"),
    2022: Decimal("23416.67"),
}


@pytest.fixture
def grant(draft, actors):
    return issued(draft, actors)


def test_approval_binds_per_budget_year_exactly(draft, actors) -> None:
    Budget.objects.create(programme=draft.programme, year=2022, total=Decimal("1000000.00"))
    grant = issued(draft, actors)
    entries = LedgerEntry.objects.filter(application=grant, kind="commitment")
    assert {e.budget.year: e.amount for e in entries} == PER_YEAR
    assert sum(e.amount for e in entries) == grant.approved_amount == Decimal("179000.00")


def test_a_year_without_budget_row_is_bound_in_the_funding_year(grant) -> None:
    entries = {e.budget.year: e for e in LedgerEntry.objects.filter(application=grant)}
    assert entries[2020].amount == PER_YEAR[2020] + PER_YEAR[2022]
    assert entries[2021].amount == PER_YEAR[2021]
    assert "2022" in entries[2020].note and "ohne eigenen Ansatz" in entries[2020].note


def test_a_second_year_over_budget_binds_nothing(draft, actors) -> None:
    Budget.objects.filter(programme=draft.programme, year=2021).update(total=Decimal("89499.99"))
    with pytest.raises(ledger.BudgetExceeded, match=r"2021 reicht nicht.*89\.499,99"):
        issued(draft, actors)
    assert not LedgerEntry.objects.exists()


def test_a_request_on_preliminary_figures_is_capped_at_the_first_tranche(grant, actors) -> None:
    # 60 % of 89,500.00 = 53,700.00
    with pytest.raises(ValidationError) as caught:
        file(grant, actors["gemeinde_a"], amount=Decimal("53700.01"))
    message = caught.value.message_dict["amount"][0].replace("\xa0", " ")
    assert "höchstens 60 % von 89.500,00 € ausgezahlt, also 53.700,00 €" in message
    request = file(grant, actors["gemeinde_a"], amount=Decimal("53700.00"))
    assert request.number == 1 and request.year == 2021 and request.status == P.SUBMITTED


def test_a_request_above_approved_minus_requested_is_refused(grant, actors) -> None:
    file(grant, actors["gemeinde_a"], amount=Decimal("50000.00"))
    with pytest.raises(ValidationError) as caught:
        file(
            grant,
            actors["gemeinde_a"],
            amount=Decimal("39500.01"),
            basis=FINAL,
            period_start=dt.date(2021, 7, 1),
            period_end=dt.date(2021, 12, 31),
        )
    message = caught.value.message_dict["amount"][0]
    message = message.replace("\xa0", " ")
    assert "bewilligt 89.500,00 €" in message
    assert "bereits abgerufen oder ausgezahlt 50.000,00 €" in message
    assert "noch abrufbar 39.500,00 €" in message
    assert PaymentRequest.objects.count() == 1
    # exactly the rest, on final figures (the period is over)
    file(
        grant,
        actors["gemeinde_a"],
        amount=Decimal("39500.00"),
        basis=FINAL,
        period_start=dt.date(2021, 7, 1),
        period_end=dt.date(2021, 12, 31),
    )


def test_final_figures_only_after_the_period(grant, actors, monkeypatch) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2021, 6, 1))
    with pytest.raises(ValidationError, match="erst nach Ende des Zeitraums"):
        file(grant, actors["gemeinde_a"], basis=FINAL)


def test_bad_periods_and_positions(grant, actors) -> None:
    with pytest.raises(ValidationError, match="im selben Jahr"):
        file(grant, actors["gemeinde_a"], period_end=dt.date(2022, 1, 31))
    with pytest.raises(ValidationError, match="nichts bewilligt"):
        file(
            grant,
            actors["gemeinde_a"],
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2023, 1, 31),
        )
    jan = grant.positions.get(person_name="Jan Keller")
    with pytest.raises(ValidationError, match="nicht im Zeitraum"):
        file(
            grant,
            actors["gemeinde_a"],
            period_start=dt.date(2020, 3, 1),
            period_end=dt.date(2020, 5, 31),
            positions=[jan],
        )
    assert not PaymentRequest.objects.exists()


def test_only_after_the_notice_and_with_bank_details(draft, actors) -> None:
    with pytest.raises(ValidationError, match="Zuwendungsbescheid erlassen"):
        file(draft, actors["gemeinde_a"])
    grant = issued(draft, actors)
    Applicant.objects.filter(pk=grant.applicant_id).update(iban="")
    with pytest.raises(ValidationError, match="Bankverbindung"):
        file(grant, actors["gemeinde_a"])


@pytest.mark.parametrize(
    ("iban", "why"),
    [
        ("DE89 3704 0044 0532 0130 01", "Prüfziffer"),
        ("DE89 3704 0044 0532 0130", "Länge"),
        ("XX89 3704 0044 0532 0130 00", "Länge"),
    ],
)
def test_an_invalid_iban_is_refused_in_german(grant, actors, iban, why) -> None:
    with pytest.raises(ValidationError) as caught:
        services.applicant_bank_details_set(
            applicant=grant.applicant, iban=iban, account_holder="Stadt", actor=actors["gemeinde_a"]
        )
    assert why in caught.value.message_dict["iban"][0]
    grant.applicant.refresh_from_db()
    assert grant.applicant.iban == "DE89370400440532013000"


def test_the_rps_does_not_enter_a_recipients_bank_details(grant, actors) -> None:
    with pytest.raises(PermissionDenied):
        services.applicant_bank_details_set(
            applicant=grant.applicant,
            iban="DE02120300000000202051",
            account_holder="X",
            actor=actors["head"],
        )


def test_four_eyes_the_checker_cannot_release(grant, actors) -> None:
    request = file(grant, actors["gemeinde_a"])
    services.payment_request_transition(
        payment_request=request, action="check", actor=actors["case_worker_a"]
    )
    with pytest.raises(TransitionNotAllowed, match="Vier-Augen-Prinzip"):
        services.payment_request_transition(
            payment_request=request, action="release", actor=actors["case_worker_a"]
        )
    request.refresh_from_db()
    assert request.status == P.CHECKED and request.released_by is None
    services.payment_request_transition(
        payment_request=request, action="release", actor=actors["case_worker_a2"]
    )
    request.refresh_from_db()
    assert request.status == P.RELEASED and request.released_by == actors["case_worker_a2"]


def test_a_case_worker_of_another_kreis_cannot_check(grant, actors) -> None:
    request = file(grant, actors["gemeinde_a"])
    with pytest.raises(TransitionNotAllowed, match="Ihre Rolle"):
        services.payment_request_transition(
            payment_request=request, action="check", actor=actors["case_worker_b"]
        )


def test_a_rejection_needs_a_reason_and_frees_the_amount(grant, actors) -> None:
    request = file(grant, actors["gemeinde_a"], amount=Decimal("53700.00"))
    with pytest.raises(ValidationError, match="begründen"):
        services.payment_request_transition(
            payment_request=request, action="reject", actor=actors["head"]
        )
    services.payment_request_transition(
        payment_request=request, action="reject", actor=actors["head"], message="Belege fehlen."
    )
    assert ledger.requested(application=grant, year=2021) == 0
    file(grant, actors["gemeinde_a"], amount=Decimal("53700.00"))


def _batch(grant, actors) -> PaymentBatch:
    first = file(grant, actors["gemeinde_a"], amount=Decimal("12345.67"))
    released(first, actors["case_worker_a"], actors["head"])
    second = file(
        grant,
        actors["gemeinde_a"],
        amount=Decimal("20000.00"),
        period_start=dt.date(2020, 7, 1),
        period_end=dt.date(2020, 12, 31),
        basis=FINAL,
    )
    released(second, actors["head"], actors["case_worker_a"])
    return services.payment_batch_create(actor=actors["case_worker_a"])


def test_batch_exports_recipient_iban_amount_and_purpose(grant, actors) -> None:
    batch = _batch(grant, actors)
    view = selectors.payment_batch_get(user=actors["head"], pk=batch.pk)
    assert view.total == Decimal("32345.67") and len(view.requests) == 2
    text = exports.payment_batch_csv(view).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["Empfänger", "Kontoinhaber", "IBAN", "Betrag (EUR)"]
    assert rows[1][2] == "DE89370400440532013000" and rows[1][3] == "12345,67"
    assert rows[1][4].startswith(f"{grant.file_number} Mittelabruf 1 01.01.2021-30.06.2021")
    assert rows[2][3] == "20000,00"
    sheet = load_workbook(io.BytesIO(exports.payment_batch_xlsx(view))).active
    assert sheet["C2"].value == "DE89370400440532013000"
    assert Decimal(str(sheet["D2"].value)) == Decimal("12345.67")
    assert sheet["E3"].value.startswith(f"{grant.file_number} Mittelabruf 2")


def test_booking_a_batch_books_payments_once(grant, actors) -> None:
    batch = _batch(grant, actors)
    before = ledger.balances_all()
    services.payment_batch_book(batch=batch, actor=actors["head"])
    payments = {e.budget.year: e.amount for e in LedgerEntry.objects.filter(kind="payment")}
    assert payments == {2021: Decimal("12345.67"), 2020: Decimal("20000.00")}
    assert ledger.paid_of(application=grant) == Decimal("32345.67")
    after = ledger.balances_all()
    for budget in Budget.objects.filter(year__in=[2020, 2021], programme=grant.programme):
        assert after[budget.pk].paid - before[budget.pk].paid == payments[budget.year]
        assert after[budget.pk].committed == before[budget.pk].committed
    assert set(PaymentRequest.objects.values_list("status", flat=True)) == {P.PAID}
    with pytest.raises(ValidationError, match="bereits gebucht"):
        services.payment_batch_book(batch=batch, actor=actors["head"])
    assert LedgerEntry.objects.filter(kind="payment").count() == 2


def test_a_batch_needs_released_requests(grant, actors) -> None:
    file(grant, actors["gemeinde_a"])
    with pytest.raises(ValidationError, match="keine freigegebenen"):
        services.payment_batch_create(actor=actors["head"])
    assert not PaymentBatch.objects.exists()


def test_ledger_balances_all_match_the_per_budget_sums(grant) -> None:
    everything = ledger.balances_all()
    for budget in Budget.objects.all():
        assert everything[budget.pk] == ledger.balances(budget)


def test_the_digital_programme_takes_the_same_path(digital, world, member, actors) -> None:
    from pik.core.roles import Role
    from pik.funding.models import Notice
    from pik.orgs.models import Kreis
    from tests.funding.factories import PDF, step

    coordinator = actors["coordinator_a"]
    applicant = services.applicant_create(
        programme=digital,
        kind="kreis",
        kreis=Kreis.objects.get(ags="08115"),
        members=[world.gemeinde_a],
        actor=None,
    )
    application = services.application_create(
        programme=digital, applicant=applicant, year=2021, actor=coordinator
    )
    services.digital_details_set(
        application=application,
        tool_name="Fallakte",
        tool_description="Fallarbeit",
        tool_costs="48.500,00",
        access_granted=[member(Role.INTEGRATION_MANAGER, "a")],
        access_confirmed=True,
        actor=coordinator,
    )
    step(application, "submit", coordinator)
    step(application, "start_review", actors["case_worker_a"])
    step(application, "propose_approval", actors["case_worker_a"])
    step(application, "approve", actors["head"])
    services.notice_store_pdf(notice_id=Notice.objects.get(application=application).pk, pdf=PDF)
    services.applicant_bank_details_set(
        applicant=applicant,
        iban="DE02120300000000202051",
        account_holder="Landratsamt",
        actor=coordinator,
    )
    # 60 % of 48,500.00 = 29,100.00 on preliminary figures; no positions in this programme
    with pytest.raises(ValidationError, match="29"):
        file(application, coordinator, amount=Decimal("29100.01"), positions=[])
    request = file(application, coordinator, amount=Decimal("29100.00"), positions=[])
    released(request, actors["case_worker_a"], actors["head"])
    batch = services.payment_batch_create(actor=actors["head"])
    services.payment_batch_book(batch=batch, actor=actors["head"])
    budget = Budget.objects.get(programme=digital, year=2021)
    assert ledger.balances(budget).paid == Decimal("29100.00")
    assert ledger.balances(budget).committed == Decimal("48500.00")
