"""Who may do what in the funding procedures: named predicates, decided in this one place.

Every funding service checks its own rule here and refuses with a German sentence, so a view, a
task, a future API and a test all get the same answer. Selectors use the same predicates for what
a page shows. A role that may never open a page whose existence is no secret (the budget overview,
the application list) gets 403 with the reason below; records of another Kreis stay 404.

``actor=None`` is the system (management commands, the demo data, background tasks): it may run
the system steps that say so (``is_system``), and it plays the ``SYSTEM`` part in the application
workflow, which no person ever plays.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.roles import Role
from pik.core.scoping import grants_for
from pik.funding.models import Applicant, Application
from pik.orgs.rules import is_system_administration

# --- Role sets --------------------------------------------------------------------------------

FUNDING_CASE_ROLES = frozenset(
    {Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR, Role.KREIS_COORDINATOR, Role.GEMEINDE_ADMIN}
)
BUDGET_READERS = frozenset({Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})
BUDGET_EDITORS = frozenset({Role.MINISTRY})
RPS = frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER})
APPLICANT_ROLES = frozenset({Role.KREIS_COORDINATOR, Role.GEMEINDE_ADMIN})

# --- The parts a user plays for one application (the workflow's roles) ------------------------

APPLICANT = "applicant"  # the Gemeinde (lead) administration, or the Kreis for a Kreis applicant
CASE_WORKER = "case_worker"  # the RPS case worker responsible for the applicant's Kreis
HEAD = "head"  # the RPS head of unit
SYSTEM = "system"  # the system itself (actor None): steps no person takes, e.g. issuing a notice


def is_system(actor: Any) -> bool:
    """A system step: a management command, the demo data or a background task (no person)."""
    return actor is None


def _has(user: Any, roles: frozenset[Role]) -> bool:
    return user is not None and bool(grants_for(user).roles & roles)


# Why a role may not open a page whose existence is no secret (the 403 page shows it; records
# of another Kreis stay 404).
APPLICATIONS_RESERVED = _(
    "Die Förderanträge und Kontingente sind dem Regierungspräsidium, der Prüfung und den "
    "antragstellenden Kommunen vorbehalten."
)
BUDGETS_RESERVED = _(
    "Diese Seite ist dem Ministerium, dem Regierungspräsidium und der Prüfung vorbehalten."
)
BUDGET_EDIT_RESERVED = _("Den Haushaltsansatz ändert nur das Ministerium.")
APPLY_RESERVED = _("Einen Antrag stellen nur Gemeinden und Landratsämter (Kreiskoordination).")


def can_see_applications(user: Any) -> bool:
    return _has(user, FUNDING_CASE_ROLES)


def can_see_budgets(user: Any) -> bool:
    return _has(user, BUDGET_READERS)


def can_edit_budgets(user: Any) -> bool:
    return _has(user, BUDGET_EDITORS)


def is_rps(user: Any) -> bool:
    return _has(user, RPS)


def is_rps_head(user: Any) -> bool:
    return _has(user, frozenset({Role.RPS_HEAD}))


def may_see_person_history(user: Any) -> bool:
    """The funding history of a named person across applicants: the RPS and the auditors
    (statewide), who check for double funding; never an applicant (other applicants' data)."""
    return _has(user, frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR}))


def can_apply(user: Any) -> bool:
    return _has(user, APPLICANT_ROLES)


def can_create_applicants(user: Any) -> bool:
    """May open the "new applicant" form at all (which applicant: ``may_create_applicant``)."""
    return is_rps(user) or can_apply(user)


def is_responsible_case_worker(user: Any, kreis_id: int | None) -> bool:
    """An RPS case worker responsible for this Kreis."""
    if user is None:
        return False
    grants = grants_for(user)
    return Role.RPS_CASE_WORKER in grants.roles and kreis_id in grants.rps_kreise


def is_applicant_for(user: Any, applicant: Applicant) -> bool:
    """This user speaks for the applicant: the Kreis coordinator for a Kreis applicant, the
    administration of the lead Gemeinde for a Gemeinde alone or a pooling."""
    if user is None:
        return False
    grants = grants_for(user)
    if applicant.kind == Applicant.Kind.KREIS:
        return (
            Role.KREIS_COORDINATOR in grants.roles and applicant.kreis_id in grants.casework_kreise
        )
    return Role.GEMEINDE_ADMIN in grants.roles and applicant.gemeinde_id in grants.funding_gemeinden


def is_applicant_of(user: Any, application: Application) -> bool:
    """ "The applicant of this application is me"."""
    return is_applicant_for(user, application.applicant)


