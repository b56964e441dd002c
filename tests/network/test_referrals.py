"""Referrals to network partners: only on a valid consent naming the partner, a withdrawal takes
effect at once, the page shows the refusal."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Consent
from pik.core.models import AuditEvent
from pik.network import services as network_services
from pik.network.models import Referral

TODAY = timezone.localdate


def _state() -> tuple[int, int, int]:
    return Consent.objects.count(), Referral.objects.count(), AuditEvent.objects.count()


def test_sharing_without_consent_is_refused_and_a_withdrawal_takes_effect_at_once(  # type: ignore[no-untyped-def]
    im, record
) -> None:
    def share(partner: str) -> Referral:
        return network_services.referral_record(
            client=record,
            network_actor=partner,
            purpose="Vermittlung in Sprachkurs",
            shared_on=TODAY(),
            actor=im,
        )

    before = _state()
    with pytest.raises(ValidationError) as exc:
        share("Jobcenter Ludwigsburg")
    assert "keine gültige Einwilligung" in " ".join(exc.value.message_dict["network_actor"])
    assert _state() == before
    consent = services.consent_record(
        client=record,
        purpose=Consent.Purpose.NETWORK,
        network_actor="Jobcenter Ludwigsburg",
        given_on=TODAY(),
        actor=im,
    )
    with pytest.raises(ValidationError, match="keine gültige Einwilligung"):
        share("Volkshochschule")  # consent names another partner
    referral = share("jobcenter ludwigsburg")
    assert referral.consent == consent and referral.network_actor == "Jobcenter Ludwigsburg"
    services.consent_withdraw(consent=consent, withdrawn_on=TODAY(), actor=im)
    count = Referral.objects.count()
    with pytest.raises(ValidationError, match="keine gültige Einwilligung"):
        share("Jobcenter Ludwigsburg")
    assert Referral.objects.count() == count


def test_sharing_page_shows_the_refusal(client, im, record) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    response = client.post(
        reverse("casework:referral_add", args=[record.pk]),
        {"network_actor": "Tafel", "purpose": "Berechtigung", "shared_on": TODAY().isoformat()},
    )
    assert response.status_code == 200
    assert "Ohne Einwilligung wird nichts weitergegeben" in response.content.decode()
    assert not Referral.objects.exists()
