"""From case work to funding: the key figures of a proof of use are the numbers stats shows for
the same scope (the applicant's and each passed-on Träger's managers) and period; only people
with a consent to statistics count; the recipient confirms them before submitting; the January
job prepares the yearly drafts once, with reminders until they are handed in."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pik.casework import services as casework
from pik.casework.models import Client, Consent, Goal, Plan
from pik.casework.selectors.keyfigures import Period
from pik.core.models import AuditEvent
from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import KeyFigures, Position, ProofOfUse
from pik.funding.selectors.deadlines import Kind, deadlines_for_user
from pik.network import services as network
from pik.stats import proofs
from pik.stats.dashboards import dashboard
from pik.stats.keyfigures import Scope, key_figures
from tests.casework.factories import make_client, staff, with_plan
from tests.funding.proof_factories import FIGURES, report_upload, staff_approved
from tests.network.factories import actor_in

YEAR = 2021  # Böblingen's test grant runs 03/2020 – 06/2022 (two 24-month positions)
TZ = timezone.get_current_timezone()


def _person(manager: Any, kreis: Any, start: dt.date, end: dt.date | None = None, *, consent=True):  # type: ignore[no-untyped-def]
    record = make_client(manager, kreis, last_name=f"P{start:%j}{next(_n)}")
    if consent:
        casework.consent_record(
            client=record,
            purpose=Consent.Purpose.STATISTICS,
            given_on=dt.date(2020, 1, 1),
            actor=manager,
        )
    Client.objects.filter(pk=record.pk).update(counselling_start=start, counselling_end=end)
    record.refresh_from_db()
    return record


def _counter():  # type: ignore[no-untyped-def]
    n = 0
    while True:
        n += 1
        yield n


_n = _counter()


def caseload(manager: Any, kreis: Any, *, new: int, ongoing: int, ended: int) -> list[Client]:
    """People of one manager in ``YEAR``: new, ongoing, ended; each with four contacts in the
    year (in person, outreach, phone, video) and one the year after (not counted); the first
    six with a plan made and a goal reached in the year, the first five referred in it."""
    people = [_person(manager, kreis, dt.date(YEAR, 2, 1 + i)) for i in range(new)]
    people += [_person(manager, kreis, dt.date(YEAR - 1, 5, 1 + i)) for i in range(ongoing)]
    people += [
        _person(manager, kreis, dt.date(YEAR - 1, 3, 1 + i), dt.date(YEAR, 6, 30))
        for i in range(ended)
    ]
    partner = actor_in(kreis)
    for i, record in enumerate(people):
        for when, kind in (
            (dt.date(YEAR, 3, 15), "in_person"),
            (dt.date(YEAR, 4, 15), "outreach"),
            (dt.date(YEAR, 5, 15), "phone"),
            (dt.date(YEAR, 6, 15), "video"),
        ):
            casework.contact_record(
                client=record, occurred_on=when, kind=kind, duration_minutes=30, actor=manager
            )
        if i < 6:
            with_plan(record, manager)
            goal = casework.goal_add(
                client=record, field="work", description="Arbeit", actor=manager
            )
            casework.goal_set_status(goal=goal, status=Goal.Status.ACHIEVED, actor=manager)
        if i < 5:
            casework.consent_record(
                client=record,
                purpose=Consent.Purpose.NETWORK,
                network_actor=partner.name,
                given_on=dt.date(YEAR, 1, 10),
                actor=manager,
            )
            network.referral_record(
                client=record,
                partner=partner,
                purpose="Sprachkurs",
                shared_on=dt.date(YEAR, 5, 3),
                actor=manager,
            )
    Plan.objects.filter(client__in=people).update(created_at=dt.datetime(YEAR, 4, 1, tzinfo=TZ))
    Goal.objects.filter(plan__client__in=people).update(status_changed_on=dt.date(YEAR, 7, 1))
    return people


def shown_by_stats(user: Any, scope: Scope, period: Period) -> dict[str, int]:
    """The template's numbers as the key-figure page shows them (every cell a number)."""
    figures = key_figures(user=user, scope=scope, period=period)
    persons = dict(figures.section("persons").rows)
    channels = dict(figures.section("channel").rows)
    plans = dict(figures.section("plans").rows)
    cells = {
        "persons_counselled": figures.persons,
        "households": figures.households,
        "persons_new": persons["neu"],
        "persons_ended": persons["beendet"],
        "plans_created": plans["erstellt"],
        "plans_reviewed": plans["überprüft"],
        "contacts_total": figures.section("channel").total,
        "contacts_outreach": channels["aufsuchend"],
        "goals_reached": figures.section("goals_reached").total,
        "referrals": figures.section("referral_kind").total,
    }
    assert all(cell is not None and not cell.hidden for cell in cells.values()), cells
    numbers = {name: cell.value for name, cell in cells.items()}  # type: ignore[union-attr]
    numbers["contacts_remote"] = sum(
        channels[label].value
        for label in ("telefonisch", "E-Mail", "Video", "Messenger")
        if label in channels
    )
    return numbers


