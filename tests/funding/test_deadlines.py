"""Deadlines: the registry, the calendars (mine, per Kreis), reminders once, the secret feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from pik.core.roles import Role
from pik.funding import selectors, services
from pik.funding.models import Application, SentReminder
from pik.funding.selectors.deadlines import Kind
from tests.funding import factories

pytestmark = pytest.mark.django_db


def approved(application: Application, admin: Any, case_worker: Any, head: Any) -> Application:
    factories.step(application, "submit", admin)
    factories.step(application, "start_review", case_worker)
    factories.step(application, "propose_approval", case_worker)
    return factories.step(application, "approve", head)


@pytest.fixture
def funded(im: Any, draft: Application, actors: dict[str, Any]) -> Application:
    """Böblingen (Kreis A), approved: Sara Nouri 01.03.2020–28.02.2022 and Jan Keller
    01.07.2020–30.06.2022 (the longest period)."""
    return approved(draft, actors["gemeinde_a"], actors["case_worker_a"], actors["head"])


@pytest.fixture
def funded_b(im: Any, contingents: Any, world: Any, actors: dict[str, Any]) -> Application:
    """Esslingen (Kreis B), approved, with one position."""
    applicant = factories.applicant(im, [world.gemeinde_b])
    positions = [("Mara Berg", "university", "1.00", dt.date(2020, 7, 1))]
    draft = factories.draft(im, applicant, actors["gemeinde_b"], positions=positions)
    return approved(draft, actors["gemeinde_b"], actors["case_worker_b"], actors["head"])


@pytest.fixture
def info_requested(draft: Application, actors: dict[str, Any]) -> Application:
    """Böblingen's application with an open request for information (answer due in 28 days)."""
    factories.step(draft, "submit", actors["gemeinde_a"])
    factories.step(draft, "start_review", actors["case_worker_a"])
    return factories.step(draft, "request_info", actors["case_worker_a"], message="Bitte Vertrag.")


def kinds(deadlines: list[Any]) -> list[tuple[str, dt.date]]:
    return [(d.kind, d.date) for d in deadlines]


def test_every_kind_from_the_approved_application_overdue_first(funded, actors) -> None:
    today = dt.date(2022, 5, 1)
    deadlines = selectors.deadlines_for_user(user=actors["gemeinde_a"], today=today)
    assert kinds(deadlines) == [
        (Kind.KEY_FIGURES, dt.date(2022, 1, 31)),  # for 2021: overdue, so first
        (Kind.PERIOD_END, dt.date(2022, 6, 30)),
        (Kind.POSITION_END, dt.date(2022, 6, 30)),  # Jan Keller; Sara Nouri ended in February
        (Kind.FINAL_PROOF, dt.date(2022, 9, 30)),  # 3 months after the longest period
        (Kind.KEY_FIGURES, dt.date(2023, 1, 31)),  # for 2022
    ]
    assert deadlines[0].overdue and not deadlines[1].overdue
    assert deadlines[0].link == reverse("funding:application_detail", args=[funded.pk])
    assert deadlines[3].label == "Verwendungsnachweis fällig"


def test_due_dates_follow_the_rule_version_data(funded, actors) -> None:
    rule = funded.rule_version
    rule.proof_of_use_months, rule.key_figures_due_month_day = 6, "02-28"
    rule.save()
    deadlines = selectors.deadlines_for_user(user=actors["gemeinde_a"], today=dt.date(2022, 5, 1))
    assert (Kind.FINAL_PROOF, dt.date(2022, 12, 30)) in kinds(deadlines)
    assert (Kind.KEY_FIGURES, dt.date(2022, 2, 28)) in kinds(deadlines)
    assert (Kind.KEY_FIGURES, dt.date(2023, 2, 28)) in kinds(deadlines)


def test_answer_to_a_request_for_information(info_requested, actors) -> None:
    draft = info_requested
    today = draft.due_date - dt.timedelta(days=1)
    for who in ("gemeinde_a", "case_worker_a"):
        [d] = selectors.deadlines_for_user(user=actors[who], today=today)
        assert (d.kind, d.date) == (Kind.INFO_ANSWER, draft.due_date)
    assert selectors.deadlines_for_user(user=actors["case_worker_b"], today=today) == []
    assert selectors.deadlines_for_user(user=actors["gemeinde_b"], today=today) == []


