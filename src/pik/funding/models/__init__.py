"""The funding models, one module per seam; every model is importable from here.

programmes: Programme, Budget, LedgerEntry, RuleVersion, Contingent, Applicant.
poolings: PoolingConsent. payments: PaymentRequest, PaymentBatch. proofs: ProofOfUse, ProofLine,
ProofInvoice, KeyFigures, ProofFinding. reference: AdministrativeCourt.
deadlines: SentReminder, CalendarFeed.
applications: Application, Position, Attachment, ApplicationEvent, Notice.
repayments: BaseRate, RepaymentClaim, RepaymentPayment.
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
from pik.funding.models.proofs import (
    KeyFigures,
    ProofFinding,
    ProofInvoice,
    ProofLine,
    ProofOfUse,
)
from pik.funding.models.reference import AdministrativeCourt
from pik.funding.models.repayments import BaseRate, RepaymentClaim, RepaymentPayment

__all__ = [
    "AdministrativeCourt",
    "Applicant",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "BaseRate",
    "Budget",
    "CalendarFeed",
    "Contingent",
    "KeyFigures",
    "LedgerEntry",
    "Notice",
    "PaymentBatch",
    "PaymentRequest",
    "PoolingConsent",
    "Position",
    "Programme",
    "ProofFinding",
    "ProofInvoice",
    "ProofLine",
    "ProofOfUse",
    "RepaymentClaim",
    "RepaymentPayment",
    "RuleVersion",
    "SentReminder",
]
