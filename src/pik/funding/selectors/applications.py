"""Applications: the RPS workbench list, the inbox, one application and its parts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from pik.core.scoping import get_visible_or_404, visible
from pik.funding import rules
from pik.funding.models import Applicant, Application, Attachment, Position
from pik.orgs import selectors as org_selectors
from pik.orgs.models import User

S = Application.Status


@dataclass(frozen=True)
class CaseWorkerIndex:
    by_kreis: dict[int, list[str]]
    choices: list[tuple[int, str]]


def case_worker_index() -> CaseWorkerIndex:
    """Who is responsible for which Kreis, and the choices for the filter (one query)."""
    by_kreis: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for user_id, name, kreis_id in org_selectors.case_worker_kreise():
        names[user_id] = name
        if kreis_id is not None:
            by_kreis.setdefault(kreis_id, []).append(name)
    choices = sorted(names.items(), key=lambda item: item[1].split()[-1] if item[1] else "")
    return CaseWorkerIndex(by_kreis, choices)


#: The workbench's sortable columns (``pik.core.sorting``): key → fields.
SORT_COLUMNS = {
    "aktenzeichen": ("file_number",),
    "programm": ("programme__name",),
    "jahr": ("year",),
    "antragsteller": ("applicant__name",),
    "kreis": ("applicant__kreis__name",),
    "status": ("status",),
    "betrag": ("requested_amount",),
    "frist": ("due_date",),
    "geaendert": ("updated_at",),
}
SORT_DEFAULT = "-geaendert"


@dataclass(frozen=True)
class ApplicationFilter:
    search: str = ""  # part of the file number or of the applicant's name
    programme: str = ""
    year: int | None = None
    kreis: str = ""
    gemeinde: str = ""  # chosen by name (or typed as its key): alone, leading or pooled
    status: str = ""
    case_worker: int | None = None
    waiting_for_me: bool = False
    order: tuple[str, ...] = ("-updated_at", "-pk")


def _not_others_drafts(queryset: QuerySet[Application], user: User) -> QuerySet[Application]:
    """A draft is the applicant's own until it is submitted: no one else sees it, not even
    the RPS or the ministry (an applicant's half-finished figures are not on file yet)."""
    return queryset.filter(~Q(status=S.DRAFT) | rules.applicant_q(user, prefix="applicant__"))


def application_list(
    *, user: User, filters: ApplicationFilter | None = None
) -> QuerySet[Application]:
    """The scoped, filtered list; rows carry what the table shows (no per-row queries)."""
    if not rules.can_see_applications(user):
        raise PermissionDenied(rules.APPLICATIONS_RESERVED)
    f = filters or ApplicationFilter()
    qs = _not_others_drafts(visible(Application.objects.all(), user), user).select_related(
        "programme", "applicant", "applicant__kreis", "applicant__gemeinde", "rule_version"
    )
    if f.programme:
        qs = qs.filter(programme__code=f.programme)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.search:
        qs = qs.filter(Q(file_number__icontains=f.search) | Q(applicant__name__icontains=f.search))
    if f.kreis:  # chosen by name (or typed as its key)
        qs = qs.filter(Q(applicant__kreis__name__iexact=f.kreis) | Q(applicant__kreis__ags=f.kreis))
    if f.gemeinde:
        chosen = org_selectors.gemeinde_resolve(user=user, text=f.gemeinde)
        applicants = Applicant.objects.filter(Q(gemeinde_id__in=chosen) | Q(members__in=chosen))
        qs = qs.filter(applicant_id__in=applicants.values("pk"))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.case_worker:
        kreise = org_selectors.kreise_of_case_worker(user_id=f.case_worker)
        qs = qs.filter(applicant__kreis_id__in=kreise)
    if f.waiting_for_me:
        qs = qs.filter(inbox_q(user))
    return qs.order_by(*f.order)


def gemeinde_names(*, user: User, query: str) -> list[str]:
    """Names for the Gemeinde filter's autocomplete: only Gemeinden of the Kreise the user may
    see, and only for those who see applications at all (404 otherwise)."""
    if not rules.can_see_applications(user):
        raise Http404
    return [g.label for g in org_selectors.gemeinde_names(user=user, query=query)]


def inbox_q(user: User) -> Q:
    """Applications that wait for this user to act (the parts of ``rules.application_roles``)."""
    proposed = Q(status__in=[S.PROPOSED_APPROVAL, S.PROPOSED_REJECTION]) & ~Q(proposed_by=user)
    q = Q(pk__in=[])
    if rules.is_rps_head(user):
        q |= proposed
    responsible = rules.responsible_case_worker_q(user, prefix="applicant__")
    q |= Q(status__in=[S.SUBMITTED, S.IN_REVIEW]) & responsible
    q |= proposed & responsible
    q |= Q(status__in=[S.DRAFT, S.INFO_REQUESTED]) & rules.applicant_q(user, prefix="applicant__")
    return q


def inbox(*, user: User) -> QuerySet[Application]:
    if not rules.can_see_applications(user):
        return Application.objects.none()
    return application_list(user=user, filters=ApplicationFilter(waiting_for_me=True))


def application_get(*, user: User, pk: int) -> Application:
    if not rules.can_see_applications(user):
        raise Http404
    return get_visible_or_404(
        _not_others_drafts(Application.objects.all(), user)
        .select_related(
            "programme",
            "applicant",
            "applicant__kreis",
            "applicant__gemeinde",
            "rule_version",
            "proposed_by",
            "decided_by",
        )
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.select_related("provider")),
            "attachments__answers",
            "events__actor",
            "events__answer_attachments",
        ),
        user,
        pk=pk,
    )


def position_get(*, user: User, application_pk: int, pk: int) -> Position:
    """A position of an application the user may see; 404 otherwise."""
    application = application_get(user=user, pk=application_pk)
    position = next((p for p in application.positions.all() if p.pk == pk), None)
    if position is None:
        raise Http404
    return position


def attachment_get(*, user: User, application_pk: int, pk: int) -> Attachment:
    """An attachment of an application the user may see; 404 otherwise."""
    application = application_get(user=user, pk=application_pk)
    attachment = next((a for a in application.attachments.all() if a.pk == pk), None)
    if attachment is None:
        raise Http404
    return attachment


def missing_access(*, application: Application) -> list[User]:
    """Managers in the Kreis who would not get access to the tool (blocks submission)."""
    granted = set(application.access_granted.values_list("pk", flat=True))
    managers = org_selectors.managers_in_kreis(kreis_id=application.applicant.kreis_id)
    return [u for u in managers if u.pk not in granted]
