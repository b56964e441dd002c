"""Page assemblies: everything one page shows, in one call (the view makes no other read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pik.funding import calculation, rules
from pik.funding.models import Application, Notice, RepaymentClaim
from pik.funding.selectors.applications import application_get, missing_access
from pik.funding.selectors.persons import PersonCheck, person_checks
from pik.funding.selectors.repayments import repayments_of
from pik.funding.workflow import APPLICATION, WAITING_FOR
from pik.orgs import selectors as org_selectors
from pik.orgs.models import Provider, User

S = Application.Status


@dataclass
class ApplicationView:
    application: Application
    actions: list[Any]
    roles: set[str]
    per_year: dict[int, Decimal]
    waiting_for: str
    notice: Notice | None
    #: The applicant may change it now: the page shows the forms below.
    editable: bool = False
    providers: list[Provider] = field(default_factory=list)  # choices of the position form
    managers: list[User] = field(default_factory=list)  # choices of the digital form
    access_granted: list[int] = field(default_factory=list)
    missing_access: list[User] = field(default_factory=list)
    #: The RPS's check for double funding: each named person's funded periods and findings.
    persons: list[PersonCheck] = field(default_factory=list)
    #: Repayment claims (applicants: issued ones) and whether this user may propose one.
    repayments: list[RepaymentClaim] = field(default_factory=list)
    may_propose_repayment: bool = False


def application_view(*, user: User, pk: int, forms: bool = False) -> ApplicationView:
    """The application page (``forms``: with what its edit forms need, for the applicant)."""
    application = application_get(user=user, pk=pk)
    roles = rules.application_roles(user, application)
    view = ApplicationView(
        application=application,
        actions=APPLICATION.allowed(application, user),
        roles=roles,
        per_year=calculation.amounts_per_year(list(application.positions.all())),
        waiting_for=WAITING_FOR.get(S(application.status), ""),
        notice=Notice.objects.filter(application=application).first(),
        editable=rules.APPLICANT in roles and application.status in (S.DRAFT, S.INFO_REQUESTED),
    )
    view.repayments = repayments_of(user=user, application=application)
    view.may_propose_repayment = application.status in (
        S.APPROVED,
        S.NOTICE_ISSUED,
    ) and rules.may_handle_repayment(user, application)
    if rules.may_see_person_history(user):
        view.persons = person_checks(application=application)
    if forms and view.editable:
        kreis_id = application.applicant.kreis_id
        if application.programme.kind == application.programme.Kind.STAFF:
            view.providers = list(org_selectors.providers_in_kreis(kreis_id=kreis_id))
        else:
            view.managers = list(org_selectors.managers_in_kreis(kreis_id=kreis_id))
            view.access_granted = list(application.access_granted.values_list("pk", flat=True))
            view.missing_access = missing_access(application=application)
    return view
