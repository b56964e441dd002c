"""Every view for every role, generated from the URL conf.

A new named URL without an entry in ROUTES fails ``test_every_view_is_in_the_matrix``, so a view
is covered the day it is added. Each route says which roles may open it for their own Kreis and
which may open the same page for the other Kreis; all others get 404 there (never 403, so
existence does not leak), and anonymous users are sent to the login.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pik.core.roles import STATEWIDE_ROLES, Role
from tests.conftest import ALL_ROLES, World

# Namespaces that belong to libraries (tested by their authors) or are not views of ours.
EXTERNAL = {"admin", None}
ALL = frozenset(Role)


@dataclass(frozen=True)
class Route:
    public: bool = False
    own: Callable[[World], dict[str, Any]] = lambda w: {}
    foreign: Callable[[World], dict[str, Any]] | None = None
    roles: frozenset[Role] = ALL  # may open it for their own Kreis
    foreign_roles: frozenset[Role] = field(default_factory=frozenset)  # also for the other Kreis


ROUTES: dict[str, Route] = {
    "core:healthz": Route(public=True),
    "core:readyz": Route(public=True),
    "portal:home": Route(public=True),
    "orgs:start": Route(),
    "orgs:kreis_list": Route(),
    "orgs:kreis_detail": Route(
        own=lambda w: {"ags": w.kreis_a.ags},
        foreign=lambda w: {"ags": w.kreis_b.ags},
        foreign_roles=frozenset(STATEWIDE_ROLES),
    ),
}


def _named_patterns(resolver: URLResolver, namespace: str | None = None) -> list[str]:
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            names += _named_patterns(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name and namespace not in EXTERNAL:
            names.append(f"{namespace}:{pattern.name}")
    return names


def test_every_view_is_in_the_matrix() -> None:
    ours = {n for n in _named_patterns(get_resolver()) if not n.startswith(("mfa", "account"))}
    assert ours == set(ROUTES), f"Views ohne Eintrag in der Rechte-Matrix: {ours - set(ROUTES)}"


CASES = [(name, role) for name in ROUTES for role in ALL_ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r.value}" for n, r in CASES])
def test_role_matrix(name: str, role: Role, client, world, member) -> None:  # type: ignore[no-untyped-def]
    route = ROUTES[name]
    client.force_login(member(role, "a"))
    own = client.get(reverse(name, kwargs=route.own(world)))
    expected_own = 200 if route.public or role in route.roles else 404
    assert own.status_code == expected_own, own
    if route.foreign is not None:
        foreign = client.get(reverse(name, kwargs=route.foreign(world)))
        expected = 200 if role in route.foreign_roles else 404
        assert foreign.status_code == expected, foreign


@pytest.mark.parametrize("name", list(ROUTES))
def test_anonymous_users_are_sent_to_login(name: str, client, world) -> None:  # type: ignore[no-untyped-def]
    route = ROUTES[name]
    response = client.get(reverse(name, kwargs=route.own(world)))
    if route.public:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
