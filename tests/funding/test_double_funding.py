"""Double funding: a named person's funded periods across applications, applicants and Träger.

The case from the field: a person approved in 2019 (01.03.2019–28.02.2021) and applied for again
from 01.03.2020 by another applicant, with no warning; the months limit was checked per position.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pik.funding import selectors, services
from pik.funding.models import Application, Programme
from pik.orgs.models import User
from tests.funding import factories
from tests.funding.factories import step, to_proposed


def _position(
    application: Application, name: str, start: dt.date, months: int, actor: User, provider=None
):  # type: ignore[no-untyped-def]
    return services.position_add(
        application=application,
        person_name=name,
        qualification="university",
        share=Decimal("1.00"),
        start_date=start,
        months=months,
        provider=provider,
        actor=actor,
    )


@pytest.fixture
def approved_2019(im: Programme, applicant_a, actors, world) -> Application:  # type: ignore[no-untyped-def]
    """Böblingen, 2019: Sara Nouri 01.03.2019–28.02.2021 with Caritas, approved."""
    factories.contingents(im, {"08115003": 300}, year=2017)  # the figures serving 2019
    application = services.application_create(
        programme=im, applicant=applicant_a, year=2019, actor=actors["gemeinde_a"]
    )
    _position(
        application, "Sara Nouri", dt.date(2019, 3, 1), 24, actors["gemeinde_a"], world.provider_a
    )
    to_proposed(application, actors)
    return step(application, "approve", actors["head"])


@pytest.fixture
def esslingen_2020(im: Programme, contingents, actors, world) -> Application:  # type: ignore[no-untyped-def]
    """Esslingen (another applicant, another Kreis and Träger) names her again from 01.03.2020."""
    applicant = factories.applicant(im, [contingents["08116019"]])
    application = services.application_create(
        programme=im, applicant=applicant, year=2020, actor=actors["gemeinde_b"]
    )
    _position(
        application,
        "  sara  NOURI ",
        dt.date(2020, 3, 1),
        24,
        actors["gemeinde_b"],
        world.provider_b,
    )
    return step(application, "submit", actors["gemeinde_b"])


def test_an_overlap_with_an_approved_position_elsewhere_is_reported(
    approved_2019, esslingen_2020
) -> None:  # type: ignore[no-untyped-def]
    (check,) = selectors.person_checks(application=esslingen_2020)
    assert [h.application for h in check.history] == [approved_2019, esslingen_2020]
    assert check.months == 36  # 03/2019 – 02/2022, the overlap counted once
    (finding,) = check.findings
    assert finding.startswith(
        "Doppelförderung? sara  NOURI ist vom 01.03.2020 bis 28.02.2021 bereits gefördert "
        "(bewilligt: Stadt Böblingen, RPS15.2-IM-2019-08115-0001, Träger Caritas Böblingen, "
        "1,00 VZÄ)."
    )
    # and the earlier application sees the later one, too
    (earlier,) = selectors.person_checks(application=approved_2019)
    assert "(beantragt: Stadt Esslingen am Neckar" in earlier.findings[0], earlier.findings


def test_no_finding_for_consecutive_positions_within_the_limit(
    im, applicant_a, contingents, actors
) -> None:  # type: ignore[no-untyped-def]
    first = services.application_create(
        programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
    )
    _position(first, "Eva Roth", dt.date(2020, 1, 1), 24, actors["gemeinde_a"])
    step(first, "submit", actors["gemeinde_a"])
    other = factories.applicant(im, [contingents["08116019"]])
    second = services.application_create(
        programme=im, applicant=other, year=2022, actor=actors["gemeinde_b"]
    )
    _position(second, "Eva Roth", dt.date(2022, 1, 1), 24, actors["gemeinde_b"])
    (check,) = selectors.person_checks(application=second)
    assert check.months == 48 and check.findings == []


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (
            12,
            "insgesamt 72 Fördermonate – über 60 Monate nur zulässig, soweit die Gehaltszahlung "
            "unterbrochen war (höchstens 12 Monate)",
        ),
        (
            13,
            "insgesamt 73 Fördermonate – höchstens 60 sind zulässig, mit Unterbrechung der "
            "Gehaltszahlung höchstens 72.",
        ),
    ],
)
def test_the_months_per_person_count_across_applicants(  # type: ignore[no-untyped-def]
    im, applicant_a, contingents, actors, months: int, expected: str
) -> None:
    """60 months under the 2020 amendment, 12 more only where salary payments were interrupted."""
    first = services.application_create(
        programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
    )
    _position(first, "Eva Roth", dt.date(2020, 1, 1), 60, actors["gemeinde_a"])
    step(first, "submit", actors["gemeinde_a"])
    other = factories.applicant(im, [contingents["08116019"]])
    second = services.application_create(
        programme=im, applicant=other, year=2025, actor=actors["gemeinde_b"]
    )
    _position(second, "Eva Roth", dt.date(2025, 1, 1), months, actors["gemeinde_b"])
    (check,) = selectors.person_checks(application=second)
    assert (check.limit, check.allowance) == (60, 12)
    assert check.findings == [
        f"Eva Roth: {expected}" + ("; bitte nachweisen lassen." if months == 12 else "")
    ]


def test_drafts_withdrawn_and_rejected_applications_do_not_count(
    im, applicant_a, contingents, actors
) -> None:  # type: ignore[no-untyped-def]
    draft = services.application_create(
        programme=im, applicant=applicant_a, year=2020, actor=actors["gemeinde_a"]
    )
    _position(draft, "Eva Roth", dt.date(2020, 1, 1), 24, actors["gemeinde_a"])
    other = factories.applicant(im, [contingents["08116019"]])
    second = services.application_create(
        programme=im, applicant=other, year=2020, actor=actors["gemeinde_b"]
    )
    _position(second, "Eva Roth", dt.date(2020, 1, 1), 24, actors["gemeinde_b"])
    (check,) = selectors.person_checks(application=second)
    assert check.findings == [] and len(check.history) == 1


def test_the_case_worker_sees_the_history_the_applicant_does_not(  # type: ignore[no-untyped-def]
    client, approved_2019, esslingen_2020, actors
) -> None:
    url = f"/foerderung/antraege/{esslingen_2020.pk}/"
    client.force_login(actors["case_worker_b"])
    page = " ".join(client.get(url).content.decode().split())
    assert "Förderhistorie der Personen" in page
    assert "Doppelförderung? sara NOURI ist vom 01.03.2020 bis 28.02.2021" in page
    assert "RPS15.2-IM-2019-08115-0001" in page and "36 Fördermonate von höchstens 60" in page
    client.force_login(actors["gemeinde_b"])
    page = client.get(url).content.decode()
    assert "Förderhistorie" not in page and "RPS15.2-IM-2019-08115-0001" not in page
