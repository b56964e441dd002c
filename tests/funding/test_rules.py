"""Who may do what: the named predicates, and refusals as correct German sentences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pik.funding import services
from pik.funding.models import Applicant, Application, Programme
from pik.orgs.models import User


def test_editing_someone_elses_application_says_nicht_aendern(
    draft: Application, actors: dict[str, User]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.position_add(
            application=draft,
            person_name="Eva Roth",
            qualification="university",
            share=Decimal("0.50"),
            start_date=dt.date(2020, 9, 1),
            months=12,
            actor=actors["gemeinde_b"],
        )
    assert refused.value.messages == ["Sie dürfen diesen Antrag nicht ändern."]
    with pytest.raises(ValidationError) as refused:
        services.position_remove(position=draft.positions.first(), actor=actors["gemeinde_b"])
    assert refused.value.messages == ["Sie dürfen diesen Antrag nicht ändern."]


def test_applying_for_someone_else_has_a_single_negation(
    im: Programme, applicant_a: Applicant, actors: dict[str, User]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.application_create(
            programme=im, applicant=applicant_a, year=2021, actor=actors["gemeinde_b"]
        )
    assert refused.value.messages == ["Sie dürfen für diesen Antragsteller keinen Antrag stellen."]
