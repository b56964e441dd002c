"""Counts say their noun in the right number ("1 Gemeinde", "3 Gemeinden", "1 Kontingent"), in
German and in English, and lists name Gemeinden as people read them ("Stadt Böblingen")."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.funding import factories

URL = reverse("funding:contingent_overview", kwargs={"code": "im"})


def test_one_gemeinde_below_the_minimum(client, im, actors, world) -> None:  # type: ignore[no-untyped-def]
    factories.contingents(im, {"08115003": 300, "08115001": 30})
    client.force_login(actors["head"])
    page = client.get(URL, {"jahr": 2020}).content.decode()
    assert "1 Gemeinde unter dem Mindestkontingent" in page
    assert "1 Gemeinden" not in page
    assert "<td>Stadt Böblingen</td>" in page and "Böblingen, Stadt" not in page


def test_several_gemeinden_below_the_minimum(client, im, actors, contingents) -> None:  # type: ignore[no-untyped-def]
    client.force_login(actors["head"])
    page = client.get(URL, {"jahr": 2020}).content.decode()
    assert "3 Gemeinden unter dem Mindestkontingent" in page


def test_english_counts(client, im, actors, world) -> None:  # type: ignore[no-untyped-def]
    factories.contingents(im, {"08115003": 300, "08115001": 30})
    client.force_login(actors["head"])
    client.cookies["django_language"] = "en"
    html = client.get(URL, {"jahr": 2020}).content.decode()
    assert "1 municipality below the minimum contingent" in html
    assert "1 municipalities" not in html


def test_the_import_message_counts_in_the_singular(client, im, actors, world) -> None:  # type: ignore[no-untyped-def]
    client.force_login(actors["head"])
    upload = SimpleUploadedFile("p.csv", factories.persons_csv({"08115003": 300}))
    response = client.post(URL, {"year": 2021, "file": upload}, follow=True)
    page = response.content.decode()
    assert "1 Kontingent wurde berechnet und gespeichert." in page


def test_contingents_sorted_by_persons(client, im, actors, contingents) -> None:  # type: ignore[no-untyped-def]
    client.force_login(actors["head"])
    page = client.get(URL, {"jahr": 2020, "sortierung": "-personen"}).content.decode()
    assert 'aria-sort="descending"' in page
    order = [page.index(f"<td>{ags}</td>") for ags in ("08116019", "08115003", "08117001")]
    assert order == sorted(order)  # 400, 300, 70 persons
    assert "jahr=2020" in page.split("sortierung=personen")[0].rsplit('href="', 1)[-1]
