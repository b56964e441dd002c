"""A referral's course: to a directory partner with consent, accepted, appointment, done; what
waits too long shows on "Mein Tag"; the key figures count referrals by partner and outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.casework import selectors as casework_selectors
from pik.casework.models import Consent
from pik.core.roles import Role
from pik.network import selectors, services
from pik.network.models import Referral
from tests.casework.factories import give_consent, make_client, staff
from tests.network.factories import actor_in, referral_in

TODAY = timezone.localdate


def test_a_referral_without_consent_for_that_partner_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    partner = actor_in(world.kreis_a)
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    client = make_client(manager, world.kreis_a)
    with pytest.raises(ValidationError) as refused:
        services.referral_record(
            client=client, partner=partner, purpose="Termin", shared_on=TODAY(), actor=manager
        )
    assert "keine gültige Einwilligung" in refused.value.message_dict["partner"][0]
    assert not Referral.objects.exists()
    foreign = actor_in(world.kreis_b)
    with pytest.raises(ValidationError, match="Verzeichnis des Kreises"):
        services.referral_record(
            client=client, partner=foreign, purpose="Termin", shared_on=TODAY(), actor=manager
        )


def test_the_course_of_a_referral_and_my_day(world) -> None:  # type: ignore[no-untyped-def]
    referral = referral_in(world.kreis_a)
    manager = referral.shared_by
    assert referral.respond_by == referral.shared_on + dt.timedelta(days=14)
    day = casework_selectors.my_day(user=manager)
    assert [r.pk for r in day.parts["overdue_referrals"]] == [referral.pk]  # 20 days, no answer
    with pytest.raises(ValidationError, match="Datum des Termins"):
        services.referral_progress(referral=referral, action="appointment", actor=manager)
    services.referral_progress(
        referral=referral,
        action="appointment",
        appointment_on=TODAY() + dt.timedelta(days=3),
        feedback="Termin beim Jobcenter",
        actor=manager,
    )
    assert casework_selectors.my_day(user=manager).parts["overdue_referrals"] == []
    done = services.referral_progress(referral=referral, action="done", actor=manager)
    assert done.status == "done" and done.feedback == "Termin beim Jobcenter"
    with pytest.raises(ValidationError):  # nothing after done
        services.referral_progress(referral=referral, action="accept", actor=manager)
    assert dict(
        selectors.partner_outcomes(
            user=staff(Role.KREIS_COORDINATOR, world.kreis_a), kreis=world.kreis_a
        )
    ) == {"Jobcenter Landkreis": {"erledigt": 1}}


def test_the_referral_form_offers_the_directory_and_the_page_records_it(client, world) -> None:  # type: ignore[no-untyped-def]
    partner = actor_in(world.kreis_a)
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    record = make_client(manager, world.kreis_a)
    give_consent(record, Consent.Purpose.STATISTICS, manager)
    from pik.casework import services as casework_services

    casework_services.consent_record(
        client=record,
        purpose=Consent.Purpose.NETWORK,
        network_actor=partner.name,
        given_on=TODAY(),
        actor=manager,
    )
    client.force_login(manager)
    url = reverse("casework:referral_add", args=[record.pk])
    assert partner.name in client.get(url).content.decode()
    response = client.post(
        url, {"partner": partner.pk, "purpose": "Beratung", "shared_on": TODAY().isoformat()}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.partner == partner and referral.network_actor == partner.name
    page = client.get(reverse("casework:referral_progress", args=[referral.pk]))
    assert page.status_code == 200
    client.post(reverse("casework:referral_progress", args=[referral.pk]), {"action": "done"})
    referral.refresh_from_db()
    assert referral.status == "done"


def test_key_figures_count_referrals_by_partner_kind_and_outcome(world) -> None:  # type: ignore[no-untyped-def]
    from pik.casework.selectors.keyfigures import Period
    from pik.stats.keyfigures import Scope, key_figures

    referrals = [referral_in(world.kreis_a) for _ in range(2)]
    for r in referrals:
        give_consent(r.client, Consent.Purpose.STATISTICS, r.shared_by)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    year = Period(TODAY() - dt.timedelta(days=60), TODAY())
    figures = key_figures(user=coordinator, scope=Scope("kreis", world.kreis_a.ags), period=year)
    kinds = {k: v.value for k, v in figures.section("referral_kind").rows}
    assert kinds == {"Jobcenter": 2}
    assert str(figures.section("referral_kind").rows[0][1]) == "< 5"


def test_the_referral_letter_names_partner_person_concern_and_answer_date(client, world) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    referral = referral_in(world.kreis_a)
    client.force_login(referral.shared_by)
    response = client.get(reverse("casework:referral_letter", args=[referral.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Jobcenter Landkreis" in text and "Bewerbung" in text
    assert f"{referral.respond_by:%d.%m.%Y}" in text
    assert referral.client.last_name in text
