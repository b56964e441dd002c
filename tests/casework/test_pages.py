"""The page assemblies: "Mein Tag" (tasks, reviews, reminders 8 weeks ahead) and the query
budget of the daily pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pik.casework import selectors, services
from pik.casework.models import Consent
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.network import services as network_services
from tests.casework.factories import make_client, staff

TODAY = timezone.localdate


def test_my_day_reminds_of_permit_expiry_and_counselling_end_8_weeks_ahead(  # type: ignore[no-untyped-def]
    client, im, world
) -> None:
    soon = make_client(
        im, world.kreis_a, last_name="Bald", residence_valid_until=TODAY() + dt.timedelta(days=55)
    )
    later = make_client(
        im,
        world.kreis_a,
        last_name="Spaeter",
        residence_valid_until=TODAY() + dt.timedelta(days=60),
    )
    ending = make_client(
        im,
        world.kreis_a,
        last_name="Ende",
        counselling_start=TODAY() - dt.timedelta(days=3 * 365 - 20),
        planned_end=TODAY() + dt.timedelta(days=20),
    )
    day = selectors.my_day(user=im)
    assert day.permits_expiring == [soon]
    assert later not in day.permits_expiring
    assert day.ends_due == [ending]
    client.force_login(im)
    page = client.get(reverse("casework:my_day")).content.decode()
    assert "Aufenthaltstitel läuft ab" in page and "Ende der Beratung" in page
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    assert selectors.my_day(user=colleague).permits_expiring == []  # only the own caseload


def test_my_day_lists_tasks_and_reviews(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    services.task_create(
        title="Anruf Ausländerbehörde",
        due_on=TODAY(),
        assigned_to=im,
        client=record_with_plan,
        actor=im,
    )
    record_with_plan.plan.review_due = TODAY() + dt.timedelta(days=3)
    record_with_plan.plan.save()
    client.force_login(im)
    page = client.get(reverse("casework:my_day")).content.decode()
    assert "Anruf Ausländerbehörde" in page and "Integrationspläne zur Überprüfung" in page
    assert str(record_with_plan) in page


def _fill(im, kreis, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        record = make_client(
            im,
            kreis,
            last_name=f"Fuell{i}",
            residence_valid_until=TODAY() + dt.timedelta(days=10 + i),
        )
        services.contact_record(
            client=record, occurred_on=TODAY(), kind="phone", duration_minutes=10, actor=im
        )
        services.task_create(title=f"Anruf {i}", due_on=TODAY(), assigned_to=im, actor=im)


FRAME = (
    'SELECT "django_session"',
    'UPDATE "django_session"',
    'SELECT "orgs_user"."id"',
    'SELECT "orgs_membership"',
)


AUDIT = ('SELECT "core_auditchainhead"', 'INSERT INTO "core_audit', 'UPDATE "core_auditchainhead"')


def _page_queries(captured: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """The page's own queries, and those of its one audit event (with their savepoint)."""
    sql = [q["sql"] for q in captured]
    page, audit = [], []
    for i, q in enumerate(sql):
        neighbours = sql[max(i - 1, 0) : i + 2]
        savepoint = q.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        if q.startswith(AUDIT) or (savepoint and any(n.startswith(AUDIT) for n in neighbours)):
            audit.append(q)
            continue
        session_save = savepoint and any(
            n.startswith('UPDATE "django_session"') for n in neighbours
        )
        if not session_save and not q.startswith(FRAME):
            page.append(q)
    return page, audit


@pytest.mark.parametrize("role", [Role.INTEGRATION_MANAGER, Role.KREIS_COORDINATOR])
@pytest.mark.parametrize("page", ["casework:my_day", "casework:client_list"])
def test_daily_pages_use_a_fixed_small_number_of_queries(client, im, world, page, role) -> None:  # type: ignore[no-untyped-def]
    user = im if role == Role.INTEGRATION_MANAGER else staff(role, world.kreis_a)
    client.force_login(user)
    client.get(reverse(page))  # session and caches warm
    counts, own = [], []
    for n in (2, 25):
        _fill(im, world.kreis_a, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(page)).status_code == 200
        counts.append(len(ctx.captured_queries))
        own.append(_page_queries(ctx.captured_queries))
    assert counts[0] == counts[1], counts  # independent of the data size
    page_sql, audit_sql = own[1]
    # eight for casework's own sections, one for the referrals waiting for an answer (network)
    assert len(page_sql) <= 9, "\n".join(q[:150] for q in page_sql)
    # one read event naming the records shown (the coordinator's own day shows none of them)
    shows = role == Role.INTEGRATION_MANAGER or page == "casework:client_list"
    events = sum(q.startswith('INSERT INTO "core_auditevent"') for q in audit_sql)
    assert events == (1 if shows else 0), audit_sql
    sql = [c["sql"] for c in ctx.captured_queries]
    frame = [q[:120] for q in sql if q not in page_sql and q not in audit_sql]
    # the frame: session, user, roles (the session is written at most once a minute)
    assert len(frame) == 3, "\n".join(frame)  # nothing else hides in the frame


def test_the_client_page_comes_from_one_selector_call_with_what_the_user_may_do(  # type: ignore[no-untyped-def]
    client, im, coordinator, record, world
) -> None:
    colleague = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    services.client_share(client=record, user=colleague, shared=True, actor=im)
    services.consent_record(
        client=record,
        purpose=Consent.Purpose.NETWORK,
        network_actor="Jobcenter Böblingen",
        given_on=TODAY(),
        actor=im,
    )
    referral = network_services.referral_record(
        client=record,
        network_actor="Jobcenter Böblingen",
        purpose="Lebenslauf",
        shared_on=TODAY(),
        actor=im,
    )
    flags = ("may_hand_over", "may_share", "may_request_transfer", "may_export")
    for user, own, coordination in (
        (im, True, False),
        (colleague, False, False),  # works on the shared record, gives nothing away
        (coordinator, True, True),
    ):
        page = selectors.client_page(user=user, pk=record.pk)
        assert page.client == record
        assert all(getattr(page, flag) is own for flag in flags), user
        assert page.may_assign is page.may_erase is coordination
        assert page.may_read_health is (user != colleague)
        assert page.context()["referrals"] == [referral]  # network's part of the record
    assert AuditEvent.objects.filter(action="client.read", target_id=str(record.pk)).count() == 3
    with pytest.raises(Http404):
        selectors.client_page(user=staff(Role.KREIS_COORDINATOR, world.kreis_b), pk=record.pk)
    client.force_login(colleague)
    html = client.get(reverse("casework:client_detail", args=[record.pk])).content.decode()
    assert reverse("casework:client_share", args=[record.pk]) not in html
    assert reverse("casework:export_json", args=[record.pk]) not in html
    assert reverse("casework:contact_add", args=[record.pk]) in html
