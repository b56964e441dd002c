"""Start pages that say what to do next, per role (issue 9, item 4)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from pik.casework.models import Client
from pik.core.roles import Role
from pik.funding.models import Application
from pik.orgs.adapters import AccountAdapter
from tests.casework import factories as cw
from tests.funding import factories as ff

pytestmark = pytest.mark.django_db


def start_page(client, user) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(reverse("orgs:start"))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, name: str) -> str:
    match = re.search(rf'data-start="{name}".*?</section>', html, re.S)
    assert match, f"kein Abschnitt {name}"
    return match.group(0)


def test_integration_manager_lands_on_my_day_and_coordinator_on_the_start_page(
    member, rf: RequestFactory
) -> None:
    adapter = AccountAdapter()
    for role, expected in (
        (Role.INTEGRATION_MANAGER, reverse("casework:my_day")),
        (Role.KREIS_COORDINATOR, reverse("orgs:start")),
        (Role.RPS_CASE_WORKER, reverse("orgs:start")),
    ):
        request = rf.get("/")
        request.user = member(role, "a")
        assert adapter.get_login_redirect_url(request) == expected


def test_coordinator_sees_the_kreis_first_and_has_overview_and_statistics_in_navigation(
    client, member, world
) -> None:
    coordinator = member(Role.KREIS_COORDINATOR, "a")
    unassigned = cw.client_in(world.kreis_a)
    Client.objects.filter(pk=unassigned.pk).update(responsible=None)
    cw.handover_in(world.kreis_a)
    closed = cw.client_in(world.kreis_a)
    long_ago = timezone.localdate() - dt.timedelta(days=800)
    Client.objects.filter(pk=closed.pk).update(
        status=Client.Status.CLOSED,
        counselling_start=long_ago - dt.timedelta(days=100),
        counselling_end=long_ago,
    )
    cw.client_in(world.kreis_b)  # the other Kreis does not count
    Client.objects.filter(kreis=world.kreis_b).update(responsible=None)

    html = start_page(client, coordinator)
    kreis = section(html, "kreis")
    assert "1 Akte ohne Zuständigkeit" in kreis
    assert "1 offene Übergabe im Kreis" in kreis
    assert "1 Akte erreicht in 30 Tagen die Löschfrist" in kreis
    assert "überfällig" in kreis  # its anonymisation date has passed
    assert html.index('data-start="kreis"') < html.index('data-start="roles"')
    nav = html[html.index('id="pik-nav-list"') : html.index("</nav>")]
    assert reverse("casework:kreis_overview") in nav
    assert reverse("casework:statistics") in nav


def test_rps_case_worker_sees_what_waits_overdue_first_with_due_dates(
    client, member, world
) -> None:
    im = ff.programme()
    ff.contingents(im)
    ff.contingents(im, year=2021)
    worker = member(Role.RPS_CASE_WORKER, "a")
    author = member(Role.GEMEINDE_ADMIN, "a")
    applicant = ff.applicant(im, [world.gemeinde_a])
    today = timezone.localdate()
    due = {}
    for year, days in ((2020, 10), (2021, -3)):
        application = ff.draft(im, applicant, author, year=year)
        ff.step(application, "submit", author)
        Application.objects.filter(pk=application.pk).update(
            due_date=today + dt.timedelta(days=days)
        )
        due[year] = (today + dt.timedelta(days=days)).strftime("%d.%m.%Y")

    inbox = section(start_page(client, worker), "inbox")
    assert inbox.index(due[2021]) < inbox.index(due[2020])  # overdue first
    rows = re.findall(r"<tr( data-overdue)?>", inbox[inbox.index("<tbody") :])
    assert [bool(r) for r in rows] == [True, False]


def test_ministry_sees_budget_committed_paid_and_free_as_chart_and_table(client, member) -> None:
    ff.programme()
    html = start_page(client, member(Role.MINISTRY, "a", mfa=False))
    budgets = section(html, "budgets")
    assert 'role="img"' in budgets  # the SVG chart
    for heading in ("Ansatz", "gebunden", "ausgezahlt", "frei"):
        assert f">{heading}</th>" in budgets
    assert "<table" in budgets


def test_provider_sees_its_positions_and_the_money_passed_on(client, member, world) -> None:
    im = ff.programme()
    ff.contingents(im)
    author = member(Role.GEMEINDE_ADMIN, "a")
    application = ff.draft(im, ff.applicant(im, [world.gemeinde_a]), author)
    application.positions.update(provider=world.provider_a)
    ff.step(application, "submit", author)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.APPROVED)
    total = sum((p.amount for p in application.positions.all()), Decimal("0"))

    provider = section(start_page(client, member(Role.PROVIDER_ADMIN, "a")), "provider")
    for position in application.positions.all():
        assert position.person_name in provider
    assert f"{total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in provider
    other = section(start_page(client, member(Role.PROVIDER_ADMIN, "b")), "provider")
    assert "Noch keine Stellen" in other


@pytest.mark.parametrize("name", ["orgs:start", "orgs:kreis_list", "funding:application_list"])
def test_auditor_sees_read_only_on_every_page(client, member, name: str) -> None:
    client.force_login(member(Role.AUDITOR, "a"))
    assert "data-read-only" in client.get(reverse(name)).content.decode()
    client.force_login(member(Role.RPS_HEAD, "a"))
    assert "data-read-only" not in client.get(reverse(name)).content.decode()
