"""Pooling proposals: who still has to agree, and who may agree or record an agreement."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from pik.core.roles import Role
from pik.core.scoping import grants_for, visible
from pik.funding import rules
from pik.funding.models import Applicant, PoolingConsent, Programme
from pik.orgs.models import Gemeinde, User


def pooling_missing(*, applicant: Applicant) -> list[Gemeinde]:
    """The members of a pooling that have not agreed yet (in key order)."""
    agreed = PoolingConsent.objects.filter(applicant=applicant).values("gemeinde_id")
    return list(applicant.members.exclude(pk__in=agreed).order_by("ags"))


@dataclass(frozen=True)
class PoolingProposal:
    applicant: Applicant
    agreed: list[PoolingConsent]
    missing: list[Gemeinde]
    mine: list[Gemeinde]  # missing members this user may confirm (their administration)
    may_record: bool  # this user may record a written agreement (RPS)


def _own_gemeinden(user: User) -> frozenset[int]:
    grants = grants_for(user)
    return grants.funding_gemeinden if Role.GEMEINDE_ADMIN in grants.roles else frozenset()


def pooling_proposals(*, user: User, programme: Programme) -> list[PoolingProposal]:
    """Poolings not yet binding that this user sees: those of their scope, and for a Gemeinde
    administration every proposal that names its Gemeinde (whoever leads it)."""
    if not rules.can_see_applications(user):
        return []
    own = _own_gemeinden(user)
    proposals = Applicant.objects.filter(
        programme=programme, kind=Applicant.Kind.POOLING, bound_at__isnull=True
    )
    ids = set(visible(proposals, user).values_list("pk", flat=True))
    ids |= set(proposals.filter(members__in=own).values_list("pk", flat=True))
    result = []
    for applicant in proposals.filter(pk__in=ids).select_related("kreis", "gemeinde"):
        agreed = list(applicant.consents.select_related("gemeinde", "confirmed_by"))
        missing = pooling_missing(applicant=applicant)
        result.append(
            PoolingProposal(
                applicant=applicant,
                agreed=agreed,
                missing=missing,
                mine=[g for g in missing if g.pk in own],
                may_record=rules.may_record_pooling_agreement(user, applicant),
            )
        )
    return sorted(result, key=lambda p: p.applicant.name)


def _proposal(pk: int) -> Applicant:
    try:
        return Applicant.objects.select_related("programme", "kreis").get(
            pk=pk, kind=Applicant.Kind.POOLING
        )
    except Applicant.DoesNotExist as exc:
        raise Http404 from exc


def pooling_for_member(*, user: User, pk: int) -> tuple[Applicant, list[Gemeinde]]:
    """A pooling and the user's own member Gemeinden in it; 404 unless the user is the
    administration of one of its members."""
    own = _own_gemeinden(user)
    applicant = _proposal(pk)
    mine = list(applicant.members.filter(pk__in=own).order_by("ags"))
    if not mine:
        raise Http404
    return applicant, mine


def pooling_for_rps(*, user: User, pk: int) -> Applicant:
    """A pooling for the RPS to record a written agreement; 404 for everybody else."""
    applicant = _proposal(pk)
    if user is None or not rules.may_record_pooling_agreement(user, applicant):
        raise Http404
    return applicant


def pooling_member(*, applicant: Applicant, ags: str) -> Gemeinde:
    """A member of the pooling by its key; a German ValidationError for any other."""
    gemeinde = applicant.members.filter(ags=ags.strip()).first()
    if gemeinde is None:
        raise ValidationError(f"„{ags}“ ist keine Gemeinde dieses Zusammenschlusses.")
    return gemeinde