def values(kf: KeyFigures) -> dict[str, int]:
    return {name: getattr(kf, name) for name in FIGURES}


@pytest.fixture
def grant(world, member):  # type: ignore[no-untyped-def]
    """Böblingen's approved application and its author (the Gemeinde's administration)."""
    return staff_approved(world, member)


def test_the_proof_shows_the_numbers_stats_shows_for_the_same_scope(world, grant, client) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    caseload(own, world.kreis_a, new=6, ongoing=7, ended=5)
    _person(own, world.kreis_a, dt.date(YEAR, 3, 3), consent=False)  # no consent: not counted
    kreis_manager = staff(Role.INTEGRATION_MANAGER, world.kreis_a)  # employed by the Kreis
    caseload(kreis_manager, world.kreis_a, new=6, ongoing=0, ended=0)
    proof = services.proof_create(application=application, kind="interim", year=YEAR, actor=author)

    kf = proofs.proof_key_figures_take(user=author, pk=proof.pk)

    assert kf is not None and kf.source == KeyFigures.Source.CASEWORK and kf.awaiting_confirmation
    period = Period(proof.period_start, proof.period_end)
    scope = Scope("employer", f"gemeinde-{world.gemeinde_a.ags}")
    assert values(kf) == shown_by_stats(author, scope, period)
    assert (kf.persons_counselled, kf.persons_new, kf.persons_ended) == (18, 6, 5)
    assert (kf.contacts_total, kf.contacts_outreach, kf.contacts_remote) == (72, 18, 36)
    assert (kf.plans_created, kf.goals_reached, kf.referrals) == (6, 6, 5)
    assert "Gemeinde" in kf.casework_scope
    # the Kreis dashboard for the same scope and year (the interim proof covers the whole year)
    assert (proof.period_start, proof.period_end) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    charts = {c.title: c for c in dashboard(user=author, scope=scope, first=YEAR, last=YEAR).charts}
    people = charts["Beratene Personen je Jahr"]
    contacts = charts["Beratungskontakte je Jahr nach Kontaktart"]
    goals = charts["Erreichte Ziele je Jahr"]
    referrals = charts["Vermittlungen je Jahr nach Stand"]
    assert sum(s.values[0] or 0 for s in referrals.series) == kf.referrals
    assert [s.values[0] for s in people.series] == [18, 6, 5]
    assert sum(s.values[0] or 0 for s in contacts.series) == kf.contacts_total
    assert goals.series[0].values[0] == kf.goals_reached
    # the same numbers on the key-figure page and on the proof's page
    client.force_login(author)
    stats_page = client.get(
        reverse("casework:key_figures"),
        {"scope": f"employer:{scope.key}", "start": "2021-01-01", "end": "2021-12-31"},
    ).content.decode()
    proof_page = client.get(reverse("funding:proof_detail", args=[proof.pk])).content.decode()
    assert "aus der Fallarbeit übernommen" in proof_page and "noch nicht bestätigt" in proof_page
    for number in ("18", "72"):
        assert f"<dd>{number}</dd>" in proof_page and number in stats_page


