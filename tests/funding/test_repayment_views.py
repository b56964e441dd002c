"""The repayment pages: German forms that keep what was typed, the claim page, the base rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import BaseRate, RepaymentClaim
from tests.funding import factories


@pytest.fixture
def granted(draft, actors):  # type: ignore[no-untyped-def]
    application = factories.approved(draft, actors)
    factories.book_payment(application, D("100000.00"))
    return application


def test_the_ministry_enters_a_base_rate_and_sees_an_overlap_refused(client, im, member) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member(Role.MINISTRY))
    url = reverse("funding:base_rates")
    page = client.post(url, {"valid_from": "2022-07-01", "rate": "-0,88"})
    text = page.content.decode()
    assert page.status_code == 200 and "überschneidet sich" in text
    assert 'value="-0,88"' in text  # what was typed is kept
    response = client.post(url, {"valid_from": "2026-01-01", "rate": "1,27"})
    assert response.status_code == 302
    assert BaseRate.objects.get(valid_from=dt.date(2026, 1, 1)).rate == D("1.27")
    assert "6,27" in client.get(url).content.decode()


def test_the_rps_reads_the_base_rates_but_adds_none(client, im, member) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member(Role.RPS_HEAD))
    url = reverse("funding:base_rates")
    page = client.get(url).content.decode()
    assert "−0,88" in page or "-0,88" in page
    assert "Neuen Basiszinssatz eintragen" not in page
    assert client.post(url, {"valid_from": "2026-01-01", "rate": "1,27"}).status_code == 403
    assert not BaseRate.objects.filter(valid_from=dt.date(2026, 1, 1)).exists()


def test_the_case_worker_proposes_a_claim_prefilled_with_what_may_be_claimed(  # type: ignore[no-untyped-def]
    client, granted, actors
) -> None:
    client.force_login(actors["case_worker_a"])
    url = reverse("funding:repayment_new", kwargs={"pk": granted.pk})
    assert 'value="100.000,00"' in client.get(url).content.decode()
    data = {
        "reason": "not_used",
        "explanation": "Stelle Keller ab 01.07.2021 unbesetzt.",
        "amount": "100.000,01",
        "due_date": "2025-01-01",
    }
    page = client.post(url, data).content.decode()
    assert "übersteigt" in page and "Stelle Keller ab 01.07.2021 unbesetzt." in page
    response = client.post(url, {**data, "amount": "12.345,67"})
    claim = RepaymentClaim.objects.get()
    assert response.status_code == 302 and claim.amount == D("12345.67")
    detail = client.get(reverse("funding:repayment_detail", kwargs={"pk": claim.pk}))
    assert "Zinsberechnung" in detail.content.decode()
    assert "Rückforderung festsetzen" not in detail.content.decode()  # four eyes: not the proposer


def test_a_payment_on_the_claim_page_is_booked(client, granted, actors) -> None:  # type: ignore[no-untyped-def]
    claim = factories.repayment(granted, actors["case_worker_a"], amount="1.000,00")
    services.repayment_transition(claim=claim, action="issue", actor=actors["head"])
    client.force_login(actors["case_worker_a"])
    url = reverse("funding:repayment_payment", kwargs={"pk": claim.pk})
    client.post(url, {"received_on": "2025-01-01", "amount": "1.000,00"})
    claim.refresh_from_db()
    assert claim.status == RepaymentClaim.Status.SETTLED
    page = client.get(reverse("funding:repayment_detail", kwargs={"pk": claim.pk}))
    assert "beglichen" in page.content.decode()
