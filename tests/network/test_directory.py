"""The Kreis's directory of network partners: coordinator keeps it, managers suggest, bad input
is refused in German with nothing saved, an import reports each bad row and saves nothing."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from openpyxl import load_workbook

from pik.core.roles import Role
from pik.network import selectors, services
from pik.network.models import Actor
from tests.casework.factories import make_client, staff
from tests.network.factories import actor_in, partner_data


def test_the_coordinator_enters_a_manager_suggests_and_the_coordinator_takes_it_in(world) -> None:  # type: ignore[no-untyped-def]
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    entered = services.actor_save(
        kreis=world.kreis_a, data=partner_data(world.kreis_a), actor=coordinator
    )
    assert entered.status == Actor.Status.ACTIVE
    suggestion = services.actor_save(
        kreis=world.kreis_a,
        data=partner_data(
            world.kreis_a,
            name="Sprachschule Aidlingen",
            kind="Sprachkursträger",
            topics=["Sprache"],
            languages="Deutsch, Dari",
        ),
        actor=manager,
    )
    assert suggestion.status == Actor.Status.SUGGESTED and suggestion.kind == "language_course"
    assert suggestion.topics == ["language"]  # labels are understood too
    assert [a.name for a in selectors.actor_list(user=manager, kreis=world.kreis_a)] == [
        entered.name
    ]
    with pytest.raises(ValidationError, match="Koordination"):
        services.actor_accept(partner=suggestion, actor=manager)
    services.actor_accept(partner=suggestion, actor=coordinator)
    found = selectors.actor_list(
        user=manager, kreis=world.kreis_a, topic="language", language="dari"
    )
    assert [a.name for a in found] == ["Sprachschule Aidlingen"]
    with pytest.raises(ValidationError, match="Koordination"):
        services.actor_save(
            kreis=world.kreis_a, data=partner_data(world.kreis_a), actor=manager, partner=entered
        )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"gemeinde": ""}, "gemeinde", "Bitte geben Sie die Gemeinde"),
        ({"gemeinde": "08116019"}, "gemeinde", "liegt nicht im"),  # a Gemeinde of Kreis B
        ({"email": "kein-at-zeichen"}, "email", "gültige E-Mail-Adresse"),
        ({"website": "javascript:alert(1)"}, "website", "https://"),
        ({"topics": ["Zauberei"]}, "topics", "„Zauberei“ gibt es nicht"),
        ({"kind": ""}, "kind", "Bitte wählen Sie die Art"),
        ({"name": "  "}, "name", "Der Name"),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_saved(world, overrides, field, message) -> None:  # type: ignore[no-untyped-def]
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    with pytest.raises(ValidationError) as refused:
        services.actor_save(
            kreis=world.kreis_a, data=partner_data(world.kreis_a, **overrides), actor=coordinator
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert not Actor.objects.exists()


def test_the_same_partner_twice_in_one_gemeinde_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    actor_in(world.kreis_a)
    with pytest.raises(ValidationError, match="steht schon im Verzeichnis"):
        actor_in(world.kreis_a, name="jobcenter landkreis")


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_an_import_with_bad_rows_reports_each_and_saves_nothing(world) -> None:  # type: ignore[no-untyped-def]
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    gemeinde = partner_data(world.kreis_a)["gemeinde"]
    header = "name;kind;gemeinde;email;topics"
    bad = _csv(
        header,
        f"Tafel;Ehrenamtliche Initiative;{gemeinde};;Finanzen/Leistungen",
        "Kita Sonne;Kita und Kindertagespflege;;;",
        f"Sportverein;sports;{gemeinde};x@;",
    )
    with pytest.raises(ValidationError) as refused:
        services.actors_import(
            kreis=world.kreis_a, source=bad, name="partner.csv", actor=coordinator
        )
    report = refused.value.message_dict["file"]
    assert report[0].startswith("Nichts übernommen")
    assert any(line.startswith("Zeile 3, gemeinde") for line in report)
    assert any(line.startswith("Zeile 4, email") for line in report)
    assert not Actor.objects.exists()
    good = _csv(header, f"Tafel;Ehrenamtliche Initiative;{gemeinde};;Finanzen/Leistungen")
    assert (
        services.actors_import(kreis=world.kreis_a, source=good, name="p.csv", actor=coordinator)
        == 1
    )
    assert Actor.objects.get().topics == ["finances"]


def test_the_export_reads_back_as_an_import(client, world) -> None:  # type: ignore[no-untyped-def]
    actor_in(world.kreis_a)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    data = client.get(reverse("casework:actors_export")).content
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:3] == ["name", "kind", "gemeinde"]
    Actor.objects.all().delete()
    assert (
        services.actors_import(kreis=world.kreis_a, source=data, name="x.xlsx", actor=coordinator)
        == 1
    )
    assert Actor.objects.get().topics == ["finances", "work"]


def test_another_kreis_partner_is_a_404_and_gaps_are_shown(client, world) -> None:  # type: ignore[no-untyped-def]
    foreign = actor_in(world.kreis_b)
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    with pytest.raises(Http404):
        selectors.actor_get(user=manager, pk=foreign.pk)
    actor_in(world.kreis_a)
    make_client(manager, world.kreis_a, gemeinde=world.gemeinde_a)
    gaps = dict(
        selectors.directory_gaps(
            user=staff(Role.KREIS_COORDINATOR, world.kreis_a), kreis=world.kreis_a
        )
    )
    assert "Arbeit" not in gaps["Kreis"] and "Sprache" in gaps["Kreis"]
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:directory")).content.decode()
    assert "Wo das Netzwerk fehlt" in page and "Jobcenter Landkreis" in page


def test_gaps_outcomes_and_suggestions_are_the_coordinators_only(world) -> None:  # type: ignore[no-untyped-def]
    actor_in(world.kreis_a)
    manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    services.actor_save(
        kreis=world.kreis_a, data=partner_data(world.kreis_a, name="Tafel"), actor=manager
    )
    assert selectors.directory_gaps(user=manager, kreis=world.kreis_a) == []
    assert selectors.partner_outcomes(user=manager, kreis=world.kreis_a) == []
    assert not selectors.actor_list(user=manager, kreis=world.kreis_a, suggested=True).exists()
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    found = selectors.actor_list(user=coordinator, kreis=world.kreis_a, suggested=True)
    assert [a.name for a in found] == ["Tafel"]
