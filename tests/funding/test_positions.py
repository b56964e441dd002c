"""What an application asks for: positions within the rule version, or a digital tool with access
for every integration manager of the Kreis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pik.core.roles import Role
from pik.funding import selectors, services
from pik.funding.models import (
    Application,
)
from pik.orgs.models import Kreis
from tests.funding.factories import PERSONS, step


def test_requested_amount_is_capped_at_the_contingent(draft, actors) -> None:
    contingent = Decimal(PERSONS["08115003"]) * Decimal("796.08")
    assert draft.contingent == contingent == Decimal("238824.00")
    assert draft.requested_amount == Decimal("179000.00")  # below the contingent: as computed
    services.position_add(
        application=draft,
        person_name="Mira Hoffmann",
        qualification="university",
        share=Decimal("1.00"),
        start_date=dt.date(2020, 9, 1),
        months=24,
        actor=actors["gemeinde_a"],
    )
    draft.refresh_from_db()
    assert sum(p.amount for p in draft.positions.all()) == Decimal("307000.00")
    assert draft.requested_amount == contingent


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("share", Decimal("0.24"), "Stellenanteil"),
        ("share", Decimal("1.50"), "Stellenanteil"),
        ("months", 25, "Förderdauer"),
        ("start_date", dt.date(2017, 1, 1), "vor dem Start des Programms"),
        ("person_name", " ", "namentlich"),
    ],
)
def test_bad_positions_are_rejected_and_nothing_changes(
    im, applicant_a, actors, field, value, message
) -> None:
    application = services.application_create(
        programme=im, applicant=applicant_a, year=2019, actor=actors["gemeinde_a"]
    )
    values = {
        "person_name": "Sara Nouri",
        "qualification": "university",
        "share": Decimal("1.00"),
        "start_date": dt.date(2019, 3, 1),
        "months": 24,
    }
    values[field] = value
    with pytest.raises(ValidationError, match=message):
        services.position_add(application=application, actor=actors["gemeinde_a"], **values)
    application.refresh_from_db()
    assert application.positions.count() == 0 and application.requested_amount == 0


# --- Digitale Lösungen: every integration manager of the Kreis must get access -----------------


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
        tool_costs="48.500,00",
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
        tool_costs="48.500,00",
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
        tool_costs="48.500,00",
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
            tool_costs="100,001",
            access_granted=managers,
            access_confirmed=True,
            actor=actors["coordinator_a"],
        )
