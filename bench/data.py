"""Data for benchmarks: the real 1,101 Gemeinden and synthetic, Germany-sized sets."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

GEMEINDEN_CSV = Path(__file__).resolve().parent.parent / "src/pik/orgs/data/bw_gemeinden.csv"


def gemeinde_populations() -> dict[str, int]:
    with GEMEINDEN_CSV.open(encoding="utf-8") as fh:
        return {row["ags"]: int(row["population"]) for row in csv.DictReader(fh)}


def synthetic_populations(n: int, seed: int = 2017) -> dict[str, int]:
    """``n`` municipalities with a long-tailed size distribution like Germany's (~11,000)."""
    rng = random.Random(seed)
    return {f"{i:08d}": max(1, int(rng.lognormvariate(8.0, 1.3))) for i in range(n)}


def persons_csv(populations: dict[str, int], persons_per_inhabitant: float) -> bytes:
    """The upload format of contingents_import: ``ags,personen`` per Gemeinde."""
    lines = ["ags,personen"]
    lines += [f"{ags},{max(1, int(p * persons_per_inhabitant))}" for ags, p in populations.items()]
    return "\n".join(lines).encode()


SYNTHETIC_BEZIRK, SYNTHETIC_KREIS = "990", "99000"


def synthetic_gemeinden(n: int) -> dict[str, int]:
    """Create ``n`` synthetic Gemeinden (AGS ``99000000``…) in one synthetic Kreis, once.

    Returns their populations by AGS. Needs the benchmark database (bench/db.py).
    """
    from pik.orgs.models import Gemeinde, Kreis, Land, Regierungsbezirk

    populations = {f"99{ags[2:]}": p for ags, p in synthetic_populations(n).items()}
    land = Land.objects.get(ags="08")
    bezirk, _ = Regierungsbezirk.objects.get_or_create(
        ags=SYNTHETIC_BEZIRK, defaults={"name": "Synthetischer Bezirk", "land": land}
    )
    kreis, _ = Kreis.objects.get_or_create(
        ags=SYNTHETIC_KREIS,
        defaults={"name": "Synthetischer Kreis", "kind": "Landkreis", "regierungsbezirk": bezirk},
    )
    existing = set(Gemeinde.objects.filter(kreis=kreis).values_list("ags", flat=True))
    Gemeinde.objects.bulk_create(
        [
            Gemeinde(ags=ags, name=f"Synthetische Gemeinde {ags}", kreis=kreis, population=p)
            for ags, p in populations.items()
            if ags not in existing
        ],
        batch_size=2000,
    )
    return populations


