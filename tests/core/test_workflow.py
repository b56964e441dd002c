from dataclasses import dataclass

import pytest

from pik.core.workflow import Transition, TransitionNotAllowed, Workflow, four_eyes


@dataclass
class Doc:
    status: str = "draft"
    proposed_by_id: int | None = None


@dataclass
class Person:
    pk: int
    roles: tuple[str, ...]


FLOW = Workflow(
    "doc",
    [
        Transition("draft", "submit", "submitted", roles={"applicant"}),
        Transition("submitted", "propose", "proposed", roles={"clerk"}),
        Transition(
            "proposed",
            "approve",
            "approved",
            roles={"clerk", "head"},
            guard=four_eyes("proposed_by_id"),
        ),
    ],
    roles_of=lambda user, obj: user.roles,
)


def test_allowed_move_sets_the_target_state() -> None:
    doc = Doc()
    FLOW.apply(doc, action="submit", user=Person(1, ("applicant",)))
    assert doc.status == "submitted"


def test_unknown_move_from_this_state_is_refused() -> None:
    with pytest.raises(TransitionNotAllowed, match="nicht möglich"):
        FLOW.check(Doc(), action="approve", user=Person(1, ("head",)))


def test_wrong_role_is_refused() -> None:
    with pytest.raises(TransitionNotAllowed, match="Rolle"):
        FLOW.check(Doc(status="submitted"), action="propose", user=Person(1, ("applicant",)))


def test_four_eyes_refuses_the_proposer_and_allows_another_person() -> None:
    doc = Doc(status="proposed", proposed_by_id=7)
    with pytest.raises(TransitionNotAllowed, match="Vier-Augen"):
        FLOW.check(doc, action="approve", user=Person(7, ("clerk",)))
    FLOW.apply(doc, action="approve", user=Person(8, ("head",)))
    assert doc.status == "approved"


def test_allowed_lists_only_what_this_user_may_do() -> None:
    doc = Doc(status="proposed", proposed_by_id=7)
    assert [t.action for t in FLOW.allowed(doc, Person(7, ("clerk",)))] == []
    assert [t.action for t in FLOW.allowed(doc, Person(8, ("clerk",)))] == ["approve"]


def test_duplicate_transition_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="doppelte"):
        Workflow(
            "x",
            [Transition("a", "go", "b", roles=["r"]), Transition("a", "go", "c", roles=["r"])],
            roles_of=lambda u, o: [],
        )
