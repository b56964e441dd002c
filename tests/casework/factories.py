"""Helpers that build casework data through the services (so tests exercise the real path)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Client, Consent
from pik.core.roles import Role
from pik.orgs import services as org_services
from pik.orgs.models import Kreis, User
from tests.conftest import with_totp

_n = itertools.count()

#: Pages about one client record (URL argument: the client's pk) that the Kreis coordinator
#: opens; the responsible manager opens them too, except the coordinator-only ones.
CLIENT_PAGES = [
    "client_detail",
    "client_edit",
    "client_close",
    "contact_add",
    "consent_add",
    "referral_add",
    "plan_edit",
    "goal_add",
    "task_add",
    "handover_create",
    "client_share",
    "client_assign",
    "transfer_create",
    "export_json",
    "export_pdf",
    "consent_pdf",
    "client_erase",
]
COORDINATOR_ONLY = {"client_assign", "client_erase"}


def staff(role: Role, kreis: Kreis, **extra: Any) -> User:
    n = next(_n)
    user = org_services.user_create(
        email=f"cw.{role.value}.{kreis.ags}.{n}@test.example",
        first_name="Test",
        last_name=f"{role.value[:10]}{n}",
        password="Ein-sicheres-Passwort-1",
        actor=None,
    )
    org_services.membership_create(user=user, role=role, kreis=kreis, actor=None, **extra)
    return with_totp(user)


def data(**overrides: Any) -> services.ClientData:
    values: dict[str, Any] = {
        "first_name": "Mohammed",
        "last_name": "Al-Hassan",
        "birth_year": 1990,
        "counselling_start": timezone.localdate() - dt.timedelta(days=100),
    }
    values.update(overrides)
    return services.ClientData(**values)


def with_plan(client: Client, manager: User) -> Client:
    """The record with an integration plan (fields only, no goals yet)."""
    services.plan_save(
        client=client, data=services.PlanData(interests="Kochen"), expected_version=0, actor=manager
    )
    return client


def busy_record(kreis: Kreis) -> dict[str, Any]:
    """A manager's record with a goal, a step and a task, the Kreis coordinator, the consent."""
    manager = staff(Role.INTEGRATION_MANAGER, kreis)
    coordinator = staff(Role.KREIS_COORDINATOR, kreis)
    client = make_client(manager, kreis)
    goal = services.goal_add(client=client, field="work", description="Arbeit", actor=manager)
    step = services.step_add(goal=goal, description="Lebenslauf", actor=manager)
    task = services.task_create(
        title="Anruf",
        due_on=timezone.localdate(),
        assigned_to=manager,
        client=client,
        actor=manager,
    )
    return {
        "manager": manager,
        "coordinator": coordinator,
        "client": client,
        "goal": goal,
        "step": step,
        "task": task,
        "consent": client.consents.get(),
    }


def make_client(manager: User, kreis: Kreis, household_name: str = "", **overrides: Any) -> Client:
    return services.client_create(
        kreis=kreis,
        data=data(**overrides),
        household_name=household_name,
        consent_given_on=timezone.localdate() - dt.timedelta(days=100),
        actor=manager,
    )


def give_consent(client: Client, purpose: str, actor: User) -> Consent:
    return services.consent_record(
        client=client, purpose=purpose, given_on=timezone.localdate(), actor=actor
    )


def client_in(kreis: Kreis) -> Client:
    """A client in ``kreis`` owned by a fresh manager there (for the permission matrix)."""
    return make_client(staff(Role.INTEGRATION_MANAGER, kreis), kreis)


def _owned(kreis: Kreis) -> tuple[User, Client]:
    manager = staff(Role.INTEGRATION_MANAGER, kreis)
    return manager, make_client(manager, kreis)


def plan_client_in(kreis: Kreis) -> Client:
    manager, client = _owned(kreis)
    services.plan_save(
        client=client,
        data=services.PlanData(interests="Fußball"),
        expected_version=0,
        actor=manager,
    )
    return client


def consent_in(kreis: Kreis) -> Consent:
    return client_in(kreis).consents.get()


#: A minimal but real PDF (the content check wants the header and the end marker).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "einwilligung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def consent_scan_in(kreis: Kreis) -> Consent:
    """A statistics consent with a scanned signed paper, in ``kreis``."""
    manager, client = _owned(kreis)
    return services.consent_record(
        client=client,
        purpose=Consent.Purpose.STATISTICS,
        given_on=timezone.localdate(),
        scan=pdf_upload(),
        actor=manager,
    )


def goal_in(kreis: Kreis) -> Any:
    manager, client = _owned(kreis)
    return services.goal_add(
        client=client, field="work", description="Arbeit finden", actor=manager
    )


def step_in(kreis: Kreis) -> Any:
    manager, client = _owned(kreis)
    goal = services.goal_add(client=client, field="work", description="Arbeit", actor=manager)
    return services.step_add(goal=goal, description="Lebenslauf schreiben", actor=manager)


def task_in(kreis: Kreis) -> Any:
    manager, client = _owned(kreis)
    return services.task_create(
        title="Rückruf",
        due_on=timezone.localdate(),
        assigned_to=manager,
        client=client,
        actor=manager,
    )


def handover_in(kreis: Kreis) -> Any:
    manager, client = _owned(kreis)
    other = staff(Role.INTEGRATION_MANAGER, kreis)
    return services.handover_request(client=client, to_user=other, actor=manager)


def transfer_into(kreis: Kreis) -> Any:
    """A transfer request from some other Kreis into ``kreis``."""
    source = Kreis.objects.exclude(pk=kreis.pk).order_by("ags").first()
    assert source is not None
    manager, client = _owned(source)
    give_consent(client, Consent.Purpose.TRANSFER, manager)
    return services.transfer_request(client=client, to_kreis=kreis, reason="Umzug", actor=manager)
