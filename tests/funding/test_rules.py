"""Who may do what: the named predicates, and refusals as correct German sentences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pik.funding import services
from pik.funding.models import Applicant, Application, Programme
from pik.orgs.models import User


def test_editing_someone_elses_application_says_nicht_aendern(
    draft: Application, actors: dict[str, User]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.position_add(
            application=draft,
            person_name="Eva Roth",
            qualification="university",
            share=Decimal("0.50"),
            start_date=dt.date(2020, 9, 1),
            months=12,
            actor=actors["gemeinde_b"],
        )
    assert refused.value.messages == ["Sie dürfen diesen Antrag nicht ändern."]
    with pytest.raises(ValidationError) as refused:
        services.position_remove(position=draft.positions.first(), actor=actors["gemeinde_b"])
    assert refused.value.messages == ["Sie dürfen diesen Antrag nicht ändern."]


def test_applying_for_someone_else_has_a_single_negation(
    im: Programme, applicant_a: Applicant, actors: dict[str, User]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.application_create(
            programme=im, applicant=applicant_a, year=2021, actor=actors["gemeinde_b"]
        )
    assert refused.value.messages == ["Sie dürfen für diesen Antragsteller keinen Antrag stellen."]


# --- The named predicates ----------------------------------------------------------------------


def test_parts_per_user_and_the_system(draft: Application, actors: dict[str, User], member) -> None:  # type: ignore[no-untyped-def]
    from pik.core.roles import Role
    from pik.funding import rules

    assert rules.application_roles(actors["gemeinde_a"], draft) == {rules.APPLICANT}
    assert rules.application_roles(actors["gemeinde_b"], draft) == set()
    assert rules.application_roles(actors["case_worker_a"], draft) == {rules.CASE_WORKER}
    assert rules.application_roles(actors["case_worker_b"], draft) == set()
    assert rules.application_roles(actors["head"], draft) == {rules.HEAD}
    assert rules.application_roles(member(Role.KREIS_COORDINATOR, "a"), draft) == set()
    assert rules.application_roles(None, draft) == {rules.SYSTEM}
    assert rules.is_applicant_of(actors["gemeinde_a"], draft)
    assert not rules.is_applicant_of(None, draft)
    assert rules.is_responsible_case_worker(actors["case_worker_a"], draft.applicant.kreis_id)
    assert not rules.is_responsible_case_worker(actors["case_worker_b"], draft.applicant.kreis_id)


def test_the_query_forms_agree_with_the_predicates(draft: Application, actors, member) -> None:  # type: ignore[no-untyped-def]
    from pik.core.roles import Role
    from pik.funding import rules

    applicants = Applicant.objects.all()
    people = [*actors.values(), member(Role.KREIS_COORDINATOR, "a"), member(Role.MINISTRY)]
    for person in people:
        by_query = set(applicants.filter(rules.applicant_q(person)))
        assert by_query == {a for a in applicants if rules.is_applicant_for(person, a)}, person
        responsible = set(applicants.filter(rules.responsible_case_worker_q(person)))
        assert responsible == {
            a for a in applicants if rules.is_responsible_case_worker(person, a.kreis_id)
        }, person


def test_nobody_but_the_system_issues_a_notice(draft: Application, actors) -> None:  # type: ignore[no-untyped-def]
    from pik.funding.workflow import APPLICATION
    from tests.funding.factories import step, to_proposed

    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])  # the notice task never runs in this test
    assert draft.status == Application.Status.APPROVED
    for person in actors.values():
        assert "notice" not in [t.action for t in APPLICATION.allowed(draft, person)]
    with pytest.raises(ValidationError, match="Ihre Rolle darf den Schritt „Bescheid erlassen“"):
        step(draft, "notice", actors["head"])
    assert [t.action for t in APPLICATION.allowed(draft, None)] == ["notice"]


@pytest.mark.parametrize(
    ("who", "kind", "ags", "allowed"),
    [
        ("gemeinde_a", "gemeinde", ["08115003"], True),
        ("gemeinde_a", "pooling", ["08115003", "08115001"], True),
        ("gemeinde_a", "pooling", ["08115001", "08115003"], False),  # not the lead
        ("gemeinde_b", "gemeinde", ["08115003"], False),
        ("gemeinde_a", "kreis", ["08115003"], False),
        ("coordinator_a", "kreis", ["08115003", "08115001"], True),
        ("coordinator_a", "kreis", ["08115003", "08116004"], False),  # one outside the Kreis
        ("coordinator_a", "gemeinde", ["08115003"], False),
        ("case_worker_b", "gemeinde", ["08115003"], True),  # the RPS creates any applicant
        ("system", "pooling", ["08115003", "08117001"], True),
        ("gemeinde_a", "gemeinde", [], False),
    ],
)
def test_who_may_create_which_applicant(actors, who, kind, ags, allowed) -> None:  # type: ignore[no-untyped-def]
    from pik.funding import rules
    from pik.orgs.models import Gemeinde

    members = [Gemeinde.objects.get(ags=a) for a in ags]
    actor = None if who == "system" else actors[who]
    assert rules.may_create_applicant(actor, members=members, kind=kind) is allowed
