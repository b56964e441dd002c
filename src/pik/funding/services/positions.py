"""What an application asks for: positions (staff programme) or a digital tool and its access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pik.core import audit
from pik.core.money import parse_money
from pik.core.numbers import format_number, to_decimal
from pik.funding import calculation
from pik.funding.models import Application, Position, Programme
from pik.funding.services.applications import _editable, _lock, _recompute
from pik.orgs.models import Provider, User
from pik.orgs.selectors import managers_in_kreis


@transaction.atomic
def position_add(
    *,
    application: Application,
    person_name: str,
    qualification: str,
    share: Any,
    start_date: dt.date,
    months: int,
    actor: User,
    provider: Provider | None = None,
    expected_version: int | None = None,
) -> Position:
    """A named position, its amount from the rule version; every field error at once."""
    application = _lock(application, expected_version)
    _editable(application, actor)
    rule = application.rule_version
    errors: dict[str, str] = {}
    try:
        share = to_decimal(share, places=2, language="de")
    except (ValidationError, TypeError):
        share = Decimal(-1)
    if not person_name.strip():
        errors["person_name"] = "Die Person muss namentlich benannt werden."
    if qualification not in Position.Qualification.values:
        errors["qualification"] = "Bitte die Qualifikation wählen."
    if share < rule.min_position_share or share > 1 or share != share.quantize(Decimal("0.01")):
        errors["share"] = (
            f"Der Stellenanteil muss zwischen {format_number(rule.min_position_share, 2)} und "
            "1,00 VZÄ liegen "
            "(höchstens zwei Nachkommastellen)."
        )
    if months < 1 or months > rule.max_total_months:
        errors["months"] = (
            f"Die Förderdauer muss zwischen 1 und {rule.max_total_months} Monaten liegen "
            f"({rule.name})."
        )
    if start_date < application.programme.start_date:
        errors["start_date"] = (
            f"Der Beginn liegt vor dem Start des Programms "
            f"({application.programme.start_date:%d.%m.%Y})."
        )
    if provider is not None and provider.kreis_id != application.applicant.kreis_id:
        errors["provider"] = "Der Träger hat seinen Sitz nicht im Kreis des Antragstellers."
    if errors:
        raise ValidationError(errors)
    position = Position.objects.create(
        application=application,
        person_name=person_name.strip(),
        qualification=qualification,
        share=share,
        start_date=start_date,
        months=months,
        provider=provider,
        amount=calculation.position_amount(
            rule, qualification=qualification, share=share, months=months
        ),
    )
    _recompute(application)
    audit.record(
        actor=actor,
        action="position.add",
        target=application,
        position_id=position.pk,
        amount=position.amount,
    )
    return position


@transaction.atomic
def position_remove(*, position: Position, actor: User) -> None:
    """Remove a position from a draft; the requested amount is computed again."""
    application = _lock(position.application, None)
    _editable(application, actor)
    position_id = position.pk
    position.delete()
    _recompute(application)
    audit.record(
        actor=actor,
        action="position.remove",
        target=application,
        position_id=position_id,
    )


@transaction.atomic
def digital_details_set(
    *,
    application: Application,
    tool_name: str,
    tool_description: str,
    tool_costs: Any,
    access_granted: Iterable[User],
    access_confirmed: bool,
    actor: User,
    expected_version: int | None = None,
) -> Application:
    """The digital tool, its costs and who gets access (only managers of the Kreis count)."""
    application = _lock(application, expected_version)
    _editable(application, actor)
    if application.programme.kind != Programme.Kind.DIGITAL:
        raise ValidationError("Nur Anträge für Digitale Lösungen haben diese Angaben.")
    costs = parse_money(tool_costs, "tool_costs")
    if costs <= 0:
        raise ValidationError({"tool_costs": "Die Kosten müssen größer als 0 sein."})
    application.tool_name = tool_name.strip()
    application.tool_description = tool_description.strip()
    application.tool_costs = costs
    application.access_confirmed = access_confirmed
    application.save(
        update_fields=[
            "tool_name",
            "tool_description",
            "tool_costs",
            "access_confirmed",
            "updated_at",
        ]
    )
    known = {u.pk for u in managers_in_kreis(kreis_id=application.applicant.kreis_id)}
    application.access_granted.set([u for u in access_granted if u.pk in known])
    _recompute(application)
    audit.record(
        actor=actor,
        action="application.digital_details",
        target=application,
        costs=costs,
    )
    return application
