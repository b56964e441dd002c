"""The letters: the notice's context (amounts per year exact to the cent) and German money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from pik.funding import documents, services
from pik.funding.models import Notice
from pik.orgs.models import Kreis
from tests.funding.factories import step, to_proposed


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.8"), "1.234.567,80"),
        (Decimal("0"), "0,00"),
        (Decimal("999.995"), "1.000,00"),
        (Decimal("-51000"), "-51.000,00"),
    ],
)
def test_money_is_written_the_german_way(value: Decimal, text: str) -> None:
    assert documents.money_de(value) == text


def test_the_approval_notice_splits_the_granted_amount_exactly(draft, actors) -> None:  # type: ignore[no-untyped-def]
    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])  # the render task does not run: the context is ours
    context = documents.notice_context(notice_id=Notice.objects.get(application=draft).pk)
    assert context["approval"] and context["staff"]
    assert context["amount_text"] == "179.000,00"
    years = [year for year, _ in context["per_year"]]
    assert years == [2020, 2021, 2022]
    total = sum(Decimal(text.replace(".", "").replace(",", ".")) for _, text in context["per_year"])
    assert total == draft.approved_amount == Decimal("179000.00")
    assert [p.amount_text for p in context["positions"]] == ["128.000,00", "51.000,00"]
    assert context["period_start"].isoformat() == "2020-03-01"
    assert context["period_end"] is not None and context["proof_due"] > context["period_end"]


def test_the_notice_names_the_recipient_officially(draft, actors) -> None:  # type: ignore[no-untyped-def]
    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])
    context = documents.notice_context(notice_id=Notice.objects.get(application=draft).pk)
    assert context["recipient"] == ["Stadt Böblingen"]
    html = render_to_string("funding/pdf/notice.html", context)
    assert "Stadt Böblingen" in html and "Böblingen, Stadt" not in html


@pytest.mark.django_db
def test_a_kreis_applicant_is_the_landratsamt_or_the_city(im) -> None:  # type: ignore[no-untyped-def]
    landkreis, stadtkreis = Kreis.objects.get(ags="08115"), Kreis.objects.get(ags="08111")
    created = [
        services.applicant_create(
            programme=im,
            kind="kreis",
            kreis=kreis,
            members=list(kreis.gemeinden.all()[:2]),
            actor=None,
        )
        for kreis in (landkreis, stadtkreis)
    ]
    assert [a.name for a in created] == ["Landratsamt Böblingen", "Landeshauptstadt Stuttgart"]
    assert [documents.recipient_lines(a) for a in created] == [
        ["Landratsamt Böblingen"],
        ["Landeshauptstadt Stuttgart"],
    ]
