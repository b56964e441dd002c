"""Every view for every role, generated from the URL conf.

A new named URL without an entry in ROUTES fails ``test_every_view_is_in_the_matrix``, so a view
is covered the day it is added. Each route says which roles may open it for their own Kreis and
which may open the same page for the other Kreis; all others get 404 there (so existence does
not leak), except pages whose existence is no secret (``forbidden_status=403``: the budget
overview, the application list …), which say why; anonymous users are sent to the login.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pik.core.roles import Role
from tests.casework import factories as cw
from tests.conftest import ALL_ROLES, World
from tests.funding import proof_objects
from tests.matrix_data import FundingObjects, funding_objects
from tests.network.factories import actor_in, referral_in
from tests.portal import factories as pf

# Namespaces that belong to libraries (tested by their authors) or are not views of ours.
EXTERNAL = {"admin", None}
ALL = frozenset(Role)
CASEWORK = frozenset({Role.INTEGRATION_MANAGER, Role.KREIS_COORDINATOR})
COORDINATOR = frozenset({Role.KREIS_COORDINATOR})
# The expected role sets are written out here, not imported from the code under test: a change
# of who may see what must show up as a change of this test.
STATEWIDE_ROLES = frozenset({Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})
RPS = frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER})
APPLICANT_ROLES = frozenset({Role.KREIS_COORDINATOR, Role.GEMEINDE_ADMIN})
BUDGET_READERS = frozenset({Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})
FUNDING_CASE_ROLES = frozenset(
    {
        Role.RPS_HEAD,
        Role.RPS_CASE_WORKER,
        Role.AUDITOR,
        Role.KREIS_COORDINATOR,
        Role.GEMEINDE_ADMIN,
    }
)


@dataclass(frozen=True)
class Ctx:
    world: World
    funding: FundingObjects | None


@dataclass(frozen=True)
class Route:
    public: bool = False
    own: Callable[[Ctx], dict[str, Any]] = lambda c: {}
    foreign: Callable[[Ctx], dict[str, Any]] | None = None
    roles: frozenset[Role] = ALL  # may open it for their own Kreis
    foreign_roles: frozenset[Role] = field(default_factory=frozenset)  # also for the other Kreis
    method: str = "get"  # POST views answer a redirect (302) where the user may act or see
    funding: bool = False  # needs applications, notices … in both Kreise
    # What a role outside ``roles`` gets on its own Kreis's page: 404, or 403 where the page's
    # existence is no secret (statewide pages); foreign records are always 404.
    forbidden_status: int = 404
    # What the (empty) POST of a role that may act gets: a redirect, or 400 where the page
    # comes back with the form and its errors (pik.core.forms: nothing typed is lost).
    post_status: int = 302


FUNDING_SEE = frozenset(FUNDING_CASE_ROLES)
FUNDING_STATE = frozenset({Role.RPS_HEAD, Role.AUDITOR})


def _app(c: Ctx, side: str, **extra: Any) -> dict[str, Any]:
    assert c.funding is not None
    return {"pk": c.funding.application[side].pk, **extra}


def funding_route(
    method: str = "get", post_status: int = 302, **extra: Callable[[Ctx, str], dict[str, Any]]
) -> Route:
    """A route on one application: visible in its Kreis, statewide for RPS head and auditor."""
    more = extra.get("more", lambda c, side: {})
    return Route(
        post_status=post_status,
        own=lambda c: {**_app(c, "a"), **more(c, "a")},
        foreign=lambda c: {**_app(c, "b"), **more(c, "b")},
        roles=FUNDING_SEE,
        foreign_roles=FUNDING_STATE,
        method=method,
        funding=True,
    )


ROUTES: dict[str, Route] = {
    "core:healthz": Route(public=True),
    "core:readyz": Route(public=True),
    "core:favicon": Route(public=True),
    "portal:home": Route(public=True),
    "portal:programme": Route(public=True, own=lambda c: {"code": "im"}, funding=True),
    "portal:impressum": Route(public=True),
    "portal:datenschutz": Route(public=True),
    "portal:barrierefreiheit": Route(public=True),
    "orgs:start": Route(),
    "orgs:kreis_list": Route(),
    "orgs:kreis_detail": Route(
        own=lambda c: {"ags": c.world.kreis_a.ags},
        foreign=lambda c: {"ags": c.world.kreis_b.ags},
        roles=frozenset(ALL - {Role.PORTAL_EDITOR}),  # the portal's editors hold no Kreis
        foreign_roles=frozenset(STATEWIDE_ROLES),
    ),
    "funding:application_list": Route(roles=FUNDING_SEE, forbidden_status=403),
    "funding:application_export": Route(roles=FUNDING_SEE, forbidden_status=403),
    "funding:gemeinde_names": Route(roles=FUNDING_SEE),
    "funding:application_new": Route(
        own=lambda c: {"code": "im"},
        roles=frozenset(APPLICANT_ROLES),
        funding=True,
        forbidden_status=403,
    ),
    "funding:application_detail": funding_route(),
    "funding:application_print": funding_route(),
    "funding:application_step": funding_route("post"),
    "funding:position_add": funding_route("post", post_status=400),
    "funding:position_remove": funding_route(
        "post",
        more=lambda c, side: {"position_pk": c.funding.position[side].pk},  # type: ignore[union-attr]
    ),
    "funding:digital_details": funding_route("post", post_status=400),
    "funding:attachment_upload": funding_route("post", post_status=400),
    "funding:attachment_download": funding_route(
        more=lambda c, side: {"attachment_pk": c.funding.attachment[side].pk}  # type: ignore[union-attr]
    ),
    "funding:notice_download": Route(
        own=lambda c: {"pk": c.funding.notice["a"].pk},  # type: ignore[union-attr]
        foreign=lambda c: {"pk": c.funding.notice["b"].pk},  # type: ignore[union-attr]
        roles=FUNDING_SEE,
        foreign_roles=FUNDING_STATE,
        funding=True,
    ),
    "funding:budget_overview": Route(
        roles=frozenset(BUDGET_READERS), funding=True, forbidden_status=403
    ),
    "funding:budget_edit": Route(
        own=lambda c: {"pk": c.funding.budget.pk},  # type: ignore[union-attr]
        roles=frozenset({Role.MINISTRY}),
        funding=True,
        forbidden_status=403,
    ),
    "funding:contingent_overview": Route(
        own=lambda c: {"code": "im"}, roles=FUNDING_SEE, funding=True, forbidden_status=403
    ),
    "funding:contingent_export": Route(
        own=lambda c: {"code": "im"}, roles=FUNDING_SEE, funding=True, forbidden_status=403
    ),
    "funding:applicant_new": Route(
        own=lambda c: {"code": "im"},
        roles=frozenset(RPS | APPLICANT_ROLES),
        method="post",
        funding=True,
    ),
    # A member's administration agrees for its own Gemeinde; nobody else opens it.
    "funding:pooling_confirm": Route(
        own=lambda c: {"pk": c.funding.pooling["a"].pk},  # type: ignore[union-attr]
        foreign=lambda c: {"pk": c.funding.pooling["b"].pk},  # type: ignore[union-attr]
        roles=frozenset({Role.GEMEINDE_ADMIN}),
        method="post",
        funding=True,
    ),
    # The RPS records a written agreement: the head statewide, a case worker in their Kreise.
    "funding:pooling_agreement": Route(
        own=lambda c: {"pk": c.funding.pooling["a"].pk},  # type: ignore[union-attr]
        foreign=lambda c: {"pk": c.funding.pooling["b"].pk},  # type: ignore[union-attr]
        roles=RPS,
        foreign_roles=frozenset({Role.RPS_HEAD}),
        method="post",
        funding=True,
    ),
    # Deadlines: what concerns me (every funding role), a Kreis's calendar (its coordinator, the
    # responsible case worker; the RPS head and auditors statewide), the secret calendar link.
    "funding:deadlines_mine": Route(roles=FUNDING_SEE, forbidden_status=403),
    "funding:deadlines_kreis": Route(
        own=lambda c: {"ags": c.world.kreis_a.ags},
        foreign=lambda c: {"ags": c.world.kreis_b.ags},
        roles=frozenset(FUNDING_STATE | {Role.RPS_CASE_WORKER, Role.KREIS_COORDINATOR}),
        foreign_roles=FUNDING_STATE,
    ),
    "funding:calendar_feed": Route(roles=FUNDING_SEE, method="post"),
    # The feed itself needs no sign-in (calendar programs fetch it): the secret is the link.
    "funding:calendar_ics": Route(public=True, own=lambda c: {"token": _feed_token(c)}),
    # Statewide figures: aggregates for the ministry, the RPS and the auditors.
    "funding:figures": Route(roles=BUDGET_READERS, funding=True, forbidden_status=403),
    "funding:figures_export": Route(
        own=lambda c: {"table": "kreise", "fmt": "xlsx"},
        roles=BUDGET_READERS,
        funding=True,
        forbidden_status=403,
    ),
    "funding:figures_report": Route(roles=BUDGET_READERS, funding=True, forbidden_status=403),
}


def _portal(kind: str) -> Callable[[Ctx], dict[str, Any]]:
    """The seeded page "Über den Pakt" or the first FAQ entry (again after a flush)."""

    def kwargs(c: Ctx) -> dict[str, Any]:
        from django.apps import apps

        from pik.portal.models import FaqEntry, Page
        from pik.portal.seed import ensure_seed_content

        ensure_seed_content(apps)
        page = Page.objects.get(path="ueber-den-pakt")
        entry = FaqEntry.objects.order_by("pk").first()
        assert entry is not None
        return {
            "path": {"path": page.path},
            "page": {"pk": page.pk},
            "restore": {"pk": page.pk, "number": 1},
            "slug": {"slug": entry.slug},
            "faq": {"pk": entry.pk},
        }[kind]

    return kwargs


# The portal: everybody reads what is published; only its editors (statewide, no Kreis) edit.
# Editing is no secret, so other roles get 403 with the reason.
PORTAL_EDITORS = frozenset({Role.PORTAL_EDITOR})
ROUTES.update(
    {
        "portal:page": Route(public=True, own=_portal("path")),
        "portal:faq": Route(public=True),
        "portal:faq_entry": Route(public=True, own=_portal("slug")),
        "portal:search": Route(public=True),
        "portal:sitemap": Route(public=True),
        "portal:editor_home": Route(roles=PORTAL_EDITORS, forbidden_status=403),
        "portal:page_create": Route(roles=PORTAL_EDITORS, forbidden_status=403),
        "portal:page_edit": Route(own=_portal("page"), roles=PORTAL_EDITORS, forbidden_status=403),
        "portal:page_history": Route(
            own=_portal("page"), roles=PORTAL_EDITORS, forbidden_status=403
        ),
        "portal:page_restore": Route(
            own=_portal("restore"), roles=PORTAL_EDITORS, method="post", forbidden_status=403
        ),
        "portal:faq_create": Route(roles=PORTAL_EDITORS, forbidden_status=403),
        "portal:faq_edit": Route(own=_portal("faq"), roles=PORTAL_EDITORS, forbidden_status=403),
    }
)


def repayment_route(method: str = "get") -> Route:
    """A route on an issued repayment claim: as its application (the proposals are internal to
    the RPS, tested in tests/funding/test_repayments.py)."""
    return Route(
        own=lambda c: {"pk": c.funding.repayment["a"].pk},  # type: ignore[union-attr]
        foreign=lambda c: {"pk": c.funding.repayment["b"].pk},  # type: ignore[union-attr]
        roles=FUNDING_SEE,
        foreign_roles=FUNDING_STATE,
        method=method,
        funding=True,
    )


def _proof(c: Ctx, side: str) -> dict[str, Any]:
    assert c.funding is not None
    return {"pk": proof_objects.staff_proof(c.world, c.funding.application[side]).pk}


def _invoice(c: Ctx, side: str) -> dict[str, Any]:
    invoice = proof_objects.digital_invoice(c.world, side)
    return {"pk": invoice.proof_id, "invoice_pk": invoice.pk}


def proof_route(
    method: str = "get", of: Callable[[Ctx, str], dict[str, Any]] = _proof, **more: Any
) -> Route:
    """A route on one proof of use: as its application, visible in its Kreis (the digital
    programme's proof belongs to a Kreis applicant: not a Gemeinde's), statewide for RPS head and
    auditor; where the role may see but not act, the POST answers with a German message."""
    return Route(
        own=lambda c: of(c, "a"),
        foreign=lambda c: of(c, "b"),
        roles=more.get("roles", FUNDING_SEE),
        foreign_roles=FUNDING_STATE,
        method=method,
        funding=True,
    )


ROUTES.update(
    {
        # Statewide data whose existence is no secret; only the ministry adds a value.
        "funding:base_rates": Route(roles=frozenset(BUDGET_READERS), forbidden_status=403),
        "funding:repayment_list": Route(roles=FUNDING_SEE, forbidden_status=403),
        # The RPS proposes a claim: the responsible case worker, the head also in Kreis B.
        "funding:repayment_new": Route(
            own=lambda c: {"pk": c.funding.repayment["a"].application_id},  # type: ignore[union-attr]
            foreign=lambda c: {"pk": c.funding.repayment["b"].application_id},  # type: ignore[union-attr]
            roles=RPS,
            foreign_roles=frozenset({Role.RPS_HEAD}),
            funding=True,
        ),
        "funding:repayment_detail": repayment_route(),
        "funding:repayment_step": repayment_route("post"),
        "funding:repayment_payment": repayment_route("post"),
        "funding:repayment_notice": repayment_route(),
    }
)


def _payment(c: Ctx, side: str) -> Any:
    from tests.funding.payments import matrix_request

    assert c.funding is not None
    return matrix_request(c.funding.application[side], side)


def _decided(c: Ctx, side: str) -> dict[str, Any]:
    return {"pk": _payment(c, side).application_id}


# Payments: the recipient files (its own administration only), the RPS checks, releases,
# batches and books; the auditors read; batches are statewide RPS documents (no Kreis).
GEMEINDE_ADMIN = frozenset({Role.GEMEINDE_ADMIN})
BATCH_READERS = frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})
ROUTES.update(
    {
        "funding:payment_list": Route(roles=FUNDING_SEE, forbidden_status=403),
        "funding:payment_request_new": Route(
            own=lambda c: _decided(c, "a"),
            foreign=lambda c: _decided(c, "b"),
            roles=GEMEINDE_ADMIN,
            funding=True,
        ),
        "funding:payment_request_detail": Route(
            own=lambda c: {"pk": _payment(c, "a").pk},
            foreign=lambda c: {"pk": _payment(c, "b").pk},
            roles=FUNDING_SEE,
            foreign_roles=FUNDING_STATE,
            funding=True,
        ),
        "funding:payment_request_step": Route(
            own=lambda c: {"pk": _payment(c, "a").pk},
            foreign=lambda c: {"pk": _payment(c, "b").pk},
            roles=FUNDING_SEE,
            foreign_roles=FUNDING_STATE,
            method="post",
            funding=True,
        ),
        "funding:bank_details": Route(
            own=lambda c: {"pk": c.funding.application["a"].applicant_id},  # type: ignore[union-attr]
            foreign=lambda c: {"pk": c.funding.application["b"].applicant_id},  # type: ignore[union-attr]
            roles=GEMEINDE_ADMIN,
            funding=True,
        ),
        "funding:payment_batch_create": Route(
            roles=RPS, method="post", funding=True, forbidden_status=403
        ),
        "funding:payment_batch_detail": Route(
            own=lambda c: {"pk": _payment(c, "a").batch_id}, roles=BATCH_READERS, funding=True
        ),
        "funding:payment_batch_export": Route(
            own=lambda c: {"pk": _payment(c, "a").batch_id, "fmt": "xlsx"},
            roles=BATCH_READERS,
            funding=True,
        ),
        "funding:payment_batch_book": Route(
            own=lambda c: {"pk": _payment(c, "a").batch_id},
            roles=RPS,
            method="post",
            funding=True,
        ),
    }
)
_feeds = itertools.count(1)


def _feed_token(c: Ctx) -> str:
    """A Gemeinde administrator of Kreis A with a secret calendar link; the link's token."""
    from pik.funding import services
    from pik.orgs.services import membership_create, user_create

    user = user_create(email=f"feed-{next(_feeds)}@test.example", actor=None)
    membership_create(
        user=user,
        role=Role.GEMEINDE_ADMIN,
        kreis=c.world.kreis_a,
        gemeinde=c.world.gemeinde_a,
        actor=None,
    )
    return services.calendar_feed_create(user=user, actor=user)


