"""Agreement to a pooling: a member's administration confirms, the RPS records a written one.

The selectors answer 404 for whoever may not act on the pooling at all; the services check
their own rules and refuse in German.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from pik.funding import selectors, services
from pik.funding.forms import PoolingAgreementForm
from pik.funding.views._http import show_errors, show_form_errors, user_of


def _back(code: str) -> HttpResponse:
    return redirect("funding:contingent_overview", code=code)


@login_required
@require_POST
def pooling_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed-in Gemeinde administration agrees for its own member Gemeinde(n)."""
    applicant, mine = selectors.pooling_for_member(user=user_of(request), pk=pk)
    try:
        # All of this administration's members agree, or none does: nothing half-saved.
        with transaction.atomic():
            for gemeinde in mine:
                services.pooling_confirm(
                    applicant=applicant, gemeinde=gemeinde, actor=user_of(request)
                )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        applicant.refresh_from_db()
        messages.success(
            request,
            f"Ihre Zustimmung zum Zusammenschluss „{applicant}“ ist erfasst."
            + (
                " Alle Gemeinden haben zugestimmt: er ist jetzt verbindlich."
                if applicant.is_bound
                else ""
            ),
        )
    return _back(applicant.programme.code)


@login_required
@require_POST
def pooling_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """The RPS records one member's written agreement, the document attached."""
    applicant = selectors.pooling_for_rps(user=user_of(request), pk=pk)
    form = PoolingAgreementForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return _back(applicant.programme.code)
    try:
        gemeinde = selectors.pooling_member(applicant=applicant, ags=form.cleaned_data["gemeinde"])
        services.pooling_record_agreement(
            applicant=applicant,
            gemeinde=gemeinde,
            upload=form.cleaned_data["file"],
            actor=user_of(request),
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Die Zustimmung von {gemeinde} ist erfasst.")
    return _back(applicant.programme.code)
