"""The client list sorts by every column (pik.core.sorting), keeps search, filter and order in
its sort and paging links, and keeps its default order (name)."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from pik.casework import selectors
from pik.core.roles import Role
from pik.core.sorting import Sorting
from tests.casework.factories import make_client, staff

URL = reverse("casework:client_list")


@pytest.fixture
def three(im, world):  # type: ignore[no-untyped-def]
    """Three records whose name order differs from their birth-year order."""
    return [
        make_client(im, world.kreis_a, first_name=first, last_name=last, birth_year=year)
        for first, last, year in [
            ("Anna", "Zeller", 1980),
            ("Bernd", "Abel", 1990),
            ("Clara", "Meier", 1970),
        ]
    ]


def _names(page: str) -> list[str]:
    return re.findall(r'/klienten/\d+/">([^<]+)</a>', page)


def test_default_order_is_by_name(client, im, three) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    page = client.get(URL).content.decode()
    assert _names(page) == ["Abel, Bernd", "Meier, Clara", "Zeller, Anna"]
    assert 'aria-sort="ascending"' in page  # the name column says how the list is sorted


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("geburtsjahr", ["Meier, Clara", "Zeller, Anna", "Abel, Bernd"]),
        ("-geburtsjahr", ["Abel, Bernd", "Zeller, Anna", "Meier, Clara"]),
        ("-name", ["Zeller, Anna", "Meier, Clara", "Abel, Bernd"]),
    ],
)
def test_sorted_by_a_column(client, im, three, sort, expected) -> None:  # type: ignore[no-untyped-def]
    client.force_login(im)
    page = client.get(URL, {"sortierung": sort}).content.decode()
    assert _names(page) == expected
    direction = "descending" if sort.startswith("-") else "ascending"
    assert f'aria-sort="{direction}"' in page
    assert page.count("aria-sort=") == 1


def test_every_column_sorts_and_unknown_keys_fall_back(im, three) -> None:  # type: ignore[no-untyped-def]
    for key in selectors.CLIENT_SORT_COLUMNS:
        for raw in (key, f"-{key}"):
            sorting = Sorting.from_request(
                QueryDict(f"sortierung={raw}"),
                selectors.CLIENT_SORT_COLUMNS,
                selectors.CLIENT_SORT_DEFAULT,
            )
            found = selectors.client_list(user=im, order=sorting.order_by())
            assert {c.pk for c in found} == {c.pk for c in three}
    sorting = Sorting.from_request(
        QueryDict("sortierung=first_name_key"),
        selectors.CLIENT_SORT_COLUMNS,
        selectors.CLIENT_SORT_DEFAULT,
    )
    assert sorting.key == "name" and not sorting.descending


def test_links_keep_search_filter_and_order(client, im, three, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("pik.casework.views.clients.PAGE_SIZE", 2)
    client.force_login(im)
    page = client.get(URL, {"status": "active", "q": "", "sortierung": "-geburtsjahr"})
    html = page.content.decode()
    assert _names(html) == ["Abel, Bernd", "Zeller, Anna"]
    # the pager keeps the filter and the order
    nxt = re.search(r'href="(\?[^"]*seite=2[^"]*)"', html)
    assert nxt is not None
    link = nxt.group(1).replace("&amp;", "&")
    assert "sortierung=-geburtsjahr" in link and "status=active" in link
    assert _names(client.get(URL + link).content.decode()) == ["Meier, Clara"]
    # a sort link keeps the filter and starts on the first page
    sort_link = re.search(r'href="(\?[^"]*sortierung=name[^"]*)"', html)
    assert sort_link is not None
    assert "status=active" in sort_link.group(1) and "seite" not in sort_link.group(1)
    # a new search keeps the order
    assert '<input type="hidden" name="sortierung" value="-geburtsjahr">' in html


def test_coordinator_sorts_by_responsible(client, world, three) -> None:  # type: ignore[no-untyped-def]
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    make_client(other, world.kreis_a, first_name="Dora", last_name="Berg", birth_year=1985)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    ascending = _names(client.get(URL, {"sortierung": "zustaendig"}).content.decode())
    descending = _names(client.get(URL, {"sortierung": "-zustaendig"}).content.decode())
    assert len(ascending) == 4
    assert ascending[0] != descending[0]
    assert "Berg, Dora" in (ascending[0], ascending[-1])