def test_a_trager_with_passed_on_funds_counts_with_its_own_managers(world, member) -> None:  # type: ignore[no-untyped-def]
    application, author = staff_approved(world, member)
    Position.objects.filter(application=application, person_name="Jan Keller").update(
        provider=world.provider_a
    )
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    caseload(own, world.kreis_a, new=6, ongoing=0, ended=0)
    passed_on = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_a)
    caseload(passed_on, world.kreis_a, new=0, ongoing=7, ended=0)
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_b)
    caseload(other, world.kreis_a, new=5, ongoing=0, ended=0)  # no funds passed on: not counted
    proof = services.proof_create(application=application, kind="interim", year=YEAR, actor=author)

    kf = proofs.proof_key_figures_take(user=author, pk=proof.pk)

    assert kf is not None
    statewide = member(Role.RPS_HEAD)
    period = Period(proof.period_start, proof.period_end)
    parts = [
        shown_by_stats(statewide, Scope("employer", key), period)
        for key in (f"gemeinde-{world.gemeinde_a.ags}", f"provider-{world.provider_a.pk}")
    ]
    # people, contacts, plans … of different managers' clients: the union is the sum
    assert values(kf) == {name: parts[0][name] + parts[1][name] for name in FIGURES}
    assert kf.persons_counselled == 13 and str(world.provider_a) in kf.casework_scope


def test_a_withdrawn_consent_drops_the_person_when_taken_again(world, grant) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    people = caseload(own, world.kreis_a, new=6, ongoing=0, ended=0)
    proof = services.proof_create(application=application, kind="interim", year=YEAR, actor=author)
    first = proofs.proof_key_figures_take(user=author, pk=proof.pk)
    assert first is not None and first.persons_counselled == 6
    services.proof_key_figures_confirm(proof=proof, actor=author)
    casework.consent_withdraw(
        consent=people[5].consents.get(purpose=Consent.Purpose.STATISTICS),
        withdrawn_on=timezone.localdate(),
        actor=own,
    )
    again = proofs.proof_key_figures_take(user=author, pk=proof.pk)
    assert again is not None
    assert (again.persons_counselled, again.contacts_total) == (5, 20)
    assert again.awaiting_confirmation  # new numbers: to be confirmed again


def _ready(application: Any, author: Any) -> ProofOfUse:
    """The interim proof of ``YEAR`` with its lines and report: only the key figures missing."""
    proof = services.proof_create(application=application, kind="interim", year=YEAR, actor=author)
    for line in proof.lines.select_related("position"):
        services.proof_line_set(
            line=line,
            filled_from=dt.date(YEAR, 1, 1),
            filled_to=dt.date(YEAR, 12, 31),
            salary_paid="50.000,00",
            actor=author,
        )
    services.proof_report_upload(proof=proof, upload=report_upload(), actor=author)
    return proof


