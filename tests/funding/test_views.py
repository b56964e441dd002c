"""The pages: the workbench (filters, query counts, deadlines) and the contingent page."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from pik.funding import services
from pik.funding.models import (
    Contingent,
)
from tests.funding.factories import step


def test_workbench_filters_and_query_count(
    client: Client, draft, actors, django_assert_max_num_queries
) -> None:
    step(draft, "submit", actors["gemeinde_a"])
    client.force_login(actors["head"])
    response = client.get("/foerderung/antraege/?status=submitted&kreis=08115")
    assert "RPS15.2-IM-2020-08115-0001" in response.content.decode()
    assert "RPS15.2-IM" not in client.get("/foerderung/antraege/?status=approved").content.decode()
    client.get("/foerderung/antraege/")  # warm the session


def test_workbench_query_count_does_not_grow_with_rows(
    client: Client, im, contingents, actors, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(actors["head"])
    client.get("/foerderung/antraege/")
    counts = []
    for gemeinde_ags in ("08115003", "08116019"):
        applicant = services.applicant_create(
            programme=im, kind="gemeinde", members=[contingents[gemeinde_ags]], actor=None
        )
        author = actors["gemeinde_a"] if gemeinde_ags == "08115003" else actors["gemeinde_b"]
        for year in range(2017, 2022):
            services.application_create(programme=im, applicant=applicant, year=year, actor=author)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/foerderung/antraege/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 10, counts


def test_deadlines_are_set_and_shown(client: Client, draft, actors) -> None:

    from django.utils import timezone

    step(draft, "submit", actors["gemeinde_a"])
    assert draft.due_date == timezone.localdate() + dt.timedelta(days=56)
    step(draft, "start_review", actors["case_worker_a"])
    step(draft, "request_info", actors["case_worker_a"], message="Vertrag fehlt")
    assert draft.due_date == timezone.localdate() + dt.timedelta(days=28)
    client.force_login(actors["case_worker_a"])
    assert (
        draft.due_date.strftime("%d.%m.%Y") in client.get("/foerderung/antraege/").content.decode()
    )


def test_rps_splits_a_fixed_budget_from_the_contingent_page(
    client: Client, contingents, actors, member
) -> None:

    client.force_login(actors["head"])
    response = client.post(
        "/foerderung/kontingente/im/", {"action": "split", "year": "2020"}, follow=True
    )
    assert "wurde verteilt" in response.content.decode()
    assert sum(Contingent.objects.values_list("budget_share", flat=True)) == 70_000_000
    bad = client.post(
        "/foerderung/kontingente/im/", {"action": "split", "year": "1999"}, follow=True
    )
    assert "keinen Haushaltsansatz" in bad.content.decode()
    client.force_login(actors["gemeinde_a"])
    assert (
        client.post("/foerderung/kontingente/im/", {"action": "split", "year": "2020"}).status_code
        == 404
    )


# --- The services refuse, the pages answer 404 (no role gate in the views) ----------------------


def test_a_foreign_gemeinde_cannot_create_an_applicant_through_the_page(
    client: Client, contingents, actors
) -> None:
    from pik.funding.models import Applicant

    client.force_login(actors["gemeinde_b"])
    data = {"kind": "gemeinde", "members": "08115003", "name": ""}
    assert client.post("/foerderung/antragsteller/im/neu/", data).status_code == 404
    assert not Applicant.objects.exists()
    client.force_login(actors["gemeinde_a"])
    assert client.post("/foerderung/antragsteller/im/neu/", data).status_code == 302
    assert Applicant.objects.get().gemeinde == contingents["08115003"]


def test_only_the_rps_reads_in_contingents_through_the_page(client: Client, im, world, actors):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(actors["coordinator_a"])
    upload = SimpleUploadedFile("p.csv", b"ags,personen\n08115003,12\n")
    data = {"year": "2020", "file": upload}
    assert client.post("/foerderung/kontingente/im/", data).status_code == 404
    assert not Contingent.objects.exists()


def test_parts_of_another_application_are_not_found(client: Client, im, contingents, actors):  # type: ignore[no-untyped-def]
    from tests.funding import factories

    mine = factories.draft(
        im, factories.applicant(im, [contingents["08115003"]]), actors["gemeinde_a"]
    )
    other = factories.draft(
        im, factories.applicant(im, [contingents["08116019"]]), actors["gemeinde_b"]
    )
    attachment = services.attachment_add(
        application=other, upload=factories.pdf_upload(), actor=actors["gemeinde_b"]
    )
    client.force_login(actors["gemeinde_a"])
    foreign = other.positions.first()
    assert foreign is not None
    url = f"/foerderung/antraege/{mine.pk}/stellen/{foreign.pk}/entfernen/"
    assert client.post(url).status_code == 404
    assert other.positions.count() == 2
    url = f"/foerderung/antraege/{mine.pk}/anlagen/{attachment.pk}/"
    assert client.get(url).status_code == 404
    own = mine.positions.first()
    assert own is not None
    url = f"/foerderung/antraege/{mine.pk}/stellen/{own.pk}/entfernen/"
    assert client.post(url).status_code == 302
    assert mine.positions.count() == 1


def test_the_edit_forms_are_shown_to_the_applicant_only(client: Client, draft, actors) -> None:
    client.force_login(actors["gemeinde_a"])
    page = client.get(f"/foerderung/antraege/{draft.pk}/").content.decode()
    assert f"/foerderung/antraege/{draft.pk}/stellen/" in page
    client.force_login(actors["case_worker_a"])
    page = client.get(f"/foerderung/antraege/{draft.pk}/").content.decode()
    assert f"/foerderung/antraege/{draft.pk}/stellen/" not in page
