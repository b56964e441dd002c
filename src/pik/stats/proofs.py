"""From case work to funding: the key figures of a proof of use, counted from case work.

The proof's key figures (the statewide template's fields) are counted for the proof's period
over the clients of the integration managers its applicant employs (its lead Gemeinde, or the
Kreis for a Kreis applicant) and those of each Träger that funds of the application are passed on
to: the "employer" scopes of ``pik.stats.keyfigures``, with the same rules (only clients with a
consent to statistics, counselling overlapping the period). Stats reads no funding model: the
proof comes from funding's scoped selector, its employers as plain data
(``proof_casework_basis``), and the numbers go to funding's service, which stores them waiting
for the recipient's confirmation. The proof carries exact counts (ADR 0039): for an employer
scope they equal the raw counts behind the key-figure page, and every cell that page shows as
a number.

The January job (``yearly_drafts``, daily through ``pik key_figure_drafts``) prepares the
yearly report: an interim proof of the year before for every applicant with a grant covering it,
its key figures taken from case work; nothing twice, nothing already entered overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pik.casework.selectors import keyfigures as raw
from pik.casework.selectors.keyfigures import Period, Records
from pik.funding import rules as funding_rules
from pik.funding import selectors as funding
from pik.funding import services as funding_services
from pik.orgs.selectors import scope_place
from pik.stats import keyfigures

if TYPE_CHECKING:
    from pik.funding.models import KeyFigures, ProofOfUse

OUTREACH = ("outreach",)
#: "per Telefon, E-Mail oder Video": every channel at a distance (messenger is written contact
#: at a distance as e-mail is).
REMOTE = ("phone", "email", "video", "messenger")


def employer_keys(basis: funding.CaseworkBasis) -> list[str]:
    """The key-figure scopes (kind "employer") whose managers' case work fills the proof."""
    own = f"gemeinde-{basis.gemeinde_ags}" if basis.gemeinde_ags else f"kreis-{basis.kreis_ags}"
    return [own, *(f"provider-{pk}" for pk in basis.provider_ids)]


def casework_scope(basis: funding.CaseworkBasis) -> tuple[str, Records]:
    """The employers' names and the records they cover (the union of their employer scopes)."""
    labels: list[str] = []
    kreise: list[int] = []
    managers: list[int] = []
    for key in employer_keys(basis):
        place = scope_place("employer", key)
        if place is None:  # a Träger or Gemeinde that no longer exists: nobody to count
            continue
        labels.append(place.label)
        if place.kreis_id is not None and place.kreis_id not in kreise:
            kreise.append(place.kreis_id)
        managers += [m for m in place.manager_ids or () if m not in managers]
    return ", ".join(labels), Records(kreis_ids=tuple(kreise), responsible_ids=tuple(managers))


def template_numbers(
    figures: raw.RawKeyFigures, referrals: dict[str, dict[str, int]]
) -> dict[str, int]:
    """The statewide template's fields (``pik.funding.proofs.KEY_FIGURE_NAMES``) from the raw
    counts of case work: the totals of the key-figure page's lists."""
    kinds = figures.contacts_by_kind
    return {
        "persons_counselled": figures.persons_total,
        "households": figures.households,
        "persons_new": figures.persons.get("new", 0),
        "persons_ended": figures.persons.get("ended", 0),
        "plans_created": figures.plans.get("created", 0),
        "plans_reviewed": figures.plans.get("reviewed", 0),
        "contacts_total": sum(kinds.values()),
        "contacts_outreach": sum(kinds.get(k, 0) for k in OUTREACH),
        "contacts_remote": sum(kinds.get(k, 0) for k in REMOTE),
        "goals_reached": sum(figures.goals_reached.values()),
        "referrals": sum(referrals["kind"].values()),
    }


def counted(records: Records, period: Period) -> dict[str, int]:
    """The template's numbers for records and a period (as ``keyfigures.key_figures`` counts)."""
    return template_numbers(*keyfigures.counts(records, period))


def fill(*, proof: ProofOfUse, actor: Any, replace: bool = True) -> KeyFigures | None:
    """Count the proof's key figures from case work and hand them to funding's service (which
    checks who may and that the proof is open)."""
    basis = funding.proof_casework_basis(proof=proof)
    label, records = casework_scope(basis)
    return funding_services.proof_key_figures_from_casework(
        proof=proof,
        figures=counted(records, Period(basis.start, basis.end)),
        scope_label=label,
        actor=actor,
        replace=replace,
    )


def proof_key_figures_take(*, user: Any, pk: int) -> KeyFigures | None:
    """The recipient's button: the proof through funding's scoped read (404 for a foreign one),
    refused before anything is counted for whoever may see but not write it."""
    proof = funding.proof_get(user=user, pk=pk)
    funding_rules.require(
        funding_rules.may_fill_key_figures(user, proof.application),
        "Kennzahlen aus der Fallarbeit übernimmt nur der Zuwendungsempfänger.",
    )
    return fill(proof=proof, actor=user)


@dataclass(frozen=True)
class DraftsDone:
    year: int | None
    created: int = 0
    filled: int = 0


def yearly_drafts(*, today: dt.date, year: int | None = None, actor: Any = None) -> DraftsDone:
    """In January (or for ``year``): the interim proofs of the year before prepared and their
    key figures taken from case work, as drafts for the applicants to check and confirm by the
    due date (31 January). Outside January without ``year``: nothing."""
    if year is None:
        if today.month != 1:
            return DraftsDone(year=None)
        year = today.year - 1
    drafts = funding_services.key_figure_drafts_prepare(year=year, actor=actor)
    filled = sum(fill(proof=p, actor=actor, replace=False) is not None for p in drafts.to_fill)
    return DraftsDone(year=year, created=len(drafts.created), filled=filled)
