"""Applicants: a Gemeinde alone, a pooling of Gemeinden (a proposal until every member agrees,
``poolings``), or the hand-over to the Kreis."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.core.numbers import format_money
from pik.funding import rules, selectors
from pik.funding.models import Applicant, PoolingConsent, Programme
from pik.funding.services.poolings import _consent_add, _members_free
from pik.orgs.models import Gemeinde, Kreis, User


def _shape(
    *,
    kind: str,
    members: list[Gemeinde],
    lead: Gemeinde | None,
    kreis: Kreis | None,
    name: str,
    total: Decimal,
    minimum: Decimal,
) -> tuple[Kreis, Gemeinde | None, str]:
    """The Kreis, lead and name of an applicant of this kind, after the kind's own checks."""
    if kind == Applicant.Kind.GEMEINDE:
        if len(members) != 1:
            raise ValidationError("Eine Gemeinde beantragt allein nur für sich selbst.")
        lead = members[0]
        if total < minimum:
            raise ValidationError(
                f"{lead} erreicht mit {format_money(total, language='de')} nicht das "
                f"Mindestkontingent von {format_money(minimum, language='de')}: bitte "
                "zusammenschließen oder an den Kreis übertragen."
            )
        return lead.kreis, lead, name or lead.official_name
    if kind == Applicant.Kind.POOLING:
        if lead is None or lead not in members or len(members) < 2:
            raise ValidationError(
                "Ein Zusammenschluss braucht mindestens zwei Gemeinden und eine federführende."
            )
        if total < minimum:
            raise ValidationError(
                f"Der Zusammenschluss erreicht mit {format_money(total, language='de')} nicht "
                f"das Mindestkontingent von {format_money(minimum, language='de')}."
            )
        return lead.kreis, lead, name or f"Zusammenschluss {lead.place_name} u. a."
    if kreis is None:
        raise ValidationError("Für die Übertragung an den Kreis fehlt der Kreis.")
    outside = [g.name for g in members if g.kreis_id != kreis.pk]
    if outside:
        raise ValidationError("Diese Gemeinden liegen nicht im Kreis: " + ", ".join(outside))
    return kreis, None, name or kreis.official_name


@transaction.atomic
def applicant_create(
    *,
    programme: Programme,
    kind: str,
    members: list[Gemeinde],
    actor: User | None,
    lead: Gemeinde | None = None,
    kreis: Kreis | None = None,
    name: str = "",
) -> Applicant:
    """A Gemeinde alone, a pooling (also across Kreis borders) or a hand-over to the Kreis."""
    rules.require(
        rules.may_create_applicant(actor, members=members, kind=kind, lead=lead),
        "Sie dürfen für diese Gemeinden keinen Antragsteller anlegen.",
    )
    if not members:
        raise ValidationError("Es muss mindestens eine Gemeinde angegeben werden.")
    if kind != Applicant.Kind.POOLING:  # a proposal binds nobody (services/poolings.py)
        _members_free(programme, members)
    rule = selectors.rule_version_for(programme=programme, on=timezone.localdate())
    contingents = selectors.member_contingents(programme=programme, gemeinden=members)
    missing = [g.name for g in members if g.pk not in contingents]
    if missing and kind != Applicant.Kind.KREIS:
        raise ValidationError("Für diese Gemeinden gibt es kein Kontingent: " + ", ".join(missing))
    total = sum(contingents.values(), Decimal("0.00"))
    kreis, lead, name = _shape(
        kind=kind,
        members=members,
        lead=lead,
        kreis=kreis,
        name=name,
        total=total,
        minimum=rule.min_contingent,
    )
    # A Gemeinde alone and the hand-over to the Kreis bind at once; a pooling is a proposal until
    # every member has agreed (the lead's administration agrees by proposing it).
    bound = kind != Applicant.Kind.POOLING
    applicant = Applicant.objects.create(
        programme=programme,
        kind=kind,
        name=name,
        kreis=kreis,
        gemeinde=lead,
        bound_at=timezone.now() if bound else None,
    )
    applicant.members.set(members)
    if not bound and lead is not None and rules.may_confirm_pooling(actor, lead):
        _consent_add(applicant, lead, way=PoolingConsent.Way.MEMBER, actor=actor)
    audit.record(
        actor=actor,
        action="applicant.create",
        target=applicant,
        kind=kind,
        members=[g.ags for g in members],
        contingent=total,
        bound=bound,
    )
    return applicant
