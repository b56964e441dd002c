"""A Gemeinde chosen by name: the tolerant matcher (pik.orgs.names), the scoped suggestions
(funding:gemeinde_names) and the workbench's filter by Gemeinde (alone, leading or pooled)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pik.core.roles import Role
from pik.funding.models import Application
from pik.orgs import names
from pik.orgs.models import Gemeinde
from tests.funding import factories
from tests.funding.factories import step

SUGGEST = reverse("funding:gemeinde_names")
LIST = reverse("funding:application_list")


@pytest.mark.parametrize(
    "typed", ["boeblingen", "Boblingen", "BÖBLINGEN", "Stadt Böblingen", "Böblingen, Stadt"]
)
def test_tolerant_names_find_the_official_one(typed: str) -> None:
    assert names.match_rank(names.query_keys(typed), "Böblingen, Stadt") == 0


def test_partial_and_foreign_names() -> None:
    assert names.match_rank(names.query_keys("Kressbronn"), "Kreßbronn a. Bodensee") == 1
    assert names.match_rank(names.query_keys("blingen"), "Böblingen, Stadt") == 2
    assert names.match_rank(names.query_keys("Esslingen"), "Böblingen, Stadt") is None
    assert names.query_keys("Altdorf (Böblingen)") == ("altdorf", "altdorf")


def test_suggestions_are_only_of_visible_kreise(client, actors) -> None:
    client.force_login(actors["gemeinde_a"])  # Gemeinde Böblingen, Kreis A
    own = client.get(SUGGEST, {"q": "boeblingen"}).json()["places"]
    assert own[0] == "Stadt Böblingen"
    assert client.get(SUGGEST, {"q": "Esslingen"}).json()["places"] == []  # Kreis B
    assert client.get(SUGGEST, {"q": "b"}).json()["places"] == []  # too short to ask


def test_suggestions_for_the_rps_and_none_for_casework(client, actors, member) -> None:
    client.force_login(actors["head"])
    assert "Stadt Esslingen am Neckar" in client.get(SUGGEST, {"q": "esslingen"}).json()["places"]
    client.force_login(member(Role.INTEGRATION_MANAGER, "a"))
    assert client.get(SUGGEST, {"q": "boeblingen"}).status_code == 404


@pytest.fixture
def two_drafts(im, contingents, actors):  # type: ignore[no-untyped-def]
    """Böblingen alone (submitted), and a pooling led by Aidlingen (Kreis A) with Adelberg
    (Kreis Göppingen), submitted."""
    alone = factories.draft(
        im, factories.applicant(im, [contingents["08115003"]]), actors["gemeinde_a"]
    )
    step(alone, "submit", actors["gemeinde_a"])
    members = [contingents["08115001"], contingents["08117001"]]
    pooling = factories.applicant(im, members, kind="pooling", lead=members[0])
    pooled = Application.objects.create(  # its way through the workflow is not the point here
        programme=im,
        applicant=pooling,
        year=2020,
        rule_version=alone.rule_version,
        status=Application.Status.SUBMITTED,
    )
    return alone, pooled


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("Stadt Böblingen", {"alone"}),
        ("boeblingen", {"alone"}),
        ("08115003", {"alone"}),
        ("Aidlingen", {"pooled"}),  # the leading Gemeinde
        ("Adelberg", {"pooled"}),  # a member of the pooling, in another Kreis
        ("Esslingen am Neckar", set()),
        ("Nirgendwo", set()),
    ],
)
def test_workbench_filters_by_gemeinde(client, actors, two_drafts, typed, finds) -> None:  # type: ignore[no-untyped-def]
    alone, pooled = two_drafts
    client.force_login(actors["head"])
    page = client.get(LIST, {"gemeinde": typed}).content.decode()
    shown = {
        label
        for label, app in (("alone", alone), ("pooled", pooled))
        if reverse("funding:application_detail", args=[app.pk]) + '"' in page
    }
    assert shown == finds
    assert f'data-suggest-url="{SUGGEST}"' in page


def test_filter_is_scoped_to_what_the_user_sees(actors, two_drafts) -> None:  # type: ignore[no-untyped-def]
    from pik.funding import selectors

    filters = selectors.ApplicationFilter(gemeinde="Stadt Böblingen")
    assert selectors.application_list(user=actors["head"], filters=filters).count() == 1
    assert not selectors.application_list(user=actors["gemeinde_b"], filters=filters).exists()
    assert Gemeinde.objects.filter(name="Böblingen, Stadt").exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Stadt Böblingen; Aidlingen", ["08115003", "08115001"]),
        ("boeblingen, aidlingen", ["08115003", "08115001"]),
        ("Böblingen, Stadt; 08115001", ["08115003", "08115001"]),
        ("08115003, 08115001", ["08115003", "08115001"]),
        ("Aidlingen; Adelberg", ["08115001", "08117001"]),
    ],
)
def test_pooled_gemeinden_by_name_or_key(typed: str, expected: list[str], world) -> None:  # type: ignore[no-untyped-def]
    from pik.orgs.selectors import gemeinden_by_names

    assert [g.ags for g in gemeinden_by_names(text=typed)] == expected


def test_unknown_and_ambiguous_names_are_named(world) -> None:  # type: ignore[no-untyped-def]
    from pik.orgs.selectors import gemeinden_by_names

    with pytest.raises(ValueError, match="Unbekannte Gemeinden: „Nirgendwo“"):
        gemeinden_by_names(text="Stadt Böblingen; Nirgendwo")
    twice = Gemeinde.objects.filter(name="Altdorf").count()
    assert twice >= 2  # Altdorf is in Kreis Böblingen and in Kreis Esslingen
    with pytest.raises(ValueError, match="bitte mit Kreis angeben"):
        gemeinden_by_names(text="Altdorf")
    assert [g.ags for g in gemeinden_by_names(text="Altdorf (Böblingen)")] == ["08115002"]


def test_the_applicant_form_takes_names(client, im, actors, contingents) -> None:  # type: ignore[no-untyped-def]
    from pik.funding.models import Applicant

    client.force_login(actors["head"])
    url = reverse("funding:applicant_new", kwargs={"code": "im"})
    data = {"kind": "pooling", "members": "Aidlingen; Adelberg", "name": ""}
    client.post(url, data)
    pooling = Applicant.objects.get(kind="pooling")
    assert pooling.gemeinde.ags == "08115001"
    assert sorted(pooling.members.values_list("ags", flat=True)) == ["08115001", "08117001"]


def test_workbench_pager_and_search_keep_filter_and_order(
    client, actors, two_drafts, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import re

    from pik.core.pagination import KeysFirstPaginator

    monkeypatch.setattr(
        "pik.funding.views.applications.KeysFirstPaginator",
        lambda items, _n: KeysFirstPaginator(items, 1),
    )
    client.force_login(actors["head"])
    html = client.get(LIST, {"kreis": "Böblingen", "sortierung": "-antragsteller"}).content.decode()
    assert '<input type="hidden" name="sortierung" value="-antragsteller">' in html
    nxt = re.search(r'href="(\?[^"]*seite=2[^"]*)"', html)
    assert nxt is not None
    link = nxt.group(1).replace("&amp;", "&")
    assert "sortierung=-antragsteller" in link and "kreis=B" in link and link.count("seite=") == 1