def test_figures_from_case_work_are_confirmed_before_submission(world, grant, client) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    caseload(own, world.kreis_a, new=6, ongoing=0, ended=0)
    proof = _ready(application, author)
    client.force_login(author)
    response = client.post(reverse("stats:proof_key_figures_take", args=[proof.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/{proof.pk}/")

    with pytest.raises(ValidationError, match="Bestätigung der aus der Fallarbeit"):
        services.proof_transition(proof=proof, action="submit", actor=author)
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.DRAFT

    response = client.post(
        reverse("funding:proof_key_figures_confirm", args=[proof.pk]), {"version": proof.version}
    )
    assert response.status_code == 302
    kf = KeyFigures.objects.get(proof=proof)
    assert kf.confirmed_by == author and not kf.awaiting_confirmation
    assert AuditEvent.objects.filter(action="proof.key_figures_confirm", actor=author).count() == 1
    with pytest.raises(ValidationError, match="bereits bestätigt"):
        services.proof_key_figures_confirm(proof=proof, actor=author)
    services.proof_transition(proof=proof, action="submit", actor=author)
    proof.refresh_from_db()
    assert proof.status == ProofOfUse.Status.SUBMITTED


def test_a_change_by_hand_makes_the_figures_manual_and_says_so(world, grant, client) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    caseload(own, world.kreis_a, new=6, ongoing=0, ended=0)
    proof = _ready(application, author)
    proofs.proof_key_figures_take(user=author, pk=proof.pk)
    services.proof_key_figures_set(proof=proof, figures=FIGURES, actor=author)
    kf = KeyFigures.objects.get(proof=proof)
    assert kf.source == KeyFigures.Source.MANUAL and kf.casework_at is not None
    assert not kf.awaiting_confirmation and values(kf) == FIGURES
    client.force_login(author)
    page = client.get(reverse("funding:proof_detail", args=[proof.pk])).content.decode()
    assert "von Hand erfasst" in page and "zuvor aus der Fallarbeit übernommen" in page
    with pytest.raises(ValidationError, match="Zu bestätigen sind nur"):
        services.proof_key_figures_confirm(proof=proof, actor=author)
    services.proof_transition(proof=proof, action="submit", actor=author)  # typed: no confirmation


def test_a_foreign_applicant_gets_404_and_the_rps_a_refusal(world, grant, member, client) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    proof = services.proof_create(application=application, kind="interim", year=YEAR, actor=author)
    url = reverse("stats:proof_key_figures_take", args=[proof.pk])
    client.force_login(member(Role.GEMEINDE_ADMIN, "b"))
    assert client.post(url).status_code == 404
    assert (
        client.post(reverse("funding:proof_key_figures_confirm", args=[proof.pk])).status_code
        == 404
    )
    client.force_login(member(Role.RPS_CASE_WORKER, "a"))  # sees the proof, does not fill it
    response = client.post(url, follow=True)
    assert "übernimmt nur der Zuwendungsempfänger" in response.content.decode()
    assert not KeyFigures.objects.filter(proof=proof).exists()
    with pytest.raises(PermissionDenied):  # the service refuses, whoever calls it
        services.proof_key_figures_from_casework(
            proof=proof, figures=FIGURES, scope_label="x", actor=member(Role.RPS_HEAD)
        )
    with pytest.raises(Http404):  # a Träger's administration does not see the proof at all
        proofs.proof_key_figures_take(user=member(Role.PROVIDER_ADMIN, "a"), pk=proof.pk)


def _drafts(day: str) -> str:
    out = io.StringIO()
    call_command("key_figure_drafts", date=day, stdout=out)
    return out.getvalue()


def test_the_january_job_prepares_each_draft_once_and_reminds_until_confirmed(world, grant) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    caseload(own, world.kreis_a, new=6, ongoing=7, ended=0)

    assert "im Januar" in _drafts("2022-03-10")  # outside January: nothing
    assert not ProofOfUse.objects.exists()
    assert "1 Zwischennachweise angelegt, 1 aus der Fallarbeit gefüllt" in _drafts("2022-01-02")
    assert "0 Zwischennachweise angelegt, 0 aus der Fallarbeit gefüllt" in _drafts("2022-01-03")
    proof = ProofOfUse.objects.get()
    assert (proof.kind, proof.status, proof.period_start) == (
        "interim",
        "draft",
        dt.date(2021, 1, 1),
    )
    kf = KeyFigures.objects.get(proof=proof)
    assert kf.persons_counselled == 13 and kf.awaiting_confirmation and kf.entered_by is None

    # Reminders through the deadlines registry: each once, until the figures are confirmed.
    day = dt.date(2022, 1, 20)
    sent = services.deadline_reminders_send(today=day, actor=None)
    key = f"{Kind.KEY_FIGURES}:{application.applicant_id}:{YEAR}"
    assert (author.pk, key) in sent.keys
    assert any("Entwurf aus der Fallarbeit zur Bestätigung" in m.body for m in mail.outbox)
    assert (author.pk, key) not in services.deadline_reminders_send(today=day, actor=None).keys
    services.proof_key_figures_confirm(proof=proof, actor=author)
    assert not [
        d for d in deadlines_for_user(user=author, today=day) if d.key == key
    ]  # handed in: no longer due


def test_the_january_job_keeps_figures_already_entered(world, grant) -> None:  # type: ignore[no-untyped-def]
    application, author = grant
    proof = services.proof_create(application=application, kind="interim", year=YEAR, actor=author)
    services.proof_key_figures_set(proof=proof, figures=FIGURES, actor=author)
    done = proofs.yearly_drafts(today=dt.date(2022, 1, 5))
    assert (done.year, done.created, done.filled) == (YEAR, 0, 0)
    kf = KeyFigures.objects.get(proof=proof)
    assert kf.source == KeyFigures.Source.MANUAL and values(kf) == FIGURES
    assert ProofOfUse.objects.count() == 1
