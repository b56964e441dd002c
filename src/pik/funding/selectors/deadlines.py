"""Every due date of the funding procedures, as data: one registry of deadline sources.

A source is a function from a ``Basis`` (the applications a user may see that concern them, and
today) to ``Deadline`` rows; ``SOURCES`` lists them, and the calendar pages, the iCalendar feed
and the daily reminders all read the same list. Scoping happens once, on the applications the
basis is built from, so a source never sees another Kreis's data. A new kind of due date (a
payment deadline, a proof of use once it is recorded) is one more ``@source`` function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pik.core.scoping import visible
from pik.funding import calculation, rules
from pik.funding.models import (
    Application,
    CalendarFeed,
    KeyFigures,
    Position,
    ProofOfUse,
    RuleVersion,
)
from pik.orgs.models import User

S = Application.Status
DECIDED = (S.APPROVED, S.NOTICE_ISSUED)
SOON_MONTHS = 3  # positions ending within this many months are listed
PAST_DAYS = 365  # a proof of use or key figures overdue this long still shows


class Kind:
    INFO_ANSWER = "info_answer"
    PERIOD_END = "period_end"
    POSITION_END = "position_end"
    FINAL_PROOF = "final_proof"
    KEY_FIGURES = "key_figures"


LABELS = {
    Kind.INFO_ANSWER: _("Antwort auf die Nachforderung"),
    Kind.PERIOD_END: _("Ende des Förderzeitraums"),
    Kind.POSITION_END: _("Stelle endet"),
    Kind.FINAL_PROOF: _("Verwendungsnachweis fällig"),
    Kind.KEY_FIGURES: _("Kennzahlen für das Vorjahr fällig"),
}
# Due dates someone must meet (overdue when passed); the others are dates to know.
ACTIONS = frozenset({Kind.INFO_ANSWER, Kind.FINAL_PROOF, Kind.KEY_FIGURES})


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: str
    key: str  # stable: one reminder per user and key
    application_id: int
    file_number: str
    kreis_id: int
    kreis_name: str
    detail: str = ""
    today: dt.date | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.kind])

    @property
    def link(self) -> str:
        return reverse("funding:application_detail", args=[self.application_id])

    @property
    def overdue(self) -> bool:
        return self.kind in ACTIONS and self.today is not None and self.date < self.today


@dataclass(frozen=True)
class Period:
    """One funded position of a decided application, with what the sources need."""

    application_id: int
    file_number: str
    applicant_id: int
    kreis_id: int
    kreis_name: str
    position_id: int
    start: dt.date
    end: dt.date
    rule: RuleVersion


@dataclass
class Basis:
    applications: QuerySet[Application]
    today: dt.date

    @cached_property
    def periods(self) -> list[Period]:
        """Every position of the decided applications (one query, shared by the sources)."""
        rows = Position.objects.filter(
            application__in=self.applications.filter(status__in=DECIDED)
        ).select_related("application__applicant__kreis", "application__rule_version")
        return [
            Period(
                application_id=p.application_id,
                file_number=p.application.file_number or "",
                applicant_id=p.application.applicant_id,
                kreis_id=p.application.applicant.kreis_id,
                kreis_name=p.application.applicant.kreis.name,
                position_id=p.pk,
                start=p.start_date,
                end=calculation.end_date(p.start_date, p.months),
                rule=p.application.rule_version,
            )
            for p in rows.order_by("pk")
        ]

    def by_application(self) -> dict[int, list[Period]]:
        result: dict[int, list[Period]] = {}
        for period in self.periods:
            result.setdefault(period.application_id, []).append(period)
        return result

    def deadline(
        self, period: Period, *, date: dt.date, kind: str, key: str, detail: str = ""
    ) -> Deadline:
        return Deadline(
            date=date,
            kind=kind,
            key=key,
            application_id=period.application_id,
            file_number=period.file_number,
            kreis_id=period.kreis_id,
            kreis_name=period.kreis_name,
            detail=detail,
            today=self.today,
        )


Source = Callable[[Basis], Iterable[Deadline]]
SOURCES: list[Source] = []


def source(fn: Source) -> Source:
    SOURCES.append(fn)
    return fn


@source
def info_answers(basis: Basis) -> Iterable[Deadline]:
    """Answers to a request for information (Nachforderung), while it is open."""
    rows = basis.applications.filter(status=S.INFO_REQUESTED, due_date__isnull=False).values_list(
        "pk", "file_number", "due_date", "applicant__kreis_id", "applicant__kreis__name"
    )
    for pk, file_number, due, kreis_id, kreis_name in rows:
        assert due is not None  # noqa: S101 - filtered above
        yield Deadline(
            date=due,
            kind=Kind.INFO_ANSWER,
            key=f"{Kind.INFO_ANSWER}:{pk}:{due.isoformat()}",
            application_id=pk,
            file_number=file_number or "",
            kreis_id=kreis_id,
            kreis_name=kreis_name,
            today=basis.today,
        )


@source
def period_ends(basis: Basis) -> Iterable[Deadline]:
    """The end of the funded period (the longest position) and, from the rule version, the final
    proof of use that many months later; both while they are to come (the proof: up to a year
    overdue)."""
    for periods in basis.by_application().values():
        longest = max(periods, key=lambda p: p.end)
        app = longest.application_id
        if longest.end >= basis.today:
            key = f"{Kind.PERIOD_END}:{app}:{longest.end.isoformat()}"
            yield basis.deadline(longest, date=longest.end, kind=Kind.PERIOD_END, key=key)
        due = calculation.add_months(longest.end, longest.rule.proof_of_use_months)
        if due >= basis.today - dt.timedelta(days=PAST_DAYS):
            key = f"{Kind.FINAL_PROOF}:{app}:{due.isoformat()}"
            yield basis.deadline(longest, date=due, kind=Kind.FINAL_PROOF, key=key)


@source
def positions_ending(basis: Basis) -> Iterable[Deadline]:
    """Positions whose funding ends within the next three months (time to plan a successor)."""
    horizon = calculation.add_months(basis.today, SOON_MONTHS)
    for p in basis.periods:
        if basis.today <= p.end <= horizon:
            key = f"{Kind.POSITION_END}:{p.position_id}:{p.end.isoformat()}"
            detail = str(_("Stelle Nr. %(n)s") % {"n": p.position_id})
            yield basis.deadline(p, date=p.end, kind=Kind.POSITION_END, key=key, detail=detail)


@source
def key_figures(basis: Basis) -> Iterable[Deadline]:
    """The key figures for every calendar year an applicant was funded, due on the rule
    version's date in the year after (31 January); once per applicant and year, until they are
    handed in: an interim proof of that year submitted, or its key figures entered by hand or
    taken from case work and confirmed (ADR 0039)."""
    earliest = basis.today - dt.timedelta(days=PAST_DAYS)
    seen: set[tuple[int, int]] = set()
    drafts: set[tuple[int, int]] = set()  # prepared from case work, waiting for confirmation
    for applicant_id, year, status, source, confirmed in ProofOfUse.objects.filter(
        application__in=basis.applications,
        kind=ProofOfUse.Kind.INTERIM,
        period_start__gte=dt.date(earliest.year - 1, 1, 1),
        key_figures__isnull=False,
    ).values_list(
        "application__applicant_id",
        "period_start__year",
        "status",
        "key_figures__source",
        "key_figures__confirmed_at",
    ):
        handed_in = status not in (ProofOfUse.Status.DRAFT, ProofOfUse.Status.RETURNED)
        if handed_in or source == KeyFigures.Source.MANUAL or confirmed is not None:
            seen.add((applicant_id, year))
        else:
            drafts.add((applicant_id, year))
    for p in basis.periods:
        for year in range(p.start.year, p.end.year + 1):
            due = p.rule.key_figures_due_on(year)
            if (p.applicant_id, year) in seen or due < earliest:
                continue
            seen.add((p.applicant_id, year))
            key = f"{Kind.KEY_FIGURES}:{p.applicant_id}:{year}"
            detail = str(
                _("Berichtsjahr %(year)s: Entwurf aus der Fallarbeit zur Bestätigung")
                if (p.applicant_id, year) in drafts
                else _("Berichtsjahr %(year)s")
            ) % {"year": year}
            yield basis.deadline(p, date=due, kind=Kind.KEY_FIGURES, key=key, detail=detail)


def _collect(applications: QuerySet[Application], today: dt.date) -> list[Deadline]:
    basis = Basis(applications=applications, today=today)
    rows = [d for fn in SOURCES for d in fn(basis)]
    # Overdue first (oldest first), then what is to come by date.
    return sorted(rows, key=lambda d: (not d.overdue, d.date, d.kind, d.key))


def concerning_q(user: User) -> Q:
    """The applications that concern a user: their own as applicant, and for an RPS case
    worker those of the Kreise they are responsible for."""
    return rules.applicant_q(user, prefix="applicant__") | rules.responsible_case_worker_q(
        user, prefix="applicant__"
    )


def deadlines_for_user(*, user: User, today: dt.date) -> list[Deadline]:
    """What concerns me: the visible applications I speak for or am responsible for."""
    if not rules.can_see_deadlines(user):
        return []
    applications = visible(Application.objects.all(), user).filter(concerning_q(user))
    return _collect(applications, today)


def deadlines_for_kreis(*, user: User, kreis_id: int, today: dt.date) -> list[Deadline]:
    """Every deadline of one Kreis, for its coordinator and the RPS (scoped as well)."""
    if not rules.may_see_kreis_deadlines(user, kreis_id):
        return []
    applications = visible(Application.objects.all(), user).filter(applicant__kreis_id=kreis_id)
    return _collect(applications, today)


def calendar_feed_user(*, token: str) -> User:
    """The owner of an active secret calendar link, or 404 (unknown or revoked: no difference)."""
    feed = (
        CalendarFeed.objects.filter(token_hash=CalendarFeed.hash_of(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed.user


def calendar_feed_active(*, user: User) -> bool:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).exists()
