"""The letters of the funding procedures: what a notice shows, and money written the German way.

Kept apart from the selectors (which only read) because this is presentation: the approved
amount split exactly over the calendar years, the funding period, the proof-of-use date and
every amount as a German reader expects it (``1.234.567,80``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pik.core.money import allocate, to_cents
from pik.core.numbers import format_number
from pik.funding import calculation, interest, selectors


def money_de(value: Decimal) -> str:
    """1234567.8 → '1.234.567,80' (German notation for letters; the kernel's one formatter)."""
    return format_number(value, 2, language="de")


def recipient_lines(applicant: Any) -> list[str]:
    """The recipient block of a letter, by official names (ADR 0027): 'Stadt Böblingen',
    a pooling with its lead Gemeinde, 'Landratsamt Böblingen' or 'Landeshauptstadt Stuttgart'."""
    if applicant.kind == applicant.Kind.GEMEINDE:
        return [applicant.gemeinde.official_name]
    if applicant.kind == applicant.Kind.POOLING:
        return [applicant.name, f"c/o {applicant.gemeinde.official_name}"]
    return [applicant.kreis.official_name]


def notice_context(*, notice_id: int) -> dict[str, Any]:
    """Everything the notice template needs (for the background job that renders it)."""
    notice, positions = selectors.notice_for_document(notice_id=notice_id)
    application = notice.application
    # The court of the applicant's seat (§ 52 Nr. 3 Satz 2 VwGO): the Regierungsbezirk of the
    # applicant's Kreis; for a pooling, the Kreis of its lead Gemeinde.
    court = selectors.court_for(
        regierungsbezirk_ags=application.applicant.kreis.regierungsbezirk.ags
    )
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
        "recipient": recipient_lines(application.applicant),
        "approval": notice.kind == notice.Kind.APPROVAL,
        "staff": application.programme.kind == application.programme.Kind.STAFF,
        "rule": application.rule_version,
        "court": court,
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


def repayment_context(*, claim_id: int) -> dict[str, Any]:
    """Everything the repayment notice needs: principal, interest per period to the issue date
    (inclusive) with the day-count convention, the court of the applicant's seat."""
    claim = selectors.repayment_for_document(claim_id=claim_id)
    application = claim.application
    court = selectors.court_for(
        regierungsbezirk_ags=application.applicant.kreis.regierungsbezirk.ags
    )
    issued_on = (claim.decided_at or timezone.now()).astimezone().date()
    statement = selectors.claim_statement(claim, until=issued_on + dt.timedelta(days=1))
    return {
        "title": "Rückforderungsbescheid",
        "claim": claim,
        "application": application,
        "recipient": recipient_lines(application.applicant),
        "court": court,
        "statement": statement,
        "rows": [
            {
                "start": p.start,
                "end": p.end,
                "days": p.days,
                "principal": money_de(p.principal),
                "base_rate": format_number(p.base_rate, 2, language="de"),
                "rate": format_number(p.rate, 2, language="de"),
                "year_days": p.year_days,
                "interest": money_de(p.interest),
            }
            for p in statement.periods
        ],
        "amount_text": money_de(claim.amount),
        "interest_text": money_de(statement.total),
        "total_text": money_de(statement.outstanding + statement.total),
        "convention": interest.CONVENTION,
        "margin": format_number(interest.MARGIN, 0, language="de"),
        "issued_on": issued_on,
        "signer": str(claim.decided_by or "Regierungspräsidium Stuttgart"),
        "proposer": str(claim.proposed_by or "–"),
    }
