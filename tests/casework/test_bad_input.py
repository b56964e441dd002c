"""Bad input anywhere: a German message, and nothing changes (no row, no change event)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from pik.casework import services
from pik.casework.models import Client, Consent, Contact, Goal, Handover, Plan, Step, Task
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.orgs.models import Kreis
from tests.casework.factories import staff

TODAY = timezone.localdate
TABLES = [Client, Consent, Contact, Plan, Goal, Step, Task, Handover]
READS = {"client.read", "client.list", "client.health_read", "client.export"}


def snapshot() -> tuple[list[int], int]:
    changes = AuditEvent.objects.exclude(action__in=READS).count()
    return [m.objects.count() for m in TABLES], changes


GARBAGE = {
    "first_name": "",
    "last_name": "\x00",
    "birth_year": "1066",
    "birth_date": "31.02.2020",
    "counselling_start": "morgen",
    "consent_given_on": "",
    "occurred_on": (TODAY() + dt.timedelta(days=5)).isoformat(),
    "kind": "brieftaube",
    "duration_minutes": "-5",
    "topics": ["kochen"],
    "notes": "x" * 6000,
    "purpose": "werbung",
    "given_on": "",
    "withdrawn_on": "1999-01-01",
    "status": "fertig",
    "agreed_on": "",
    "field": "mond",
    "description": "",
    "who": "niemand",
    "title": "",
    "due_on": "",
    "ended_on": "2000-01-01",
    "person": "999999",
    "to_kreis": "999999",
    "reason": "",
    "confirm_name": "Falsch",
    "version": "1",
}


FORM_VIEWS = [
    ("client_create", None, "manager"),
    ("client_edit", "client", "manager"),
    ("health_notes", "client", "manager"),
    ("client_close", "client", "manager"),
    ("contact_add", "client", "manager"),
    ("consent_add", "client", "manager"),
    ("consent_withdraw", "consent", "manager"),
    ("plan_edit", "client", "manager"),
    ("goal_add", "client", "manager"),
    ("goal_status", "goal", "manager"),
    ("step_add", "goal", "manager"),
    ("task_list", None, "manager"),
    ("task_add", "client", "manager"),
    ("handover_create", "client", "manager"),
    ("client_share", "client", "manager"),
    ("client_assign", "client", "coordinator"),
    ("transfer_create", "client", "manager"),
    ("client_erase", "client", "coordinator"),
]


@pytest.mark.parametrize(("name", "obj", "who"), FORM_VIEWS)
def test_garbage_post_changes_nothing(name, obj, who, client, busy) -> None:  # type: ignore[no-untyped-def]
    args = [busy[obj].pk] if obj else []
    client.force_login(busy[who])
    before = snapshot()
    response = client.post(reverse(f"casework:{name}", args=args), GARBAGE)
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "kern-error" in page or "kern-alert--danger" in page
    assert snapshot() == before


def test_stale_plan_version_through_the_page_changes_nothing(client, busy) -> None:  # type: ignore[no-untyped-def]
    client.force_login(busy["manager"])
    before = snapshot()
    response = client.post(
        reverse("casework:plan_edit", args=[busy["client"].pk]),
        {"status": "draft", "version": "1", "interests": "Schach"},
    )
    assert response.status_code == 200 and "inzwischen geändert" in response.content.decode()
    assert snapshot() == before


names = st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=120)


class TestAnyNameIsSavedOrRefusedCleanly(HypothesisTestCase):
    """Whatever is typed as a name, the service saves it or refuses it with a ValidationError,
    never a database error, and a refusal leaves no row."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(first=names, last=names, year=st.one_of(st.none(), st.integers(-5, 5000)))
    def test_create(self, first: str, last: str, year: int | None) -> None:
        kreis = Kreis.objects.get(ags="08115")
        manager = staff(Role.INTEGRATION_MANAGER, kreis)
        before = Client.objects.count()
        data = services.ClientData(
            first_name=first, last_name=last, birth_year=year, counselling_start=TODAY()
        )
        try:
            client = services.client_create(
                kreis=kreis, data=data, consent_given_on=TODAY(), actor=manager
            )
        except ValidationError as exc:
            assert exc.messages
            assert Client.objects.count() == before
        else:
            assert client.first_name == first.strip()
            assert Client.objects.count() == before + 1
