"""The audit actions of the funding procedures, with the label every log shows.

Each step of the application workflow is logged as ``application.<action>`` with the step's own
label from the transition table, so a new step is labelled the day it is added.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from pik.funding.proof_workflow import PROOF_ACTIONS
from pik.funding.workflow import APPLICATION, PAYMENT_REQUEST, REPAYMENT

ACTIONS: dict[str, Any] = {
    "rule_version.create": _("Fassung der Förderrichtlinie angelegt"),
    "ledger.commit": _("Mittel gebunden"),
    "budget.set_total": _("Haushaltsansatz geändert"),
    "contingents.import": _("Mittelkontingente eingelesen"),
    "contingents.split_budget": _("Haushaltsansatz auf Kontingente verteilt"),
    "applicant.create": _("Antragsteller angelegt"),
    "pooling.confirm": _("Zustimmung zum Zusammenschluss erklärt"),
    "pooling.record_agreement": _("Schriftliche Zustimmung zum Zusammenschluss erfasst"),
    "application.create": _("Antrag angelegt"),
    "application.digital_details": _("Angaben zur digitalen Lösung geändert"),
    "position.add": _("Stelle eingetragen"),
    "position.remove": _("Stelle entfernt"),
    "attachment.add": _("Anlage hochgeladen"),
    "notice.rendered": _("Bescheid erstellt"),
    "calendar_feed.create": _("Kalender-Link angelegt"),
    "calendar_feed.revoke": _("Kalender-Link widerrufen"),
    "deadline.remind": _("An Fristen erinnert"),
    **{f"application.{t.action}": t.label for t in APPLICATION.transitions},
    "base_rate.add": _("Basiszinssatz eingetragen"),
    "ledger.repay": _("Rückzahlung gebucht, Bindung freigegeben"),
    "repayment.propose": _("Rückforderung vorgeschlagen"),
    "repayment.payment": _("Zahlungseingang zur Rückforderung erfasst"),
    "repayment.rendered": _("Rückforderungsbescheid erstellt"),
    **{f"repayment.{t.action}": t.label for t in REPAYMENT.transitions},
    "applicant.bank_details": _("Bankverbindung hinterlegt"),
    "payment_request.file": _("Mittelabruf gestellt"),
    **{f"payment_request.{t.action}": t.label for t in PAYMENT_REQUEST.transitions},
    "payment_batch.create": _("Zahlungsliste zusammengestellt"),
    "payment_batch.book": _("Zahlungsliste gebucht"),
    "ledger.book_payments": _("Auszahlungen gebucht"),
    **PROOF_ACTIONS,
}