def bench_user(local: str, role: str, **membership: Any) -> Any:
    """A user with one role and a TOTP authenticator (so the MFA middleware lets them in)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pik.orgs import services
    from pik.orgs.models import User

    email = f"{local}@bench.pik-bw.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = services.user_create(email=email, first_name="Bench", last_name=local, actor=None)
        services.membership_create(user=user, role=role, actor=None, **membership)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def rps_staff() -> tuple[Any, list[Any]]:
    """The RPS head and four case workers, each responsible for a quarter of the Kreise."""
    from pik.core.roles import Role
    from pik.orgs.models import Kreis

    head = bench_user("referatsleitung", Role.RPS_HEAD)
    kreise = list(Kreis.objects.filter(ags__startswith="08"))
    workers = [
        bench_user(f"sachbearbeitung{i}", Role.RPS_CASE_WORKER, responsible_kreise=kreise[i::4])
        for i in range(4)
    ]
    return head, workers


# Status mix: closed years are mostly decided; the current year is still in motion.
PAST_STATUSES = {
    "notice_issued": 80,
    "rejected": 8,
    "withdrawn": 7,
    "approved": 2,
    "in_review": 3,
}
CURRENT_STATUSES = {
    "draft": 15,
    "submitted": 20,
    "in_review": 20,
    "info_requested": 10,
    "proposed_approval": 10,
    "proposed_rejection": 5,
    "approved": 5,
    "notice_issued": 15,
}


def applicants(programme: Any, n: int, label: str, seed: int = 7) -> list[Any]:
    """``n`` applicants over the real Gemeinden: one per Gemeinde, one per Kreis, then
    poolings of two Gemeinden of the same Kreis (bulk_create, no audit trail)."""
    from pik.funding.models import Applicant
    from pik.orgs.models import Gemeinde, Kreis

    rng = random.Random(seed)
    gemeinden = list(Gemeinde.objects.filter(ags__startswith="08").order_by("ags"))
    kreise = list(Kreis.objects.filter(ags__startswith="08"))
    rows: list[Applicant] = []
    members: list[list[Any]] = []
    for g in gemeinden:
        rows.append(Applicant(programme=programme, kind="gemeinde", name=f"{g} {label}"))
        rows[-1].kreis_id, rows[-1].gemeinde = g.kreis_id, g
        members.append([g])
    for k in kreise:
        rows.append(Applicant(programme=programme, kind="kreis", name=f"{k} {label}", kreis=k))
        members.append([])
    by_kreis: dict[int, list[Any]] = {}
    for g in gemeinden:
        by_kreis.setdefault(g.kreis_id, []).append(g)
    while len(rows) < n:
        lead = rng.choice(gemeinden)
        partner = rng.choice(by_kreis[lead.kreis_id])
        name = f"Zusammenschluss {lead} und {partner} {label}"
        rows.append(Applicant(programme=programme, kind="pooling", name=name, gemeinde=lead))
        rows[-1].kreis_id = lead.kreis_id
        members.append([lead, partner] if partner != lead else [lead])
    rows = Applicant.objects.bulk_create(rows[:n], batch_size=1000)
    through = Applicant.members.through
    through.objects.bulk_create(
        [
            through(applicant_id=a.pk, gemeinde_id=g.pk)
            for a, gs in zip(rows, members, strict=False)
            for g in gs
        ],
        batch_size=2000,
    )
    return rows


def applications(
    *,
    programme: Any,
    rows: list[Any],
    years: list[int],
    statuses: dict[str, int] | None = None,
    proposer: Any = None,
    seed: int = 11,
) -> list[Any]:
    """One application per applicant and year, realistic statuses (bulk_create)."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from pik.funding.models import Application
    from pik.funding.selectors import rule_version_for

    rng = random.Random(seed)
    now = timezone.now()
    result = []
    for year in years:
        rule = rule_version_for(programme=programme, on=dt.date(year, 12, 31))
        mix = statuses or (CURRENT_STATUSES if year == max(years) else PAST_STATUSES)
        for applicant in rows:
            status = rng.choices(list(mix), weights=list(mix.values()))[0]
            requested = Decimal(rng.randrange(12_750_00, 128_000_00)) / 100
            decided = status in ("approved", "notice_issued", "rejected")
            a = Application(
                programme=programme,
                applicant=applicant,
                year=year,
                rule_version=rule,
                status=status,
                requested_amount=requested,
                approved_amount=requested if status in ("approved", "notice_issued") else None,
                file_number=None
                if status == "draft"
                else f"RPS-{programme.code.upper()}-{year}-{applicant.pk:05d}",
                submitted_at=None if status == "draft" else now,
                decided_at=now if decided else None,
                due_date=dt.date(year, 3, 31) if status == "info_requested" else None,
                proposed_by=proposer if status.startswith("proposed") or decided else None,
            )
            result.append(a)
    return Application.objects.bulk_create(result, batch_size=1000)


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as autovacuum would in production."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def approved_with_notices(*, n: int, year: int, head: Any, proposer: Any) -> list[int]:
    """``n`` approved staff applications with one or two positions and an approval notice
    each (not yet rendered). Returns the notice ids."""
    import datetime as dt
    from decimal import Decimal

    from pik.funding import calculation
    from pik.funding.models import Application, Notice, Position, Programme

    rng = random.Random(year)
    programme = Programme.objects.get(code="im")
    rows = applicants(programme, n, f"(Bescheid {year})")
    apps = applications(
        programme=programme, rows=rows, years=[year], statuses={"approved": 1}, proposer=proposer
    )
    positions = []
    for a in apps:
        total = Decimal("0.00")
        for i in range(rng.choice((1, 1, 2))):
            qualification = rng.choice(list(Position.Qualification))
            share = rng.choice((Decimal("0.50"), Decimal("0.75"), Decimal("1.00")))
            months = rng.choice((12, 24))
            amount = calculation.position_amount(
                a.rule_version, qualification=qualification, share=share, months=months
            )
            total += amount
            positions.append(
                Position(
                    application=a,
                    person_name=f"Integrationsmanagerin {a.pk}-{i + 1}",
                    qualification=qualification,
                    share=share,
                    start_date=dt.date(year, rng.choice((1, 4, 7)), 1),
                    months=months,
                    amount=amount,
                )
            )
        a.requested_amount = a.approved_amount = total
        a.decided_by = head
    Position.objects.bulk_create(positions, batch_size=1000)
    Application.objects.bulk_update(
        apps, ["requested_amount", "approved_amount", "decided_by"], batch_size=500
    )
    notices = Notice.objects.bulk_create(
        [Notice(application=a, kind=Notice.Kind.APPROVAL, issued_by=head) for a in apps],
        batch_size=1000,
    )
    return [notice.pk for notice in notices]
