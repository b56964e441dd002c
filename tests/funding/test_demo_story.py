"""The demo tells today's story (issue 9, item 13): the current funding year in every state,
dates relative to today, a budget for every year shown, statistics that are not empty."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from pik.casework.models import Consent
from pik.funding.models import Application, Budget
from pik.orgs.models import User
from pik.stats import selectors as stats

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def demo() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def test_current_funding_year_has_an_application_in_every_open_state(demo: None) -> None:
    year = timezone.localdate().year
    states = set(
        Application.objects.filter(programme__code="im", year=year).values_list("status", flat=True)
    )
    assert {
        S.DRAFT,
        S.SUBMITTED,
        S.IN_REVIEW,
        S.INFO_REQUESTED,
        S.PROPOSED_APPROVAL,
        S.PROPOSED_REJECTION,
        S.APPROVED,
    } <= states
    previous = set(Application.objects.filter(year=year - 1).values_list("status", flat=True))
    assert {S.APPROVED, S.REJECTED, S.WITHDRAWN} <= previous


def test_dates_run_up_to_today_and_decisions_follow_submissions(demo: None) -> None:
    today = timezone.localdate()
    submitted = Application.objects.exclude(submitted_at=None)
    assert all(a.submitted_at.date() <= today for a in submitted)
    assert all(a.decided_at > a.submitted_at for a in submitted.exclude(decided_at=None))
    # the RPS has overdue work and work with time left
    open_ = submitted.filter(status__in=[S.SUBMITTED, S.IN_REVIEW, S.PROPOSED_APPROVAL])
    assert any(a.due_date < today for a in open_) and any(a.due_date >= today for a in open_)


def test_every_year_the_demo_shows_has_a_budget(demo: None) -> None:
    shown = set(Application.objects.values_list("programme_id", "year"))
    budgets = set(Budget.objects.values_list("programme_id", "year"))
    assert shown <= budgets


def test_some_clients_agreed_to_statistics_so_the_statistics_are_not_empty(demo: None) -> None:
    assert Consent.objects.filter(purpose=Consent.Purpose.STATISTICS).count() >= 20
    coordinator = User.objects.get(email="koordination.boeblingen@demo.pik-bw.example")
    figures = stats.kreis_statistics(user=coordinator)
    assert figures.total > 0
    assert figures.counted is not None and figures.counted.value
