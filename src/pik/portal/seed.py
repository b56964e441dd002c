"""The first content of the portal, German and English, written from the domain facts.

Loaded by the data migration (historical models) and by tests after a database flush; the
editors change it like any other content afterwards. Figures that change with the rules
(rates, fixed amounts) are not repeated here: the programme pages show them from the data.
"""

from __future__ import annotations

from typing import Any

ABOUT_DE = """\
Das Land Baden-Württemberg und die kommunalen Landesverbände – Landkreistag, Städtetag und
Gemeindetag – haben am **27. April 2017** den *Pakt für Integration mit den Kommunen* (PIK)
geschlossen. Sein Kern ist das **Integrationsmanagement**: Integrationsmanagerinnen und
-manager begleiten Geflüchtete in der kommunalen Anschlussunterbringung in Einzelfallberatung
auf dem Weg in ein selbstständiges Leben. Die Teilnahme ist für die Geflüchteten freiwillig.

## Landesmittel

| Jahr | Landesmittel für das Integrationsmanagement |
|---|---|
| 2017 | 58 Millionen Euro |
| 2018 | 58 Millionen Euro |
| 2019 | 70 Millionen Euro |
| 2020 | 70 Millionen Euro |
| 2021 | 70 Millionen Euro |
| 2025 | 58 Millionen Euro |
| 2026 | 58 Millionen Euro |

Die Erhöhung für 2019 hat die Gemeinsame Finanzkommission am 24. Juli 2018 empfohlen; die
Mittel für 2020 und 2021 stammen aus der Integrationspauschale des Bundes. Dazu kommen
2,2 Millionen Euro für **digitale Lösungen im Integrationsmanagement**.

## Rechtsgrundlage

Grundlage ist die *VwV Integrationsmanagement* des Ministeriums für Soziales und Integration,
geändert am 11. November 2020 mit Wirkung vom 1. Januar 2020. Seit der neuen VwV vom
6. Juni 2023 beantragen nur noch die Stadt- und Landkreise, und das Geld folgt der Zahl der
aufgenommenen Geflüchteten („Geld folgt Geflüchteten“).

## Wer die Verfahren führt

Das Regierungspräsidium Stuttgart, Referat 15.2, Dienststelle Wertheim, führt beide
Förderverfahren für das ganze Land: Antrag, Prüfung, Zuwendungsbescheid, Mittelabruf und
Auszahlung, Verwendungsnachweis. Fragen beantwortet das Team unter
[integrationsmanagement@rps.bwl.de](mailto:integrationsmanagement@rps.bwl.de).
"""

ABOUT_EN = """\
On **27 April 2017** the State of Baden-Württemberg and the associations of local
authorities – Landkreistag, Städtetag and Gemeindetag – agreed the *Pact for Integration with
the Municipalities* (PIK). Its core is **integration management**: integration managers
accompany refugees in follow-up municipal housing through individual counselling on their way
to an independent life. Taking part is voluntary for the refugees.

## State funding

| Year | State funds for integration management |
|---|---|
| 2017 | EUR 58 million |
| 2018 | EUR 58 million |
| 2019 | EUR 70 million |
| 2020 | EUR 70 million |
| 2021 | EUR 70 million |
| 2025 | EUR 58 million |
| 2026 | EUR 58 million |

The increase for 2019 was recommended by the Joint Finance Commission on 24 July 2018; the
funds for 2020 and 2021 come from the federal integration lump sum. In addition,
EUR 2.2 million fund **digital solutions in integration management**.

## Legal basis

The basis is the ministry's *VwV Integrationsmanagement*, amended on 11 November 2020 with
effect from 1 January 2020. Since the new VwV of 6 June 2023 only urban and rural districts
apply, and the money follows the number of refugees taken in.

## Who runs the procedures

Regierungspräsidium Stuttgart, unit 15.2, office Wertheim, runs both funding procedures for
the whole state. Questions:
[integrationsmanagement@rps.bwl.de](mailto:integrationsmanagement@rps.bwl.de).
"""

WORK_DE = """\
Integrationsmanagerinnen und -manager leisten **Sozialbegleitung** in Einzelfallberatung:
aufsuchend, niedrigschwellig und kultursensibel. Sie verweisen an die Regeldienste, vernetzen
die Akteure vor Ort und unterstützen Ehrenamtliche.

Mit jeder Person erarbeiten sie einen **individuellen Integrationsplan** mit einer
Zielvereinbarung, etwa zu Sprache, Schule, Ausbildung, Arbeit, Wohnen, Gesundheit oder
gesellschaftlicher Teilhabe, und schreiben ihn regelmäßig fort.

Eine Person wird höchstens drei Jahre begleitet, in begründeten Fällen vier Jahre.
"""

