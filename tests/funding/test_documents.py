"""The letters: the notice's context (amounts per year exact to the cent) and German money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from pik.core.roles import Role
from pik.funding import documents, selectors, services
from pik.funding.models import Notice, Programme
from pik.orgs.models import Gemeinde, Kreis, User
from tests.funding import factories
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


#: One Gemeinde in a Kreis of each Regierungsbezirk → the court of its district.
SEATS = [
    ("08115003", "Verwaltungsgericht Stuttgart", "Augustenstraße 5, 70178 Stuttgart"),
    ("08222000", "Verwaltungsgericht Karlsruhe", "Nördliche Hildapromenade 1, 76133 Karlsruhe"),
    (
        "08311000",
        "Verwaltungsgericht Freiburg",
        "Habsburgerstraße 103, 79104 Freiburg im Breisgau",
    ),
    ("08435057", "Verwaltungsgericht Sigmaringen", "Karlstraße 13, 72488 Sigmaringen"),
]


def _approved_notice(im: Programme, gemeinde: Gemeinde, head: User) -> Notice:
    admin = factories.user(
        f"admin-{gemeinde.ags}@test.example", Role.GEMEINDE_ADMIN, gemeinde=gemeinde
    )
    worker = factories.user(
        f"cw-{gemeinde.ags}@test.example", Role.RPS_CASE_WORKER, responsible_kreise=[gemeinde.kreis]
    )
    application = factories.draft(im, factories.applicant(im, [gemeinde]), admin)
    step(application, "submit", admin)
    step(application, "start_review", worker)
    step(application, "propose_approval", worker)
    step(application, "approve", head)
    return Notice.objects.get(application=application)


@pytest.mark.parametrize(("ags", "court", "address"), SEATS)
def test_the_notice_names_the_court_of_the_applicants_seat(  # type: ignore[no-untyped-def]
    im, world, actors, ags: str, court: str, address: str
) -> None:
    factories.contingents(im, {ags: 300})
    notice = _approved_notice(im, Gemeinde.objects.get(ags=ags), actors["head"])
    context = documents.notice_context(notice_id=notice.pk)
    assert (context["court"].name, context["court"].address) == (court, address)
    text = " ".join(render_to_string("funding/pdf/notice.html", context).split())
    assert f"Klage beim {court}, {address}, schriftlich" in text
    others = {name for _, name, _ in SEATS} - {court}
    assert not any(other in text for other in others)


def test_a_pooling_across_kreis_borders_goes_to_the_court_of_its_lead(  # type: ignore[no-untyped-def]
    im, world, actors
) -> None:
    """Tettnang (RB Tübingen) leads a pooling with Mannheim (RB Karlsruhe): its seat counts."""
    factories.contingents(im, {"08435057": 30, "08222000": 300})
    tettnang, mannheim = Gemeinde.objects.get(ags="08435057"), Gemeinde.objects.get(ags="08222000")
    pooling = factories.applicant(im, [tettnang, mannheim], kind="pooling", lead=tettnang)
    assert (
        selectors.court_for(regierungsbezirk_ags=pooling.kreis.regierungsbezirk.ags).name
        == "Verwaltungsgericht Sigmaringen"
    )
