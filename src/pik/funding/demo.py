"""Demo data for the funding procedures: contingents for every Gemeinde (demo figures),
applicants (alone, pooled, handed over to the Kreis) and applications in every state.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from django.apps import apps
from django.db.models import F
from django.utils import timezone

from pik.funding import demo_payments, demo_proofs, services
from pik.funding.models import Applicant, Application, Contingent, Programme
from pik.funding.reference import ensure_reference_data
from pik.orgs.models import Gemeinde, Kreis, Provider, User

DEMO_DOMAIN = "demo.pik-bw.example"
PERSONS_PER_INHABITANT = Decimal("0.004")  # demo assumption, not an official figure


def _u(local: str) -> User:
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def _contingents(im: Programme, stdout: TextIO) -> None:
    if Contingent.objects.filter(programme=im).exists():
        return
    lines = ["ags,personen"]
    for ags, population in Gemeinde.objects.values_list("ags", "population"):
        lines.append(f"{ags},{max(1, int(population * PERSONS_PER_INHABITANT))}")
    result = services.contingents_import(
        programme=im,
        year=2017,  # the 2017 figures serve the later years until new ones are read in
        data="\n".join(lines).encode(),
        filename="demo-personen.csv",
        actor=_u("sachbearbeitung.stuttgart"),
        is_demo=True,
    )
    stdout.write(f"Demo-Kontingente: {result.saved} Gemeinden (Personen = 0,4 % der Einwohner).\n")


def _applicant(im: Programme, kind: str, ags: list[str], **kw: object) -> Applicant:
    members = [Gemeinde.objects.get(ags=a) for a in ags]
    existing = Applicant.objects.filter(programme=im, members=members[0]).first()
    if existing:
        return existing
    return services.applicant_create(
        programme=im,
        kind=kind,
        members=members,
        lead=members[0] if kind != "kreis" else None,
        actor=_u("sachbearbeitung.stuttgart"),
        **kw,  # type: ignore[arg-type]
    )


def _walk(application: Application, steps: list[tuple[str, str]], **amounts: object) -> None:
    for action, who in steps:
        application.refresh_from_db()
        services.application_transition(
            application=application,
            action=action,
            actor=_u(who),
            message={
                "request_info": "Bitte reichen Sie die Arbeitsverträge nach.",
                "propose_rejection": "Die Stellen sind nicht namentlich benannt.",
                "send_back": "Bitte Betrag prüfen.",
            }.get(action, ""),
            amount=amounts.get(action),
        )


def _staff_application(
    im: Programme, applicant: Applicant, year: int, who: str, positions: int = 2
) -> Application | None:
    if Application.objects.filter(programme=im, applicant=applicant, year=year).exists():
        return None
    application = services.application_create(
        programme=im, applicant=applicant, year=year, actor=_u(who)
    )
    provider = Provider.objects.filter(kreis=applicant.kreis).first()
    people = [
        ("Sara Nouri", "university", "1.00"),
        ("Jan Keller", "intermediate", "0.50"),
        ("Mira Hoffmann", "intermediate", "0.75"),
    ]
    for i, (name, qualification, share) in enumerate(people[:positions]):
        services.position_add(
            application=application,
            person_name=name,
            qualification=qualification,
            share=Decimal(share),
            start_date=dt.date(year, 3 + i, 1),
            months=24,
            provider=provider if i == 1 else None,
            actor=_u(who),
        )
    return application


def _backdate(application: Application, days: int) -> None:
    """Demo data only: the services stamp today; the story moves the submission ``days`` back,
    the decision to some weeks after it, and an open deadline with the submission (the audit
    trail keeps the real seeding time)."""
    shift = dt.timedelta(days=days)
    decided = shift - min(dt.timedelta(days=70), shift * 2 / 3)
    rows = Application.objects.filter(pk=application.pk, submitted_at__isnull=False)
    rows.filter(decided_at__isnull=False).update(decided_at=F("submitted_at") - decided)
    rows.update(submitted_at=F("submitted_at") - shift, due_date=F("due_date") - shift)


def _kreis(ags: str) -> Kreis:
    return Kreis.objects.get(ags=ags)


def _demo_years(im: Programme) -> tuple[int, int]:
    """The current funding year (the latest with a budget, up to this year) and the budget year
    before it: the demo shows no year without a budget."""
    years = sorted(
        y for y in im.budgets.values_list("year", flat=True) if y <= timezone.localdate().year
    )
    return years[-1], years[-2]


def seed(*, stdout: TextIO) -> None:
    ensure_reference_data(apps)  # normally present from the data migration
    im = Programme.objects.get(code="im")
    digital = Programme.objects.get(code="digital")
    _contingents(im, stdout)

    boeblingen = _applicant(im, "gemeinde", ["08115003"])
    offenburg = _applicant(im, "gemeinde", ["08317096"])
    tuebingen = _applicant(im, "gemeinde", ["08416041"])
    _applicant(im, "pooling", ["08115001", "08115002", "08115010", "08115013"])
    ortenau = _applicant(
        im, "kreis", ["08317005", "08317008"], kreis=Kreis.objects.get(ags="08317")
    )
    stuttgart = _applicant(im, "kreis", ["08111000"], kreis=Kreis.objects.get(ags="08111"))

    cw_bb, cw_fr, cw_tue = (
        "sachbearbeitung.stuttgart",
        "sachbearbeitung.freiburg",
        "sachbearbeitung.tuebingen",
    )
    head = "referatsleitung"
    full = [
        ("submit", "gemeinde.boeblingen"),
        ("start_review", cw_bb),
        ("propose_approval", cw_bb),
        ("approve", head),
    ]
    # Earlier years are the persons' funding history, all decided; the current funding year
    # (the latest with a budget) has an application in every open state, the year before the
    # decided ones. Kreis Böblingen's Gemeinde stays free in the previous year for the
    # browser test's own application.
    current, previous = _demo_years(im)
    kreis_boeblingen = _applicant(
        im, "kreis", ["08115022", "08115034", "08115037", "08115004"], kreis=_kreis("08115")
    )
    kreis_tuebingen = _applicant(
        im,
        "kreis",
        ["08416018", "08416049", "08416050", "08416026", "08416031"],
        kreis=_kreis("08416"),
    )
    review = [("submit", "gemeinde.ortenau"), ("start_review", cw_fr)]
    plan = [
        (boeblingen, 2019, "gemeinde.boeblingen", full),
        (boeblingen, 2020, "gemeinde.boeblingen", full),
        (
            offenburg,
            2021,
            "gemeinde.ortenau",
            [*review, ("propose_rejection", cw_fr), ("reject", head)],
        ),
        (
            tuebingen,
            2019,
            "gemeinde.tuebingen",
            [("submit", "gemeinde.tuebingen"), ("withdraw", "gemeinde.tuebingen")],
        ),
        # the year before: decided
        (
            offenburg,
            previous,
            "gemeinde.ortenau",
            [*review, ("propose_rejection", cw_fr), ("reject", head)],
        ),
        (
            tuebingen,
            previous,
            "gemeinde.tuebingen",
            [("submit", "gemeinde.tuebingen"), ("withdraw", "gemeinde.tuebingen")],
        ),
        (
            ortenau,
            previous,
            "koordination.ortenau",
            [
                ("submit", "koordination.ortenau"),
                ("start_review", cw_fr),
                ("propose_approval", cw_fr),
                ("approve", head),
            ],
        ),
        # the current funding year: one application in every open state
        (boeblingen, current, "gemeinde.boeblingen", full),
        (
            kreis_boeblingen,
            current,
            "koordination.boeblingen",
            [
                ("submit", "koordination.boeblingen"),
                ("start_review", cw_bb),
                ("propose_approval", cw_bb),
            ],
        ),
        (offenburg, current, "gemeinde.ortenau", review),
        (
            tuebingen,
            current,
            "gemeinde.tuebingen",
            [("submit", "gemeinde.tuebingen"), ("start_review", cw_tue), ("request_info", cw_tue)],
        ),
        (
            ortenau,
            current,
            "koordination.ortenau",
            [
                ("submit", "koordination.ortenau"),
                ("start_review", cw_fr),
                ("propose_rejection", cw_fr),
            ],
        ),
        (stuttgart, current, "koordination.stuttgart", [("submit", "koordination.stuttgart")]),
        (kreis_tuebingen, current, "koordination.tuebingen", []),
    ]
    # Days since submission in the current year (some past their deadline, as in real life);
    # earlier years were submitted in their own January.
    ages = {boeblingen.pk: 80, kreis_boeblingen.pk: 65, offenburg.pk: 40, ortenau.pk: 30}
    ages |= {tuebingen.pk: 20, stuttgart.pk: 3}
    today = timezone.localdate()
    created = 0
    for applicant, year, who, steps in plan:
        application = _staff_application(im, applicant, year, who)
        if application is not None:
            created += 1
            _walk(application, steps)
            age = ages.get(applicant.pk, 0) if year == current else None
            _backdate(application, age if age is not None else (today - dt.date(year, 1, 20)).days)
    # Digitale Lösungen: the Kreis Böblingen applies; one manager still lacks access.
    kreis_bb = (
        _applicant(digital, "kreis", ["08115003"], kreis=Kreis.objects.get(ags="08115"))
        if not Applicant.objects.filter(programme=digital).exists()
        else Applicant.objects.get(programme=digital)
    )
    if not Application.objects.filter(programme=digital).exists():
        application = services.application_create(
            programme=digital, applicant=kreis_bb, year=2021, actor=_u("koordination.boeblingen")
        )
        managers = list(
            User.objects.filter(
                memberships__role="integration_manager", memberships__kreis=kreis_bb.kreis
            )
        )
        services.digital_details_set(
            application=application,
            tool_name="Fallakte Integrationsmanagement",
            tool_description="Gemeinsame digitale Fallakte für alle Integrations"
            "managerinnen und -manager.",
            tool_costs=Decimal("48500.00"),
            access_granted=managers[:-1],
            access_confirmed=False,
            actor=_u("koordination.boeblingen"),
        )
        created += 1
    stdout.write(f"Demo-Anträge: {created} neu, {Application.objects.count()} insgesamt.\n")
    demo_payments.seed(stdout=stdout)
    demo_proofs.seed(stdout=stdout)
