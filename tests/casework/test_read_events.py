"""Reads that leave a trace: every casework page that shows a client writes exactly one read
event naming the records shown (ids, never names); a page that shows none writes none.

Generated from the URL conf (with the object factories of the permission matrix), so a new
page is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Max
from django.test import override_settings
from django.urls import get_resolver, reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Client, Consent, Goal, Handover, Step, Task, TransferRequest
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.network.models import Referral
from tests.casework.factories import make_client, staff, transfer_into
from tests.test_permission_matrix import ROUTES, Ctx

TODAY = timezone.localdate
READS = {"client.read", "client.list", "client.health_read", "client.export", "consent.scan_read"}
#: Pages without an object in the URL that must name clients in the busy Kreis set up below.
LIST_PAGES = {"my_day", "task_list", "kreis_overview", "retention_due", "client_list"}


def _casework_pages() -> list[str]:
    resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "casework"
    )
    return sorted(p.name for p in resolver.url_patterns if p.name)


def named(event: AuditEvent) -> set[int]:
    """The client records an audit event names: its target and the ids in its details."""
    ids = {int(pk) for pk in event.details.get("client_ids", [])}
    if event.target_type == "casework.client":
        ids.add(int(event.target_id))
    return ids


def _client_of(name: str, pk: int) -> int:
    """The client record behind the object a page is about."""
    lookups: dict[str, Any] = {
        "consent_withdraw": lambda: Consent.objects.get(pk=pk).client_id,
        "consent_scan": lambda: Consent.objects.get(pk=pk).client_id,
        "goal_status": lambda: Goal.objects.get(pk=pk).plan.client_id,
        "step_add": lambda: Goal.objects.get(pk=pk).plan.client_id,
        "step_toggle": lambda: Step.objects.get(pk=pk).goal.plan.client_id,
        "task_done": lambda: Task.objects.get(pk=pk).client_id,
        "handover_detail": lambda: Handover.objects.get(pk=pk).client_id,
        "transfer_detail": lambda: TransferRequest.objects.get(pk=pk).client_id,
        "referral_progress": lambda: Referral.objects.get(pk=pk).client_id,
        "referral_letter": lambda: Referral.objects.get(pk=pk).client_id,
    }
    return int(lookups[name]()) if name in lookups else pk


#: Pages about an object that is no client record (a network partner of the directory).
NOT_ABOUT_A_CLIENT = {"actor_edit", "actor_accept"}


def _busy_kreis(coordinator: Any, world: Any) -> None:
    """Something for every list page of the coordinator: a task about a client, an unassigned
    record, one due for anonymisation, a transfer into the Kreis."""
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    record = make_client(manager, world.kreis_a)
    services.task_create(
        title="Rückruf", due_on=TODAY(), assigned_to=coordinator, client=record, actor=coordinator
    )
    make_client(coordinator, world.kreis_a)  # created by the coordinator: nobody responsible
    closing = make_client(manager, world.kreis_a)
    services.client_close(
        client=closing,
        ended_on=TODAY() - dt.timedelta(days=50),
        reason="goals_reached",
        actor=manager,
    )
    transfer_into(world.kreis_a)


def _unique_names() -> None:
    """Give every record names no other record contains, to tell from the page who is shown."""
    for pk in Client.objects.values_list("pk", flat=True):
        Client.objects.filter(pk=pk).update(first_name=f"Vn{pk}Vn", last_name=f"Nn{pk}Nn")


@override_settings(CASEWORK_RETENTION_DAYS=30)
@pytest.mark.parametrize("name", _casework_pages())
def test_every_page_showing_a_client_writes_one_read_event_naming_it(  # type: ignore[no-untyped-def]
    name, client, world
) -> None:
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    _busy_kreis(coordinator, world)
    kwargs = ROUTES[f"casework:{name}"].own(Ctx(world, None))
    _unique_names()
    client.force_login(coordinator)
    before = AuditEvent.objects.aggregate(m=Max("seq"))["m"]
    response = client.get(reverse(f"casework:{name}", kwargs=kwargs))
    assert response.status_code == 200, response
    events = list(AuditEvent.objects.filter(seq__gt=before, action__in=READS))
    shown: set[int] = set()
    if response["Content-Type"].startswith(("text/html", "application/json")):
        text = response.content.decode()
        shown = {c.pk for c in Client.objects.all() if c.last_name in text or c.first_name in text}
    if "pk" in kwargs and name not in NOT_ABOUT_A_CLIENT:
        # a page about one record: it is always named, whatever else is shown
        shown.add(_client_of(name, kwargs["pk"]))
    if name in LIST_PAGES:
        assert shown, "the busy Kreis should put a client on this page"
    if shown:
        assert len(events) == 1, [(e.action, e.details) for e in events]
        assert shown <= named(events[0]), (shown, events[0].details)
    else:
        assert events == [], [(e.action, e.details) for e in events]


def test_client_page_names_the_household_members_it_shows(client, im, world) -> None:  # type: ignore[no-untyped-def]
    head = make_client(im, world.kreis_a, household_name="Familie Nadim")
    child = make_client(im, world.kreis_a, first_name="Lina", household=head.household)
    client.force_login(im)
    before = AuditEvent.objects.aggregate(m=Max("seq"))["m"]
    page = client.get(reverse("casework:client_detail", args=[head.pk])).content.decode()
    assert "Lina" in page
    (event,) = AuditEvent.objects.filter(seq__gt=before, action__in=READS)
    assert event.action == "client.read" and named(event) == {head.pk, child.pk}
    assert "Lina" not in str(event.details)


def test_duplicate_warning_names_the_records_it_hints_at(client, im, world) -> None:  # type: ignore[no-untyped-def]
    other = make_client(staff(Role.INTEGRATION_MANAGER, world.kreis_a), world.kreis_a)
    client.force_login(im)
    before = AuditEvent.objects.aggregate(m=Max("seq"))["m"]
    page = client.post(
        reverse("casework:client_create"),
        {
            "first_name": "Muhammad",
            "last_name": "Al-Hasan",
            "birth_year": "1990",
            "gender": "unknown",
            "counselling_start": TODAY().isoformat(),
            "consent_given_on": TODAY().isoformat(),
            "consent_language": "de",
        },
    ).content.decode()
    assert "Möglicherweise ist die Person schon erfasst" in page
    (event,) = AuditEvent.objects.filter(seq__gt=before, action__in=READS)
    assert event.action == "client.list" and named(event) == {other.pk}
    assert event.details["page"] == "client_create"
