"""Workflows as data: a transition table per process, checked by one function.

    APPLICATION = Workflow("application", [
        Transition("in_review", "propose", "proposed", roles={Role.RPS_CASE_WORKER}),
        Transition("proposed", "approve", "approved", roles={Role.RPS_HEAD},
                   guard=four_eyes("proposed_by_id")),
    ], roles_of=application_roles)

``apply`` is the one way to move a record: it checks (``TransitionNotAllowed``, a German
``ValidationError``) and sets the new state; services call it under a row lock and save, so every
write stays in a service. ``check`` alone answers "may this happen?" without moving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

Guard = Callable[[Any, Any], str | None]
RolesOf = Callable[[Any, Any], Iterable[str]]


class TransitionNotAllowed(ValidationError):
    """A move that the table does not allow for this state, role or guard.

    A ``ValidationError``, so services let it pass to the form or page as any other German
    error; nobody converts it.
    """


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    roles: frozenset[str]
    guard: Guard | None = None
    label: str = ""

    def __init__(
        self,
        source: str,
        action: str,
        target: str,
        *,
        roles: Iterable[str],
        guard: Guard | None = None,
        label: str = "",
    ) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "guard", guard)
        object.__setattr__(self, "label", label or action)


class Workflow:
    def __init__(
        self,
        name: str,
        transitions: Iterable[Transition],
        *,
        roles_of: RolesOf,
        state_field: str = "status",
    ) -> None:
        self.name = name
        self.state_field = state_field
        self.roles_of = roles_of
        self._table: dict[tuple[str, str], Transition] = {}
        for t in transitions:
            key = (t.source, t.action)
            if key in self._table:
                raise ValueError(f"{name}: doppelte Transition {key}")
            self._table[key] = t

    @property
    def transitions(self) -> list[Transition]:
        return list(self._table.values())

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.state_field))

    def check(self, obj: Any, *, action: str, user: Any) -> Transition:
        """The transition for ``action`` from the object's state, or ``TransitionNotAllowed``."""
        state = self.state_of(obj)
        transition = self._table.get((state, action))
        if transition is None:
            raise TransitionNotAllowed(
                f"Der Schritt „{action}“ ist im Status „{state}“ nicht möglich."
            )
        if not transition.roles & set(self.roles_of(user, obj)):
            raise TransitionNotAllowed(
                f"Ihre Rolle darf den Schritt „{transition.label}“ nicht ausführen."
            )
        if transition.guard is not None:
            problem = transition.guard(obj, user)
            if problem:
                raise TransitionNotAllowed(problem)
        return transition

    def allowed(self, obj: Any, user: Any) -> list[Transition]:
        """The transitions this user may take now (for buttons and inboxes)."""
        result = []
        for (source, action), _t in self._table.items():
            if source != self.state_of(obj):
                continue
            try:
                result.append(self.check(obj, action=action, user=user))
            except TransitionNotAllowed:
                continue
        return result

    def apply(self, obj: Any, *, action: str, user: Any) -> Transition:
        """Check and set the new state on ``obj`` (the caller saves it inside its service)."""
        transition = self.check(obj, action=action, user=user)
        setattr(obj, self.state_field, transition.target)
        return transition


def four_eyes(*fields: str) -> Guard:
    """Guard: the acting user must not be the one recorded in any of ``fields``."""

    def guard(obj: Any, user: Any) -> str | None:
        for field in fields:
            if getattr(obj, field, None) == user.pk:
                return (
                    "Vier-Augen-Prinzip: Wer einen Schritt vorbereitet hat, "
                    "darf ihn nicht selbst freigeben."
                )
        return None

    return guard
