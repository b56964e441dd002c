import pytest
from django.core.paginator import Paginator

from pik.core.pagination import KeysFirstPaginator
from pik.orgs.models import Gemeinde


@pytest.mark.django_db
@pytest.mark.parametrize("orphans", [0, 10])
def test_pages_hold_the_same_rows_in_the_same_order(orphans) -> None:
    gemeinden = Gemeinde.objects.select_related("kreis").order_by("-population", "-pk")
    plain = Paginator(gemeinden, 50, orphans=orphans)
    keys_first = KeysFirstPaginator(gemeinden, 50, orphans=orphans)
    assert keys_first.num_pages == plain.num_pages
    for number in (1, 7, plain.num_pages):
        assert list(keys_first.page(number)) == list(plain.page(number))


@pytest.mark.django_db
def test_a_page_is_one_query(django_assert_num_queries) -> None:
    page = KeysFirstPaginator(Gemeinde.objects.select_related("kreis").order_by("ags"), 50)
    assert page.count > 1000
    with django_assert_num_queries(1):
        rows = list(page.page(20))
    assert [g.kreis.ags for g in rows] == [g.ags[:5] for g in rows]


def test_lists_are_paged_as_usual() -> None:
    assert list(KeysFirstPaginator(list(range(120)), 50).page(3)) == list(range(100, 120))
