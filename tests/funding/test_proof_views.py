"""The proof-of-use pages: started from the application page, typed input kept after an error,
the RPS's check."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import ProofOfUse
from tests.funding.proof_factories import fill_final, staff_approved


def test_recipient_starts_the_final_proof_from_the_application_page(
    client: Client, world, member
) -> None:
    application, author = staff_approved(world, member)
    client.force_login(author)
    page = client.get(reverse("funding:application_detail", args=[application.pk])).content.decode()
    assert "Verwendungsnachweise" in page and "fällig (3 Monate nach dem Ende" in page
    response = client.post(reverse("funding:proof_new", args=[application.pk]), {"kind": "final"})
    proof = ProofOfUse.objects.get(application=application)
    assert response["Location"] == reverse("funding:proof_detail", args=[proof.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Zahlenmäßiger Nachweis je Stelle" in page
    assert "Sara Nouri" in page and "fällig am" in page and "30.09.2022" in page
    assert 'class="kern-table-responsive"' in page  # wide tables scroll inside their box at 390 px


def test_a_refused_line_keeps_what_was_typed(client: Client, world, member) -> None:
    application, author = staff_approved(world, member)
    proof = services.proof_create(application=application, kind="final", actor=author)
    line = proof.lines.first()
    client.force_login(author)
    url = reverse("funding:proof_line", args=[proof.pk, line.pk])
    response = client.post(
        url,
        {
            "filled_from": "2020-03-01",
            "filled_to": "2022-02-28",
            "salary_paid": "-1.234,50",
            "version": proof.version,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Das gezahlte Entgelt darf nicht negativ sein." in page
    assert 'value="-1.234,50"' in page and 'value="2022-02-28"' in page
    line.refresh_from_db()
    assert line.salary_paid is None
    # the kept input is shown once, not again on the next visit
    assert 'value="-1.234,50"' not in client.get(response["Location"]).content.decode()


def test_the_case_worker_records_a_finding_and_decides(client: Client, world, member) -> None:
    application, author = staff_approved(world, member)
    proof = fill_final(application, author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    case_worker = member(Role.RPS_CASE_WORKER, "a")
    client.force_login(case_worker)
    page = client.get(reverse("funding:proof_detail", args=[proof.pk])).content.decode()
    assert "Feststellung festhalten" in page and "Anerkennen" in page
    client.post(
        reverse("funding:proof_finding", args=[proof.pk]), {"text": "Kennzahlen plausibel."}
    )
    proof.refresh_from_db()
    client.post(
        reverse("funding:proof_step", args=[proof.pk]),
        {"action": "accept", "version": proof.version},
    )
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.ACCEPTED
    assert proof.findings.get().text == "Kennzahlen plausibel."


def test_the_recipient_cannot_check_its_own_proof(client: Client, world, member) -> None:
    application, author = staff_approved(world, member)
    proof = fill_final(application, author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    client.force_login(author)
    response = client.post(
        reverse("funding:proof_finding", args=[proof.pk]), {"text": "Alles gut."}, follow=True
    )
    assert "prüft nur das zuständige Regierungspräsidium" in response.content.decode()
    assert not proof.findings.exists()


def test_the_list_shows_what_waits_for_the_check_in_the_users_scope(
    client: Client, world, member
) -> None:
    application, author = staff_approved(world, member)
    proof = fill_final(application, author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    client.force_login(member(Role.RPS_CASE_WORKER, "a"))
    page = client.get(reverse("funding:proof_list") + "?status=submitted").content.decode()
    assert reverse("funding:proof_detail", args=[proof.pk]) in page
    client.force_login(member(Role.RPS_CASE_WORKER, "b"))
    page = client.get(reverse("funding:proof_list")).content.decode()
    assert "Keine Verwendungsnachweise." in page
    client.force_login(member(Role.MINISTRY))
    assert client.get(reverse("funding:proof_list")).status_code == 403  # aggregates only
