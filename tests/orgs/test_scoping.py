"""Scoping across two Kreise for every role: nobody gets another Kreis's object."""

import pytest
from django.http import Http404

from pik.core.roles import STATEWIDE_ROLES, Role
from pik.core.scoping import get_visible_or_404, visible
from pik.orgs.models import Kreis, Membership
from tests.conftest import ALL_ROLES
from tests.scopetest.models import CaseRecord, FundingRecord

KREIS_BOUND = [r for r in ALL_ROLES if r not in STATEWIDE_ROLES]


def funding_records(world):
    """One record per Kreis for the Kreis itself, its Gemeinde and its Träger."""
    made = {}
    for side in ("a", "b"):
        w = world.side(side)
        made[side] = [
            FundingRecord.objects.create(kreis=w["kreis"]),
            FundingRecord.objects.create(kreis=w["kreis"], gemeinde=w["gemeinde"]),
            FundingRecord.objects.create(kreis=w["kreis"], provider=w["provider"]),
        ]
    return made


EXPECTED_FUNDING_IN_A = {
    # role: indexes of side-a records visible (0 Kreis, 1 Gemeinde, 2 Träger) and whether B is seen
    Role.MINISTRY: ([], False),
    Role.RPS_HEAD: ([0, 1, 2], True),
    Role.AUDITOR: ([0, 1, 2], True),
    Role.RPS_CASE_WORKER: ([0, 1, 2], False),
    Role.KREIS_COORDINATOR: ([0, 1, 2], False),
    Role.GEMEINDE_ADMIN: ([1], False),
    Role.PROVIDER_ADMIN: ([2], False),
    Role.INTEGRATION_MANAGER: ([], False),
    Role.PORTAL_EDITOR: ([], False),
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_funding_scope_per_role(role: Role, world, member) -> None:
    records = funding_records(world)
    user = member(role, "a")
    seen = set(visible(FundingRecord.objects.all(), user).values_list("pk", flat=True))
    indexes, sees_b = EXPECTED_FUNDING_IN_A[role]
    assert {r.pk for i, r in enumerate(records["a"]) if i in indexes} <= seen
    for i, r in enumerate(records["a"]):
        assert (r.pk in seen) == (i in indexes)
    for r in records["b"]:
        assert (r.pk in seen) == sees_b
        if not sees_b:  # pk guessing: the foreign object is a 404, not a 403
            with pytest.raises(Http404):
                get_visible_or_404(FundingRecord.objects.all(), user, pk=r.pk)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_casework_scope_per_role(role: Role, world, member) -> None:
    user = member(role, "a")
    colleague = member(Role.INTEGRATION_MANAGER, "a")
    own = CaseRecord.objects.create(kreis=world.kreis_a, owner=user)
    colleagues = CaseRecord.objects.create(kreis=world.kreis_a, owner=colleague)
    shared = CaseRecord.objects.create(kreis=world.kreis_a, owner=colleague)
    shared.shared_with.add(user)
    foreign_owner = member(Role.INTEGRATION_MANAGER, "b")
    foreign = CaseRecord.objects.create(kreis=world.kreis_b, owner=foreign_owner)
    foreign_but_mine = CaseRecord.objects.create(kreis=world.kreis_b, owner=user)

    seen = set(visible(CaseRecord.objects.all(), user).values_list("pk", flat=True))
    if role == Role.INTEGRATION_MANAGER:
        assert seen == {own.pk, shared.pk}
    elif role == Role.KREIS_COORDINATOR:
        assert seen == {own.pk, colleagues.pk, shared.pk}
    else:
        assert seen == set()
    for record in (foreign, foreign_but_mine):
        with pytest.raises(Http404):
            get_visible_or_404(CaseRecord.objects.all(), user, pk=record.pk)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_org_scope_per_role(role: Role, world, member) -> None:
    user = member(role, "a")
    member(Role.INTEGRATION_MANAGER, "a")
    member(Role.INTEGRATION_MANAGER, "b")
    kreise = set(visible(Kreis.objects.all(), user).values_list("ags", flat=True))
    staff_kreise = set(
        visible(Membership.objects.exclude(kreis=None), user).values_list("kreis__ags", flat=True)
    )
    if role == Role.PORTAL_EDITOR:  # edits the public portal: no organisation data
        assert kreise == set() and staff_kreise == set()
    elif role in STATEWIDE_ROLES:
        assert len(kreise) == 44 and {"08115", "08116"} <= staff_kreise
    else:
        assert kreise == {"08115"} and staff_kreise == {"08115"}


def test_anonymous_and_inactive_users_see_nothing(world, member) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not visible(Kreis.objects.all(), AnonymousUser()).exists()
    user = member(Role.RPS_HEAD)
    user.is_active = False
    assert not visible(Kreis.objects.all(), user).exists()


def test_inactive_membership_grants_nothing(world, member) -> None:
    user = member(Role.KREIS_COORDINATOR)
    user.memberships.update(is_active=False)
    assert not visible(Kreis.objects.all(), user).exists()


def test_model_without_scope_is_a_programming_error(world, member) -> None:
    from pik.core.models import AuditEvent

    with pytest.raises(TypeError, match="declares no scope"):
        visible(AuditEvent.objects.all(), member(Role.RPS_HEAD))


@pytest.mark.parametrize("role", KREIS_BOUND)
def test_kreis_page_of_another_kreis_is_404(role: Role, client, member) -> None:
    client.force_login(member(role, "a"))
    assert client.get("/kreise/08115/").status_code == 200
    assert client.get("/kreise/08116/").status_code == 404
    assert client.get("/kreise/99999/").status_code == 404
