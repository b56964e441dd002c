"""The portal's first content, written by the system through the same services the editors use:
the application form (PDF), a work aid for planning positions (XLSX), a summary of the legal
basis (PDF) and the Corona notice. Idempotent: what exists already is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pik.core.pdf import render_pdf
from pik.core.tables import workbook_bytes
from pik.core.uploads import PDF, XLSX
from pik.portal import services
from pik.portal.selectors import content

APPLICATION_FORM = "Antrag auf Förderung des Integrationsmanagements"
POSITIONS_AID = "Arbeitshilfe: Stellenplanung für den Antrag"
LEGAL_BASIS = "Verwaltungsvorschrift Integrationsmanagement (Überblick)"
CORONA = "Integrationsmanagement während der Corona-Pandemie"
CORONA_TEXT = (
    "Wo aufsuchende Arbeit und persönliche Beratung eingeschränkt sind, bleiben die "
    "Integrationsmanagerinnen und Integrationsmanager telefonisch und per E-Mail erreichbar. "
    "Bitte teilen Sie das Ihren Klientinnen und Klienten mit. Die Förderung ist dadurch nicht "
    "gefährdet."
)
FORM_FIELDS = [
    "Antragsteller (Gemeinde, Zusammenschluss oder Kreis)",
    "Gemeindeschlüssel bzw. Kreisschlüssel",
    "Ansprechperson, Telefon, E-Mail",
    "Förderjahr",
    "Bankverbindung (IBAN)",
]
LEGAL_PARAGRAPHS = [
    "Das Land fördert im Pakt für Integration mit den Kommunen Integrationsmanagerinnen und "
    "Integrationsmanager, die Geflüchtete in der kommunalen Anschlussunterbringung in "
    "Einzelfallberatung begleiten.",
    "Zuwendungsempfänger sind die Gemeinden, ihre Zusammenschlüsse und die Stadt- und "
    "Landkreise; Mittel können an Träger weitergeleitet werden.",
    "Das Regierungspräsidium Stuttgart, Referat 15.2, entscheidet für das ganze Land: "
    "Antrag, Prüfung, Zuwendungsbescheid, Mittelabruf und Auszahlung, Verwendungsnachweis.",
    "Maßgeblich ist der Wortlaut der Verwaltungsvorschrift in der jeweils geltenden Fassung; "
    "diese Übersicht ersetzt ihn nicht.",
]


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    return render_pdf("core/pdf/base.html", {"title": title, "paragraphs": paragraphs})


def _upload(*, title: str, category: str, name: str, data: bytes, kind: str) -> None:
    if any(row.document.title == title for row in content.document_list()):
        return
    services.document_upload(
        title=title,
        category=category,
        programme_code="im",
        valid_from=dt.date(2023, 6, 6),
        upload=SimpleUploadedFile(name, data, content_type=kind),
        actor=None,
    )


def seed_first_content() -> None:
    form = _pdf(
        APPLICATION_FORM,
        [
            "Bitte online in pik beantragen; dieses Formular dient der Vorbereitung.",
            *(f"{field}: ____________________________" for field in FORM_FIELDS),
            "Geförderte Stellen: siehe Arbeitshilfe Stellenplanung.",
        ],
    )
    _upload(title=APPLICATION_FORM, category="form", name="antrag.pdf", data=form, kind=PDF)
    sheet = workbook_bytes(
        "Stellen",
        ["Name der Person", "Qualifikation", "Stellenanteil (VZÄ)", "Beginn", "Monate", "Träger"],
        [],
    )
    _upload(
        title=POSITIONS_AID, category="work_aid", name="stellenplanung.xlsx", data=sheet, kind=XLSX
    )
    legal = _pdf(LEGAL_BASIS, LEGAL_PARAGRAPHS)
    _upload(title=LEGAL_BASIS, category="legal", name="vwv-ueberblick.pdf", data=legal, kind=PDF)
    if not content.notices_for_editors().filter(title=CORONA).exists():
        services.announcement_create(
            title=CORONA,
            text=CORONA_TEXT,
            shown_from=min(dt.date(2020, 3, 20), timezone.localdate()),
            link_url="https://www.integrationsbeauftragte.de/",
            link_text="Informationen der Integrationsbeauftragten der Bundesregierung zu Corona",
            publish=True,
            actor=None,
        )
