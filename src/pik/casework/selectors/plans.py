"""Reads of the integration plan: the plan with goals, steps and versions, one goal or step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pik.casework.models import Client, Goal, Plan, PlanField, Step
from pik.core.scoping import get_visible_or_404

if TYPE_CHECKING:
    from pik.orgs.models import User


def client_plan(*, client: Client) -> Plan | None:
    """The plan with its goals, steps and versions loaded (one query each)."""
    return (
        Plan.objects.filter(client=client)
        .prefetch_related("goals__steps", "versions__created_by")
        .first()
    )


def plan_goals(*, plan: Plan | None) -> list[Goal]:
    """The goals of a plan loaded by ``client_plan`` (with their steps)."""
    return list(plan.goals.all()) if plan is not None else []


def goal_get(*, user: User, pk: Any) -> Goal:
    return get_visible_or_404(Goal.objects.select_related("plan__client"), user, pk=pk)


def step_get(*, user: User, pk: Any) -> Step:
    return get_visible_or_404(Step.objects.select_related("goal__plan__client"), user, pk=pk)


def plan_as_dict(plan: Plan) -> dict[str, Any]:
    return {
        "status": plan.get_status_display(),
        "fassung": plan.version,
        "vereinbart_am": plan.agreed_on.isoformat() if plan.agreed_on else None,
        "naechste_ueberpruefung": plan.review_due.isoformat() if plan.review_due else None,
        **{name: getattr(plan, name) for name in Plan.TEXT_FIELDS},
        "ausgangslage": {
            str(label): plan.situations[value]
            for value, label in PlanField.choices
            if plan.situations.get(value)
        },
        "ziele": [
            {
                "handlungsfeld": g.get_field_display(),
                "ziel": g.description,
                "zieldatum": g.target_date.isoformat() if g.target_date else None,
                "status": g.get_status_display(),
                "schritte": [
                    {
                        "schritt": s.description,
                        "wer": s.get_who_display(),
                        "bis": s.due_on.isoformat() if s.due_on else None,
                        "erledigt_am": s.done_on.isoformat() if s.done_on else None,
                    }
                    for s in g.steps.all()
                ],
            }
            for g in plan.goals.all()
        ],
    }
