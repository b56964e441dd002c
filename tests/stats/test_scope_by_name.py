"""The key figures' scope is chosen by name with suggestions (a Kreis among 44 is typed, not
scrolled to): loosely typed names find the one scope that fits, several that fit are named, and
a scope the user may not see is refused as before."""

from __future__ import annotations

from django.urls import reverse

from pik.core.roles import Role
from tests.casework.factories import staff

URL = reverse("casework:key_figures")
BOARD = reverse("casework:key_figure_dashboard")
PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}


def test_statewide_user_types_a_kreis_loosely(client, member) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member(Role.RPS_HEAD))
    for typed in ("Landkreis Böblingen", "boeblingen", "kreis:08115"):
        page = client.get(URL, {"scope": typed, **PERIOD}).content.decode()
        assert 'class="kern-error"' not in page, typed
        assert '<h2 class="kern-heading-medium">Landkreis Böblingen, ' in page, typed
    page = client.get(URL, PERIOD | {"scope": "kreis:08115"}).content.decode()
    assert 'value="Landkreis Böblingen"' in page  # the field shows the name, not the key
    assert '<option value="Landkreis Esslingen">' in page  # the suggestions


def test_several_fitting_scopes_are_named(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(URL, {"scope": "Böblingen", **PERIOD}).content.decode()
    assert "Mehrere passen" in page and "„Landkreis Böblingen“" in page
    assert "Beratene Personen</dt>" not in page


def test_a_foreign_scope_is_refused_by_name_too(client, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    for typed in ("Landkreis Esslingen", "kreis:08116"):
        page = client.get(URL, {"scope": typed, **PERIOD}).content.decode()
        assert "Bitte wählen Sie einen Bereich aus der Liste." in page, typed
        assert "Landkreis Esslingen, " not in page


def test_the_dashboard_takes_a_name(client, member) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member(Role.RPS_HEAD))
    page = client.get(BOARD, {"scope": "boeblingen"}).content.decode()
    assert '<h2 class="kern-heading-medium">Landkreis Böblingen</h2>' in page
    default = client.get(BOARD).content.decode()
    assert 'value="Baden-Württemberg"' in default
