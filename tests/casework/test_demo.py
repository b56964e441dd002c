"""The casework demo seed: believable, scoped to the demo managers, idempotent."""

import io

from django.core.management import call_command

from pik.casework import selectors
from pik.casework.models import Client, Contact, Handover
from pik.network.models import Referral
from pik.orgs.models import User


def test_seed_is_idempotent_and_gives_managers_a_caseload(db) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Client.objects.count(), Contact.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Client.objects.count(), Contact.objects.count()) == counts
    assert counts[0] == 40 and counts[1] > 60
    im1 = User.objects.get(email="im1.boeblingen@demo.pik-bw.example")
    mine = selectors.client_list(user=im1)
    assert mine.count() == 7
    assert {c.kreis.ags for c in mine} == {"08115"}
    assert Handover.objects.filter(to_user=im1, status="pending").exists()
    countries = set(Client.objects.values_list("country_of_origin", flat=True))
    assert {"Syrien", "Afghanistan", "Irak", "Ukraine", "Türkei", "Eritrea", "Nigeria"} <= countries
    assert Referral.objects.filter(client__kreis__ags="08115").exists()
    assert Contact.objects.filter(kind="messenger").exists()
    assert Client.objects.exclude(name_original="").exists()
    stuttgart = User.objects.get(email="koordination.stuttgart@demo.pik-bw.example")
    assert {c.kreis.ags for c in selectors.client_list(user=stuttgart)} == {"08111"}
