"""Double funding: every funded period of a named person, across applications, applicants and
Träger, and what the RPS must look at before it decides.

A person is known by name only (the application names them), so names are compared
normalised (case and spacing). Counted are the positions of every application of the programme
that was submitted and not withdrawn or rejected; decided ones are marked as approved. The
months per person are calendar months covered by at least one position (an overlap is reported
on its own, not counted twice); the limit is the rule version's maximum, which may be exceeded by
its interruption allowance only where salary payments were interrupted (checked by the RPS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from pik.core.numbers import format_number
from pik.funding import calculation
from pik.funding.models import Application, Position

S = Application.Status
COUNTED = (
    S.SUBMITTED,
    S.IN_REVIEW,
    S.INFO_REQUESTED,
    S.PROPOSED_APPROVAL,
    S.PROPOSED_REJECTION,
    S.APPROVED,
    S.NOTICE_ISSUED,
)
DECIDED = (S.APPROVED, S.NOTICE_ISSUED)


def person_key(name: str) -> str:
    """The name as compared: spacing collapsed, case folded."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class FundedPeriod:
    position: Position
    start: dt.date
    end: dt.date
    approved: bool

    @property
    def application(self) -> Application:
        return self.position.application

    @property
    def where(self) -> str:
        """Applicant and file number (and Träger), as a finding names it."""
        application = self.application
        text = f"{application.applicant}, {application.file_number or 'Entwurf'}"
        if self.position.provider is not None:
            text += f", Träger {self.position.provider}"
        return text


@dataclass
class PersonCheck:
    name: str
    history: list[FundedPeriod]
    months: int
    limit: int
    allowance: int
    findings: list[str] = field(default_factory=list)


def _period(position: Position) -> FundedPeriod:
    return FundedPeriod(
        position=position,
        start=position.start_date,
        end=calculation.end_date(position.start_date, position.months),
        approved=position.application.status in DECIDED,
    )


def _covered_months(periods: list[FundedPeriod]) -> int:
    months: set[tuple[int, int]] = set()
    for p in periods:
        for i in range(p.position.months):
            day = calculation.add_months(p.start, i)
            months.add((day.year, day.month))
    return len(months)


def person_checks(*, application: Application) -> list[PersonCheck]:
    """For each person named in the application: their funded periods in the programme and the
    findings (overlaps with another position, months beyond the limit)."""
    own = list(application.positions.select_related("provider"))
    if not own:
        return []
    names = {person_key(p.person_name): p.person_name for p in own}
    others = Position.objects.filter(
        # a wide net in the database (the longest part of each name), the exact match below
        reduce(or_, (Q(person_name__icontains=max(k.split(), key=len)) for k in names)),
        application__programme_id=application.programme_id,
        application__status__in=COUNTED,
    ).exclude(application=application)
    candidates = [
        *own,
        *others.select_related("application", "application__applicant", "provider"),
    ]
    for p in own:
        p.application = application
    rule = application.rule_version
    checks = []
    for key, name in names.items():
        history = sorted(
            (_period(p) for p in candidates if person_key(p.person_name) == key),
            key=lambda period: (period.start, period.position.pk),
        )
        check = PersonCheck(
            name=name,
            history=history,
            months=_covered_months(history),
            limit=rule.max_total_months,
            allowance=rule.interruption_months,
        )
        check.findings = _findings(check, application)
        checks.append(check)
    return checks


def _findings(check: PersonCheck, application: Application) -> list[str]:
    findings = []
    mine = [p for p in check.history if p.application.pk == application.pk]
    for p in mine:
        for q in check.history:
            if q.position.pk == p.position.pk or (q in mine and q.position.pk < p.position.pk):
                continue
            start, end = max(p.start, q.start), min(p.end, q.end)
            if start <= end:
                state = "bewilligt" if q.approved else "beantragt"
                findings.append(
                    f"Doppelförderung? {check.name} ist vom {start:%d.%m.%Y} bis {end:%d.%m.%Y} "
                    f"bereits gefördert ({state}: {q.where}, "
                    f"{format_number(q.position.share, 2, language='de')} VZÄ)."
                )
    if check.months > check.limit + check.allowance:
        findings.append(
            f"{check.name}: insgesamt {check.months} Fördermonate – höchstens {check.limit} "
            f"sind zulässig, mit Unterbrechung der Gehaltszahlung höchstens "
            f"{check.limit + check.allowance}."
        )
    elif check.months > check.limit:
        findings.append(
            f"{check.name}: insgesamt {check.months} Fördermonate – über {check.limit} Monate nur "
            f"zulässig, soweit die Gehaltszahlung unterbrochen war (höchstens {check.allowance} "
            "Monate); bitte nachweisen lassen."
        )
    return findings
