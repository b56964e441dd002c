"""Casework forms keep what was typed: plan text survives adding a goal, the new-client form
comes in groups with counselling starting today, the duplicate check only with a warning."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from pik.casework.models import Client, Plan
from pik.core.roles import Role
from tests.casework.factories import staff
from tests.casework.test_clients import _form


def _plan_post(record, **extra):  # type: ignore[no-untyped-def]
    plan = Plan.objects.filter(client=record).first()
    return {
        "status": "draft",
        "version": plan.version if plan else 0,
        "language_skills": "A2, Kurs ab März",
        "agreements": "Bewerbungen bis Ende des Monats",
        **extra,
    }


def test_plan_text_is_saved_with_the_goal_added(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:plan_edit", args=[record.pk])
    data = _plan_post(record, **{"goal-field": "language", "goal-description": "B1 erreichen"})
    response = client.post(url, {**data, "add_goal": "1"})
    assert response.status_code == 302
    plan = Plan.objects.get(client=record)
    assert plan.language_skills == "A2, Kurs ab März"
    assert plan.agreements == "Bewerbungen bis Ende des Monats"
    assert [g.description for g in plan.goals.all()] == ["B1 erreichen"]


def test_plan_text_is_kept_when_the_goal_has_an_error(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    url = reverse("casework:plan_edit", args=[record.pk])
    data = _plan_post(record, **{"goal-field": "language", "goal-description": ""})
    response = client.post(url, {**data, "add_goal": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "A2, Kurs ab März" in page and "Bewerbungen bis Ende des Monats" in page
    assert "pik-error-summary" in page and 'href="#id_goal-description"' in page
    assert not Plan.objects.filter(client=record).exists()  # nothing half-saved


def test_new_client_form_in_groups_counselling_starts_today(client, im) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    page = client.get(reverse("casework:client_create")).content.decode()
    for legend in ("Person", "Wohnen und Aufenthalt", "Kontakt", "Beratung"):
        assert f'<legend class="kern-heading-small">{legend}</legend>' in page
    assert (
        f'name="counselling_start" class="kern-form-input__input" value="{timezone.localdate():%Y-%m-%d}"'
        in page
    )
    assert 'name="confirm_duplicate"' not in page  # no warning, no check
    assert "Felder mit * müssen ausgefüllt werden." in page
    assert '<span class="pik-required" aria-hidden="true"> *</span>' in page  # `required` says it


def test_duplicate_check_appears_with_the_warning_and_values_are_kept(
    client, im, record_with_plan, world
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff(Role.INTEGRATION_MANAGER, world.kreis_a))
    response = client.post(reverse("casework:client_create"), _form(phone="0711 98765"))
    page = response.content.decode()
    assert "Mögliche Doppelerfassung" in page and 'name="confirm_duplicate"' in page
    assert 'value="0711 98765"' in page and 'value="Mohamad"' in page
    assert "pik-error-summary" in page
    assert Client.objects.count() == 1


def test_client_list_counts_in_german_plural(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    page = client.get(reverse("casework:client_list")).content.decode()
    assert "1 Akte ·" in page and "1 Akten" not in page
