"""Applicants: a Gemeinde alone, a pooling of Gemeinden, or the hand-over to the Kreis."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.funding import rules, selectors
from pik.funding.models import Applicant, Contingent, Programme
from pik.orgs.models import Gemeinde, Kreis, User


def _members_free(programme: Programme, gemeinden: Iterable[Gemeinde]) -> None:
    taken = (
        Applicant.objects.filter(programme=programme, members__in=list(gemeinden))
        .values_list("members__name", flat=True)
        .distinct()
    )
    if taken:
        raise ValidationError(
            "Diese Gemeinden gehören schon zu einem Antragsteller: " + ", ".join(sorted(taken))
        )


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
        rules.may_create_applicant(actor, members=members, kind=kind),
        "Sie dürfen für diese Gemeinden keinen Antragsteller anlegen.",
    )
    if not members:
        raise ValidationError("Es muss mindestens eine Gemeinde angegeben werden.")
    _members_free(programme, members)
    rule = selectors.rule_version_for(programme=programme, on=timezone.localdate())
    contingents = {
        c.gemeinde_id: c.amount
        for c in Contingent.objects.filter(programme=programme, gemeinde__in=members)
    }
    missing = [g.name for g in members if g.pk not in contingents]
    if missing and kind != Applicant.Kind.KREIS:
        raise ValidationError("Für diese Gemeinden gibt es kein Kontingent: " + ", ".join(missing))
    total = sum(contingents.values(), Decimal("0.00"))
    if kind == Applicant.Kind.GEMEINDE:
        if len(members) != 1:
            raise ValidationError("Eine Gemeinde beantragt allein nur für sich selbst.")
        lead = members[0]
        if total < rule.min_contingent:
            raise ValidationError(
                f"{lead} erreicht mit {total} EUR nicht das Mindestkontingent von "
                f"{rule.min_contingent} EUR: bitte zusammenschließen oder an den Kreis übertragen."
            )
        kreis, name = lead.kreis, name or lead.official_name
    elif kind == Applicant.Kind.POOLING:
        if lead is None or lead not in members or len(members) < 2:
            raise ValidationError(
                "Ein Zusammenschluss braucht mindestens zwei Gemeinden und eine federführende."
            )
        if total < rule.min_contingent:
            raise ValidationError(
                f"Der Zusammenschluss erreicht mit {total} EUR nicht das Mindestkontingent "
                f"von {rule.min_contingent} EUR."
            )
        kreis, name = lead.kreis, name or f"Zusammenschluss {lead.place_name} u. a."
    else:
        if kreis is None:
            raise ValidationError("Für die Übertragung an den Kreis fehlt der Kreis.")
        outside = [g.name for g in members if g.kreis_id != kreis.pk]
        if outside:
            raise ValidationError("Diese Gemeinden liegen nicht im Kreis: " + ", ".join(outside))
        lead, name = None, name or kreis.official_name
    applicant = Applicant.objects.create(
        programme=programme, kind=kind, name=name, kreis=kreis, gemeinde=lead
    )
    applicant.members.set(members)
    audit.record(
        actor=actor,
        action="applicant.create",
        target=applicant,
        kind=kind,
        members=[g.ags for g in members],
        contingent=total,
    )
    return applicant
