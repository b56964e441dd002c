"""Poolings bind only with every member's agreement.

A pooling (interkommunaler Zusammenschluss) is created as a proposal. Each member agrees through
its own administration (``pooling_confirm``), or the RPS records the member's written agreement
with the document attached (``pooling_record_agreement``). A proposal binds nobody: it has no
contingent, cannot apply, and its members may still apply alone or join another applicant. With
the last agreement it binds, provided every member is still free and the sum still reaches the
minimum contingent; otherwise that agreement is refused and nothing is saved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from pik.core import audit
from pik.core.numbers import format_money
from pik.core.uploads import UploadError, check_attachment
from pik.funding import rules, selectors
from pik.funding.models import Applicant, PoolingConsent, Programme
from pik.orgs.models import Gemeinde, User


def _members_free(
    programme: Programme, gemeinden: Iterable[Gemeinde], *, other_than: int | None = None
) -> None:
    """Refuse if a Gemeinde already belongs to a binding applicant of the programme.

    Locks the Gemeinden's rows first (in key order), so two applicants cannot bind the same
    Gemeinde at once; proposals are not counted, they bind nobody.
    """
    gemeinden = list(gemeinden)
    list(
        Gemeinde.objects.select_for_update().filter(pk__in=[g.pk for g in gemeinden]).order_by("pk")
    )
    binding = Applicant.objects.filter(
        programme=programme, members__in=gemeinden, bound_at__isnull=False
    )
    if other_than is not None:
        binding = binding.exclude(pk=other_than)
    taken = binding.values_list("members__name", flat=True).distinct()
    names = sorted({n for n in taken if n in {g.name for g in gemeinden}})
    if names:
        raise ValidationError(
            "Diese Gemeinden gehören schon zu einem Antragsteller: " + ", ".join(names)
        )


def _bind_if_agreed(applicant: Applicant) -> bool:
    """Bind the pooling if every member has agreed (refusing if it no longer can)."""
    if selectors.pooling_missing(applicant=applicant):
        return False
    members = list(applicant.members.all())
    _members_free(applicant.programme, members, other_than=applicant.pk)
    rule = selectors.rule_version_for(programme=applicant.programme, on=timezone.localdate())
    total = sum(
        selectors.member_contingents(programme=applicant.programme, gemeinden=members).values(),
        Decimal("0.00"),
    )
    if total < rule.min_contingent:
        raise ValidationError(
            f"Der Zusammenschluss erreicht mit {format_money(total, language='de')} nicht das "
            f"Mindestkontingent von {format_money(rule.min_contingent, language='de')}."
        )
    applicant.bound_at = timezone.now()
    applicant.save(update_fields=["bound_at", "updated_at"])
    return True


def _open_for_agreement(applicant: Applicant, gemeinde: Gemeinde) -> Applicant:
    """The pooling locked, after the checks every agreement shares."""
    applicant = Applicant.objects.select_for_update(of=("self",)).get(pk=applicant.pk)
    if applicant.kind != Applicant.Kind.POOLING:
        raise ValidationError(f"„{applicant}“ ist kein Zusammenschluss.")
    if applicant.is_bound:
        raise ValidationError(f"„{applicant}“ ist bereits verbindlich.")
    if not applicant.members.filter(pk=gemeinde.pk).exists():
        raise ValidationError(f"{gemeinde} gehört nicht zum Zusammenschluss „{applicant}“.")
    if applicant.consents.filter(gemeinde=gemeinde).exists():
        raise ValidationError(f"{gemeinde} hat dem Zusammenschluss bereits zugestimmt.")
    return applicant


def _consent_add(
    applicant: Applicant, gemeinde: Gemeinde, *, way: str, actor: User | None
) -> PoolingConsent:
    """One member's agreement stored (the services here and ``applicant_create`` for the lead)."""
    return PoolingConsent.objects.create(
        applicant=applicant, gemeinde=gemeinde, way=way, confirmed_by=actor
    )


@transaction.atomic
def pooling_confirm(*, applicant: Applicant, gemeinde: Gemeinde, actor: User) -> Applicant:
    """A member's administration agrees to the pooling; the last agreement binds it."""
    rules.require(
        rules.may_confirm_pooling(actor, gemeinde),
        f"Nur die Verwaltung der Gemeinde {gemeinde} kann ihre Zustimmung zum Zusammenschluss "
        "erklären.",
    )
    applicant = _open_for_agreement(applicant, gemeinde)
    _consent_add(applicant, gemeinde, way=PoolingConsent.Way.MEMBER, actor=actor)
    bound = _bind_if_agreed(applicant)
    audit.record(
        actor=actor, action="pooling.confirm", target=applicant, gemeinde=gemeinde.ags, bound=bound
    )
    return applicant


@transaction.atomic
def pooling_record_agreement(
    *, applicant: Applicant, gemeinde: Gemeinde, upload: UploadedFile | None, actor: User | None
) -> Applicant:
    """The RPS records a member's written agreement (PDF or scan attached); the last agreement
    binds the pooling."""
    rules.require(
        rules.may_record_pooling_agreement(actor, applicant),
        "Nur das Regierungspräsidium darf die Zustimmung einer Gemeinde zu einem "
        "Zusammenschluss erfassen.",
    )
    applicant = _open_for_agreement(applicant, gemeinde)
    if upload is None:
        raise ValidationError(
            {"file": "Bitte die schriftliche Vereinbarung der Gemeinde als Anlage beifügen."}
        )
    try:
        data, kind = check_attachment(upload)
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    consent = _consent_add(applicant, gemeinde, way=PoolingConsent.Way.RPS, actor=actor)
    consent.document_name = (upload.name or "Vereinbarung")[:255]
    consent.document_sha256 = hashlib.sha256(data).hexdigest()
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[kind]
    consent.document.save(
        f"{consent.document_sha256[:16]}.{extension}", ContentFile(data), save=False
    )
    consent.save(update_fields=["document", "document_name", "document_sha256"])
    bound = _bind_if_agreed(applicant)
    audit.record(
        actor=actor,
        action="pooling.record_agreement",
        target=applicant,
        gemeinde=gemeinde.ags,
        document=consent.document_name,
        bound=bound,
    )
    return applicant
