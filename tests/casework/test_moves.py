"""Moves of a record: handover within the Kreis (any employer there, the recipient accepts or
declines), transfer to another Kreis (consent, the receiving coordinator accepts)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pik.casework import selectors, services
from pik.casework.models import Consent, Handover
from pik.core.roles import Role
from tests.casework.factories import (
    give_consent,
    staff,
)

TODAY = timezone.localdate


def test_handover_to_other_employer_in_kreis_is_accepted(im, record, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_a)
    task = services.task_create(
        title="Anruf", due_on=TODAY(), assigned_to=im, client=record, actor=im
    )
    handover = services.handover_request(client=record, to_user=other, note="Umzug", actor=im)
    # Until accepted, the record stays with the sender; the recipient sees only the handover.
    with pytest.raises(Http404):
        selectors.client_get(user=other, pk=record.pk)
    assert list(selectors.handovers_for_me(user=other)) == [handover]
    with pytest.raises(ValidationError, match="Rolle"):
        services.handover_accept(handover=handover, actor=im)
    services.handover_accept(handover=handover, actor=other)
    record.refresh_from_db()
    task.refresh_from_db()
    assert record.responsible == other and task.assigned_to == other
    assert selectors.client_get(user=other, pk=record.pk) == record
    with pytest.raises(Http404):
        selectors.client_get(user=im, pk=record.pk)


def test_handover_outside_the_kreis_is_refused(im, record, world) -> None:  # type: ignore[no-untyped-def]
    outsider = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    with pytest.raises(ValidationError, match="selben Kreis"):
        services.handover_request(client=record, to_user=outsider, actor=im)
    assert not Handover.objects.exists()


def test_declined_handover_leaves_the_record(im, record, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    handover = services.handover_request(client=record, to_user=other, actor=im)
    services.handover_decline(handover=handover, actor=other)
    record.refresh_from_db()
    assert record.responsible == im
    handover.refresh_from_db()
    assert handover.status == Handover.Status.DECLINED


def test_transfer_needs_consent_and_the_other_kreis_accepts(im, record, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Einwilligung"):
        services.transfer_request(client=record, to_kreis=world.kreis_b, reason="Umzug", actor=im)
    give_consent(record, Consent.Purpose.TRANSFER, im)
    transfer = services.transfer_request(
        client=record, to_kreis=world.kreis_b, reason="Umzug nach Esslingen", actor=im
    )
    own_coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    with pytest.raises(Http404):
        selectors.transfer_get(user=own_coordinator, pk=transfer.pk)
    target = staff(Role.KREIS_COORDINATOR, world.kreis_b)
    target_im = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    assert list(selectors.transfers_incoming(user=target)) == [transfer]
    with pytest.raises(ValidationError):
        services.transfer_accept(transfer=transfer, responsible=im, actor=target)
    services.transfer_accept(transfer=transfer, responsible=target_im, actor=target)
    record.refresh_from_db()
    assert record.kreis == world.kreis_b and record.responsible == target_im
    with pytest.raises(Http404):
        selectors.client_get(user=im, pk=record.pk)


def test_handover_accept_through_the_pages(client, im, record_with_plan, world) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_a)
    client.force_login(im)
    response = client.post(
        reverse("casework:handover_create", args=[record_with_plan.pk]),
        {"person": other.pk, "note": "Urlaub"},
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    client.force_login(other)
    assert "Übergabe" in client.get(reverse("casework:my_day")).content.decode()
    response = client.post(
        reverse("casework:handover_detail", args=[handover.pk]), {"action": "accept"}
    )
    assert response.status_code == 302
    record_with_plan.refresh_from_db()
    assert record_with_plan.responsible == other


def test_an_anonymised_record_is_not_taken_over_by_another_kreis(im, record, world) -> None:  # type: ignore[no-untyped-def]
    give_consent(record, Consent.Purpose.TRANSFER, im)
    transfer = services.transfer_request(
        client=record, to_kreis=world.kreis_b, reason="Umzug nach Esslingen", actor=im
    )
    services.client_close(client=record, ended_on=TODAY(), reason="goals_reached", actor=im)
    services.client_anonymise(client=record, reason="retention", actor=None)
    target = staff(Role.KREIS_COORDINATOR, world.kreis_b)
    with pytest.raises(ValidationError, match="anonymisiert"):
        services.transfer_accept(
            transfer=transfer,
            responsible=staff(Role.INTEGRATION_MANAGER, world.kreis_b),
            actor=target,
        )
    record.refresh_from_db()
    assert record.kreis == world.kreis_a
