"""Casework reads on a Kreis-size data set (and the state-size set on PostgreSQL with
BENCH_STATE=1): the scoped selectors against the plain ORM query that fetches the same rows."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone

from bench.casework_data import CaseworkSet, kreis_size, state_size
from bench.runner import Benchmark
from pik.casework import selectors, services
from pik.casework.matching import name_key
from pik.casework.models import Client, Contact, Plan, Task
from pik.core.models import AuditEvent


class Lazy:
    """The data set is built on first use, so `make bench BENCH=allocate` does not load it."""

    def __init__(self, load: Callable[[], CaseworkSet], notes: list[str]) -> None:
        self._load, self._data, self.notes = load, None, notes

    @property
    def data(self) -> CaseworkSet:
        if self._data is None:
            self._data = self._load()
            self.notes.append(
                f"this Kreis {self._data.clients:,} clients / {self._data.contacts:,} contacts; "
                f"tables {Client.objects.count():,} clients / {Contact.objects.count():,} contacts"
            )
        return self._data


def _benches(lazy: Lazy, label: str) -> list[Benchmark]:
    today = timezone.localdate()
    state: dict[str, Any] = {}

    def ctx() -> dict[str, Any]:
        if not state:
            data = lazy.data
            manager, writer = data.managers[7], data.managers[8]
            state.update(
                manager=manager,
                # the write benchmark works on another caseload, so its contacts do not pile
                # up in the reading manager's "Mein Tag"
                writer=writer,
                writer_client=Client.objects.filter(responsible=writer, status="active")
                .order_by("pk")
                .first(),
                coordinator=data.coordinator,
                kreis=data.kreis,
                client=Client.objects.filter(responsible=manager, status="active")
                .order_by("pk")
                .first(),
            )
        return state

    def caseload() -> list[Any]:
        return list(selectors.client_list(user=ctx()["manager"], status="active")[:50])

    def caseload_ref() -> list[Any]:
        return list(
            Client.objects.filter(
                kreis=ctx()["kreis"], responsible=ctx()["manager"], status="active"
            )
            .select_related("responsible", "gemeinde")
            .annotate(last_contact=Max("contacts__occurred_on"))
            .order_by("last_name", "first_name", "pk")[:50]
        )

    def search() -> list[Any]:
        return list(selectors.client_list(user=ctx()["coordinator"], query="Muhammad")[:50])

    def search_ref() -> list[Any]:
        key = name_key("Muhammad")
        return list(
            Client.objects.filter(kreis=ctx()["kreis"])
            .filter(
                Q(first_name__icontains="Muhammad")
                | Q(last_name__icontains="Muhammad")
                | Q(first_name_key__startswith=key)
                | Q(last_name_key__startswith=key)
            )
            .select_related("responsible", "gemeinde")
            .annotate(last_contact=Max("contacts__occurred_on"))
            .order_by("last_name", "first_name", "pk")[:50]
        )

    def client_page() -> tuple[Any, ...]:
        c = selectors.client_get(user=ctx()["manager"], pk=ctx()["client"].pk)
        return (
            c,
            list(selectors.client_contacts(client=c)[:20]),
            selectors.client_access_log(client=c),
        )

    def client_page_ref() -> tuple[Any, ...]:
        c = Client.objects.select_related("kreis", "gemeinde", "household", "responsible").get(
            pk=ctx()["client"].pk
        )
        return (
            c,
            list(Contact.objects.filter(client=c).select_related("staff")[:20]),
            list(
                AuditEvent.objects.filter(target_type="casework.client", target_id=str(c.pk))
                .select_related("actor")
                .order_by("-seq")[:50]
            ),
        )

    def my_day() -> Any:
        return selectors.my_day(user=ctx()["manager"])

    def my_day_ref() -> Any:
        import datetime as dt

        mine = Client.objects.filter(
            kreis=ctx()["kreis"], responsible=ctx()["manager"], status="active"
        )
        return (
            list(
                Task.objects.filter(
                    assigned_to=ctx()["manager"],
                    done_at__isnull=True,
                    due_on__lte=today + dt.timedelta(days=7),
                ).select_related("client")
            ),
            mine.count(),
            list(
                Plan.objects.filter(
                    client__in=mine, review_due__lte=today + dt.timedelta(days=14)
                ).select_related("client")[:20]
            ),
            list(
                Contact.objects.filter(
                    staff=ctx()["manager"],
                    occurred_on__gte=today - dt.timedelta(days=7),
                    occurred_on__lte=today,
                )
                .select_related("client")
                .order_by("-occurred_on", "-pk")[:15]
            ),
            list(
                mine.annotate(last=Max("contacts__occurred_on"))
                .filter(
                    Q(residence_valid_until__lte=today + dt.timedelta(weeks=8))
                    | Q(planned_end__lte=today + dt.timedelta(weeks=8))
                    | Q(last__lt=today - dt.timedelta(days=60))
                    | Q(last__isnull=True)
                )
                .order_by("residence_valid_until", "planned_end", "last")[:80]
            ),
        )

    def duplicates() -> Any:
        return selectors.client_duplicates(
            user=ctx()["manager"],
            kreis_id=ctx()["kreis"].pk,
            first_name="Mohamad",
            last_name="Al Hasan",
            birth_year=1980,
        )

    def duplicates_ref() -> Any:
        return list(
            Client.objects.filter(
                kreis=ctx()["kreis"], first_name_key="mhmd", last_name_key="alhsn", birth_year=1980
            )[:10]
        )

    def record_contact() -> Any:
        return services.contact_record(
            client=ctx()["writer_client"],
            occurred_on=today,
            kind="phone",
            duration_minutes=10,
            topics=["work"],
            notes="Bench",
            actor=ctx()["writer"],
        )

    def record_contact_ref() -> Any:
        return Contact.objects.create(
            client=ctx()["writer_client"],
            staff=ctx()["writer"],
            occurred_on=today,
            kind="phone",
            duration_minutes=10,
            topics=["work"],
            notes="Bench",
        )

    return [
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"{label} caseload page (manager)",
            subject=caseload,
            reference=caseload_ref,
            reference_label="ORM: same filter, annotation and order, no scoping",
            notes=lazy.notes,
        ),
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"{label} name search (coordinator)",
            subject=search,
            reference=search_ref,
            reference_label="ORM: same name/key filter on the Kreis, no scoping",
        ),
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"{label} client page reads",
            subject=client_page,
            reference=client_page_ref,
            reference_label="ORM: client + 20 contacts + access log, without the read audit",
            notes=["subject writes one audit event per read (hash chain, row lock)"],
        ),
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"{label} Mein Tag (manager)",
            subject=my_day,
            reference=my_day_ref,
            reference_label="ORM: tasks, count, reviews, 7-day contacts, reminders+quiet unscoped",
        ),
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"{label} duplicate check",
            subject=duplicates,
            reference=duplicates_ref,
            reference_label="ORM: exact key + birth year filter",
        ),
        Benchmark(
            needs_db=True,  # a throw-away database (bench/db.py), never the developer's
            name=f"{label} record contact (write)",
            subject=record_contact,
            reference=record_contact_ref,
            reference_label="ORM: Contact.objects.create without checks, lock and audit",
        ),
    ]


def benchmarks() -> list[Benchmark]:
    result = _benches(Lazy(kreis_size, []), "Kreis")
    if os.environ.get("BENCH_STATE") and connection.vendor == "postgresql":
        result += _benches(Lazy(lambda: state_size()[0], []), "State")
    return result