def test_another_kreis_never_appears(funded, funded_b, actors, member, world) -> None:
    today = dt.date(2022, 5, 1)
    coordinator_a = member(Role.KREIS_COORDINATOR, "a")
    a = selectors.deadlines_for_kreis(user=coordinator_a, kreis_id=world.kreis_a.pk, today=today)
    assert a and {d.kreis_id for d in a} == {world.kreis_a.pk}
    # the coordinator of A does not get B's calendar, even by asking for B
    assert (
        selectors.deadlines_for_kreis(user=coordinator_a, kreis_id=world.kreis_b.pk, today=today)
        == []
    )
    for who, kreis in (("gemeinde_a", world.kreis_a), ("case_worker_b", world.kreis_b)):
        mine = selectors.deadlines_for_user(user=actors[who], today=today)
        assert mine and {d.kreis_id for d in mine} == {kreis.pk}
    head = selectors.deadlines_for_kreis(
        user=actors["head"], kreis_id=world.kreis_b.pk, today=today
    )
    assert {d.application_id for d in head} == {funded_b.pk}


def test_kreis_calendar_page_is_404_for_another_kreis(
    client, info_requested, member, world
) -> None:
    client.force_login(member(Role.KREIS_COORDINATOR, "a"))
    own = client.get(reverse("funding:deadlines_kreis", args=[world.kreis_a.ags]))
    assert own.status_code == 200
    assert info_requested.file_number in own.content.decode()
    foreign = client.get(reverse("funding:deadlines_kreis", args=[world.kreis_b.ags]))
    assert foreign.status_code == 404


def test_reminders_are_sent_once(funded, funded_b, actors) -> None:
    today = dt.date(2022, 6, 20)  # both periods end 30.06.2022
    sent = services.deadline_reminders_send(today=today, actor=None)
    recipients = sorted(m.to[0] for m in mail.outbox)
    concerned = ("gemeinde_a", "case_worker_a", "case_worker_a2", "gemeinde_b", "case_worker_b")
    assert recipients == sorted(actors[w].email for w in concerned)
    assert sent.users == 5  # not the coordinator (no Kreis application), not the head
    body = next(m.body for m in mail.outbox if m.to == [actors["gemeinde_a"].email])
    assert funded.file_number in body and "30.06.2022" in body
    assert funded_b.file_number not in body  # another Kreis's deadline never in A's mail
    for message in mail.outbox:  # the count in the subject in the right number
        n = int(message.subject.split()[1])
        noun = "Frist" if n == 1 else "Fristen"
        assert message.subject == f"PIK: {n} {noun} in den nächsten Tagen"
    rows = SentReminder.objects.count()
    again = services.deadline_reminders_send(today=today, actor=None)
    assert (again.users, again.reminders) == (0, 0)
    assert len(mail.outbox) == 5 and SentReminder.objects.count() == rows
    # the daily command a day later: nothing new is due within the window
    call_command("deadline_reminders", date="2022-06-21")
    assert len(mail.outbox) == 5


def _ics(client: Any, token: str) -> Any:
    return client.get(reverse("funding:calendar_ics", args=[token]))


def test_feed_contents_and_revocation(client, info_requested, funded_b, actors) -> None:
    user = actors["gemeinde_a"]
    token = services.calendar_feed_create(user=user, actor=user)
    response = _ics(client, token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    [event] = events
    assert str(event["UID"]) == f"info_answer:{info_requested.pk}:{info_requested.due_date}@pik"
    assert event.decoded("DTSTART") == info_requested.due_date
    assert str(event["SUMMARY"]) == (f"Antwort auf die Nachforderung: {info_requested.file_number}")
    assert str(event["URL"]).endswith(f"/foerderung/antraege/{info_requested.pk}/")
    assert funded_b.file_number not in response.content.decode()
    # a new link makes the old one 404; revoking makes the new one 404
    newer = services.calendar_feed_create(user=user, actor=user)
    assert _ics(client, token).status_code == 404
    assert _ics(client, newer).status_code == 200
    services.calendar_feed_revoke(user=user, actor=user)
    assert _ics(client, newer).status_code == 404
    assert _ics(client, "erfunden").status_code == 404


def test_feed_link_made_and_revoked_on_the_page(client, actors) -> None:
    user = actors["gemeinde_a"]
    client.force_login(user)
    response = client.post(reverse("funding:calendar_feed"), {"action": "create"}, follow=True)
    text = response.content.decode()
    assert "Ihr neuer Kalender-Link" in text and "Kalender-Link widerrufen" in text
    url = text.split("/foerderung/fristen/kalender/", 1)[1].split(".ics", 1)[0]
    assert _ics(client, url).status_code == 200
    client.post(reverse("funding:calendar_feed"), {"action": "revoke"})
    assert _ics(client, url).status_code == 404


def test_mine_page_in_english(client, info_requested, actors) -> None:
    client.force_login(actors["gemeinde_a"])
    client.cookies["django_language"] = "en"
    response = client.get(reverse("funding:deadlines_mine"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "My deadlines" in text and "Answer to the request for information" in text
