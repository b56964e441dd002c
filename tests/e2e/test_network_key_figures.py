"""Issue 12's path in the browser: the coordinator puts the Jobcenter into the Kreis's directory;
the manager refers a client to it (refused first for a partner without consent), and marks the
referral done; the coordinator sees the referral and the contacts on the Kreis's key figures and
dashboard; the RPS exports the statewide key figures; the applicant's proof of use, taken from
case work again, shows the same numbers as the export's rows of its employers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from pik.casework.models import Consent
from pik.casework.selectors.keyfigures import Period
from pik.funding.models import KeyFigures
from pik.network.models import Referral
from pik.orgs.demo import DEMO_DOMAIN
from pik.orgs.models import User
from pik.stats.export import FIELDS
from pik.stats.keyfigures import Scope, key_figures
from tests.e2e.checks import assert_accessible, assert_fits
from tests.e2e.test_proof_of_use import phone

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _table(page: Any, title: str) -> Any:
    return page.get_by_role("table", name=title)


def test_referral_to_dashboard_export_and_proof(live_server, browser) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    base = live_server.url
    today = timezone.localdate()
    consent = (
        Consent.objects.filter(
            purpose=Consent.Purpose.NETWORK,
            withdrawn_on__isnull=True,
            client__kreis__name__contains="Böblingen",
        )
        .select_related("client", "client__responsible")
        .first()
    )
    assert consent is not None and consent.client.responsible is not None
    client, partner = consent.client, consent.network_actor
    assert client.consents.filter(purpose="statistics", withdrawn_on__isnull=True).exists()

    # 1. The coordinator enters the partner into the Kreis's directory.
    coordinator = phone(browser, base, "koordination.boeblingen")
    coordinator.goto(f"{base}/fallarbeit/netzwerk/neu/")
    coordinator.get_by_label("Name", exact=True).fill(partner)
    coordinator.get_by_label("Art", exact=True).select_option(label="Jobcenter")
    coordinator.get_by_label("Gemeinde", exact=True).select_option(label="Stadt Böblingen")
    coordinator.get_by_role("button", name="Speichern").click()
    expect(coordinator.get_by_role("link", name=partner).first).to_be_visible()

    # 2. The manager refers the client: to a partner without consent, refused, nothing saved;
    #    to the Jobcenter named in the consent, recorded; later marked done.
    before = Referral.objects.filter(client=client).count()
    manager = phone(browser, base, consent.client.responsible.email.split("@")[0])
    manager.goto(f"{base}/fallarbeit/klienten/{client.pk}/weitergabe/")
    manager.get_by_label("oder Name eines Partners").fill("Caritas Böblingen")
    manager.get_by_label("Anlass").fill("Bewerbungsunterlagen")
    manager.get_by_role("button", name="Speichern").click()
    expect(manager.locator(".pik-error-summary")).to_be_visible()
    expect(manager.get_by_text("liegt keine gültige Einwilligung vor").first).to_be_visible()
    expect(manager.get_by_label("Anlass")).to_have_value("Bewerbungsunterlagen")
    assert Referral.objects.filter(client=client).count() == before
    manager.get_by_label("oder Name eines Partners").fill("")
    manager.get_by_label("Netzwerkpartner aus dem Verzeichnis").select_option(index=1)
    manager.get_by_role("button", name="Speichern").click()
    expect(manager.get_by_text("Die Vermittlung ist eingetragen").first).to_be_visible()
    referral = Referral.objects.filter(client=client, partner__isnull=False).get()
    manager.goto(f"{base}/fallarbeit/vermittlungen/{referral.pk}/")
    manager.get_by_label("Neuer Stand").select_option("done")
    manager.get_by_label("Rückmeldung des Partners").fill("Termin wahrgenommen, Beratung läuft.")
    manager.get_by_role("button", name="Speichern").click()
    expect(manager.get_by_text("Der Stand der Vermittlung ist gespeichert.")).to_be_visible()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DONE

    # 3. The coordinator sees the referral and the contacts on the Kreis's key figures.
    year = Period.year(today.year)
    boss = User.objects.get(email=f"koordination.boeblingen@{DEMO_DOMAIN}")
    expected = key_figures(user=boss, scope=Scope("kreis", client.kreis.ags), period=year)
    coordinator.goto(
        f"{base}/fallarbeit/kennzahlen/?scope=kreis:{client.kreis.ags}"
        f"&start={year.start.isoformat()}&end={year.end.isoformat()}"
    )
    for key in ("referral_status", "channel"):
        section = expected.section(key)
        table = _table(coordinator, section.title)
        for label, cell in section.rows:
            row = table.get_by_role("row").filter(has=coordinator.get_by_text(label, exact=True))
            expect(row.locator("td")).to_have_text(str(cell))
    done = dict(expected.section("referral_status").rows)["erledigt"]
    assert done.hidden or done.value >= 1
    assert_fits(coordinator)
    assert_accessible(coordinator)
    coordinator.goto(f"{base}/fallarbeit/kennzahlen/verlauf/?scope=kreis:{client.kreis.ags}")
    expect(
        coordinator.get_by_role("figure", name="Vermittlungen je Jahr nach Stand")
    ).to_be_visible()
    expect(
        coordinator.get_by_role("figure", name="Beratungskontakte je Jahr nach Kontaktart")
    ).to_be_visible()
    assert_fits(coordinator)
    assert_accessible(coordinator)

    # 4. The applicant takes the key figures from case work again (the referral is new).
    kf = KeyFigures.objects.select_related("proof").get(
        proof__application__applicant__gemeinde__ags="08115003",
        proof__period_start__year=today.year,
        source=KeyFigures.Source.CASEWORK,
    )
    proof = kf.proof
    recipient = phone(browser, base, "gemeinde.boeblingen")
    recipient.goto(f"{base}/foerderung/verwendungsnachweise/{proof.pk}/")
    recipient.get_by_role("button", name="Erneut aus der Fallarbeit übernehmen").click()
    expect(recipient.get_by_text("noch nicht bestätigt")).to_be_visible()
    kf.refresh_from_db()

    # 5. The RPS exports the statewide key figures for the proof's period.
    rps = phone(browser, base, "sachbearbeitung.stuttgart")
    rps.goto(
        f"{base}/fallarbeit/kennzahlen/?scope=state:&start={proof.period_start.isoformat()}"
        f"&end={proof.period_end.isoformat()}"
    )
    with rps.expect_download() as info:
        rps.get_by_role("link", name="Excel (XLSX)").click()
    sheet = load_workbook(io.BytesIO(info.value.path().read_bytes()), read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    application = proof.application
    labels = {f"Gemeinde: {application.applicant.gemeinde}"} | {
        f"Träger: {p.provider}" for p in application.positions.exclude(provider=None)
    }
    employers = [r for r in rows[1:] if r[1] in labels]
    assert len(employers) == len(labels) == 2, (labels, rows[:3])

    # The proof shows the sum of its two employers' rows wherever the export shows numbers.
    compared = 0
    for i, (name, _label) in enumerate(FIELDS):  # after Kreis and applicant
        cells = [r[2 + i] for r in employers]
        if not all(isinstance(c, int) for c in cells):
            continue
        if name == "households":  # a household may live with both employers' managers
            assert max(cells) <= kf.households <= sum(cells)
        else:
            assert getattr(kf, name) == sum(cells), name
            compared += 1
    assert compared >= 3  # contacts at least: the demo's caseloads are not tiny there
    recipient.reload()
    section = recipient.locator("section").filter(
        has=recipient.get_by_role("heading", name="Kennzahlen des Zeitraums")
    )
    counted = section.locator("div").filter(has_text="Beratungskontakte insgesamt").locator("dd")
    expect(counted.first).to_have_text(str(kf.contacts_total))
    assert kf.referrals >= 1