DIGITAL_SEE = frozenset(FUNDING_SEE - {Role.GEMEINDE_ADMIN})
ROUTES.update(
    {
        "funding:proof_list": Route(roles=FUNDING_SEE, forbidden_status=403),
        "funding:proof_new": funding_route("post"),
        "funding:proof_detail": proof_route(),
        "funding:proof_line": proof_route(
            "post",
            of=lambda c, side: {
                **_proof(c, side),
                "line_pk": proof_objects.ProofLine.objects.filter(proof_id=_proof(c, side)["pk"])
                .first()
                .pk,  # type: ignore[union-attr]
            },
        ),
        "funding:proof_report": proof_route("post"),
        "funding:proof_report_download": proof_route(),
        "funding:proof_key_figures": proof_route("post"),
        "funding:proof_key_figures_confirm": proof_route("post"),
        # stats counts the key figures from case work; the button sits on the proof's page
        "stats:proof_key_figures_take": proof_route("post"),
        "funding:proof_invoice": proof_route(
            "post", of=lambda c, side: {"pk": _invoice(c, side)["pk"]}, roles=DIGITAL_SEE
        ),
        "funding:proof_invoice_download": proof_route(of=_invoice, roles=DIGITAL_SEE),
        "funding:proof_finding": proof_route("post"),
        "funding:proof_step": proof_route("post"),
    }
)


