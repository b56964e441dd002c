"""The Kreis statistics: only people with consent to statistics are counted, a withdrawal drops
them at once, and small counts are suppressed through the kernel's one function."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Consent
from pik.core.roles import Role
from pik.stats import selectors as stats_selectors
from tests.casework.factories import give_consent, make_client, staff

TODAY = timezone.localdate


def _counted(im, kreis, country: str, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        record = make_client(im, kreis, last_name=f"{country}{i}", country_of_origin=country)
        give_consent(record, Consent.Purpose.STATISTICS, im)


def _rows(page: str) -> dict[str, str]:
    return dict(re.findall(r'<tr><td>([^<]+)</td><td class="num">([^<]+)</td></tr>', page))


def test_one_person_of_a_country_shows_less_than_five_and_its_complement_is_hidden(  # type: ignore[no-untyped-def]
    client, im, world
) -> None:
    _counted(im, world.kreis_a, "Eritrea", 1)
    _counted(im, world.kreis_a, "Syrien", 6)
    _counted(im, world.kreis_a, "Ukraine", 9)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    client.force_login(coordinator)
    page = client.get(reverse("casework:statistics")).content.decode()
    rows = _rows(page)
    assert rows["Eritrea"] == "&lt; 5"  # not 1
    # With the total of 16 shown, Eritrea would be 16 - 6 - 9: Syrien is hidden as well.
    assert rows["Syrien"] == "x"
    assert rows["Ukraine"] == "9"
    assert "16 von 16 Akten" in page


def test_contacts_per_channel_hide_a_single_contact(client, im, world) -> None:  # type: ignore[no-untyped-def]
    record = make_client(im, world.kreis_a, country_of_origin="Syrien")
    give_consent(record, Consent.Purpose.STATISTICS, im)
    for kind, n in (("phone", 6), ("video", 1)):
        for _ in range(n):
            services.contact_record(
                client=record,
                occurred_on=timezone.localdate(),
                kind=kind,
                duration_minutes=15,
                actor=im,
            )
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    rows = _rows(client.get(reverse("casework:statistics")).content.decode())
    assert rows["telefonisch"] == "6" and rows["Video"] == "&lt; 5"


def test_statistics_count_only_people_with_consent_and_drop_a_withdrawal_at_once(  # type: ignore[no-untyped-def]
    client, im, world
) -> None:
    syrian = make_client(im, world.kreis_a, country_of_origin="Syrien")
    make_client(im, world.kreis_a, last_name="Ohne", country_of_origin="Nigeria")
    services.contact_record(
        client=syrian, occurred_on=TODAY(), kind="messenger", duration_minutes=10, actor=im
    )
    consent = services.consent_record(
        client=syrian, purpose=Consent.Purpose.STATISTICS, given_on=TODAY(), actor=im
    )
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    stats = stats_selectors.kreis_statistics(user=coordinator)
    assert stats.total == 2 and stats.counted is not None and stats.counted.value == 1
    assert [(country, n.value) for country, n in stats.by_country] == [("Syrien", 1)]
    assert [(label, n.value) for label, n in stats.by_channel] == [("Messenger", 1)]
    client.force_login(coordinator)
    page = client.get(reverse("casework:statistics")).content.decode()
    assert "&lt; 5 von 2 Akten" in page and "Nigeria" not in page  # small counts suppressed
    services.consent_withdraw(consent=consent, withdrawn_on=TODAY(), actor=im)
    stats = stats_selectors.kreis_statistics(user=coordinator)
    assert stats.counted is not None and stats.counted.value == 0 and stats.by_channel == []


def test_one_record_is_counted_in_the_singular(client, im, world) -> None:  # type: ignore[no-untyped-def]
    _counted(im, world.kreis_a, "Eritrea", 1)
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:statistics")).content.decode()
    assert "von 1 Akte." in page and "von 1 Akten" not in page  # the count itself is "< 5"
    client.cookies["django_language"] = "en"
    page = client.get(reverse("casework:statistics")).content.decode()
    assert "of 1 case file." in page
