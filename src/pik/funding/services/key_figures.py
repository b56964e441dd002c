"""Key figures of a proof of use: entered by hand, or taken from case work (``pik.stats``
counts, these store) and confirmed by the recipient before submission; and the January job's
yearly drafts (ADR 0039). Each service checks its own rule and that the proof is still open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.funding import proofs, rules
from pik.funding.models import Application, KeyFigures, Programme, ProofOfUse
from pik.funding.services.proofs import (
    GRANTED,
    WRITE_REFUSED,
    P,
    _create,
    _lock_proof,
    _touch,
    _writable,
)
from pik.orgs.models import User


def _figure_values(figures: Mapping[str, Any]) -> dict[str, int]:
    """The key figures as whole numbers from 0, checked against each other; every German error
    at once."""
    values: dict[str, int] = {}
    errors: dict[str, str] = {}
    for name, label in proofs.KEY_FIGURE_FIELDS:
        value = figures.get(name)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[name] = f"{label}: bitte eine ganze Zahl ab 0 angeben."
        else:
            values[name] = value
    if not errors:
        for part, word in (("persons_new", "Neu aufgenommen"), ("persons_ended", "Beendet")):
            if values[part] > values["persons_counselled"]:
                errors[part] = f"{word} können nicht mehr Personen sein als beraten wurden."
        if values["contacts_outreach"] + values["contacts_remote"] > values["contacts_total"]:
            errors["contacts_total"] = (
                "Aufsuchende und telefonische/digitale Kontakte zusammen können nicht mehr sein "
                "als alle Beratungskontakte."
            )
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def proof_key_figures_set(
    *, proof: ProofOfUse, figures: Mapping[str, Any], actor: User
) -> KeyFigures:
    """The key figures of the period, entered by hand (the fields of the statewide template).
    Figures taken from case work and changed here become "von Hand erfasst": the recipient
    stands by what they typed; that they came from case work stays on record (``casework_at``)."""
    proof = _lock_proof(proof, None)
    _writable(proof, actor)
    values = _figure_values(figures)
    key_figures, _ = KeyFigures.objects.update_or_create(
        proof=proof,
        defaults={
            **values,
            "source": KeyFigures.Source.MANUAL,
            "entered_by": actor,
            "confirmed_at": None,
            "confirmed_by": None,
        },
    )
    _touch(proof)
    audit.record(actor=actor, action="proof.key_figures_set", target=proof, **values)
    return key_figures


@transaction.atomic
def proof_key_figures_from_casework(
    *,
    proof: ProofOfUse,
    figures: Mapping[str, int],
    scope_label: str,
    actor: User | None,
    replace: bool = True,
) -> KeyFigures | None:
    """The key figures of the proof's period as case work counted them (``pik.stats`` counts,
    this stores): waiting for the recipient's confirmation before the proof can be submitted.
    ``replace=False`` (the January job) keeps figures already there and returns None."""
    proof = _lock_proof(proof, None)
    rules.require(rules.may_fill_key_figures(actor, proof.application), WRITE_REFUSED)
    if proof.status not in (P.DRAFT, P.RETURNED):
        raise ValidationError(
            f"Der Verwendungsnachweis ist „{proof.get_status_display()}“ und kann nicht mehr "
            "geändert werden."
        )
    if proof.application.programme.kind != Programme.Kind.STAFF:
        raise ValidationError("Kennzahlen gehören zum Nachweis des Integrationsmanagements.")
    if not replace and KeyFigures.objects.filter(proof=proof).exists():
        return None
    values = _figure_values(figures)
    key_figures, _ = KeyFigures.objects.update_or_create(
        proof=proof,
        defaults={
            **values,
            "source": KeyFigures.Source.CASEWORK,
            "entered_by": actor,
            "casework_at": timezone.now(),
            "casework_scope": scope_label[:500],
            "confirmed_at": None,
            "confirmed_by": None,
        },
    )
    _touch(proof)
    audit.record(
        actor=actor,
        action="proof.key_figures_casework",
        target=proof,
        scope=scope_label,
        period_start=proof.period_start,
        period_end=proof.period_end,
        **values,
    )
    return key_figures


@transaction.atomic
def proof_key_figures_confirm(
    *, proof: ProofOfUse, actor: User, expected_version: int | None = None
) -> KeyFigures:
    """The recipient confirms the key figures taken from case work (checked, to be submitted)."""
    proof = _lock_proof(proof, expected_version)
    _writable(proof, actor)
    key_figures = KeyFigures.objects.select_for_update().filter(proof=proof).first()
    if key_figures is None or key_figures.source != KeyFigures.Source.CASEWORK:
        raise ValidationError(
            "Zu bestätigen sind nur Kennzahlen, die aus der Fallarbeit übernommen wurden."
        )
    if key_figures.confirmed_at is not None:
        raise ValidationError("Diese Kennzahlen sind bereits bestätigt.")
    key_figures.confirmed_at, key_figures.confirmed_by = timezone.now(), actor
    key_figures.save(update_fields=["confirmed_at", "confirmed_by"])
    _touch(proof)
    audit.record(
        actor=actor,
        action="proof.key_figures_confirm",
        target=proof,
        **{name: getattr(key_figures, name) for name in proofs.KEY_FIGURE_NAMES},
    )
    return key_figures


@dataclass
class YearlyDrafts:
    """What the January job prepared: interim proofs created, and the open ones of the year
    still without key figures (for ``pik.stats`` to fill from case work)."""

    year: int
    created: list[ProofOfUse] = field(default_factory=list)
    to_fill: list[ProofOfUse] = field(default_factory=list)


@transaction.atomic
def key_figure_drafts_prepare(*, year: int, actor: User | None = None) -> YearlyDrafts:
    """For every applicant with a granted staff application whose funded period covers
    ``year``: one interim proof of that year (created as a draft where none exists, on the
    applicant's latest such application). Safe to run again: nothing is created twice."""
    rules.require(
        rules.may_prepare_yearly_drafts(actor),
        "Die Entwürfe der Kennzahlen legt nur die tägliche Hintergrundaufgabe an.",
    )
    result = YearlyDrafts(year=year)
    existing: dict[int, list[ProofOfUse]] = {}
    for proof in ProofOfUse.objects.filter(
        kind=ProofOfUse.Kind.INTERIM, period_start__year=year
    ).select_related("application"):
        existing.setdefault(proof.application.applicant_id, []).append(proof)
    applications = (
        Application.objects.filter(programme__kind=Programme.Kind.STAFF, status__in=GRANTED)
        .select_related("programme", "rule_version", "applicant")
        .prefetch_related("positions")
        .order_by("applicant_id", "-year", "-pk")
    )
    for application in applications:
        if application.applicant_id in existing:
            continue  # this applicant has its interim proof of the year (or got it just now)
        positions = list(application.positions.all())
        if not positions:
            continue
        start, end = proofs.staff_period(positions, application.rule_version)
        if not start.year <= year <= end.year:
            continue
        try:
            proof = _create(
                application=application, kind=ProofOfUse.Kind.INTERIM, actor=actor, year=year
            )
        except ValidationError:  # created by a parallel run a moment ago
            continue
        existing[application.applicant_id] = [proof]
        result.created.append(proof)
    open_ids = [
        proof.pk
        for proofs_of in existing.values()
        for proof in proofs_of
        if proof.status in (P.DRAFT, P.RETURNED)
    ]
    result.to_fill = list(
        ProofOfUse.objects.filter(pk__in=open_ids, key_figures__isnull=True)
        .select_related("application", "application__applicant")
        .order_by("pk")
    )
    return result
