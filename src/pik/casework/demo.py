"""Demo casework for Böblingen and Stuttgart: invented clients, contacts, plans and tasks.

Every name and story is invented. Idempotent: a Kreis that already has demo clients is skipped.
Runs after ``pik.orgs.demo`` (apps are seeded in INSTALLED_APPS order), which creates the users.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, TextIO

from django.utils import timezone

from pik.casework import services
from pik.casework.models import Client, Consent
from pik.orgs.models import Gemeinde, Kreis, User
from pik.orgs.names import place_name

DOMAIN = "demo.pik-bw.example"
KREISE = {"08115": "boeblingen", "08111": "stuttgart"}

PEOPLE: list[tuple[str, str, int, str, str, str]] = [
    # first, last, birth year, gender, country, languages
    ("Mohammed", "Al-Hassan", 1988, "male", "Syrien", "Arabisch, Deutsch A2"),
    ("Amina", "Al-Hassan", 1991, "female", "Syrien", "Arabisch"),
    ("Farhad", "Rezaei", 1979, "male", "Afghanistan", "Dari, Paschtu"),
    ("Oksana", "Melnyk", 1985, "female", "Ukraine", "Ukrainisch, Russisch, Englisch"),
    ("Yusuf", "Tesfaye", 1996, "male", "Eritrea", "Tigrinya, Englisch"),
    ("Layla", "Haidari", 2001, "female", "Afghanistan", "Dari, Deutsch B1"),
    ("Dmytro", "Bondarenko", 1974, "male", "Ukraine", "Ukrainisch"),
    ("Samira", "Khalil", 1983, "female", "Irak", "Arabisch, Kurdisch"),
    ("Ibrahima", "Jallow", 1998, "male", "Gambia", "Mandinka, Englisch"),
    ("Nour", "Darwish", 1993, "female", "Syrien", "Arabisch, Deutsch B1"),
    ("Hassan", "Mohammadi", 1987, "male", "Iran", "Farsi"),
    ("Olena", "Kovalenko", 1990, "female", "Ukraine", "Ukrainisch, Deutsch A1"),
    ("Abdullahi", "Warsame", 1995, "male", "Somalia", "Somali, Arabisch"),
    ("Zahra", "Ahmadi", 1999, "female", "Afghanistan", "Dari"),
    ("Muhammad", "Yilmaz", 1980, "male", "Türkei", "Türkisch, Kurdisch"),
    ("Tetiana", "Shevchenko", 1968, "female", "Ukraine", "Ukrainisch"),
    ("Ahmad", "Sultani", 2003, "male", "Afghanistan", "Dari, Deutsch A2"),
    ("Mariam", "Idris", 1992, "female", "Sudan", "Arabisch"),
    ("Chinedu", "Okafor", 1990, "male", "Nigeria", "Englisch (fließend), Igbo, Deutsch A2"),
]
NATIONALITY = {
    "Syrien": "syrisch",
    "Afghanistan": "afghanisch",
    "Ukraine": "ukrainisch",
    "Eritrea": "eritreisch",
    "Irak": "irakisch",
    "Gambia": "gambisch",
    "Iran": "iranisch",
    "Somalia": "somalisch",
    "Türkei": "türkisch",
    "Sudan": "sudanesisch",
    "Nigeria": "nigerianisch",
}
#: Names as the people write them (Arabic, Dari/Farsi, Ukrainian script).
ORIGINAL = {
    "Al-Hassan": "الحسن",
    "Rezaei": "فرهاد رضایی",
    "Melnyk": "Оксана Мельник",
    "Bondarenko": "Дмитро Бондаренко",
    "Khalil": "سميرة خليل",
    "Darwish": "نور درويش",
    "Kovalenko": "Олена Коваленко",
}
SITUATIONS = {
    "language": "Integrationskurs begonnen, im Alltag noch unsicher.",
    "work": "Berufserfahrung im Herkunftsland, derzeit ohne Arbeit.",
    "housing": "Anschlussunterbringung, zu zweit in einem Zimmer.",
    "family": "Kinder im Kita- und Grundschulalter.",
    "participation": "Kaum Kontakte außerhalb der Unterkunft.",
}
NOTES = [
    "Bescheid vom Jobcenter gemeinsam gelesen, Widerspruchsfrist notiert.",
    "Anmeldung Integrationskurs besprochen; Termin bei der Volkshochschule vereinbart.",
    "Wohnungssuche: zwei Anzeigen gemeinsam beantwortet.",
    "Kita-Platz für die Tochter: Antrag ausgefüllt.",
    "Anerkennung des Berufsabschlusses: Unterlagen für die IHK gesammelt.",
    "Hausbesuch in der Anschlussunterbringung, Heizung defekt an Vermieter gemeldet.",
    "Telefonisch: Frage zur Verlängerung der Aufenthaltserlaubnis.",
    "Bewerbung als Lagerhelfer geschrieben.",
    "Begleitung zum Bürgeramt (Ummeldung).",
    "Sportverein vermittelt, Probetraining am Samstag.",
]
GOALS = [
    (
        "language",
        "Deutsch B1 bis zum Jahresende",
        ["Integrationskurs anmelden", "Prüfung B1 ablegen"],
    ),
    (
        "work",
        "Arbeitsstelle im erlernten Beruf",
        ["Lebenslauf erstellen", "Anerkennung beantragen"],
    ),
    ("housing", "Eigene Wohnung finden", ["Wohnberechtigungsschein beantragen"]),
    ("family", "Kita-Platz für die Kinder", ["Anmeldung bei der Gemeinde"]),
    ("participation", "Kontakt zu Vereinen im Ort", ["Probetraining im Sportverein"]),
]
TOPICS = ["language", "work", "housing", "family", "residence", "finances", "health", "school"]


def _user(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@{DOMAIN}").first()


def seed(*, stdout: TextIO) -> None:
    made = 0
    for ags, slug in KREISE.items():
        kreis = Kreis.objects.filter(ags=ags).first()
        managers = [u for u in (_user(f"im{i}.{slug}") for i in (1, 2, 3)) if u is not None]
        coordinator = _user(f"koordination.{slug}")
        if kreis is None or not managers or coordinator is None:
            continue
        if Client.objects.filter(kreis=kreis, responsible__in=managers).exists():
            continue
        made += _seed_kreis(kreis, managers, coordinator, random.Random(int(ags)))  # noqa: S311 - demo data
    stdout.write(f"Fallarbeit: {made} Demo-Akten angelegt.\n")


def _seed_kreis(kreis: Kreis, managers: list[User], coordinator: User, rng: random.Random) -> int:
    today = timezone.localdate()
    gemeinden = list(Gemeinde.objects.filter(kreis=kreis).order_by("-population")[:5])
    clients: list[Client] = []
    for index, (first, last, year, gender, country, languages) in enumerate(PEOPLE):
        manager = managers[index % len(managers)]
        start = today - dt.timedelta(days=rng.randint(60, 700))
        finished = index == len(PEOPLE) - 1  # counselling ended long ago: retention due soon
        if finished:
            start = today - dt.timedelta(days=1000)
        end = start + dt.timedelta(days=300) if finished else today
        client = services.client_create(
            kreis=kreis,
            data=services.ClientData(
                first_name=first,
                last_name=last,
                birth_year=year,
                gender=gender,
                country_of_origin=country,
                languages=languages,
                residence_status=rng.choice(
                    ["Aufenthaltserlaubnis § 25 Abs. 2 AufenthG", "§ 24 AufenthG", "Duldung", ""]
                ),
                gemeinde=rng.choice(gemeinden) if gemeinden else None,
                phone=f"0151 {rng.randint(1000000, 9999999)}",
                counselling_start=start,
                nationality=NATIONALITY.get(country, ""),
                name_original=ORIGINAL.get(last, ""),
                # some permits run out within the 8 weeks "Mein Tag" looks ahead
                residence_valid_until=today + dt.timedelta(days=rng.randint(20, 500)),
                housing_entry=start - dt.timedelta(days=rng.randint(10, 120)),
                planned_end=start + dt.timedelta(days=3 * 365),
                school_qualification=rng.choice(["Abitur", "9 Jahre Schule", "keine Angabe"]),
                occupation=rng.choice(["Lagerhelfer/in", "Reinigung", "Schneiderin", ""]),
            ),
            consent_given_on=start,
            consent_language=rng.choice(["ar", "fa", "uk", "en", "tr", "de"]),
            household_name="Familie Al-Hassan" if index == 0 else "",
            actor=manager,
        )
        if index == 1:  # Amina joins Mohammed's household
            client.household = clients[0].household
            client = services.client_update(
                client=client,
                data=services.ClientData.of(client),
                expected_version=client.version,
                actor=manager,
            )
        clients.append(client)
        _contacts(client, manager, start, end, rng)
        if finished:
            services.client_close(
                client=client,
                ended_on=end,
                reason=rng.choice(Client.EndReason.values),
                actor=manager,
            )
        elif index % 3 != 2:
            _plan(client, manager, start, today, rng)
        if index % 4 == 0:
            services.task_create(
                title=rng.choice(
                    [
                        "Rückruf wegen Bescheid",
                        "Termin Ausländerbehörde vorbereiten",
                        "Unterlagen Anerkennung nachreichen",
                        "Kita-Anmeldung nachfassen",
                    ]
                ),
                due_on=today + dt.timedelta(days=rng.randint(-2, 6)),
                assigned_to=manager,
                client=client,
                actor=manager,
            )
    # A handover waiting for acceptance, a transfer consent, a closed record nearing retention.
    if len(managers) > 1:
        services.handover_request(
            client=clients[1],
            to_user=managers[0],
            note="Familie zieht in Ihren Bezirk.",
            actor=managers[1 % len(managers)],
        )
    services.consent_record(
        client=clients[3], purpose=Consent.Purpose.TRANSFER, given_on=today, actor=managers[0]
    )
    # Most people agree to the anonymised statistics, so the Kreis statistics are not empty.
    for index, client in enumerate(clients):
        if index % 6 != 5 and client.status == Client.Status.ACTIVE:
            services.consent_record(
                client=client,
                purpose=Consent.Purpose.STATISTICS,
                given_on=client.counselling_start,
                actor=client.responsible or managers[0],
            )
    # Sharing with a named network partner, on a consent given with a witness.
    partner = "Jobcenter " + place_name(kreis.name)
    services.consent_record(
        client=clients[0],
        purpose=Consent.Purpose.NETWORK,
        network_actor=partner,
        form=Consent.Form.VERBAL_WITNESS,
        witness="Frau Haddad (Dolmetscherin)",
        form_language="ar",
        given_on=today - dt.timedelta(days=14),
        actor=clients[0].responsible or managers[0],
    )
    # (what went to the partner on it: pik.network's demo)
    unassigned = services.client_create(
        kreis=kreis,
        data=services.ClientData(
            first_name="Bilal",
            last_name="Nasser",
            birth_year=1997,
            gender="male",
            country_of_origin="Libanon",
            languages="Arabisch, Französisch",
            counselling_start=today,
        ),
        consent_given_on=today,
        consent_language="ar",
        responsible=None,
        actor=coordinator,
    )
    return len(clients) + (1 if unassigned else 0)


def _contacts(
    client: Client, manager: User, start: dt.date, end: dt.date, rng: random.Random
) -> None:
    span = (end - start).days
    for _ in range(rng.randint(2, 6)):
        services.contact_record(
            client=client,
            occurred_on=start + dt.timedelta(days=rng.randint(0, span)),
            kind=rng.choice(
                ["in_person", "in_person", "outreach", "phone", "email", "video", "messenger"]
            ),
            interpreter=rng.random() < 0.3,
            duration_minutes=rng.choice([15, 30, 45, 60, 90]),
            topics=rng.sample(TOPICS, k=rng.randint(1, 2)),
            notes=rng.choice(NOTES),
            actor=manager,
        )


def _plan(client: Client, manager: User, start: dt.date, today: dt.date, rng: random.Random) -> Any:
    agreed = start + dt.timedelta(days=min(21, (today - start).days))
    services.plan_save(
        client=client,
        data=services.PlanData(
            status="agreed",
            agreed_on=agreed,
            review_due=today + dt.timedelta(days=rng.randint(-5, 60)),
            language_skills=client.languages,
            school_education=rng.choice(
                ["9 Jahre Schule im Herkunftsland", "Abitur", "keine Angabe"]
            ),
            vocational_qualifications=rng.choice(["Schneiderin", "Elektriker", "Buchhaltung", ""]),
            interests=rng.choice(["Fußball", "Nähen", "Kochen", "Musik"]),
            agreements="Treffen alle zwei Wochen; Unterlagen bringt die Klientin / der Klient mit.",
            situations=dict(rng.sample(sorted(SITUATIONS.items()), k=3)),
        ),
        expected_version=0,
        actor=manager,
    )
    for field, text, steps in rng.sample(GOALS, k=2):
        goal = services.goal_add(
            client=client,
            field=field,
            description=text,
            target_date=today + dt.timedelta(days=rng.randint(30, 300)),
            actor=manager,
        )
        for i, step_text in enumerate(steps):
            step = services.step_add(
                goal=goal,
                description=step_text,
                who=rng.choice(["client", "manager"]),
                due_on=today + dt.timedelta(days=rng.randint(7, 90)),
                actor=manager,
            )
            if i == 0 and rng.random() < 0.5:
                services.step_set_done(step=step, done=True, actor=manager)
