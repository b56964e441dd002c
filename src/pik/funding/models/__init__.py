"""The funding models, one module per seam; every model is importable from here.

programmes: Programme, Budget, LedgerEntry, RuleVersion, Contingent, Applicant.
poolings: PoolingConsent. payments: PaymentRequest, PaymentBatch. reference: AdministrativeCourt.
deadlines: SentReminder, CalendarFeed.
applications: Application, Position, Attachment, ApplicationEvent, Notice.
"""

from pik.funding.models.applications import (
    Application,
    ApplicationEvent,
    Attachment,
    Notice,
    Position,
)
from pik.funding.models.deadlines import CalendarFeed, SentReminder
from pik.funding.models.payments import PaymentBatch, PaymentRequest
from pik.funding.models.poolings import PoolingConsent
from pik.funding.models.programmes import (
    Applicant,
    Budget,
    Contingent,
    LedgerEntry,
    Programme,
    RuleVersion,
)
from pik.funding.models.reference import AdministrativeCourt

__all__ = [
    "AdministrativeCourt",
    "Applicant",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "Budget",
    "CalendarFeed",
    "Contingent",
    "LedgerEntry",
    "Notice",
    "PaymentBatch",
    "PaymentRequest",
    "PoolingConsent",
    "Position",
    "Programme",
    "RuleVersion",
    "SentReminder",
]
