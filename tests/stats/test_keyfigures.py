"""Key figures from case work: who counts in a period, who may ask for which scope, and that no
suppressed number can be worked out from what is shown."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from pik.casework import services
from pik.casework.models import Client, Consent, Goal
from pik.casework.selectors.keyfigures import Period, RawKeyFigures
from pik.core.roles import Role
from pik.stats.keyfigures import Scope, key_figures, suppressed
from tests.casework.factories import give_consent, make_client, staff

YEAR = 2025
PERIOD = Period.year(YEAR)


def person(manager, kreis, *, start, end=None, consent=True, **extra) -> Client:  # type: ignore[no-untyped-def]
    record = make_client(manager, kreis, last_name=f"P{start:%j}{extra.get('gender', '')}", **extra)
    if consent:
        give_consent(record, Consent.Purpose.STATISTICS, manager)
    Client.objects.filter(pk=record.pk).update(counselling_start=start, counselling_end=end)
    return record


def test_a_period_that_ends_before_it_starts_is_refused_in_german() -> None:
    with pytest.raises(ValidationError, match="liegt vor seinem Beginn"):
        Period(dt.date(2025, 3, 1), dt.date(2025, 2, 1))


def test_new_ongoing_and_ended_people_and_only_with_consent(world) -> None:  # type: ignore[no-untyped-def]
    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    for day in range(6):
        person(im, world.kreis_a, start=dt.date(YEAR, 2, 1 + day))  # new
    for day in range(7):
        person(im, world.kreis_a, start=dt.date(YEAR - 1, 5, 1 + day))  # ongoing
    for day in range(5):
        person(im, world.kreis_a, start=dt.date(YEAR - 1, 3, 1 + day), end=dt.date(YEAR, 6, 30))
    person(im, world.kreis_a, start=dt.date(YEAR, 3, 3), consent=False)  # not counted
    person(im, world.kreis_a, start=dt.date(YEAR - 2, 1, 1), end=dt.date(YEAR - 1, 12, 31))
    person(im, world.kreis_a, start=dt.date(YEAR + 1, 1, 1))  # after the period
    withdrawn = person(im, world.kreis_a, start=dt.date(YEAR, 4, 4))
    services.consent_withdraw(
        consent=withdrawn.consents.get(purpose=Consent.Purpose.STATISTICS),
        withdrawn_on=timezone.localdate(),
        actor=im,
    )
    figures = key_figures(user=coordinator, scope=Scope("kreis", world.kreis_a.ags), period=PERIOD)
    rows = dict(figures.section("persons").rows)
    assert (rows["neu"].value, rows["laufend"].value, rows["beendet"].value) == (6, 7, 5)
    assert figures.persons.value == 18 and not figures.persons.hidden
    durations = dict(figures.section("duration").rows)
    # new ones: under 12 months at the year's end; ongoing since May of the year before: 1-2 years
    assert durations["6 bis 12 Monate"].value == 6 and durations["1 bis 2 Jahre"].value == 12


def test_contacts_and_goals_count_in_their_period(world) -> None:  # type: ignore[no-untyped-def]
    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    people = [person(im, world.kreis_a, start=dt.date(YEAR - 1, 1, 2 + i)) for i in range(5)]
    for record in people:
        for when, kind in ((dt.date(YEAR, 3, 1), "phone"), (dt.date(YEAR - 1, 12, 31), "video")):
            services.contact_record(
                client=record,
                occurred_on=when,
                kind=kind,
                duration_minutes=30,
                topics=["work", "language"],
                actor=im,
            )
        goal = services.goal_add(client=record, field="work", description="Arbeit", actor=im)
        services.goal_set_status(goal=goal, status=Goal.Status.ACHIEVED, actor=im)
    Goal.objects.update(status_changed_on=dt.date(YEAR, 7, 1))
    Goal.objects.filter(plan__client=people[0]).update(status_changed_on=dt.date(YEAR + 1, 1, 1))
    figures = key_figures(user=im, scope=Scope("manager", str(im.pk)), period=PERIOD)
    assert {k: v.value for k, v in figures.section("channel").rows} == {"telefonisch": 5}
    assert {k: v.value for k, v in figures.section("topic").rows} == {
        "Arbeit": 5,
        "Sprache": 5,
    }
    reached = dict(figures.section("goals_reached").rows)
    assert reached["Arbeit"].value == 4 and str(reached["Arbeit"]) == "< 5"


@pytest.mark.parametrize(
    ("role", "kind", "key", "allowed"),
    [
        (Role.KREIS_COORDINATOR, "kreis", "a", True),
        (Role.KREIS_COORDINATOR, "kreis", "b", False),
        (Role.KREIS_COORDINATOR, "gemeinde", "a", True),
        (Role.KREIS_COORDINATOR, "state", "", False),
        (Role.MINISTRY, "state", "", True),
        (Role.MINISTRY, "regierungsbezirk", "rb", True),
        (Role.MINISTRY, "kreis", "b", True),
        (Role.RPS_CASE_WORKER, "employer", "gemeinde-a", True),
        (Role.GEMEINDE_ADMIN, "employer", "gemeinde-a", True),
        (Role.GEMEINDE_ADMIN, "employer", "gemeinde-b", False),
        (Role.GEMEINDE_ADMIN, "kreis", "a", False),
        (Role.PROVIDER_ADMIN, "employer", "provider-a", True),
        (Role.PROVIDER_ADMIN, "employer", "provider-b", False),
        (Role.INTEGRATION_MANAGER, "kreis", "a", False),
        (Role.PORTAL_EDITOR, "state", "", False),
        (Role.KREIS_COORDINATOR, "kreis", "no-such-kreis", False),
        (Role.MINISTRY, "bogus", "x", False),
    ],
)
def test_who_may_ask_for_which_scope(role, kind, key, allowed, world, member) -> None:  # type: ignore[no-untyped-def]
    user = member(role, "a")
    keys = {
        "a": world.kreis_a.ags if kind == "kreis" else world.gemeinde_a.ags,
        "b": world.kreis_b.ags,
        "rb": world.kreis_a.regierungsbezirk.ags,
        "gemeinde-a": f"gemeinde-{world.gemeinde_a.ags}",
        "gemeinde-b": f"gemeinde-{world.gemeinde_b.ags}",
        "provider-a": f"provider-{world.provider_a.pk}",
        "provider-b": f"provider-{world.provider_b.pk}",
    }
    scope = Scope(kind, keys.get(key, key))
    if allowed:
        assert key_figures(user=user, scope=scope, period=PERIOD).persons.value == 0
    else:
        with pytest.raises(Http404):
            key_figures(user=user, scope=scope, period=PERIOD)


def test_one_manager_is_seen_by_themselves_and_their_coordinator_only(world, member) -> None:  # type: ignore[no-untyped-def]
    im = member(Role.INTEGRATION_MANAGER, "a")
    scope = Scope("manager", str(im.pk))
    assert key_figures(user=im, scope=scope, period=PERIOD).persons.value == 0
    assert key_figures(user=member(Role.KREIS_COORDINATOR, "a"), scope=scope, period=PERIOD)
    for other in (
        member(Role.INTEGRATION_MANAGER, "a"),
        member(Role.KREIS_COORDINATOR, "b"),
        member(Role.MINISTRY),
    ):
        with pytest.raises(Http404):
            key_figures(user=other, scope=scope, period=PERIOD)


# --- Suppression: nothing hidden can be worked out from what is shown -------------------------

counts = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4)


def _consistent(cells, total):  # type: ignore[no-untyped-def]
    """Every assignment of values to the hidden cells that agrees with what is shown."""
    ranges = []
    shown = [c.value for c in cells if not c.hidden and c.value > 0]
    for cell in cells:
        if cell.primary:
            ranges.append(range(1, 5))
        elif cell.secondary:
            ranges.append(range(5, min(shown, default=40) + 1))
        else:
            ranges.append(range(cell.value, cell.value + 1))
    for values in itertools.product(*ranges):
        if total is None or total.hidden or sum(values) == total.value:
            yield values


@settings(max_examples=150, deadline=None)
@given(status=st.lists(st.integers(0, 12), min_size=3, max_size=3), sex=counts, topics=counts)
def test_no_hidden_cell_can_be_worked_out_from_the_totals(status, sex, topics) -> None:  # type: ignore[no-untyped-def]
    people = sum(status)
    sex = [*sex[:-1], max(0, people - sum(sex[:-1]))] if sum(sex[:-1]) <= people else [people]
    figures = RawKeyFigures(
        period=PERIOD,
        persons=dict(zip(("new", "ongoing", "ended"), status, strict=True)),
        sex={f"s{i}": n for i, n in enumerate(sex)},
        contacts_by_topic={f"t{i}": n for i, n in enumerate(topics)},
    )
    result = suppressed("Test", figures)
    for section in result.sections:
        if section.withheld or not section.rows:
            continue
        cells = [cell for _, cell in section.rows]
        for cell in cells:  # what is shown is 0 or at least 5
            assert cell.hidden or cell.value == 0 or cell.value >= 5
        options = list(_consistent(cells, section.total))
        assert tuple(c.value for c in cells) in options  # the truth is among them
        for i, cell in enumerate(cells):
            if cell.hidden:  # at least two values fit: the reader cannot pin it down
                assert len({values[i] for values in options}) >= 2, section.key
    totals = {s.total.hidden for s in result.sections[:5] if s.total is not None}
    assert len(totals) == 1  # the people's total is hidden everywhere or nowhere


def test_the_key_figure_page_shows_the_coordinators_kreis_suppressed(client, world) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    for day in range(7):
        person(im, world.kreis_a, start=dt.date(YEAR, 2, 1 + day), gender="female")
    person(im, world.kreis_a, start=dt.date(YEAR, 3, 1), gender="male")
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    url = reverse("casework:key_figures")
    query = {
        "scope": f"kreis:{world.kreis_a.ags}",
        "start": f"{YEAR}-01-01",
        "end": f"{YEAR}-12-31",
    }
    page = client.get(url, query).content.decode()
    assert 'weiblich</th><td class="num">x</td>' in page  # 7 hidden: 8 - 7 would give the 1
    assert 'männlich</th><td class="num">&lt; 5</td>' in page
    foreign = client.get(url, {**query, "scope": f"kreis:{world.kreis_b.ags}"}).content.decode()
    assert "Auswahl" in foreign or "gültig" in foreign  # not among the choices: a form error
    assert "Beratene Personen</dt>" not in foreign
    backwards = client.get(url, {**query, "end": f"{YEAR - 1}-12-31"}).content.decode()
    assert "liegt vor seinem Beginn" in backwards


def test_the_dashboard_shows_the_same_numbers_as_the_key_figures_per_year(client, world) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from pik.casework.selectors.keyfigures import Records, yearly_series
    from pik.casework.selectors.keyfigures import key_figures as raw_figures

    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    last = timezone.localdate().year
    people = [person(im, world.kreis_a, start=dt.date(last - 2, 3, 1 + i)) for i in range(6)]
    people += [
        person(im, world.kreis_a, start=dt.date(last - 1, 5, 1 + i), end=dt.date(last - 1, 9, 1))
        for i in range(3)
    ]
    for record in people[:5]:
        services.contact_record(
            client=record,
            occurred_on=dt.date(last - 1, 6, 1),
            kind="phone",
            duration_minutes=20,
            actor=im,
        )
    records = Records(kreis_ids=(world.kreis_a.pk,))
    series = yearly_series(records, last - 2, last)
    for i, year in enumerate(series.years):
        one = raw_figures(records, Period.year(year))
        assert series.persons[i] == one.persons_total
        assert (series.new[i], series.ended[i]) == (one.persons["new"], one.persons["ended"])
        assert sum(c[i] for c in series.contacts.values()) == sum(one.contacts_by_channel.values())
    assert series.persons == [6, 9, 6] and series.ended == [0, 3, 0]
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:key_figure_dashboard")).content.decode()
    assert "<svg" in page and "Beratene Personen je Jahr" in page
    assert '<td class="num">&lt; 5</td>' in page  # the three who ended, as a table cell


# --- Ended by reason, referrals by partner kind and outcome -----------------------------------


def test_people_ended_in_the_period_count_by_their_reason(world) -> None:  # type: ignore[no-untyped-def]
    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    reasons = ["work_or_training"] * 6 + ["moved_away"] * 5 + ["no_contact"] * 2
    for day, reason in enumerate(reasons):
        record = person(im, world.kreis_a, start=dt.date(YEAR - 1, 4, 1 + day))
        Client.objects.filter(pk=record.pk).update(
            counselling_end=dt.date(YEAR, 5, 1 + day), status="closed", end_reason=reason
        )
    person(im, world.kreis_a, start=dt.date(YEAR - 1, 4, 20), end=dt.date(YEAR, 6, 1))  # none
    late = person(im, world.kreis_a, start=dt.date(YEAR, 1, 2))  # ended after the period: new
    for day in range(6):  # ongoing: the complement of that one new person, not the ended
        person(im, world.kreis_a, start=dt.date(YEAR - 1, 6, 1 + day))
    Client.objects.filter(pk=late.pk).update(
        counselling_end=dt.date(YEAR + 1, 1, 5), status="closed", end_reason="own_wish"
    )
    for _ in range(6):  # not counted: no consent to statistics
        silent = person(im, world.kreis_a, start=dt.date(YEAR - 1, 4, 1), consent=False)
        Client.objects.filter(pk=silent.pk).update(
            counselling_end=dt.date(YEAR, 5, 1), status="closed", end_reason="goals_reached"
        )
    figures = key_figures(user=coordinator, scope=Scope("kreis", world.kreis_a.ags), period=PERIOD)
    assert dict(figures.section("persons").rows)["beendet"].value == 14
    section = figures.section("ended_reason")
    rows = {label: cell for label, cell in section.rows}
    assert list(rows)[:2] == ["Ziele erreicht", "Arbeit oder Ausbildung aufgenommen"]  # list order
    values = {label: cell.value for label, cell in rows.items() if cell.value}
    assert values == {
        "Arbeit oder Ausbildung aufgenommen": 6,
        "weggezogen": 5,
        "kein Kontakt mehr": 2,
        "keine Angabe": 1,
    }
    assert section.total is not None and section.total.value == 14 and not section.withheld
    # "< 5" for the small ones: 14 - 6 - 5 tells only that they are three together
    assert str(rows["kein Kontakt mehr"]) == str(rows["keine Angabe"]) == "< 5"
    assert str(rows["weggezogen"]) == "5" and str(rows["Arbeit oder Ausbildung aufgenommen"]) == "6"
    assert str(dict(figures.section("persons").rows)["beendet"]) == "14"


@settings(max_examples=150, deadline=None)
@given(
    status=st.lists(st.integers(0, 12), min_size=3, max_size=3),
    parts=st.lists(st.integers(0, 12), min_size=1, max_size=4),
)
def test_the_reasons_give_away_no_hidden_number_of_either_list(status, parts) -> None:  # type: ignore[no-untyped-def]
    ended = status[2]
    reasons = [
        min(p, ended - sum(parts[:i])) if sum(parts[:i]) < ended else 0 for i, p in enumerate(parts)
    ]
    reasons[-1] += ended - sum(reasons)  # the reasons add up to the people ended
    figures = RawKeyFigures(
        period=PERIOD,
        persons=dict(zip(("new", "ongoing", "ended"), status, strict=True)),
        ended_by_reason={f"r{i}": n for i, n in enumerate(reasons)},
    )
    result = suppressed("Test", figures)
    persons, section = result.section("persons"), result.section("ended_reason")
    if section.withheld:
        return
    cells = [cell for _, cell in section.rows]
    ended_cell = dict(persons.rows)["beendet"]
    # shown, the reasons pin down their sum: that may only be a "beendet" that is shown too
    assert ended == 0 or not ended_cell.hidden
    options = list(_consistent(cells, ended_cell))
    assert tuple(c.value for c in cells) in options
    for i, cell in enumerate(cells):
        assert cell.hidden or cell.value == 0 or cell.value >= 5
        if cell.hidden:
            assert len({values[i] for values in options}) >= 2


def test_referrals_count_by_partner_kind_and_outcome_only_for_consenting_people(world) -> None:  # type: ignore[no-untyped-def]
    from pik.network import services as network_services
    from pik.network.models import Referral
    from tests.network.factories import actor_in

    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    jobcenter = actor_in(world.kreis_a, name="Jobcenter", kind="jobcenter")
    course = actor_in(world.kreis_a, name="Sprachschule", kind="language_course")
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=90), today)

    def refer(partner, *, statistics: bool, on: dt.date, status: str = "sent") -> None:  # type: ignore[no-untyped-def]
        record = person(im, world.kreis_a, start=today - dt.timedelta(days=200), consent=statistics)
        services.consent_record(
            client=record,
            purpose=Consent.Purpose.NETWORK,
            network_actor=partner.name,
            given_on=today - dt.timedelta(days=150),
            actor=im,
        )
        referral = network_services.referral_record(
            client=record, partner=partner, purpose="Termin", shared_on=on, actor=im
        )
        Referral.objects.filter(pk=referral.pk).update(status=status)

    for _ in range(6):
        refer(jobcenter, statistics=True, on=today - dt.timedelta(days=10), status="done")
    for _ in range(5):
        refer(course, statistics=True, on=today - dt.timedelta(days=20))
    for _ in range(4):  # no consent to statistics: not counted
        refer(jobcenter, statistics=False, on=today - dt.timedelta(days=10), status="done")
    refer(course, statistics=True, on=today - dt.timedelta(days=120))  # before the period
    figures = key_figures(user=coordinator, scope=Scope("kreis", world.kreis_a.ags), period=period)
    kinds = {label: cell for label, cell in figures.section("referral_kind").rows}
    states = {label: cell for label, cell in figures.section("referral_status").rows}
    assert {k: c.value for k, c in kinds.items()} == {"Jobcenter": 6, "Sprachkursträger": 5}
    assert {k: c.value for k, c in states.items()} == {"erledigt": 6, "vermittelt": 5}
    assert not any(c.hidden for c in [*kinds.values(), *states.values()])
    assert figures.section("referral_kind").total.value == 11  # type: ignore[union-attr]
    # one more with consent to statistics, not taken up: a count of 1, shown as "< 5", and
    # more hidden so that it cannot be worked out from the total (12 - 6 - 5)
    refer(course, statistics=True, on=today - dt.timedelta(days=5), status="not_taken_up")
    figures = key_figures(user=coordinator, scope=Scope("kreis", world.kreis_a.ags), period=period)
    section = figures.section("referral_status")
    states = {label: cell for label, cell in section.rows}
    assert str(states["nicht wahrgenommen"]) == "< 5" and section.total.value == 12  # type: ignore[union-attr]
    options = list(_consistent(list(states.values()), section.total))
    for i, cell in enumerate(states.values()):
        if cell.hidden:
            assert len({values[i] for values in options}) >= 2


def test_the_dashboard_shows_ended_by_reason_and_hides_what_could_be_worked_out(
    client, world
) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from pik.casework.selectors.keyfigures import Records, yearly_series
    from pik.casework.selectors.keyfigures import key_figures as raw_figures
    from pik.stats.dashboards import _reason_series

    im = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    last = timezone.localdate().year
    ends = {last - 2: ["goals_reached"] * 7, last - 1: ["goals_reached"] * 6 + ["moved_away"] * 2}
    for year, reasons in ends.items():
        for i, reason in enumerate(reasons):
            record = person(im, world.kreis_a, start=dt.date(year - 1, 3, 1 + i))
            Client.objects.filter(pk=record.pk).update(
                counselling_end=dt.date(year, 3, 1 + i), status="closed", end_reason=reason
            )
    records = Records(kreis_ids=(world.kreis_a.pk,))
    series = yearly_series(records, last - 2, last)
    for i, year in enumerate(series.years):
        one = raw_figures(records, Period.year(year))
        assert {k: v[i] for k, v in series.ended_by_reason.items() if v[i]} == {
            k: v for k, v in one.ended_by_reason.items() if v
        }
    shown = {s.name: list(s.shown or []) for s in _reason_series(series)}
    assert shown["Ziele erreicht"] == ["7", "x", "0"]  # 8 - 6 would give the 2 away
    assert shown["weggezogen"] == ["0", "< 5", "0"]
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:key_figure_dashboard")).content.decode()
    assert "Beendete Beratungen je Jahr nach Grund" in page
