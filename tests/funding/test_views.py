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