def _client(kreis: str) -> Callable[[Ctx], dict[str, Any]]:
    """A client record in Kreis A (own) or B (foreign), owned by another manager: the member
    under test is never the responsible person, so managers get 404 and coordinators of the
    Kreis 200 (the responsible manager's own access is tested in tests/casework/test_views)."""
    return lambda c: {"pk": cw.client_in(getattr(c.world, f"kreis_{kreis}")).pk}


def _object(maker: str, kreis: str) -> Callable[[Ctx], dict[str, Any]]:
    return lambda c: {"pk": getattr(cw, maker)(getattr(c.world, f"kreis_{kreis}")).pk}


def _client_route(roles: frozenset[Role] = COORDINATOR) -> Route:
    return Route(own=_client("a"), foreign=_client("b"), roles=roles)


def _object_route(maker: str, roles: frozenset[Role] = COORDINATOR) -> Route:
    return Route(own=_object(maker, "a"), foreign=_object(maker, "b"), roles=roles)


ROUTES.update(
    {
        "casework:my_day": Route(roles=CASEWORK),
        "casework:client_list": Route(roles=CASEWORK),
        "casework:client_create": Route(roles=CASEWORK),
        "casework:task_list": Route(roles=CASEWORK),
        "casework:kreis_overview": Route(roles=COORDINATOR),
        "casework:statistics": Route(roles=COORDINATOR),
        # every role with a scope of its own (the portal's editors have none)
        "casework:key_figures": Route(roles=frozenset(ALL - {Role.PORTAL_EDITOR})),
        "casework:key_figure_dashboard": Route(roles=frozenset(ALL - {Role.PORTAL_EDITOR})),
        # the key figures of the user's first scope and last year, in the template's layout
        "casework:key_figures_export": Route(
            own=lambda c: {"fmt": "csv"}, roles=frozenset(ALL - {Role.PORTAL_EDITOR})
        ),
        "casework:retention_due": Route(roles=COORDINATOR),
        **{f"casework:{name}": _client_route() for name in cw.CLIENT_PAGES},
        # Health notes: field-level protection, the responsible manager (never the member under
        # test, see _client) and the Kreis coordinator.
        "casework:health_notes": _client_route(),
        "casework:plan_pdf": Route(
            own=_object("plan_client_in", "a"),
            foreign=_object("plan_client_in", "b"),
            roles=COORDINATOR,
        ),
        "casework:consent_withdraw": _object_route("consent_in"),
        "casework:consent_scan": _object_route("consent_scan_in"),
        "casework:goal_status": _object_route("goal_in"),
        "casework:step_add": _object_route("goal_in"),
        "casework:step_toggle": _object_route("step_in"),
        "casework:task_done": _object_route("task_in"),
        "casework:handover_detail": _object_route("handover_in"),
        # Only the receiving Kreis's coordinator opens a transfer request.
        "casework:transfer_detail": _object_route("transfer_into"),
        # The Kreis's directory of network partners: everyone in its case work (managers see a
        # partner, the coordinator edits it); another Kreis's partner is a 404.
        "casework:directory": Route(roles=CASEWORK),
        "casework:referral_letter": Route(
            own=lambda c: {"pk": referral_in(c.world.kreis_a).pk},
            foreign=lambda c: {"pk": referral_in(c.world.kreis_b).pk},
            roles=COORDINATOR,
        ),
        # a referral on a record owned by another manager: the coordinator of the Kreis only
        "casework:referral_progress": Route(
            own=lambda c: {"pk": referral_in(c.world.kreis_a).pk},
            foreign=lambda c: {"pk": referral_in(c.world.kreis_b).pk},
            roles=COORDINATOR,
        ),
        "casework:actor_add": Route(roles=CASEWORK),
        "casework:actors_import": Route(roles=CASEWORK),
        "casework:actors_export": Route(roles=CASEWORK),
        "casework:actor_edit": Route(
            own=lambda c: {"pk": actor_in(c.world.kreis_a).pk},
            foreign=lambda c: {"pk": actor_in(c.world.kreis_b).pk},
            roles=CASEWORK,
        ),
        "casework:actor_accept": Route(
            own=lambda c: {"pk": actor_in(c.world.kreis_a).pk},
            foreign=lambda c: {"pk": actor_in(c.world.kreis_b).pk},
            roles=CASEWORK,
        ),
    }
)


