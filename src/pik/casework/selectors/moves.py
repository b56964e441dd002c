"""Reads of handovers and transfers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from pik.casework import rules
from pik.casework.models import Client, Handover, TransferRequest
from pik.casework.workflow import HANDOVER
from pik.core.scoping import get_visible_or_404, visible

if TYPE_CHECKING:
    from pik.orgs.models import User


def handover_get(*, user: User, pk: Any) -> Handover:
    return get_visible_or_404(
        Handover.objects.select_related("client", "from_user", "to_user"), user, pk=pk
    )


def handovers_for_me(*, user: User) -> QuerySet[Handover]:
    return (
        visible(Handover.objects.all(), user)
        .filter(to_user=user, status=Handover.Status.PENDING)
        .select_related("client", "from_user")
    )


def client_handovers(*, client: Client) -> QuerySet[Handover]:
    return Handover.objects.filter(client=client).select_related("from_user", "to_user")


def handover_allowed(handover: Handover, user: User) -> list[Any]:
    """The moves this user may make on the handover now (for the buttons)."""
    return HANDOVER.allowed(handover, user)


def transfer_get(*, user: User, pk: Any) -> TransferRequest:
    """Only the receiving Kreis's coordinator opens a transfer request."""
    transfer = get_visible_or_404(
        TransferRequest.objects.select_related("client", "from_kreis", "to_kreis", "requested_by"),
        user,
        pk=pk,
    )
    if not rules.is_coordinator_of(user, transfer.to_kreis_id):
        raise Http404
    return transfer


def transfers_incoming(*, user: User) -> QuerySet[TransferRequest]:
    kreise = [k for k in [rules.casework_kreis_id(user)] if rules.is_coordinator_of(user, k)]
    return (
        visible(TransferRequest.objects.all(), user)
        .filter(to_kreis_id__in=kreise, status=TransferRequest.Status.REQUESTED)
        .select_related("client", "from_kreis", "requested_by")
    )


def client_transfers(*, client: Client) -> QuerySet[TransferRequest]:
    return TransferRequest.objects.filter(client=client).select_related(
        "to_kreis", "from_kreis", "requested_by"
    )
