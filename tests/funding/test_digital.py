"""Digitale Lösungen: every integration manager of the Kreis must get access."""

import pytest
from django.core.exceptions import ValidationError

from pik.core.roles import Role
from pik.funding import selectors, services
from pik.funding.models import Application
from pik.orgs.models import Kreis
from tests.funding.conftest import step


@pytest.fixture
def kreis_application(digital, world, member, actors):
    managers = [member(Role.INTEGRATION_MANAGER, "a") for _ in range(3)]
    member(Role.INTEGRATION_MANAGER, "b")  # another Kreis: not required
    applicant = services.applicant_create(
        programme=digital,
        kind="kreis",
        kreis=Kreis.objects.get(ags="08115"),
        members=[world.gemeinde_a],
        actor=None,
    )
    application = services.application_create(
        programme=digital, applicant=applicant, year=2021, actor=actors["coordinator_a"]
    )
    return application, managers


def test_submission_is_blocked_naming_who_lacks_access(kreis_application, actors) -> None:
    application, managers = kreis_application
    services.digital_details_set(
        application=application,
        tool_name="Fallakte",
        tool_description="Fallarbeit",
        tool_costs="48500.00",
        access_granted=managers[:2],
        access_confirmed=True,
        actor=actors["coordinator_a"],
    )
    with pytest.raises(ValidationError) as info:
        step(application, "submit", actors["coordinator_a"])
    assert str(managers[2]) in " ".join(info.value.messages)
    assert [u.pk for u in selectors.missing_access(application=application)] == [managers[2].pk]
    assert application.status == Application.Status.DRAFT


def test_confirmation_is_required_as_well(kreis_application, actors) -> None:
    application, managers = kreis_application
    services.digital_details_set(
        application=application,
        tool_name="Fallakte",
        tool_description="Fallarbeit",
        tool_costs="48500.00",
        access_granted=managers,
        access_confirmed=False,
        actor=actors["coordinator_a"],
    )
    with pytest.raises(ValidationError, match="bestätigen"):
        step(application, "submit", actors["coordinator_a"])


def test_access_for_all_allows_submission_and_amount_is_the_cost(kreis_application, actors) -> None:
    application, managers = kreis_application
    services.digital_details_set(
        application=application,
        tool_name="Fallakte",
        tool_description="Fallarbeit",
        tool_costs="48500.00",
        access_granted=managers,
        access_confirmed=True,
        actor=actors["coordinator_a"],
    )
    step(application, "submit", actors["coordinator_a"])
    assert application.status == Application.Status.SUBMITTED
    assert str(application.requested_amount) == "48500.00"


def test_costs_with_fractions_of_a_cent_are_rejected(kreis_application, actors) -> None:
    application, managers = kreis_application
    with pytest.raises(ValidationError, match="kein gültiger Betrag"):
        services.digital_details_set(
            application=application,
            tool_name="Fallakte",
            tool_description="x",
            tool_costs="100.001",
            access_granted=managers,
            access_confirmed=True,
            actor=actors["coordinator_a"],
        )
