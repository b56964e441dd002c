"""Every read of funding data a user triggers, scoped to that user; one module per seam.

programmes (rule versions, budgets), contingents (and applicants), poolings (proposals),
applications, notices, and pages (the page assemblies). The public names are collected here for
every caller.
"""

from pik.funding.selectors.applications import (
    ApplicationFilter,
    CaseWorkerIndex,
    application_get,
    application_list,
    attachment_get,
    case_worker_index,
    inbox,
    inbox_q,
    missing_access,
    position_get,
)
from pik.funding.selectors.contingents import (
    applicant_contingent,
    applicant_list,
    applicants_for,
    contingent_list,
    contingent_summary,
    contingent_years,
    member_contingents,
)
from pik.funding.selectors.notices import (
    MissingNotices,
    court_for,
    notice_for_document,
    notice_get,
    notice_has_pdf,
    notices_missing,
)
from pik.funding.selectors.pages import ApplicationView, application_view
from pik.funding.selectors.persons import PersonCheck, person_checks, person_key
from pik.funding.selectors.poolings import (
    PoolingProposal,
    pooling_for_member,
    pooling_for_rps,
    pooling_member,
    pooling_missing,
    pooling_proposals,
)
from pik.funding.selectors.programmes import (
    BudgetRow,
    PublicProgramme,
    budget_for,
    budget_get,
    budget_overview,
    contingent_rule_version,
    programme_get,
    programme_list,
    public_programme,
    public_programmes,
    rule_version_for,
)
from pik.funding.selectors.start import (
    ProviderPositions,
    Waiting,
    budget_charts,
    inbox_by_deadline,
    provider_positions,
)

__all__ = [
    "ApplicationFilter",
    "ApplicationView",
    "BudgetRow",
    "CaseWorkerIndex",
    "MissingNotices",
    "PersonCheck",
    "PoolingProposal",
    "ProviderPositions",
    "PublicProgramme",
    "Waiting",
    "applicant_contingent",
    "applicant_list",
    "applicants_for",
    "application_get",
    "application_list",
    "application_view",
    "attachment_get",
    "budget_charts",
    "budget_for",
    "budget_get",
    "budget_overview",
    "case_worker_index",
    "contingent_list",
    "contingent_rule_version",
    "contingent_summary",
    "contingent_years",
    "court_for",
    "inbox",
    "inbox_by_deadline",
    "inbox_q",
    "member_contingents",
    "missing_access",
    "notice_for_document",
    "notice_get",
    "notice_has_pdf",
    "notices_missing",
    "person_checks",
    "person_key",
    "pooling_for_member",
    "pooling_for_rps",
    "pooling_member",
    "pooling_missing",
    "pooling_proposals",
    "position_get",
    "programme_get",
    "programme_list",
    "provider_positions",
    "public_programme",
    "public_programmes",
    "rule_version_for",
]
