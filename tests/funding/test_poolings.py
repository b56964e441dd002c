"""A pooling binds only with every member's agreement; until then it is a proposal.

The case from the field: the administration of Tettnang proposed a pooling with Mannheim and
Sindelfingen, got the sum of the three contingents, and the two could no longer apply alone.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pik.core import audit
from pik.core.roles import Role
from pik.funding import selectors, services
from pik.funding.models import Applicant, PoolingConsent, Programme
from pik.orgs.models import Gemeinde, User
from tests.conftest import with_totp
from tests.funding import factories

TETTNANG, MANNHEIM, SINDELFINGEN = "08435057", "08222000", "08115045"
PERSONS = {TETTNANG: 166, MANNHEIM: 668, SINDELFINGEN: 742}
RATE = Decimal("796.08")


@pytest.fixture
def towns(im: Programme, world) -> dict[str, Gemeinde]:  # type: ignore[no-untyped-def]
    return factories.contingents(im, PERSONS)


@pytest.fixture
def admins(towns: dict[str, Gemeinde]) -> dict[str, User]:
    return {
        ags: factories.user(f"admin-{ags}@test.example", Role.GEMEINDE_ADMIN, gemeinde=g)
        for ags, g in towns.items()
    }


@pytest.fixture
def proposal(im, towns, admins) -> Applicant:  # type: ignore[no-untyped-def]
    """Tettnang's administration proposes the pooling (and so agrees for Tettnang)."""
    return services.applicant_create(
        programme=im,
        kind="pooling",
        members=[towns[TETTNANG], towns[MANNHEIM], towns[SINDELFINGEN]],
        lead=towns[TETTNANG],
        actor=admins[TETTNANG],
    )


def test_a_proposal_binds_nobody(im, towns, admins, proposal) -> None:  # type: ignore[no-untyped-def]
    assert not proposal.is_bound
    assert [c.gemeinde.ags for c in proposal.consents.all()] == [TETTNANG]
    assert selectors.applicant_contingent(applicant=proposal) == Decimal("0.00")
    with pytest.raises(ValidationError, match="noch ein Vorschlag.*Sindelfingen.*Mannheim"):
        services.application_create(
            programme=im, applicant=proposal, year=2020, actor=admins[TETTNANG]
        )
    assert not selectors.applicants_for(user=admins[TETTNANG], programme=im).exists()
    # Mannheim and Sindelfingen still apply alone
    for ags in (MANNHEIM, SINDELFINGEN):
        alone = services.applicant_create(
            programme=im, kind="gemeinde", members=[towns[ags]], actor=admins[ags]
        )
        application = services.application_create(
            programme=im, applicant=alone, year=2020, actor=admins[ags]
        )
        assert application.contingent == PERSONS[ags] * RATE


def test_with_every_members_agreement_the_pooling_binds(im, towns, admins, proposal) -> None:  # type: ignore[no-untyped-def]
    services.pooling_confirm(applicant=proposal, gemeinde=towns[MANNHEIM], actor=admins[MANNHEIM])
    proposal.refresh_from_db()
    assert not proposal.is_bound  # Sindelfingen is missing
    assert selectors.pooling_missing(applicant=proposal) == [towns[SINDELFINGEN]]
    worker = factories.user(
        "cw-pool@test.example", Role.RPS_CASE_WORKER, responsible_kreise=[towns[TETTNANG].kreis]
    )
    services.pooling_record_agreement(
        applicant=proposal,
        gemeinde=towns[SINDELFINGEN],
        upload=factories.pdf_upload("zustimmung-sindelfingen.pdf"),
        actor=worker,
    )
    proposal.refresh_from_db()
    assert proposal.is_bound
    recorded = PoolingConsent.objects.get(applicant=proposal, gemeinde=towns[SINDELFINGEN])
    assert recorded.way == "rps" and recorded.document_name == "zustimmung-sindelfingen.pdf"
    assert recorded.document.read().startswith(b"%PDF")
    total = sum(PERSONS.values()) * RATE
    assert selectors.applicant_contingent(applicant=proposal) == total
    application = services.application_create(
        programme=im, applicant=proposal, year=2020, actor=admins[TETTNANG]
    )
    assert application.contingent == total
    with pytest.raises(ValidationError, match="schon zu einem Antragsteller: Mannheim"):
        services.applicant_create(
            programme=im, kind="gemeinde", members=[towns[MANNHEIM]], actor=admins[MANNHEIM]
        )
    actions = [e.action for e in audit.events_for(proposal)]
    assert "pooling.confirm" in actions and "pooling.record_agreement" in actions


