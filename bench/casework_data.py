"""Synthetic casework data for benchmarks: a Kreis-size set (3,000 clients, 60,000 contacts,
40 managers) and, on PostgreSQL only, a state-size set (150,000 clients, 3,000,000 contacts).

Loaded with bulk_create straight into the tables (no audit events: this is load, not use).
Idempotent: an existing set of the right size is reused.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from pik.casework.matching import match_form, name_key
from pik.casework.models import Client, Consent, Contact, Goal, Plan, PlanField, Task
from pik.core.roles import Role
from pik.orgs import services as org_services
from pik.orgs.models import Kreis, User

FIRST = [
    "Mohammed",
    "Muhammad",
    "Mohamad",
    "Ahmad",
    "Ali",
    "Hassan",
    "Omar",
    "Yusuf",
    "Ibrahim",
    "Farhad",
    "Dmytro",
    "Oleksandr",
    "Andrii",
    "Amina",
    "Fatima",
    "Layla",
    "Nour",
    "Zahra",
    "Oksana",
    "Olena",
    "Tetiana",
    "Mariam",
    "Samira",
    "Aisha",
    "Khaled",
    "Bilal",
    "Abdullahi",
]
LAST = [
    "Al-Hassan",
    "Haddad",
    "Rezaei",
    "Ahmadi",
    "Mohammadi",
    "Khalil",
    "Darwish",
    "Melnyk",
    "Shevchenko",
    "Kovalenko",
    "Bondarenko",
    "Tesfaye",
    "Jallow",
    "Warsame",
    "Idris",
    "Sultani",
    "Haidari",
    "Nasser",
    "Yilmaz",
    "Hussein",
    "Abdi",
    "Karimi",
    "Osman",
    "Saleh",
    "Tkachenko",
]
KINDS = ["in_person", "in_person", "outreach", "phone", "email", "video"]
GENDERS = ["female", "male", "male", "diverse", "unknown"]
NATIONALITIES = ["syrisch", "afghanisch", "ukrainisch", "irakisch", "türkisch", "eritreisch", ""]
#: About 5.5 goals per plan, so the state-size set has about 500,000 plan goals.
GOALS_PER_PLAN = (3, 8)
TOPICS = ["language", "work", "housing", "family", "residence", "finances", "health", "school"]


@dataclass
class CaseworkSet:
    kreis: Kreis
    managers: list[User]
    coordinator: User
    clients: int
    contacts: int


def _staff(local: str, role: Role, kreis: Kreis) -> User:
    email = f"{local}@bench.pik-bw.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = org_services.user_create(
            email=email, first_name="Bench", last_name=local, actor=None
        )
        org_services.membership_create(user=user, role=role, kreis=kreis, actor=None)
    return user


@transaction.atomic
def casework_set(
    *, kreis_ags: str, clients: int, contacts_per_client: int, managers: int, seed: int = 4
) -> CaseworkSet:
    if not Kreis.objects.exists():
        org_services.reference_data_load()
    kreis = Kreis.objects.get(ags=kreis_ags)
    staff = [
        _staff(f"im{i:03d}.{kreis_ags}", Role.INTEGRATION_MANAGER, kreis) for i in range(managers)
    ]
    coordinator = _staff(f"koordination.{kreis_ags}", Role.KREIS_COORDINATOR, kreis)
    existing = Client.objects.filter(kreis=kreis, responsible__in=staff).count()
    if existing != clients:
        Client.objects.filter(kreis=kreis, responsible__in=staff).delete()
        _load(kreis, staff, clients, contacts_per_client, random.Random(seed))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give
                cursor.execute(
                    "ANALYZE casework_client, casework_contact, casework_consent, casework_plan, "
                    "casework_goal, casework_task"
                )
    return CaseworkSet(
        kreis=kreis,
        managers=staff,
        coordinator=coordinator,
        clients=Client.objects.filter(kreis=kreis, responsible__in=staff).count(),
        contacts=Contact.objects.filter(client__kreis=kreis, staff__in=staff).count(),
    )


def _load(kreis: Kreis, staff: list[User], n: int, per_client: int, rng: random.Random) -> None:
    today = timezone.localdate()
    batch: list[Client] = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        start = today - dt.timedelta(days=rng.randint(30, 1000))
        closed = rng.random() < 0.2
        end = min(today, start + dt.timedelta(days=rng.randint(30, 700))) if closed else None
        batch.append(
            Client(
                kreis=kreis,
                responsible=staff[i % len(staff)],
                first_name=first,
                last_name=last,
                first_name_key=name_key(first),
                last_name_key=name_key(last),
                first_name_match=match_form(first),
                last_name_match=match_form(last),
                birth_year=rng.randint(1950, 2007),
                gender=rng.choice(GENDERS),
                nationality=rng.choice(NATIONALITIES),
                counselling_start=start,
                counselling_end=end,
                status="closed" if closed else "active",
                residence_valid_until=today + dt.timedelta(days=rng.randint(-30, 900)),
                planned_end=start + dt.timedelta(days=3 * 365),
            )
        )
    created = Client.objects.bulk_create(batch, batch_size=2000)
    Consent.objects.bulk_create(
        [Consent(client=c, purpose="participation", given_on=c.counselling_start) for c in created]
        # four in five agree to the anonymised statistics (the key figures count only them)
        + [
            Consent(client=c, purpose="statistics", given_on=c.counselling_start)
            for c in created
            if rng.random() < 0.8
        ],
        batch_size=5000,
    )
    contacts: list[Contact] = []
    plans: list[Plan] = []
    tasks: list[Task] = []
    for client in created:
        last_day = client.counselling_end or today
        span = max(1, (last_day - client.counselling_start).days)
        for _ in range(rng.randint(per_client // 2, per_client * 3 // 2)):
            contacts.append(
                Contact(
                    client=client,
                    staff_id=client.responsible_id,
                    occurred_on=client.counselling_start + dt.timedelta(days=rng.randint(0, span)),
                    kind=rng.choice(KINDS),
                    duration_minutes=rng.choice([15, 30, 45, 60]),
                    topics=rng.sample(TOPICS, k=rng.choice((1, 1, 2))),
                    notes="Beratung",
                )
            )
        if rng.random() < 0.6:
            plans.append(
                Plan(client=client, review_due=today + dt.timedelta(days=rng.randint(-30, 120)))
            )
        if client.status == "active" and rng.random() < 0.3:
            tasks.append(
                Task(
                    kreis=kreis,
                    client=client,
                    assigned_to_id=client.responsible_id,
                    title="Wiedervorlage",
                    due_on=today + dt.timedelta(days=rng.randint(-10, 30)),
                )
            )
        if len(contacts) >= 20_000:
            Contact.objects.bulk_create(contacts, batch_size=5000)
            contacts.clear()
    Contact.objects.bulk_create(contacts, batch_size=5000)
    Plan.objects.bulk_create(plans, batch_size=5000)
    _goals(
        Plan.objects.filter(client__in=created).values_list("pk", "client__counselling_start"), rng
    )
    Task.objects.bulk_create(tasks, batch_size=5000)


def kreis_size() -> CaseworkSet:
    """3,000 clients, about 60,000 contacts, 40 managers in Landkreis Heilbronn (08125)."""
    return casework_set(kreis_ags="08125", clients=3000, contacts_per_client=20, managers=40)


def state_size() -> list[CaseworkSet]:
    """150,000 clients and about 3,000,000 contacts over the 44 Kreise (PostgreSQL only): the
    Kreis-size set plus 147,000 clients spread over the other 43 Kreise."""
    result = [kreis_size()]
    others = list(Kreis.objects.exclude(ags="08125").order_by("ags"))
    for index, kreis in enumerate(others):
        size = 147_000 // len(others) + (1 if index < 147_000 % len(others) else 0)
        result.append(
            casework_set(kreis_ags=kreis.ags, clients=size, contacts_per_client=20, managers=40)
        )
    return result


def _goals(plans: Iterable[tuple[int, dt.date]], rng: random.Random) -> None:
    """Goals per plan across the fields; about a third reached, a few dropped, each status
    change dated after the counselling began."""
    today = timezone.localdate()
    fields = [value for value, _ in PlanField.choices]
    goals: list[Goal] = []
    for plan_id, start in plans:
        for _ in range(rng.randint(*GOALS_PER_PLAN)):
            status = rng.choice(("open", "open", "achieved", "dropped"))
            changed = None
            if status != "open":
                changed = min(today, start + dt.timedelta(days=rng.randint(20, 700)))
            goals.append(
                Goal(
                    plan_id=plan_id,
                    field=rng.choice(fields),
                    description="Ziel",
                    status=status,
                    status_changed_on=changed,
                )
            )
        if len(goals) >= 20_000:
            Goal.objects.bulk_create(goals, batch_size=5000)
            goals.clear()
    Goal.objects.bulk_create(goals, batch_size=5000)
