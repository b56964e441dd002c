"""Money typed into funding forms and shown on its pages: German notation, never a guess."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from pik.core.numbers import format_number
from pik.core.roles import Role
from pik.funding.models import Budget
from tests.funding.factories import step


def _budget(im) -> Budget:
    return Budget.objects.filter(programme=im).order_by("year").first()


def test_budget_form_saves_58_000_as_58000(im, member, client) -> None:
    budget = _budget(im)
    client.force_login(member(Role.MINISTRY))
    response = client.post(reverse("funding:budget_edit", args=[budget.pk]), {"total": "58.000"})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.total == Decimal("58000.00")
    page = client.get(reverse("funding:budget_overview")).content.decode()
    assert "58.000,00\xa0€" in page


def test_budget_form_refuses_58_00_with_the_format_hint(im, member, client) -> None:
    budget = _budget(im)
    before = budget.total
    client.force_login(member(Role.MINISTRY))
    response = client.post(reverse("funding:budget_edit", args=[budget.pk]), {"total": "58.00"})
    assert response.status_code == 200
    assert "Bitte geben Sie den Betrag im Format 58.000,00 ein." in response.content.decode()
    budget.refresh_from_db()
    assert budget.total == before


def test_budget_form_prefills_german_two_places(im, member, client) -> None:
    budget = _budget(im)
    Budget.objects.filter(pk=budget.pk).update(total=Decimal("179000.00"))
    client.force_login(member(Role.MINISTRY))
    page = client.get(reverse("funding:budget_edit", args=[budget.pk])).content.decode()
    assert 'value="179.000,00"' in page


def test_english_ui_shows_english_money(im, member, client) -> None:
    budget = _budget(im)
    Budget.objects.filter(pk=budget.pk).update(total=Decimal("58000.00"))
    client.force_login(member(Role.MINISTRY))
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("funding:budget_overview"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "€58,000.00" in page


def test_application_page_shows_amounts_shares_and_prefill_in_german(draft, actors, client) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    client.force_login(actors["case_worker_a"])
    url = reverse("funding:application_detail", args=[draft.pk])
    page = client.get(url + "?schritt=propose_approval").content.decode()  # the step chosen
    german = format_number(draft.requested_amount, 2, language="de")
    assert f"{german}\xa0€" in page  # shown: 179.000,00 €
    assert f'value="{german}"' in page  # prefilled for the proposal: 179.000,00
    assert str(draft.requested_amount) not in page  # never 179000.00
    assert ">0,50<" in page and ">1,00<" in page  # shares


def test_case_worker_proposal_refuses_ambiguous_amount(draft, actors, client) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    client.force_login(actors["case_worker_a"])
    url = reverse("funding:application_step", args=[draft.pk])
    data = {"action": "propose_approval", "amount": "170.00", "version": draft.version}
    response = client.post(url, data, follow=True)
    assert "Bitte geben Sie den Betrag im Format 58.000,00 ein." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "in_review"
    client.post(url, {**data, "amount": "170.000"})
    draft.refresh_from_db()
    assert draft.approved_amount == Decimal("170000.00")
