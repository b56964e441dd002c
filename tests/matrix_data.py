"""Objects in both Kreise for the permission matrix (funding part)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from pik.funding import services
from pik.funding.models import (
    Applicant,
    Application,
    Attachment,
    Budget,
    Notice,
    Position,
    Programme,
    RepaymentClaim,
)
from pik.funding.reference import ensure_reference_data
from pik.orgs.models import Gemeinde, User

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class FundingObjects:
    application: dict[str, Application]
    pooling: dict[str, Applicant]
    position: dict[str, Position]
    attachment: dict[str, Attachment]
    notice: dict[str, Notice]
    repayment: dict[str, RepaymentClaim]
    budget: Budget


def funding_objects(world: Any) -> FundingObjects:
    ensure_reference_data(apps)
    im = Programme.objects.get(code="im")
    data = b"ags,personen\n08115003,300\n08116019,300\n08115001,10\n08116004,10\n"
    assert services.contingents_import(
        year=2020, programme=im, data=data, filename="m.csv", actor=None
    ).saved
    result: dict[str, dict[str, Any]] = {
        "application": {},
        "position": {},
        "attachment": {},
        "notice": {},
        "pooling": {},
        "repayment": {},
    }
    for side, ags in (("a", "08115003"), ("b", "08116019")):
        gemeinde = Gemeinde.objects.get(ags=ags)
        applicant = services.applicant_create(
            programme=im, kind="gemeinde", members=[gemeinde], actor=None
        )
        author = User.objects.create_user(email=f"matrix-author-{side}@test.example")
        from pik.core.roles import Role
        from pik.orgs.services import membership_create

        membership_create(user=author, role=Role.GEMEINDE_ADMIN, gemeinde=gemeinde, actor=None)
        application = services.application_create(
            programme=im, applicant=applicant, year=2020, actor=author
        )
        position = services.position_add(
            application=application,
            person_name="Sara Nouri",
            qualification="university",
            share=Decimal("1.00"),
            start_date=dt.date(2020, 3, 1),
            months=24,
            actor=author,
        )
        attachment = services.attachment_add(
            application=application, upload=SimpleUploadedFile("a.pdf", PDF), actor=author
        )
        # submitted and sent back for information: the RPS sees it (a draft is the applicant's
        # alone), the applicant may still change it
        Application.objects.filter(pk=application.pk).update(
            status=Application.Status.INFO_REQUESTED, file_number=f"RPS15.2-IM-2020-{side}"
        )
        application.refresh_from_db()
        # a decided sibling application of the year before, with its notice PDF
        decided = services.application_create(
            programme=im, applicant=applicant, year=2019, actor=author
        )
        Application.objects.filter(pk=decided.pk).update(status=Application.Status.APPROVED)
        notice = Notice.objects.create(application=decided, kind=Notice.Kind.APPROVAL)
        services.notice_store_pdf(notice_id=notice.pk, pdf=PDF)
        result["application"][side] = application
        # a pooling proposed in the Kreis (the Gemeinde and a small neighbour), nobody agreed
        neighbour = Gemeinde.objects.get(ags={"a": "08115001", "b": "08116004"}[side])
        result["pooling"][side] = services.applicant_create(
            programme=im, kind="pooling", members=[gemeinde, neighbour], lead=gemeinde, actor=None
        )
        result["position"][side] = position
        result["attachment"][side] = attachment
        result["notice"][side] = Notice.objects.get(pk=notice.pk)
        # an issued repayment claim on the decided application, with its notice PDF
        claim = RepaymentClaim.objects.create(
            application=decided,
            status=RepaymentClaim.Status.ISSUED,
            reason=RepaymentClaim.Reason.NOT_USED,
            explanation="Stelle unbesetzt.",
            amount=Decimal("1000.00"),
            due_date=dt.date(2025, 1, 1),
        )
        result["repayment"][side] = services.repayment_store_pdf(claim_id=claim.pk, pdf=PDF)
    return FundingObjects(**result, budget=Budget.objects.get(programme=im, year=2020))