# The portal's documents, contact search, events, notices and open figures: public; the
# editors' pages only for the portal's editors (403 with the reason for everybody else: editing
# the public portal is no secret).
EDITOR = frozenset({Role.PORTAL_EDITOR})
ROUTES.update(
    {
        "portal:documents": Route(public=True),
        "portal:document_download": Route(
            public=True, own=lambda c: {"pk": pf.document().document_id}
        ),
        "portal:document_version_download": Route(
            public=True, own=lambda c: {"pk": pf.document().pk}
        ),
        "portal:document_upload": Route(roles=EDITOR, forbidden_status=403),
        "portal:contacts": Route(public=True),
        "portal:contact_places": Route(public=True),
        "portal:contact_table": Route(public=True),
        "portal:contact_pdf": Route(public=True),
        "portal:events": Route(public=True),
        "portal:event_archive": Route(public=True),
        "portal:event_detail": Route(public=True, own=lambda c: {"pk": pf.event().pk}),
        "portal:event_calendar": Route(public=True),
        "portal:event_file": Route(
            public=True,
            own=lambda c: {
                "pk": pf.services.event_file_add(
                    event=pf.event(), kind="slides", upload=pf.pdf_upload("folien.pdf"), actor=None
                ).pk
            },
        ),
        "portal:event_create": Route(roles=EDITOR, forbidden_status=403),
        "portal:event_file_upload": Route(
            own=lambda c: {"pk": pf.event().pk}, roles=EDITOR, method="post", forbidden_status=403
        ),
        "portal:notices": Route(public=True),
        "portal:notice_manage": Route(roles=EDITOR, forbidden_status=403),
        "portal:notice_publish": Route(
            own=lambda c: {"pk": pf.announcement().pk},
            roles=EDITOR,
            method="post",
            forbidden_status=403,
        ),
        "portal:notice_unpublish": Route(
            own=lambda c: {"pk": pf.announcement(publish=True).pk},
            roles=EDITOR,
            method="post",
            forbidden_status=403,
        ),
        "portal:figures": Route(public=True),
        "portal:figures_csv": Route(public=True),
        "portal:figures_json": Route(public=True),
    }
)


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
def test_role_matrix(name: str, role: Role, client, world, member) -> None:
    route = ROUTES[name]
    ctx = Ctx(world, funding_objects(world) if route.funding else None)
    client.force_login(member(role, "a"))
    request = client.post if route.method == "post" else client.get
    ok = route.post_status if route.method == "post" else 200
    own = request(reverse(name, kwargs=route.own(ctx)))
    expected_own = ok if route.public or role in route.roles else route.forbidden_status
    assert own.status_code == expected_own, own
    if route.foreign is not None:
        foreign = request(reverse(name, kwargs=route.foreign(ctx)))
        expected = ok if role in route.foreign_roles else 404
        assert foreign.status_code == expected, foreign


@pytest.mark.parametrize("name", list(ROUTES))
def test_anonymous_users_are_sent_to_login(name: str, client, world) -> None:
    route = ROUTES[name]
    ctx = Ctx(world, funding_objects(world) if route.funding else None)
    response = client.get(reverse(name, kwargs=route.own(ctx)))
    if route.public:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
