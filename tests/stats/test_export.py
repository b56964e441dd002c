"""The key-figure export (XLSX, CSV, PDF) in the statewide template's layout: one sheet per year,
one row per applicant, each row suppressed on its own and counting what the key-figure page
shows for that applicant."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from pik.casework import services
from pik.casework.models import Consent
from pik.casework.selectors.keyfigures import Period
from pik.casework.selectors.keyfigures_grouped import TemplateFigures
from pik.core.roles import Role
from pik.funding.proofs import KEY_FIGURE_FIELDS
from pik.network import services as network_services
from pik.orgs.selectors import employer_keys, scope_place
from pik.stats import export
from pik.stats.keyfigures import Scope, key_figures
from tests.casework.factories import staff
from tests.stats.test_keyfigures import person

URL = "casework:key_figures_export"
FIRST, LAST = dt.date(2024, 7, 1), dt.date(2025, 6, 30)


def contact(record, manager, when, kind) -> None:  # type: ignore[no-untyped-def]
    services.contact_record(
        client=record, occurred_on=when, kind=kind, duration_minutes=30, actor=manager
    )


@pytest.fixture
def kreis_a(world):  # type: ignore[no-untyped-def]
    """Kreis A with two applicants: the Kreis (8 people since March 2024, 6 new in 2025, six
    contacts and three referrals in 2025) and a Träger (3 people, new in 2025)."""
    own = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    carrier = staff(Role.INTEGRATION_MANAGER, world.kreis_a, provider=world.provider_a)
    ongoing = [person(own, world.kreis_a, start=dt.date(2024, 3, 1 + i)) for i in range(8)]
    new = [person(own, world.kreis_a, start=dt.date(2025, 2, 1 + i)) for i in range(6)]
    for record in ongoing[:5]:
        contact(record, own, dt.date(2025, 3, 1), "phone")
    contact(new[0], own, dt.date(2025, 3, 2), "outreach")
    contact(ongoing[7], own, dt.date(2024, 9, 2), "in_person")
    for record in ongoing[:3]:
        services.consent_record(
            client=record,
            purpose=Consent.Purpose.NETWORK,
            network_actor="Sprachschule",
            given_on=dt.date(2025, 1, 1),
            actor=own,
        )
        network_services.referral_record(
            client=record,
            network_actor="Sprachschule",
            purpose="Kurs",
            shared_on=dt.date(2025, 1, 10),
            actor=own,
        )
    for i in range(3):
        person(carrier, world.kreis_a, start=dt.date(2025, 1, 10 + i))
    other = staff(Role.INTEGRATION_MANAGER, world.kreis_b)
    person(other, world.kreis_b, start=dt.date(2025, 1, 5))  # another Kreis: not in A's export
    return world


def _query(world, scope: str | None = None, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    query = {
        "scope": scope or f"kreis:{world.kreis_a.ags}",
        "start": FIRST.isoformat(),
        "end": LAST.isoformat(),
    }
    return {**query, **extra}


def _download(client, world, fmt: str, user, **query: str):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.get(reverse(URL, args=[fmt]), _query(world, **query))


def test_the_template_fields_are_the_proof_of_uses_in_its_order() -> None:
    assert [(n, str(label)) for n, label in export.FIELDS] == [
        (n, str(label)) for n, label in KEY_FIGURE_FIELDS
    ]


def test_xlsx_one_sheet_per_year_one_row_per_applicant_suppressed(client, kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    response = _download(client, world, "xlsx", staff(Role.KREIS_COORDINATOR, world.kreis_a))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('kennzahlen-20240701-20250630.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["01.07.–31.12.2024", "01.01.–30.06.2025"]
    sheet = book["01.01.–30.06.2025"]
    header = [c.value for c in sheet[1]]
    assert header == ["Kreis", "Antragsteller", *(str(label) for _n, label in KEY_FIGURE_FIELDS)]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:M3"
    assert sheet["A1"].font.bold
    kreis = str(world.kreis_a)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        # persons 14 (6 new, 8 ongoing, 0 ended), households 14 (each alone), plans 0/0,
        # contacts 6: 1 outreach
        # ("< 5"), 5 by phone hidden as its complement, and with none in person the total too
        # (6 - 5 would give the 1), goals 0, referrals 3
        [kreis, f"Kreis: {kreis}", 14, 14, 6, 0, 0, 0, "x", "< 5", "x", 0, "< 5"],
        # three people, all new: total and part "< 5", three households of one
        [kreis, f"Träger: {world.provider_a}", "< 5", "< 5", "< 5", 0, 0, 0, 0, 0, 0, 0, 0],
    ]
    assert sheet["C2"].data_type == "n" and sheet["C2"].number_format == "0"
    first = book["01.07.–31.12.2024"]
    # in the second half of 2024 only the eight who started in March, one contact in person
    assert [c.value for c in first[2]][2:9] == [8, 8, 0, 0, 0, 0, "< 5"]
    assert first.max_row == 3 and first["C3"].value == 0  # the Träger's people start in 2025


def test_each_row_counts_what_the_page_shows_for_that_applicant(client, kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    period = Period(FIRST, LAST)
    result = export.key_figure_export(
        user=coordinator, scope=Scope("kreis", world.kreis_a.ags), period=period
    )
    employers = {e.label: e.key for e in employer_keys(kreis_ids=[world.kreis_a.pk])}
    assert len(employers) == 2
    compared = 0
    for sheet in result.sheets:
        for row in sheet.rows:
            page = key_figures(
                user=coordinator,
                scope=Scope("employer", employers[row.applicant]),
                period=sheet.period,
            )
            persons = {label: cell.value for label, cell in page.section("persons").rows}
            channels = [cell.value for _label, cell in page.section("channel").rows]
            expected = {
                "persons_counselled": page.persons.value,
                "households": page.households.value,
                "persons_new": persons["neu"],
                "persons_ended": persons["beendet"],
                "plans_created": dict(page.section("plans").rows)["erstellt"].value,
                "plans_reviewed": dict(page.section("plans").rows)["überprüft"].value,
                "contacts_total": sum(channels),
                "contacts_outreach": sum(
                    c.value for label, c in page.section("channel").rows if label == "aufsuchend"
                ),
                "goals_reached": sum(c.value for _l, c in page.section("goals_reached").rows),
                "referrals": sum(c.value for _l, c in page.section("referral_status").rows),
            }
            for name, value in expected.items():
                assert row.cells[name].value == value, (sheet.title, row.applicant, name)
                compared += 1
            # what the page shows unsuppressed, the export shows as the same number
            if not page.persons.hidden and not row.cells["persons_counselled"].hidden:
                assert str(page.persons) == str(row.cells["persons_counselled"])
    assert compared == 2 * 2 * 10
    sums = [r.cells["persons_counselled"].value for r in result.sheets[1].rows]
    assert sums == [14, 3]


def test_csv_has_every_year_and_the_same_cells(client, kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    response = _download(client, world, "csv", staff(Role.KREIS_COORDINATOR, world.kreis_a))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Zeitraum", "Kreis", "Antragsteller"] and len(rows[0]) == 14
    assert [r[0] for r in rows[1:]] == [
        "01.07.2024 – 31.12.2024",
        "01.07.2024 – 31.12.2024",
        "01.01.2025 – 30.06.2025",
        "01.01.2025 – 30.06.2025",
    ]
    assert rows[3][3:] == ["14", "14", "6", "0", "0", "0", "x", "< 5", "x", "0", "< 5"]


def test_pdf_lists_the_applicants_per_year(client, kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    response = _download(client, world, "pdf", staff(Role.KREIS_COORDINATOR, world.kreis_a))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert f"Kennzahlen des Integrationsmanagements: {world.kreis_a}" in text
    assert "01.07.2024 – 31.12.2024" in text and "01.01.2025 – 30.06.2025" in text
    assert f"Träger: {world.provider_a}" in text and "< 5" in text
    assert "Beratungskontakte insgesamt" in text


def test_an_applicant_or_a_manager_as_the_scope_is_one_row(kreis_a, member) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    admin = member(Role.PROVIDER_ADMIN, "a")
    result = export.key_figure_export(
        user=admin,
        scope=Scope("employer", f"provider-{world.provider_a.pk}"),
        period=Period.year(2025),
    )
    assert [(r.applicant, str(r.cells["persons_counselled"])) for r in result.sheets[0].rows] == [
        (f"Träger: {world.provider_a}", "< 5")
    ]


def test_employer_keys_give_the_scopes_own_managers(kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    staff(Role.INTEGRATION_MANAGER, world.kreis_a, gemeinde=world.gemeinde_a)
    found = employer_keys(kreis_ids=[world.kreis_a.pk])
    assert [e.key.split("-")[0] for e in found] == ["gemeinde", "kreis", "provider"]
    for employer in found:
        place = scope_place("employer", employer.key)
        assert place is not None
        assert (employer.kreis_id, employer.manager_ids) == (
            place.kreis_id,
            tuple(sorted(place.manager_ids or ())),
        )
    assert employer_keys(kreis_ids=[world.kreis_b.pk])[0].key == f"kreis-{world.kreis_b.ags}"


def test_bad_input_a_backward_period_a_foreign_scope_an_unknown_format(client, kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    backwards = _download(client, world, "xlsx", coordinator, end="2024-01-31")
    assert backwards.status_code == 400
    assert "liegt vor seinem Beginn" in backwards.content.decode()
    foreign = _download(client, world, "xlsx", coordinator, scope=f"kreis:{world.kreis_b.ags}")
    assert foreign.status_code == 404
    state = _download(client, world, "csv", coordinator, scope="state:")
    assert state.status_code == 404
    assert _download(client, world, "docx", coordinator).status_code == 404


def test_the_page_links_the_exports_with_its_scope_and_period(client, kreis_a) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    client.force_login(staff(Role.KREIS_COORDINATOR, world.kreis_a))
    page = client.get(reverse("casework:key_figures"), _query(world)).content.decode()
    for fmt in ("xlsx", "csv", "pdf"):
        link = f"{reverse(URL, args=[fmt])}?scope=kreis%3A{world.kreis_a.ags}"
        assert f'href="{link}&amp;start=2024-07-01&amp;end=2025-06-30"' in page


def test_the_state_export_has_a_row_per_applicant_of_every_kreis(kreis_a, member) -> None:  # type: ignore[no-untyped-def]
    world = kreis_a
    result = export.key_figure_export(
        user=member(Role.MINISTRY), scope=Scope("state"), period=Period.year(2025)
    )
    rows = {(r.kreis, r.applicant): r for r in result.sheets[0].rows}
    assert str(rows[str(world.kreis_a), f"Kreis: {world.kreis_a}"].cells["persons_new"]) == "6"
    b = rows[str(world.kreis_b), f"Kreis: {world.kreis_b}"]
    assert b.cells["persons_counselled"].value == 1 and b.cells["persons_counselled"].primary


# --- Suppression per row: nothing hidden can be worked out from the row ------------------------


def _options(cells, total):  # type: ignore[no-untyped-def]
    """Every assignment of the hidden parts that fits what the row shows (a reader who knows
    the rule; the part not shown as a column is taken as known: the stricter case)."""
    shown = [c.value for c in cells if not c.hidden and c.value > 0]
    ranges = [
        range(1, 5)
        if c.primary
        else range(5, min(shown, default=40) + 1)
        if c.secondary
        else range(c.value, c.value + 1)
        for c in cells
    ]
    for values in itertools.product(*ranges):
        if total.hidden or sum(values) == total.value:
            yield values


@settings(max_examples=200, deadline=None)
@given(
    persons=st.lists(st.integers(0, 12), min_size=3, max_size=3),
    channels=st.lists(st.integers(0, 12), min_size=3, max_size=3),
    single=st.integers(0, 9),
)
def test_no_hidden_cell_of_a_row_can_be_worked_out(persons, channels, single) -> None:  # type: ignore[no-untyped-def]
    figures = TemplateFigures(
        persons=dict(zip(("new", "ongoing", "ended"), persons, strict=True)),
        households=single,
        contacts={"in_person": channels[0], "outreach": channels[1], "phone": channels[2]},
        plans={"created": single, "reviewed": 0},
        goals_reached=single,
    )
    cells = export.row_cells(figures, referrals=single)
    for cell in cells.values():  # what is shown is 0 or at least 5
        assert cell.hidden or cell.value == 0 or cell.value >= 5
    assert cells["contacts_remote"].value == channels[2]
    ongoing = export._group(persons)[1]  # the part that is no column
    groups = [
        ([cells["persons_new"], ongoing, cells["persons_ended"]], cells["persons_counselled"]),
        (
            [
                export._group(channels)[0],
                cells["contacts_outreach"],
                cells["contacts_remote"],
            ],
            cells["contacts_total"],
        ),
    ]
    for parts, total in groups:
        options = list(_options(parts, total))
        assert tuple(c.value for c in parts) in options
        for i, cell in enumerate(parts):
            if cell.hidden:
                assert len({values[i] for values in options}) >= 2
        if total.hidden and sum(c.value for c in parts) > 0:
            assert any(c.hidden for c in parts)  # a hidden total is not the sum of shown parts


def test_a_place_of_residence_narrows_every_applicants_row(kreis_a) -> None:  # type: ignore[no-untyped-def]
    from pik.casework.models import Client

    world = kreis_a
    Client.objects.filter(kreis=world.kreis_a, counselling_start__year=2025).update(
        gemeinde=world.gemeinde_a
    )  # the six new people of the Kreis's managers and the Träger's three
    coordinator = staff(Role.KREIS_COORDINATOR, world.kreis_a)
    scope, period = Scope("gemeinde", world.gemeinde_a.ags), Period.year(2025)
    result = export.key_figure_export(user=coordinator, scope=scope, period=period)
    shown = [(r.applicant, str(r.cells["persons_counselled"])) for r in result.sheets[0].rows]
    assert shown == [(f"Kreis: {world.kreis_a}", "6"), (f"Träger: {world.provider_a}", "< 5")]
    page = key_figures(user=coordinator, scope=scope, period=period)
    assert page.persons.value == sum(
        r.cells["persons_counselled"].value for r in result.sheets[0].rows
    )


def test_the_export_splits_contacts_as_the_proof_of_use_does() -> None:
    """Messenger is contact at a distance in the proof's template numbers; the export's row
    must split the same way (they were two constants once, and differed)."""
    from pik.casework.selectors.keyfigures import Period as P
    from pik.casework.selectors.keyfigures import RawKeyFigures
    from pik.casework.selectors.keyfigures_grouped import TemplateFigures
    from pik.stats.export import row_cells
    from pik.stats.proofs import template_numbers

    kinds = {"in_person": 20, "outreach": 6, "phone": 7, "email": 5, "video": 5, "messenger": 9}
    grouped = TemplateFigures(contacts=dict(kinds))
    cells = row_cells(grouped, referrals=0)
    raw = RawKeyFigures(period=P.year(2025), contacts_by_kind=dict(kinds))
    proof = template_numbers(raw, {"kind": {}, "status": {}})
    for name in ("contacts_total", "contacts_outreach", "contacts_remote"):
        assert cells[name].value == proof[name], name
    assert proof["contacts_remote"] == 26
