"""From case work to funding in the browser at 390 px: the demo's Gemeinde sees on its interim
proof of use the key figures taken from case work (the numbers stats counts for its own manager
and the Träger it passes funds on to), cannot submit before confirming them, and confirms."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from pik.casework.selectors.keyfigures import Period
from pik.core.roles import Role
from pik.funding.models import KeyFigures
from pik.orgs.models import User
from pik.stats.keyfigures import Scope, key_figures
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.test_proof_of_use import phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_applicant_sees_and_confirms_the_key_figures_from_case_work(
    live_server, browser
) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url
    kf = KeyFigures.objects.select_related("proof").get(
        proof__application__applicant__gemeinde__ags="08115003",
        proof__period_start__year=timezone.localdate().year,
        source=KeyFigures.Source.CASEWORK,
    )
    proof = kf.proof
    # What the key-figure pages show for the two employers (different managers: they add up).
    rps = User.objects.filter(memberships__role=Role.RPS_HEAD).first()
    period = Period(proof.period_start, proof.period_end)
    drk = proof.application.positions.exclude(provider=None).first().provider_id
    persons = sum(
        key_figures(user=rps, scope=Scope("employer", key), period=period).persons.value
        for key in ("gemeinde-08115003", f"provider-{drk}")
    )
    assert persons == kf.persons_counselled > 0

    recipient = phone(browser, base, "gemeinde.boeblingen")
    recipient.goto(f"{base}/foerderung/verwendungsnachweise/{proof.pk}/")
    section = recipient.locator("section").filter(
        has=recipient.get_by_role("heading", name="Kennzahlen des Zeitraums")
    )
    expect(section.get_by_text("aus der Fallarbeit übernommen").first).to_be_visible()
    expect(section.get_by_text("noch nicht bestätigt")).to_be_visible()
    expect(section.get_by_text("Träger: DRK-Kreisverband Böblingen e.V.")).to_be_visible()
    counselled = section.locator("div").filter(has_text="Beratene Personen").locator("dd").first
    expect(counselled).to_have_text(str(persons))
    assert_fits(recipient)
    assert_accessible(recipient)

    recipient.get_by_role("button", name="Einreichen").click()
    expect(
        recipient.get_by_text("Ihre Bestätigung der aus der Fallarbeit übernommenen Kennzahlen")
    ).to_be_visible()
    recipient.get_by_role("button", name="Kennzahlen bestätigen").click()
    expect(
        recipient.get_by_text("Die Kennzahlen aus der Fallarbeit sind bestätigt.")
    ).to_be_visible()
    expect(recipient.get_by_text("noch nicht bestätigt")).to_have_count(0)
    expect(recipient.get_by_role("button", name="Kennzahlen bestätigen")).to_have_count(0)
    assert_accessible(recipient)
    kf.refresh_from_db()
    assert kf.confirmed_at is not None and not kf.awaiting_confirmation