def application_roles(user: Any, application: Application) -> set[str]:
    """The parts this user plays for this application (the workflow's ``roles_of``)."""
    if is_system(user):
        return {SYSTEM}
    roles: set[str] = set()
    if is_rps_head(user):
        roles.add(HEAD)
    if is_responsible_case_worker(user, application.applicant.kreis_id):
        roles.add(CASE_WORKER)
    if is_applicant_of(user, application):
        roles.add(APPLICANT)
    return roles


def applicant_q(user: Any, prefix: str = "") -> Q:
    """``is_applicant_for`` as a filter over applicants (``prefix``: the path to the applicant,
    e.g. ``"applicant__"`` from applications)."""
    grants = grants_for(user)
    q = Q(pk__in=[])
    if Role.GEMEINDE_ADMIN in grants.roles:
        q |= Q(**{f"{prefix}gemeinde_id__in": sorted(grants.funding_gemeinden)}) & ~Q(
            **{f"{prefix}kind": Applicant.Kind.KREIS}
        )
    if Role.KREIS_COORDINATOR in grants.roles:
        q |= Q(
            **{
                f"{prefix}kreis_id__in": sorted(grants.casework_kreise),
                f"{prefix}kind": Applicant.Kind.KREIS,
            }
        )
    return q


def responsible_case_worker_q(user: Any, prefix: str = "") -> Q:
    """``is_responsible_case_worker`` as a filter (``prefix``: the path to the applicant)."""
    grants = grants_for(user)
    if Role.RPS_CASE_WORKER not in grants.roles:
        return Q(pk__in=[])
    return Q(**{f"{prefix}kreis_id__in": sorted(grants.rps_kreise)})


# --- The rules of the services ------------------------------------------------------------------


def may_publish_rule_version(actor: Any) -> bool:
    """Rule versions come with the reference data: the system administration enters them."""
    return is_system_administration(actor)


def may_set_budget(actor: Any) -> bool:
    """The ministry sets the yearly budgets."""
    return can_edit_budgets(actor)


def may_manage_contingents(actor: Any) -> bool:
    """The RPS (or the system) reads in the persons per Gemeinde and splits a budget."""
    return is_system(actor) or is_rps(actor)


def may_commit_funds(actor: Any) -> bool:
    """Money is bound by an RPS decision (or a system step), never by an applicant."""
    return is_system(actor) or is_rps(actor)


def may_create_applicant(
    actor: Any, *, members: Iterable[Any], kind: str, lead: Any = None
) -> bool:
    """The RPS may create any applicant; a Gemeinde administration one led by its own Gemeinde
    (the lead of a pooling, else the one Gemeinde); a Kreis coordinator the hand-over to the Kreis
    of Gemeinden in that Kreis."""
    if is_system(actor) or is_rps(actor):
        return True
    members = list(members)
    if not members:
        return False
    grants = grants_for(actor)
    if kind == Applicant.Kind.KREIS:
        return Role.KREIS_COORDINATOR in grants.roles and all(
            g.kreis_id in grants.casework_kreise for g in members
        )
    leader = lead if lead is not None else members[0]
    return (
        Role.GEMEINDE_ADMIN in grants.roles
        and leader in members
        and leader.pk in grants.funding_gemeinden
    )


def may_confirm_pooling(actor: Any, gemeinde: Any) -> bool:
    """A member agrees to a pooling through its own administration (Gemeinde administrator)."""
    if actor is None:
        return False
    grants = grants_for(actor)
    return Role.GEMEINDE_ADMIN in grants.roles and gemeinde.pk in grants.funding_gemeinden


def may_record_pooling_agreement(actor: Any, applicant: Applicant) -> bool:
    """The RPS (head, or the case worker responsible for the pooling's Kreis) records a member's
    written agreement; so may the system (demo data)."""
    return (
        is_system(actor)
        or is_rps_head(actor)
        or is_responsible_case_worker(actor, applicant.kreis_id)
    )


# --- Payments (Mittelabruf, Zahlungslisten) -----------------------------------------------------

PAYMENTS_RESERVED = _(
    "Die Mittelabrufe sind dem Regierungspräsidium, der Prüfung und den Zuwendungsempfängern "
    "vorbehalten."
)
BATCHES_RESERVED = _("Die Zahlungslisten sind dem Regierungspräsidium und der Prüfung vorbehalten.")


def may_set_bank_details(actor: Any, applicant: Applicant) -> bool:
    """The recipient's own administration enters where the money goes (never the RPS, so a
    payee cannot be redirected by the same office that releases the payment)."""
    return is_applicant_for(actor, applicant)


def may_file_payment_request(actor: Any, application: Application) -> bool:
    """The recipient (the applicant's administration) requests money of its own grant."""
    return is_applicant_of(actor, application)


