"""Every read of funding data a user triggers, scoped to that user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from pik.core.money import allocate, to_cents
from pik.core.roles import Role
from pik.core.scoping import get_visible_or_404, grants_for, visible
from pik.funding import calculation, ledger, rules
from pik.funding.models import (
    Applicant,
    Application,
    Budget,
    Contingent,
    Notice,
    Position,
    Programme,
)
from pik.funding.workflow import APPLICATION, WAITING_FOR
from pik.orgs.models import Membership, User

S = Application.Status


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.all()


def programme_get(*, code: str) -> Programme:
    try:
        return Programme.objects.get(code=code)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class BudgetRow:
    budget: Budget
    committed: Decimal
    paid: Decimal

    @property
    def free(self) -> Decimal:
        return self.budget.total - self.committed


def budget_overview(*, user: User) -> list[BudgetRow]:
    """Total, committed, paid and free per programme and year (one aggregate query)."""
    if not rules.can_see_budgets(user):
        raise Http404
    budgets = list(Budget.objects.select_related("programme").order_by("programme__code", "year"))
    sums = ledger.balances_of(budgets)
    return [BudgetRow(b, sums[b.pk].committed, sums[b.pk].paid) for b in budgets]


def budget_for(*, programme: Programme, year: Any) -> Budget:
    """The budget of a programme and year, or a German ValidationError."""
    from django.core.exceptions import ValidationError  # noqa: PLC0415 - only for this message

    try:
        return Budget.objects.get(programme=programme, year=int(year))
    except (ValueError, TypeError, Budget.DoesNotExist) as exc:
        raise ValidationError(f"Für „{year}“ gibt es keinen Haushaltsansatz.") from exc


def budget_get(*, user: User, pk: int) -> Budget:
    if not rules.can_edit_budgets(user):
        raise Http404
    return get_visible_or_404(Budget.objects.select_related("programme"), user, pk=pk)


@dataclass(frozen=True)
class CaseWorkerIndex:
    by_kreis: dict[int, list[str]]
    choices: list[tuple[int, str]]


def case_worker_index() -> CaseWorkerIndex:
    """Who is responsible for which Kreis, and the choices for the filter (one query)."""
    by_kreis: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    rows = Membership.objects.filter(role=Role.RPS_CASE_WORKER, is_active=True).values_list(
        "responsible_kreise", "user__first_name", "user__last_name", "user_id"
    )
    for kreis_id, first, last, user_id in rows:
        name = f"{first} {last}".strip()
        names[user_id] = name
        if kreis_id is not None:
            by_kreis.setdefault(kreis_id, []).append(name)
    choices = sorted(names.items(), key=lambda item: item[1].split()[-1] if item[1] else "")
    return CaseWorkerIndex(by_kreis, choices)


@dataclass(frozen=True)
class ApplicationFilter:
    programme: str = ""
    year: int | None = None
    kreis: str = ""
    status: str = ""
    case_worker: int | None = None
    waiting_for_me: bool = False


def application_list(
    *, user: User, filters: ApplicationFilter | None = None
) -> QuerySet[Application]:
    """The scoped, filtered list; rows carry what the table shows (no per-row queries)."""
    if not rules.can_see_applications(user):
        raise Http404
    f = filters or ApplicationFilter()
    qs = visible(Application.objects.all(), user).select_related(
        "programme", "applicant", "applicant__kreis", "applicant__gemeinde", "rule_version"
    )
    if f.programme:
        qs = qs.filter(programme__code=f.programme)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.kreis:
        qs = qs.filter(applicant__kreis__ags=f.kreis)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.case_worker:
        qs = qs.filter(
            applicant__kreis__responsible_memberships__user_id=f.case_worker,
            applicant__kreis__responsible_memberships__role=Role.RPS_CASE_WORKER,
        )
    if f.waiting_for_me:
        qs = qs.filter(inbox_q(user))
    return qs.order_by("-updated_at", "-pk")


def inbox_q(user: User) -> Q:
    """Applications that wait for this user to act."""
    grants = grants_for(user)
    q = Q(pk__in=[])
    if Role.RPS_HEAD in grants.roles:
        q |= Q(status__in=[S.PROPOSED_APPROVAL, S.PROPOSED_REJECTION]) & ~Q(proposed_by=user)
    if Role.RPS_CASE_WORKER in grants.roles:
        q |= Q(
            status__in=[S.SUBMITTED, S.IN_REVIEW], applicant__kreis_id__in=sorted(grants.rps_kreise)
        )
        q |= Q(
            status__in=[S.PROPOSED_APPROVAL, S.PROPOSED_REJECTION],
            applicant__kreis_id__in=sorted(grants.rps_kreise),
        ) & ~Q(proposed_by=user)
    if Role.GEMEINDE_ADMIN in grants.roles:
        q |= Q(
            status__in=[S.DRAFT, S.INFO_REQUESTED],
            applicant__gemeinde_id__in=sorted(grants.funding_gemeinden),
            applicant__kind__in=[Applicant.Kind.GEMEINDE, Applicant.Kind.POOLING],
        )
    if Role.KREIS_COORDINATOR in grants.roles:
        q |= Q(
            status__in=[S.DRAFT, S.INFO_REQUESTED],
            applicant__kreis_id__in=sorted(grants.casework_kreise),
            applicant__kind=Applicant.Kind.KREIS,
        )
    return q


def inbox(*, user: User) -> QuerySet[Application]:
    if not rules.can_see_applications(user):
        return Application.objects.none()
    return application_list(user=user, filters=ApplicationFilter(waiting_for_me=True))


def application_get(*, user: User, pk: int) -> Application:
    if not rules.can_see_applications(user):
        raise Http404
    return get_visible_or_404(
        Application.objects.select_related(
            "programme",
            "applicant",
            "applicant__kreis",
            "applicant__gemeinde",
            "rule_version",
            "proposed_by",
            "decided_by",
        ).prefetch_related(
            Prefetch("positions", queryset=Position.objects.select_related("provider")),
            "attachments",
            "events__actor",
        ),
        user,
        pk=pk,
    )


@dataclass
class ApplicationView:
    application: Application
    actions: list[Any]
    roles: set[str]
    per_year: dict[int, Decimal]
    waiting_for: str
    notice: Notice | None


def application_view(*, user: User, pk: int) -> ApplicationView:
    application = application_get(user=user, pk=pk)
    notice = Notice.objects.filter(application=application).first()
    return ApplicationView(
        application=application,
        actions=APPLICATION.allowed(application, user),
        roles=rules.application_roles(user, application),
        per_year=calculation.amounts_per_year(list(application.positions.all())),
        waiting_for=WAITING_FOR.get(S(application.status), ""),
        notice=notice,
    )


def applicants_for(*, user: User, programme: Programme) -> QuerySet[Applicant]:
    """Applicants this user may apply for in the programme."""
    grants = grants_for(user)
    q = Q(pk__in=[])
    if Role.GEMEINDE_ADMIN in grants.roles:
        q |= Q(gemeinde_id__in=sorted(grants.funding_gemeinden)) & ~Q(kind=Applicant.Kind.KREIS)
    if Role.KREIS_COORDINATOR in grants.roles:
        q |= Q(kreis_id__in=sorted(grants.casework_kreise), kind=Applicant.Kind.KREIS)
    return Applicant.objects.filter(q, programme=programme).select_related("kreis", "gemeinde")


def contingent_list(*, user: User, programme: Programme) -> QuerySet[Contingent]:
    if not rules.can_see_applications(user):
        raise Http404
    return (
        visible(Contingent.objects.filter(programme=programme), user)
        .select_related("gemeinde", "gemeinde__kreis", "rule_version")
        .order_by("gemeinde__ags")
    )


def contingent_summary(*, user: User, programme: Programme) -> dict[str, Any]:
    rows = contingent_list(user=user, programme=programme)
    first = rows.first()
    rule = first.rule_version if first is not None else None
    minimum = rule.min_contingent if rule else Decimal("0.00")
    pooled = set(Applicant.objects.filter(programme=programme).values_list("members", flat=True))
    return {
        "rows": rows,
        "rule": rule,
        "minimum": minimum,
        "pooled": pooled,
        "total": rows.aggregate(s=Sum("amount"))["s"] or Decimal("0.00"),
        "below": rows.filter(amount__lt=minimum).count(),
    }


def applicant_list(*, user: User, programme: Programme) -> QuerySet[Applicant]:
    if not rules.can_see_applications(user):
        raise Http404
    return (
        visible(Applicant.objects.filter(programme=programme), user)
        .select_related("kreis", "gemeinde")
        .prefetch_related("members")
        .order_by("name")
    )


def notice_get(*, user: User, pk: int) -> Notice:
    if not rules.can_see_applications(user):
        raise Http404
    notice = get_visible_or_404(Notice.objects.select_related("application"), user, pk=pk)
    if not notice.pdf:
        raise Http404
    return notice


def notice_has_pdf(*, notice_id: int) -> bool:
    """System read for the background job: is this notice rendered already?"""
    return Notice.objects.filter(pk=notice_id).exclude(pdf="").exists()


@dataclass(frozen=True)
class MissingNotices:
    """Notices whose PDF is overdue, for the RPS start page (the check queues them again)."""

    count: int
    notices: list[Notice]

    def __bool__(self) -> bool:
        return self.count > 0


def notices_missing(*, user: User, limit: int = 20) -> MissingNotices:
    """Decided applications whose notice has no PDF NOTICE_CHECK_MINUTES after the decision.

    Shown to the RPS so that a notice lost to a dead worker is seen, not only logged.
    """
    if not rules.is_rps(user):
        return MissingNotices(0, [])
    cutoff = timezone.now() - dt.timedelta(minutes=settings.NOTICE_CHECK_MINUTES)
    qs = visible(Notice.objects.filter(pdf="", created_at__lte=cutoff), user)
    notices = list(
        qs.select_related("application", "application__applicant").order_by("created_at")[:limit]
    )
    count = len(notices) if len(notices) < limit else qs.count()
    return MissingNotices(count, notices)


def notice_context(*, notice_id: int) -> dict[str, Any]:
    """Everything the notice template needs (system read for the background job)."""
    notice = Notice.objects.select_related(
        "application__applicant__kreis",
        "application__applicant__gemeinde",
        "application__programme",
        "application__rule_version",
        "application__proposed_by",
        "issued_by",
    ).get(pk=notice_id)
    application = notice.application
    positions = list(application.positions.select_related("provider"))
    for p in positions:
        p.end = calculation.end_date(p.start_date, p.months)  # type: ignore[attr-defined]
        p.amount_text = money_de(p.amount)  # type: ignore[attr-defined]
    per_year = calculation.amounts_per_year(positions)
    if application.approved_amount is not None and per_year:
        per_year = allocate(
            application.approved_amount, {y: to_cents(v) for y, v in per_year.items() if v > 0}
        )
    period_start = min((p.start_date for p in positions), default=None)
    period_end = max((p.end for p in positions), default=None)  # type: ignore[attr-defined]
    proof_due = (
        calculation.add_months(period_end, application.rule_version.proof_of_use_months)
        if period_end
        else None
    )
    return {
        "title": notice.get_kind_display(),
        "notice": notice,
        "application": application,
        "approval": notice.kind == Notice.Kind.APPROVAL,
        "staff": application.programme.kind == Programme.Kind.STAFF,
        "rule": application.rule_version,
        "positions": positions,
        "per_year": [(y, money_de(v)) for y, v in per_year.items()],
        "amount_text": money_de(application.approved_amount or Decimal("0.00")),
        "period_start": period_start,
        "period_end": period_end,
        "proof_due": proof_due,
        "issued_on": dt.date.today(),  # noqa: DTZ011 - the letter's date in local time
        "signer": str(notice.issued_by or "Regierungspräsidium Stuttgart"),
        "proposer": str(application.proposed_by or "–"),
    }


def money_de(value: Decimal) -> str:
    """1234567.8 → '1.234.567,80' (German notation for letters and exports)."""
    text = f"{value:,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def check_may_create_applicant(*, user: User, members: list[Any], kind: str) -> None:
    """RPS may create any applicant; a Gemeinde admin only one led by their own Gemeinde."""
    grants = grants_for(user)
    if grants.roles & {Role.RPS_HEAD, Role.RPS_CASE_WORKER}:
        return
    if kind == Applicant.Kind.KREIS:
        if (
            Role.KREIS_COORDINATOR in grants.roles
            and members
            and all(g.kreis_id in grants.casework_kreise for g in members)
        ):
            return
    elif members and members[0].pk in grants.funding_gemeinden:
        return
    raise Http404