WORK_EN = """\
Integration managers provide **social support** through individual case work: outreach,
low-threshold and culturally sensitive. They refer people to regular services, network the
local actors and support volunteers.

With every person they draw up an **individual integration plan** with a goal agreement,
for example on language, school, training, work, housing, health or taking part in society,
and review it at regular intervals.

A person is accompanied for at most three years, four in justified cases.
"""

PAGES = [
    {
        "path": "ueber-den-pakt",
        "title_de": "Über den Pakt",
        "title_en": "About the pact",
        "body_de": ABOUT_DE,
        "body_en": ABOUT_EN,
    },
    {
        "path": "ueber-den-pakt/integrationsmanagement",
        "title_de": "Was Integrationsmanagerinnen und -manager tun",
        "title_en": "What integration managers do",
        "body_de": WORK_DE,
        "body_en": WORK_EN,
    },
]

# slug, category, programme, question de, question en, answer de, answer en
FAQ = [
    (
        "wer-kann-beantragen", "who", "im",
        "Wer kann eine Förderung für das Integrationsmanagement beantragen?",
        "Who can apply for integration management funding?",
        "Seit der VwV vom 6. Juni 2023 beantragen die **Stadt- und Landkreise**. Bis dahin "
        "beantragten Gemeinden selbst, wenn ihr Kontingent mindestens 51.000 Euro betrug; "
        "kleinere Gemeinden schlossen sich zusammen, auch über Kreisgrenzen, oder übertrugen "
        "die Aufgabe dem Landratsamt.",
        "Since the VwV of 6 June 2023 the **urban and rural districts** apply. Before that, "
        "municipalities applied themselves if their contingent was at least EUR 51,000; "
        "smaller ones pooled, also across district borders, or handed the task to the district.",
    ),
    (
        "traeger", "who", "im",
        "Können freie Träger Integrationsmanagerinnen und -manager beschäftigen?",
        "Can welfare organisations employ integration managers?",
        "Ja. Die Kommune kann die Mittel an Träger wie Caritas, Diakonie, DRK oder AWO "
        "**weiterleiten**; der Antrag und die Verantwortung bleiben bei der Kommune.",
        "Yes. The municipality may **pass the money on** to providers such as Caritas, "
        "Diakonie, DRK or AWO; the application and the responsibility stay with it.",
    ),
    (
        "was-wird-gefoerdert", "what", "im",
        "Welche Ausgaben werden gefördert?",
        "Which costs are funded?",
        "Gefördert werden **Personal- und Fortbildungsausgaben** mit einem Festbetrag je "
        "Vollzeitstelle und Jahr, der sich nach der Qualifikation richtet; deshalb wird die "
        "Person im Antrag genannt. Büro-, Reise- und Sachausgaben werden nicht gefördert. "
        "Eine Stelle kann geteilt werden; jeder Teil umfasst mindestens 0,25 einer "
        "Vollzeitstelle. Die geltenden Beträge stehen auf der Seite des Programms.",
        "Funding covers **staff and training costs** with a fixed amount per full-time "
        "position and year that depends on the qualification, so the person is named in the "
        "application. Office, travel and equipment costs are not funded. A position may be "
        "split; each part is at least 0.25 of a full-time position. The amounts in force are "
        "on the programme page.",
    ),
    (
        "foerderdauer", "what", "im",
        "Wie lange wird eine Stelle gefördert?",
        "How long is a position funded?",
        "In der Regel **24 Monate** ab dem ersten Arbeitstag. Seit der Änderung 2020 sind "
        "insgesamt höchstens 60 Monate möglich, dazu 12 Monate, wenn die Gehaltszahlung "
        "unterbrochen war.",
        "As a rule **24 months** from the manager's first day. Since the 2020 amendment at "
        "most 60 months in total are possible, plus 12 months where salary payments were "
        "interrupted.",
    ),
    (
        "antrag-stellen", "application", "",
        "Wie stelle ich einen Antrag?",
        "How do I apply?",
        "Online in pik: Melden Sie sich mit dem Zugang Ihrer Organisation an (Passwort und "
        "zweiter Faktor) und füllen Sie den Antrag aus. Das Regierungspräsidium Stuttgart "
        "prüft ihn und erlässt den **Zuwendungsbescheid**.",
        "Online in pik: sign in with your organisation's account (password and second factor) "
        "and fill in the application. Regierungspräsidium Stuttgart checks it and issues the "
        "**funding notice**.",
    ),
    (
        "auszahlung", "payment", "",
        "Wann wird die Zuwendung ausgezahlt?",
        "When is the grant paid?",
        "Die erste Rate von **60 Prozent** wird auf Grundlage vorläufiger Zahlen ausgezahlt, "
        "der Rest auf Ihren Mittelabruf.",
        "The first instalment of **60 per cent** is paid on preliminary figures, the rest when "
        "you request it.",
    ),
    (
        "rueckforderung", "payment", "",
        "Was geschieht mit Mitteln, die nicht verwendet wurden?",
        "What happens to money that was not used?",
        "Nicht oder nicht zweckentsprechend verwendete Mittel werden zurückgefordert. Der "
        "Erstattungsanspruch wird nach § 49a LVwVfG mit **5 Prozentpunkten über dem "
        "Basiszinssatz** verzinst.",
        "Money not used, or not used as approved, is reclaimed. Under § 49a LVwVfG the claim "
        "bears interest at **5 percentage points above the base rate**.",
    ),
    (
        "verwendungsnachweis", "proof", "im",
        "Was gehört zum Verwendungsnachweis und wann ist er fällig?",
        "What does the proof of use contain and when is it due?",
        "- ein zahlenmäßiger Nachweis je Integrationsmanagerin und -manager,\n"
        "- die landesweiten **Kennzahlen** für den ganzen Zeitraum,\n"
        "- ein Sachbericht (rund drei Seiten) je Antragsteller.\n\n"
        "Er ist **drei Monate** nach dem Ende des längsten Förderzeitraums fällig. Die "
        "Kennzahlen melden Sie außerdem jährlich bis zum 31. Januar für das Vorjahr.",
        "- a numerical statement per integration manager,\n"
        "- the statewide **key figures** for the whole period,\n"
        "- a narrative report (about three pages) per applicant.\n\n"
        "It is due **three months** after the longest funded period ends. The key figures "
        "are also reported every year by 31 January for the previous year.",
    ),
    (
        "datenschutz", "privacy", "",
        "Wie werden die Daten der beratenen Menschen geschützt?",
        "How are the data of the people counselled protected?",
        "Teilnahme und jede Weitergabe beruhen auf einer **informierten Einwilligung** mit "
        "Zweck, Datum und Umfang; sie kann widerrufen werden. Nur zusammengefasste, "
        "anonymisierte Kennzahlen verlassen die Fallarbeit, kleine Zahlen werden unterdrückt. "
        "Jeder Zugriff wird protokolliert, und die Daten werden nach Ablauf der Frist gelöscht.",
        "Taking part and every transfer rest on **informed consent** with purpose, date and "
        "scope; it can be withdrawn. Only aggregated, anonymised key figures leave the case "
        "work, small counts are suppressed. Every access is logged, and the data are deleted "
        "when the retention period ends.",
    ),
    (
        "digitale-loesungen", "digital", "digital",
        "Was fördert das Programm „Digitale Lösungen im Integrationsmanagement“?",
        "What does the programme “Digital solutions in integration management” fund?",
        "Mit **2,2 Millionen Euro** die Anschaffung und Nutzung digitaler Werkzeuge, die die "
        "Arbeit der Integrationsmanagerinnen und -manager unterstützen, ihre Qualität "
        "verbessern und die Beteiligten vernetzen. Bedingung: Der Antragsteller gibt **allen "
        "im Kreis tätigen** Integrationsmanagerinnen und -managern Zugang zu dem Werkzeug.",
        "With **EUR 2.2 million** it funds acquiring and using digital tools that support "
        "integration managers' work, raise its quality and network the actors involved. "
        "Condition: the applicant gives **every integration manager working in the district** "
        "access to the tool.",
    ),
]  # fmt: skip


def ensure_seed_content(apps: Any) -> None:
    """Create the first pages and FAQ entries where they are missing (idempotent)."""
    page_model = apps.get_model("portal", "Page")
    version_model = apps.get_model("portal", "PageVersion")
    faq_model = apps.get_model("portal", "FaqEntry")
    for position, data in enumerate(PAGES):
        path = data["path"]
        if page_model.objects.filter(path=path).exists():
            continue
        parent_path, _, slug = path.rpartition("/")
        parent = page_model.objects.filter(path=parent_path).first() if parent_path else None
        texts = {k: data[k] for k in ("title_de", "title_en", "body_de", "body_en")}
        page = page_model.objects.create(
            parent=parent, slug=slug, path=path, is_published=True, position=position, **texts
        )
        version_model.objects.create(
            page=page, number=1, parent=parent, slug=slug, is_published=True, **texts
        )
    for position, (slug, category, programme, q_de, q_en, a_de, a_en) in enumerate(FAQ):
        faq_model.objects.get_or_create(
            slug=slug,
            defaults={
                "category": category,
                "programme": programme,
                "question_de": q_de,
                "question_en": q_en,
                "answer_de": a_de,
                "answer_en": a_en,
                "position": position,
            },
        )
