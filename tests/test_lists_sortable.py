"""Every list of records sorts by its columns through one kernel helper (pik.core.sorting): each
column's header links to the list sorted by it and says how it is sorted (``aria-sort``); an
unknown key falls back to the list's default order. Also the directory's Gemeinde chosen by name."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pik.casework import selectors as casework_selectors
from pik.casework import services as casework_services
from pik.casework.models import Client
from pik.core.roles import Role
from pik.funding import selectors as funding_selectors
from pik.network import selectors as network_selectors
from pik.orgs import selectors as org_selectors
from pik.orgs.models import Gemeinde
from tests.casework.factories import make_client, staff
from tests.matrix_data import funding_objects
from tests.network.factories import actor_in

LISTS = [
    ("funding:application_list", funding_selectors.SORT_COLUMNS, Role.RPS_HEAD),
    ("funding:proof_list", funding_selectors.PROOF_SORT_COLUMNS, Role.RPS_HEAD),
    ("funding:repayment_list", funding_selectors.REPAYMENT_SORT_COLUMNS, Role.RPS_HEAD),
    ("casework:client_list", casework_selectors.CLIENT_SORT_COLUMNS, Role.KREIS_COORDINATOR),
    ("casework:task_list", casework_selectors.TASK_SORT_COLUMNS, Role.INTEGRATION_MANAGER),
    ("casework:directory", network_selectors.ACTOR_SORT_COLUMNS, Role.KREIS_COORDINATOR),
    ("casework:retention_due", casework_selectors.RETENTION_SORT_COLUMNS, Role.KREIS_COORDINATOR),
    ("casework:kreis_overview", casework_selectors.CASELOAD_SORT_COLUMNS, Role.KREIS_COORDINATOR),
    ("orgs:kreis_list", org_selectors.KREIS_SORT_COLUMNS, Role.RPS_HEAD),
    ("funding:payment_list", funding_selectors.PAYMENT_REQUEST_SORT_COLUMNS, Role.RPS_HEAD),
]


def _rows_exist(name: str, world) -> None:  # type: ignore[no-untyped-def]
    """Lists that only show their table with a row in it get one."""
    if name == "casework:task_list":
        return  # the task itself is made by the test for its user
    if name == "casework:directory":
        actor_in(world.kreis_a)
    if name in ("casework:client_list", "casework:kreis_overview"):
        make_client(staff(Role.INTEGRATION_MANAGER, world.kreis_a), world.kreis_a)
    if name == "casework:retention_due":
        manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
        record = make_client(manager, world.kreis_a, counselling_start=dt.date(2014, 1, 1))
        Client.objects.filter(pk=record.pk).update(  # closed long ago: its retention is due
            status=Client.Status.CLOSED, counselling_end=dt.date(2015, 1, 1)
        )
    if name == "funding:repayment_list":
        funding_objects(world)  # applications, notices, a repayment claim in each Kreis


@pytest.mark.parametrize(("name", "columns", "role"), LISTS, ids=[n for n, _c, _r in LISTS])
def test_every_column_sorts_both_ways(client, world, member, name, columns, role) -> None:  # type: ignore[no-untyped-def]
    user = member(role, "a")
    _rows_exist(name, world)
    if name == "casework:task_list":
        casework_services.task_create(
            title="Anruf", due_on=timezone.localdate(), assigned_to=user, client=None, actor=user
        )
    client.force_login(user)
    url = reverse(name)
    headers = set(
        re.findall(
            r'class="kern-link pik-sort" href="\?[^"]*sortierung=-?(\w+)',
            client.get(url).content.decode(),
        )
    )
    assert headers and headers <= set(columns)
    # every column is a header; the default orders by a time that is no column (last change,
    # creation) on the workbench and the repayment list
    assert set(columns) - headers <= {"geaendert", "angelegt"}
    for key in columns:
        for raw, direction, other in (
            (key, "ascending", f"-{key}"),
            (f"-{key}", "descending", key),
        ):
            page = client.get(url, {"sortierung": raw})
            assert page.status_code == 200, (name, raw)
            if key not in headers:
                continue
            html = page.content.decode()
            assert f'aria-sort="{direction}"' in html, (name, raw)
            assert html.count("aria-sort=") == 1
            assert f"sortierung={other}" in html  # the header turns it round
    html = client.get(url, {"sortierung": "pk__password"})
    assert html.status_code == 200  # the default order, not an error


def _partner_names(html: str) -> list[str]:
    return re.findall(r'/netzwerk/\d+/[^"]*">([^<]+)</a></td>', html)


def test_directory_gemeinde_by_name_and_sorted(client, world) -> None:  # type: ignore[no-untyped-def]
    boeblingen = Gemeinde.objects.get(ags="08115003")
    aidlingen = Gemeinde.objects.get(ags="08115001")
    actor_in(world.kreis_a, name="Tafel", gemeinde=boeblingen.ags)
    actor_in(world.kreis_a, name="Jugendmigrationsdienst", gemeinde=aidlingen.ags)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    url = reverse("casework:directory")
    for typed in ("boeblingen", "Stadt Böblingen", "08115003"):
        html = client.get(url, {"gemeinde": typed}).content.decode()
        assert "Tafel" in html and "Jugendmigrationsdienst" not in html, typed
    html = client.get(url, {"gemeinde": "Esslingen am Neckar"}).content.decode()
    assert "Keine Gemeinde dieses Namens" in html and "Tafel</a>" not in html
    page = client.get(url).content.decode()
    assert '<option value="Stadt Böblingen">' in page  # the Kreis's Gemeinden to choose from
    by_gemeinde = client.get(url, {"sortierung": "gemeinde"}).content.decode()
    backwards = client.get(url, {"sortierung": "-gemeinde"}).content.decode()
    assert "<td>Stadt Böblingen</td>" in by_gemeinde
    first = by_gemeinde.index("Jugendmigrationsdienst") < by_gemeinde.index("Tafel")
    assert first  # Aidlingen before Böblingen
    assert backwards.index("Tafel") < backwards.index("Jugendmigrationsdienst")


def test_tasks_sorted_by_title(client, world) -> None:  # type: ignore[no-untyped-def]
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    today = timezone.localdate()
    for title, days in (("Zeugnis anfordern", 1), ("Anruf Jobcenter", 5)):
        casework_services.task_create(
            title=title,
            due_on=today + dt.timedelta(days=days),
            assigned_to=manager,
            client=None,
            actor=manager,
        )
    client.force_login(manager)
    url = reverse("casework:task_list")
    default = client.get(url).content.decode()
    assert default.index("Zeugnis anfordern") < default.index("Anruf Jobcenter")  # by due date
    by_title = client.get(url, {"sortierung": "aufgabe"}).content.decode()
    assert by_title.index("Anruf Jobcenter") < by_title.index("Zeugnis anfordern")


def test_editors_sort_pages_and_questions_each_on_their_own(client, member) -> None:  # type: ignore[no-untyped-def]
    from pik.portal import services as portal_services
    from pik.portal.models import Page

    editor = member(Role.PORTAL_EDITOR)
    for slug, title in (("aaa-liste", "Aaa Listentest"), ("zzz-liste", "Zzz Listentest")):
        portal_services.page_create(parent=None, slug=slug, title_de=title, actor=editor)
        portal_services.faq_create(
            slug=slug, category="who", question_de=f"{title}?", answer_de="Ja.", actor=editor
        )
    client.force_login(editor)
    url = reverse("portal:editor_home")
    titles = sorted(Page.objects.values_list("title_de", flat=True))
    html = client.get(url, {"sortierung_seiten": "-titel", "sortierung_fragen": "frage"})
    page = html.content.decode()
    assert page.index(titles[-1]) < page.index(titles[0])  # pages: by title, backwards
    assert page.count('aria-sort="descending"') == 1 and page.count('aria-sort="ascending"') == 1
    # the pages' header turns their order round and keeps the questions' order
    assert "sortierung_fragen=frage&amp;sortierung_seiten=titel" in page
