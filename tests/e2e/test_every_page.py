"""Every page of every role on a phone: axe-core finds no violation, nothing scrolls sideways.

The pages come from the permission matrix (``tests/test_permission_matrix.py`` ROUTES): every GET
route a role may open for its own Kreis, opened as that role, and every public route opened
anonymously, plus the account pages outside the matrix. A route that answers something other than
HTML (CSV, XLSX, PDF, JSON) is skipped by its content type, so a new page joins this test the day
its route joins the matrix.

A route's ``own`` factory runs once for every route in one test here, so the matrix's factories
must give a new object each call (no clash on unique names).

One browser, one context per role (signed in once through a session cookie), 390 px wide. The
whole run takes about two minutes (``make test-slow``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from pik.core.roles import Role
from pik.orgs import services as org_services
from tests.conftest import ALL_ROLES, SignedInClient
from tests.e2e.checks import axe_violations, describe, overflow
from tests.matrix_data import funding_objects
from tests.test_permission_matrix import ROUTES, Ctx

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ANONYMOUS = "anonymous"
# Pages outside the matrix (allauth's): anonymous visitors and every signed-in role.
ACCOUNT_PAGES_ANONYMOUS = ["account_login", "account_reset_password"]
ACCOUNT_PAGES_SIGNED_IN = ["mfa_index"]


@dataclass(frozen=True)
class Visit:
    name: str
    url: str


def routes_for(role: Role | str) -> list[str]:
    """The GET routes of the matrix that ``role`` may open for its own Kreis (or, anonymously,
    the public ones)."""
    names = []
    for name, route in ROUTES.items():
        if route.method != "get":
            continue
        if route.public or (role != ANONYMOUS and role in route.roles):
            names.append(name)
    return names


def visits_for(role: Role | str, ctx: Ctx) -> list[Visit]:
    visits = [Visit(name, reverse(name, kwargs=ROUTES[name].own(ctx))) for name in routes_for(role)]
    extra = ACCOUNT_PAGES_ANONYMOUS if role == ANONYMOUS else ACCOUNT_PAGES_SIGNED_IN
    return visits + [Visit(name, reverse(name)) for name in extra]


def needs_funding(role: Role | str) -> bool:
    return any(ROUTES[name].funding for name in routes_for(role))


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """A transactional test before this one may have flushed the reference data."""
    from pik.orgs.models import Kreis

    if not Kreis.objects.exists():
        org_services.reference_data_load()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", viewport=PHONE)
    yield context
    context.close()


def sign_in(context: Any, base_url: str, user: Any) -> None:
    """The browser gets the session of a full login (password and second factor)."""
    client = SignedInClient()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def check_page(context: Any, page: Any, base_url: str, visit: Visit) -> list[str]:
    """Problems found on one page (empty when it is fine); pages that are not HTML are skipped."""
    url = base_url + visit.url
    head = context.request.get(url, max_redirects=0)
    if head.status != 200:
        return [f"{visit.name} ({visit.url}): Status {head.status}"]
    if not head.headers.get("content-type", "").startswith("text/html"):
        return []
    page.goto(url)
    problems = []
    violations = axe_violations(page)
    if violations:
        problems.append(f"{visit.name} ({visit.url}): axe\n{describe(violations)}")
    extra = overflow(page)
    if extra:
        problems.append(f"{visit.name} ({visit.url}): {extra} px breiter als 390 px")
    return problems


ROLES: list[Role | str] = [ANONYMOUS, *ALL_ROLES]


@pytest.mark.parametrize("role", ROLES, ids=[str(getattr(r, "value", r)) for r in ROLES])
def test_every_page_is_accessible_and_fits_a_phone(
    role: Role | str, reference_data: None, live_server: Any, phone: Any, request: Any
) -> None:
    world = request.getfixturevalue("world")
    ctx = Ctx(world, funding_objects(world) if needs_funding(role) else None)
    if role != ANONYMOUS:
        sign_in(phone, live_server.url, request.getfixturevalue("member")(role, "a"))
    page = phone.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    visits = visits_for(role, ctx)
    for visit in visits:
        problems += check_page(phone, page, live_server.url, visit)
    assert visits, "keine Seiten"
    assert not problems, "\n\n".join(problems)


def test_every_html_route_is_visited_by_some_role() -> None:
    """Each GET route of the matrix is opened by at least one role (or anonymously)."""
    get_routes = {name for name, route in ROUTES.items() if route.method == "get"}
    visited = {name for role in ROLES for name in routes_for(role)}
    assert get_routes <= visited, get_routes - visited
