"""Applicants: a Gemeinde alone above the minimum, poolings, the hand-over to the Kreis."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pik.funding import selectors, services
from pik.funding.models import (
    Applicant,
)
from pik.orgs.models import Gemeinde, Kreis
from tests.funding import factories


def test_gemeinde_below_minimum_cannot_apply_alone(im, contingents) -> None:
    with pytest.raises(ValidationError, match="Mindestkontingent"):
        services.applicant_create(
            programme=im, kind="gemeinde", members=[contingents["08115001"]], actor=None
        )


def test_pooling_across_kreis_borders_sums_the_contingents(im, contingents) -> None:
    members = [contingents["08115001"], contingents["08115002"], contingents["08117001"]]
    applicant = services.applicant_create(
        programme=im, kind="pooling", members=members, lead=members[0], actor=None
    )
    assert applicant.kreis.ags == "08115" and applicant.gemeinde == members[0]
    for member in members:  # binds only once every member has agreed (test_poolings)
        services.pooling_record_agreement(
            applicant=applicant, gemeinde=member, upload=factories.pdf_upload(), actor=None
        )
    applicant.refresh_from_db()
    assert selectors.applicant_contingent(applicant=applicant) == Decimal(120) * Decimal("796.08")
    with pytest.raises(ValidationError, match="schon zu einem Antragsteller"):
        services.applicant_create(
            programme=im, kind="gemeinde", members=[contingents["08117001"]], actor=None
        )


def test_pooling_below_minimum_is_refused(im, contingents) -> None:
    members = [contingents["08115001"], contingents["08115002"]]  # 50 persons = 39,804 EUR
    with pytest.raises(ValidationError, match="nicht das Mindestkontingent"):
        services.applicant_create(
            programme=im, kind="pooling", members=members, lead=members[0], actor=None
        )
    assert not Applicant.objects.exists()


def test_handover_to_the_kreis_only_for_its_own_gemeinden(im, contingents) -> None:
    kreis = Kreis.objects.get(ags="08115")
    applicant = services.applicant_create(
        programme=im,
        kind="kreis",
        kreis=kreis,
        members=[contingents["08115001"], contingents["08115002"]],
        actor=None,
    )
    assert applicant.gemeinde is None and selectors.applicant_contingent(applicant=applicant) > 0
    with pytest.raises(ValidationError, match="nicht im Kreis"):
        services.applicant_create(
            programme=im,
            kind="kreis",
            kreis=kreis,
            members=[Gemeinde.objects.get(ags="08116004")],
            actor=None,
        )