def may_see_payment_batches(user: Any) -> bool:
    return _has(user, frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR}))


def may_manage_payment_batches(actor: Any) -> bool:
    """The RPS gathers released requests into a batch and books it after the transfer."""
    return is_rps(actor)


# --- Deadlines and statewide figures ------------------------------------------------------------

DEADLINE_ROLES = FUNDING_CASE_ROLES
KREIS_DEADLINE_ROLES = frozenset(
    {Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR, Role.KREIS_COORDINATOR}
)
DEADLINES_RESERVED = _(
    "Fristen der Förderverfahren sehen das Regierungspräsidium, die Prüfung und die "
    "antragstellenden Kommunen."
)
FIGURES_RESERVED = _(
    "Die landesweiten Zahlen sind dem Ministerium, dem Regierungspräsidium und der Prüfung "
    "vorbehalten."
)


def can_see_deadlines(user: Any) -> bool:
    return _has(user, DEADLINE_ROLES)


def may_see_kreis_deadlines(user: Any, kreis_id: int) -> bool:
    """The Kreis calendar: its coordinator, the RPS case worker responsible for it, and the RPS
    head and the auditors statewide."""
    if user is None:
        return False
    grants = grants_for(user)
    if grants.roles & {Role.RPS_HEAD, Role.AUDITOR}:
        return True
    if is_responsible_case_worker(user, kreis_id):
        return True
    return Role.KREIS_COORDINATOR in grants.roles and kreis_id in grants.casework_kreise


def can_see_figures(user: Any) -> bool:
    """Statewide figures (aggregates only, never a name): ministry, RPS and auditors."""
    return _has(user, BUDGET_READERS)


def may_manage_calendar_feed(actor: Any, user: Any) -> bool:
    """A secret calendar link is made and revoked by its own user only (who sees deadlines)."""
    return actor is not None and actor == user and can_see_deadlines(actor)


def may_send_reminders(actor: Any) -> bool:
    """Reminders are sent by the daily job (the system), never on behalf of a person."""
    return is_system(actor)


def require(allowed: bool, refusal: str) -> None:
    """Refuse with ``refusal``, a whole German sentence saying what is not allowed."""
    if not allowed:
        raise PermissionDenied(refusal)


# --- Repayment (Rückforderung) ------------------------------------------------------------------

BASE_RATES_RESERVED = _(
    "Die Basiszinssätze sind dem Ministerium, dem Regierungspräsidium und der Prüfung vorbehalten."
)
REPAYMENT_INSIDERS = frozenset({Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})


def can_see_base_rates(user: Any) -> bool:
    return _has(user, BUDGET_READERS)


def may_add_base_rate(actor: Any) -> bool:
    """The ministry enters a newly published base rate (§ 247 BGB)."""
    return can_edit_budgets(actor)


def may_see_repayment_proposals(user: Any) -> bool:
    """A proposed or discarded claim is internal to the RPS (and the auditors): the applicant
    sees a claim once it is issued."""
    return _has(user, REPAYMENT_INSIDERS)


def may_handle_repayment(actor: Any, application: Application) -> bool:
    """Proposes a claim and records its payments: the RPS case worker responsible for the
    applicant's Kreis, or the head of unit."""
    return is_rps_head(actor) or is_responsible_case_worker(actor, application.applicant.kreis_id)


def may_book_repayments(actor: Any) -> bool:
    """Repayments are booked by the RPS (or a system step), never by an applicant."""
    return is_system(actor) or is_rps(actor)


def repayment_roles(user: Any, claim: Any) -> set[str]:
    """The parts a user plays for a repayment claim: those for its application."""
    return application_roles(user, claim.application) - {APPLICANT}


# --- Proof of use (Verwendungsnachweis) ---------------------------------------------------------


def may_write_proof(actor: Any, application: Application) -> bool:
    """The recipient (the applicant of the approved application) writes its proof of use."""
    return is_applicant_of(actor, application)


def may_fill_key_figures(actor: Any, application: Application) -> bool:
    """Key figures are taken from case work by the recipient (the button on the proof's page)
    or by the system's January job, which prepares the yearly draft (ADR 0039)."""
    return is_system(actor) or may_write_proof(actor, application)


def may_prepare_yearly_drafts(actor: Any) -> bool:
    """The yearly key-figure drafts are prepared by the daily job in January, not by a person."""
    return is_system(actor)


def may_check_proof(actor: Any, application: Application) -> bool:
    """The RPS checks a proof of use: the head statewide, a case worker for their Kreise."""
    return is_rps_head(actor) or is_responsible_case_worker(actor, application.applicant.kreis_id)