def test_the_last_agreement_is_refused_if_a_member_applies_elsewhere(  # type: ignore[no-untyped-def]
    im, towns, admins, proposal
) -> None:
    services.pooling_confirm(applicant=proposal, gemeinde=towns[MANNHEIM], actor=admins[MANNHEIM])
    services.applicant_create(
        programme=im, kind="gemeinde", members=[towns[SINDELFINGEN]], actor=admins[SINDELFINGEN]
    )
    with pytest.raises(ValidationError, match="schon zu einem Antragsteller: Sindelfingen"):
        services.pooling_confirm(
            applicant=proposal, gemeinde=towns[SINDELFINGEN], actor=admins[SINDELFINGEN]
        )
    proposal.refresh_from_db()
    assert not proposal.is_bound
    assert proposal.consents.count() == 2  # the refused agreement was not kept


@pytest.mark.parametrize(
    ("who", "for_whom"),
    [
        (TETTNANG, MANNHEIM),  # the lead cannot agree for another member
        (MANNHEIM, SINDELFINGEN),  # nor can one member for another
        ("case_worker", MANNHEIM),  # the RPS records written agreements, it does not confirm
        ("coordinator", SINDELFINGEN),  # Sindelfingen's own Kreis coordinator is no Gemeinde admin
    ],
)
def test_a_pooling_is_confirmed_only_by_the_members_administration(  # type: ignore[no-untyped-def]
    towns, admins, proposal, who: str, for_whom: str
) -> None:
    if who == "case_worker":
        actor = factories.user(
            "cw@test.example", Role.RPS_CASE_WORKER, responsible_kreise=[towns[for_whom].kreis]
        )
    elif who == "coordinator":
        actor = factories.user(
            "ko@test.example", Role.KREIS_COORDINATOR, kreis=towns[for_whom].kreis
        )
    else:
        actor = admins[who]
    with pytest.raises(
        PermissionDenied, match=f"Nur die Verwaltung der Gemeinde {towns[for_whom]}"
    ):
        services.pooling_confirm(applicant=proposal, gemeinde=towns[for_whom], actor=actor)
    assert proposal.consents.count() == 1


def test_bad_agreements_are_refused_in_german(im, towns, admins, proposal, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="bereits zugestimmt"):
        services.pooling_confirm(
            applicant=proposal, gemeinde=towns[TETTNANG], actor=admins[TETTNANG]
        )
    outsider = factories.user(
        "admin-bb@test.example", Role.GEMEINDE_ADMIN, gemeinde=world.gemeinde_a
    )
    with pytest.raises(ValidationError, match="gehört nicht zum Zusammenschluss"):
        services.pooling_confirm(applicant=proposal, gemeinde=world.gemeinde_a, actor=outsider)
    head = factories.user("head-pool@test.example", Role.RPS_HEAD)
    with pytest.raises(ValidationError, match="schriftliche Vereinbarung"):
        services.pooling_record_agreement(
            applicant=proposal, gemeinde=towns[MANNHEIM], upload=None, actor=head
        )
    with pytest.raises(PermissionDenied, match="Nur das Regierungspräsidium"):
        services.pooling_record_agreement(
            applicant=proposal,
            gemeinde=towns[MANNHEIM],
            upload=factories.pdf_upload(),
            actor=admins[MANNHEIM],
        )
    assert proposal.consents.count() == 1


def test_a_member_confirms_through_the_contingent_page(client, im, towns, admins, proposal) -> None:  # type: ignore[no-untyped-def]
    client.force_login(with_totp(admins[MANNHEIM]))
    page = client.get("/foerderung/kontingente/im/").content.decode()
    assert proposal.name in page and "Für Stadt Mannheim zustimmen" in page
    response = client.post(f"/foerderung/zusammenschluesse/{proposal.pk}/zustimmen/")
    assert response.status_code == 302
    assert proposal.consents.filter(gemeinde=towns[MANNHEIM]).exists()
    stranger = factories.user(
        "admin-x@test.example", Role.GEMEINDE_ADMIN, gemeinde=Gemeinde.objects.get(ags="08116019")
    )
    client.force_login(with_totp(stranger))
    assert client.post(f"/foerderung/zusammenschluesse/{proposal.pk}/zustimmen/").status_code == 404


def test_a_gemeinde_administration_cannot_name_another_gemeinde_as_lead(db: None) -> None:
    """The rule checks the lead the service will use, not the first member listed."""
    im = factories.programme("im")
    factories.contingents(im, {"08115003": 300, "08116019": 300})
    own = Gemeinde.objects.get(ags="08115003")
    other = Gemeinde.objects.get(ags="08116019")
    admin = factories.user("lead-check@test.example", Role.GEMEINDE_ADMIN, gemeinde=own)
    with pytest.raises(PermissionDenied):
        services.applicant_create(
            programme=im, kind="pooling", members=[own, other], lead=other, actor=admin
        )
    assert not Applicant.objects.filter(programme=im, kind="pooling").exists()
