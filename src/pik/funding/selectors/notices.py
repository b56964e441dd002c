"""Notices: the PDF for download, the ones overdue, and what a letter needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from pik.core.scoping import get_visible_or_404, visible
from pik.funding import rules
from pik.funding.models import AdministrativeCourt, Notice, Position
from pik.orgs.models import User


def notice_get(*, user: User, pk: int) -> Notice:
    if not rules.can_see_applications(user):
        raise Http404
    notice = get_visible_or_404(Notice.objects.select_related("application"), user, pk=pk)
    if not notice.pdf:
        raise Http404
    return notice


def notice_has_pdf(*, notice_id: int) -> bool:
    """System read for the background job: is this notice rendered already?"""
    return Notice.objects.filter(pk=notice_id).exclude(pdf="").exists()


@dataclass(frozen=True)
class MissingNotices:
    """Notices whose PDF is overdue, for the RPS start page (the check queues them again)."""

    count: int
    notices: list[Notice]

    def __bool__(self) -> bool:
        return self.count > 0


def notices_missing(*, user: User, limit: int = 20) -> MissingNotices:
    """Decided applications whose notice has no PDF NOTICE_CHECK_MINUTES after the decision.

    Shown to the RPS so that a notice lost to a dead worker is seen, not only logged.
    """
    if not rules.is_rps(user):
        return MissingNotices(0, [])
    cutoff = timezone.now() - dt.timedelta(minutes=settings.NOTICE_CHECK_MINUTES)
    qs = visible(Notice.objects.filter(pdf="", created_at__lte=cutoff), user)
    notices = list(
        qs.select_related("application", "application__applicant").order_by("created_at")[:limit]
    )
    count = len(notices) if len(notices) < limit else qs.count()
    return MissingNotices(count, notices)


def notice_for_document(*, notice_id: int) -> tuple[Notice, list[Position]]:
    """The notice with everything its letter shows, and the positions (system read for the
    background job; ``documents.notice_context`` turns it into the letter's context)."""
    notice = Notice.objects.select_related(
        "application__applicant__kreis__regierungsbezirk",
        "application__applicant__gemeinde",
        "application__programme",
        "application__rule_version",
        "application__proposed_by",
        "issued_by",
    ).get(pk=notice_id)
    positions = list(notice.application.positions.select_related("provider"))
    return notice, positions


def court_for(*, regierungsbezirk_ags: str) -> AdministrativeCourt:
    """The administrative court of a Regierungsbezirk (the district of the applicant's seat).

    A missing court is a broken installation, not a letter without remedy: it raises.
    """
    try:
        return AdministrativeCourt.objects.get(regierungsbezirk_ags=regierungsbezirk_ags)
    except AdministrativeCourt.DoesNotExist as exc:
        raise LookupError(
            f"Für den Regierungsbezirk {regierungsbezirk_ags} ist kein Verwaltungsgericht "
            "hinterlegt."
        ) from exc
