"""Every write of the funding procedures, one module per seam.

programmes (rule versions, budgets), contingents, applicants, poolings (members' agreement),
applications (draft and steps),
positions (staff positions, digital tool), attachments, notices, payments (bank details,
payment requests, payment batches), proofs, key_figures and proof_checks (proof of use),
repayments (base rates, claims, payments received). The public names are collected here, so
``from pik.funding import services; services.application_transition(...)`` reads the same for
every caller. Each service checks its own rule (``pik.funding.rules``).
"""

from pik.funding.services.applicants import applicant_create
from pik.funding.services.applications import application_create, application_transition
from pik.funding.services.attachments import attachment_add
from pik.funding.services.contingents import (
    ImportResult,
    contingents_import,
    contingents_split_budget,
)
from pik.funding.services.deadlines import (
    RemindersSent,
    calendar_feed_create,
    calendar_feed_revoke,
    deadline_reminders_send,
)
from pik.funding.services.key_figures import (
    YearlyDrafts,
    key_figure_drafts_prepare,
    proof_key_figures_confirm,
    proof_key_figures_from_casework,
    proof_key_figures_set,
)
from pik.funding.services.notices import notice_requeue_missing, notice_store_pdf
from pik.funding.services.payments import (
    applicant_bank_details_set,
    payment_batch_book,
    payment_batch_create,
    payment_request_file,
    payment_request_transition,
)
from pik.funding.services.poolings import pooling_confirm, pooling_record_agreement
from pik.funding.services.positions import digital_details_set, position_add, position_remove
from pik.funding.services.programmes import budget_set_total, rule_version_create
from pik.funding.services.proof_checks import proof_finding_add, proof_transition
from pik.funding.services.proofs import (
    proof_create,
    proof_invoice_add,
    proof_line_set,
    proof_report_upload,
)
from pik.funding.services.repayments import (
    base_rate_add,
    repayment_payment_record,
    repayment_propose,
    repayment_store_pdf,
    repayment_transition,
)

__all__ = [
    "ImportResult",
    "RemindersSent",
    "YearlyDrafts",
    "applicant_bank_details_set",
    "applicant_create",
    "application_create",
    "application_transition",
    "attachment_add",
    "base_rate_add",
    "budget_set_total",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "contingents_import",
    "contingents_split_budget",
    "deadline_reminders_send",
    "digital_details_set",
    "key_figure_drafts_prepare",
    "notice_requeue_missing",
    "notice_store_pdf",
    "payment_batch_book",
    "payment_batch_create",
    "payment_request_file",
    "payment_request_transition",
    "pooling_confirm",
    "pooling_record_agreement",
    "position_add",
    "position_remove",
    "proof_create",
    "proof_finding_add",
    "proof_invoice_add",
    "proof_key_figures_confirm",
    "proof_key_figures_from_casework",
    "proof_key_figures_set",
    "proof_line_set",
    "proof_report_upload",
    "proof_transition",
    "repayment_payment_record",
    "repayment_propose",
    "repayment_store_pdf",
    "repayment_transition",
    "rule_version_create",
]
