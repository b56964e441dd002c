"""The case worker's and the applicant's steps: one at a time, nothing typed is lost, the
review before submitting, success messages that name the new status, drafts stay private."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pik.funding import services
from pik.funding.models import Application, ApplicationEvent, Attachment
from tests.funding.factories import PDF, step


def _review(draft: Application, actors, client) -> str:  # type: ignore[no-untyped-def]
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    client.force_login(actors["case_worker_a"])
    return reverse("funding:application_step", args=[draft.pk])


def test_the_page_offers_steps_first_and_shows_one_form_for_the_chosen_step(
    draft, actors, client
) -> None:
    _review(draft, actors, client)
    url = reverse("funding:application_detail", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "?schritt=propose_approval#schritt" in page and "?schritt=request_info" in page
    assert 'name="action"' not in page  # no form before a step is chosen
    assert "kern-btn kern-btn--secondary" in page  # request_info looks different
    assert "pik-btn--danger" in page  # so does the proposal to reject
    page = client.get(url + "?schritt=request_info").content.decode()
    assert page.count('name="action"') == 1 and 'value="request_info"' in page
    assert "Nachricht an den Antragsteller" in page and 'name="amount"' not in page


def test_the_case_workers_note_survives_an_amount_error(draft, actors, client) -> None:
    url = _review(draft, actors, client)
    note = "Stellen geprüft, Arbeitsverträge liegen vor."
    data = {"action": "propose_approval", "amount": "170.00", "message": note}
    response = client.post(url, {**data, "version": draft.version})
    page = response.content.decode()
    assert response.status_code == 400
    assert "pik-error-summary" in page and 'href="#id_amount"' in page
    assert 'aria-invalid="true"' in page and 'id="id_amount_error"' in page
    assert note in page and 'value="170.00"' in page  # both kept as typed
    draft.refresh_from_db()
    assert draft.status == "in_review" and draft.approved_amount is None


def test_a_service_refusal_comes_back_into_the_form_with_the_text(draft, actors, client) -> None:
    url = _review(draft, actors, client)
    data = {"action": "propose_approval", "amount": "999.999,00", "message": "Vermerk X"}
    page = client.post(url, {**data, "version": draft.version}).content.decode()
    assert "höchstens" in page and "Vermerk X" in page and 'value="999.999,00"' in page


def test_submitting_needs_the_declaration_and_names_the_file_number(draft, actors, client) -> None:
    client.force_login(actors["gemeinde_a"])
    detail = reverse("funding:application_detail", args=[draft.pk])
    page = client.get(detail + "?schritt=submit").content.decode()
    assert "Bitte prüfen Sie vor dem Einreichen alle Angaben" in page
    assert 'name="declaration"' in page
    url = reverse("funding:application_step", args=[draft.pk])
    data = {"action": "submit", "version": draft.version}
    assert client.post(url, data).status_code == 400
    draft.refresh_from_db()
    assert draft.status == "draft"
    response = client.post(url, {**data, "declaration": "on"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert f"Antrag eingereicht – Aktenzeichen {draft.file_number}." in response.content.decode()


def test_the_applicant_sees_the_request_and_its_deadline(draft, actors, client) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    step(draft, "request_info", actors["case_worker_a"], message="Arbeitsverträge fehlen.")
    draft.refresh_from_db()
    client.force_login(actors["gemeinde_a"])
    page = client.get(reverse("funding:application_detail", args=[draft.pk])).content.decode()
    assert "Arbeitsverträge fehlen." in page
    assert f"Bitte antworten Sie bis {draft.due_date:%d.%m.%Y}" in page


def test_drafts_stay_private_to_the_applicant_until_submitted(draft, actors, client) -> None:
    detail = reverse("funding:application_detail", args=[draft.pk])
    for name in ("case_worker_a", "head", "gemeinde_b"):
        client.force_login(actors[name])
        assert client.get(detail).status_code == 404, name
        listed = client.get(reverse("funding:application_list")).content.decode()
        assert detail not in listed, name
    client.force_login(actors["gemeinde_a"])
    assert client.get(detail).status_code == 200
    step(draft, "submit", actors["gemeinde_a"])
    client.force_login(actors["case_worker_a"])
    assert client.get(detail).status_code == 200


def test_an_answer_links_its_files_to_the_request_and_carries_a_message(
    draft, actors, client
) -> None:
    before = services.attachment_add(
        application=draft, upload=SimpleUploadedFile("plan.pdf", PDF), actor=actors["gemeinde_a"]
    )
    step(draft, "submit", actors["gemeinde_a"])
    step(draft, "start_review", actors["case_worker_a"])
    step(draft, "request_info", actors["case_worker_a"], message="Arbeitsverträge fehlen.")
    draft.refresh_from_db()
    client.force_login(actors["gemeinde_a"])
    upload = reverse("funding:attachment_upload", args=[draft.pk])
    client.post(upload, {"file": SimpleUploadedFile("vertrag.pdf", PDF)})
    url = reverse("funding:application_step", args=[draft.pk])
    answer = {"action": "resubmit", "message": "Verträge anbei.", "declaration": "on"}
    response = client.post(url, {**answer, "version": draft.version}, follow=True)
    assert "Antwort eingereicht – Aktenzeichen" in response.content.decode()
    request = ApplicationEvent.objects.get(application=draft, action="request_info")
    contract = Attachment.objects.get(original_name="vertrag.pdf")
    assert contract.answers == request and before.answers is None
    assert ApplicationEvent.objects.get(application=draft, action="resubmit").message == (
        "Verträge anbei."
    )
    client.force_login(actors["case_worker_a"])
    page = client.get(reverse("funding:application_detail", args=[draft.pk])).content.decode()
    assert "Dazu eingereicht:" in page and "Antwort auf die Nachforderung vom" in page


def test_workbench_sorts_searches_and_names_programme_and_kreis(draft, actors, client) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    client.force_login(actors["case_worker_a"])
    url = reverse("funding:application_list")
    page = client.get(url + "?sortierung=antragsteller").content.decode()
    assert 'aria-sort="ascending"' in page and "sortierung=-antragsteller" in page
    assert draft.programme.name in page and draft.applicant.kreis.name in page
    assert (
        'list="id_kreis_list"' in page and f'<option value="{draft.applicant.kreis.name}">' in page
    )
    assert "1 Antrag<" in page
    found = client.get(url, {"search": draft.file_number[-9:]}).content.decode()
    assert draft.file_number in found
    found = client.get(url, {"search": "Böblingen", "kreis": draft.applicant.kreis.name})
    assert draft.file_number in found.content.decode()
    missing = client.get(url, {"search": "Ulm"}).content.decode()
    assert draft.file_number not in missing and "0 Anträge" in missing
    assert client.get(url + "?sortierung=applicant__password").status_code == 200


def test_a_rejected_position_comes_back_as_typed(draft, actors, client) -> None:
    client.force_login(actors["gemeinde_a"])
    url = reverse("funding:position_add", args=[draft.pk])
    data = {
        "person_name": "Leyla Yıldız",
        "qualification": "university",
        "share": "0.5",  # ambiguous: refused with the format
        "start_date": "2020-03-01",
        "months": "24",
        "version": draft.version,
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Leyla Yıldız"' in page and 'value="0.5"' in page and 'href="#id_share"' in page
    assert draft.positions.count() == 2
