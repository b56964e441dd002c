"""The funding models, one module per seam; every model is importable from here.

programmes: Programme, Budget, LedgerEntry, RuleVersion, Contingent, Applicant.
poolings: PoolingConsent. proofs: ProofOfUse, ProofLine, ProofInvoice, KeyFigures,
ProofFinding. reference: AdministrativeCourt.
applications: Application, Position, Attachment, ApplicationEvent, Notice.
"""

from pik.funding.models.applications import (
    Application,
    ApplicationEvent,
    Attachment,
    Notice,
    Position,
)
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

__all__ = [
    "AdministrativeCourt",
    "Applicant",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "Budget",
    "Contingent",
    "KeyFigures",
    "LedgerEntry",
    "Notice",
    "PoolingConsent",
    "Position",
    "Programme",
    "ProofFinding",
    "ProofInvoice",
    "ProofLine",
    "ProofOfUse",
    "RuleVersion",
]
