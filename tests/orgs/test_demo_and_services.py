import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from pik.core import audit
from pik.core.roles import Role
from pik.orgs import services
from pik.orgs.models import Membership, Provider, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_every_login() -> None:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (User.objects.count(), Membership.objects.count(), Provider.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), Membership.objects.count(), Provider.objects.count()) == counts
    text = out.getvalue()
    for user in User.objects.all():
        assert user.email in text
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    # every Kreis has a responsible RPS case worker
    assert (
        Membership.objects.filter(role=Role.RPS_CASE_WORKER)
        .values("responsible_kreise")
        .distinct()
        .count()
        == 44
    )
    assert audit.verify().ok


def test_demo_totp_only_for_demo_accounts() -> None:
    out = io.StringIO()
    call_command("demo_totp", "ministerium@demo.pik-bw.example", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Nur für Demo-Konten"):
        call_command("demo_totp", "someone@rps.bwl.de")


def test_membership_rules_give_german_errors(world) -> None:
    user = services.user_create(email="x@test.example", actor=None)
    with pytest.raises(ValidationError, match="muss ein Kreis angegeben werden"):
        services.membership_create(user=user, role=Role.INTEGRATION_MANAGER, actor=None)
    with pytest.raises(ValidationError, match="Landesweite Rollen"):
        services.membership_create(user=user, role=Role.RPS_HEAD, kreis=world.kreis_a, actor=None)
    with pytest.raises(ValidationError, match="nicht im angegebenen Kreis"):
        services.membership_create(
            user=user,
            role=Role.GEMEINDE_ADMIN,
            kreis=world.kreis_a,
            gemeinde=world.gemeinde_b,
            actor=None,
        )
    with pytest.raises(ValidationError, match="nur für die RPS-Sachbearbeitung"):
        services.membership_create(
            user=user,
            role=Role.KREIS_COORDINATOR,
            kreis=world.kreis_a,
            responsible_kreise=[world.kreis_a],
            actor=None,
        )
    assert not user.memberships.exists()
    with pytest.raises(ValidationError, match="bereits ein Konto"):
        services.user_create(email="X@test.example", actor=None)


def test_integration_manager_employer_and_one_user_many_roles(world) -> None:
    user = services.user_create(email="im@test.example", actor=None)
    im = services.membership_create(
        user=user,
        role=Role.INTEGRATION_MANAGER,
        kreis=world.kreis_a,
        provider=world.provider_a,
        actor=None,
    )
    services.membership_create(
        user=user, role=Role.KREIS_COORDINATOR, kreis=world.kreis_a, actor=None
    )
    assert im.employer_label == "Träger: Caritas Böblingen"
    assert user.active_roles() == {Role.INTEGRATION_MANAGER, Role.KREIS_COORDINATOR}
    assert user.requires_mfa
    events = audit.events_for(im)
    assert [e.action for e in events] == ["membership.create"]
