"""Shared fixtures: reference data once per test database, two Kreise, a member per role."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from pik.core import audit
from pik.core.roles import STATEWIDE_ROLES, Role
from pik.orgs import services
from pik.orgs.models import Gemeinde, Kreis, Membership, Provider, User

# Actions that only the kernel's own tests write (apps register theirs in <app>/actions.py).
audit.register_actions(
    {
        name: name
        for name in (
            "test.event",
            "test.keyed",
            "test.later",
            "test.legacy",
            "test.rotated",
            "task.test",
            "concurrency.test",
            "kreis.look",
        )
    }
)

KREIS_A, KREIS_B = "08115", "08116"  # Böblingen, Esslingen
GEMEINDE_A, GEMEINDE_B = "08115003", "08116019"  # Böblingen, Esslingen am Neckar
_counter = itertools.count()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        services.reference_data_load()


@dataclass
class World:
    kreis_a: Kreis
    kreis_b: Kreis
    gemeinde_a: Gemeinde
    gemeinde_b: Gemeinde
    provider_a: Provider
    provider_b: Provider

    def side(self, which: str) -> dict[str, Any]:
        if which == "a":
            return {"kreis": self.kreis_a, "gemeinde": self.gemeinde_a, "provider": self.provider_a}
        return {"kreis": self.kreis_b, "gemeinde": self.gemeinde_b, "provider": self.provider_b}


@pytest.fixture
def world(db: None) -> World:
    kreis_a, kreis_b = Kreis.objects.get(ags=KREIS_A), Kreis.objects.get(ags=KREIS_B)
    return World(
        kreis_a=kreis_a,
        kreis_b=kreis_b,
        gemeinde_a=Gemeinde.objects.get(ags=GEMEINDE_A),
        gemeinde_b=Gemeinde.objects.get(ags=GEMEINDE_B),
        provider_a=services.provider_create(
            name="Caritas Böblingen", association="caritas", kreis=kreis_a, actor=None
        ),
        provider_b=services.provider_create(
            name="Diakonie Esslingen", association="diakonie", kreis=kreis_b, actor=None
        ),
    )


def with_totp(user: User) -> User:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


class SignedInClient(Client):
    """``force_login`` as after the real login: password, then the second factor if the user has one.

    allauth records each step of a login in the session, and RequireMfaMiddleware lets a user
    whose role needs two-factor login work only in a session with the "mfa" step. Plain
    ``force_login`` skips both; tests that want a password-only session use ``client.login``.
    """

    def force_login(self, user: Any, backend: str | None = None) -> None:
        super().force_login(user, backend)
        authenticator = (
            Authenticator.objects.filter(user=user)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
            .first()
        )
        if authenticator is None:
            return
        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, "password", email=user.email)
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        request.session.save()


@pytest.fixture
def client() -> Client:
    """pytest-django's ``client``, signing users in with their second factor (SignedInClient)."""
    return SignedInClient()


MemberFactory = Callable[..., User]


@pytest.fixture
def member(world: World) -> MemberFactory:
    """``member(Role.X, side="a", mfa=True)``: a user holding one role in Kreis A (or B)."""

    def make(role: Role, side: str = "a", *, mfa: bool = True, **extra: Any) -> User:
        n = next(_counter)
        user = services.user_create(
            email=f"{role.value}.{side}.{n}@test.example",
            first_name=role.label[:20],
            last_name=f"Nr{n}",
            password="Ein-sicheres-Passwort-1",
            actor=None,
        )
        where = world.side(side)
        kwargs: dict[str, Any] = {}
        if role == Role.RPS_CASE_WORKER:
            kwargs["responsible_kreise"] = [where["kreis"]]
        elif role not in STATEWIDE_ROLES:
            kwargs["kreis"] = where["kreis"]
            if role == Role.GEMEINDE_ADMIN:
                kwargs["gemeinde"] = where["gemeinde"]
            if role == Role.PROVIDER_ADMIN:
                kwargs["provider"] = where["provider"]
        kwargs.update(extra)
        services.membership_create(user=user, role=role, actor=None, **kwargs)
        return with_totp(user) if mfa else user

    return make


ALL_ROLES = list(Role)


def memberships_of(user: User) -> list[Membership]:
    return list(user.memberships.all())


@pytest.fixture(autouse=True)
def german_by_default() -> Iterator[None]:
    """Every test starts in German (the default language); one that switches to English cannot
    leak it into the next test run by the same process."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Each test starts with an empty cache: cached portal pages and counters of one test's
    database must not answer in the next one."""
    from django.core.cache import cache

    cache.clear()
