"""Repayment pages: the base-rate table, the claims, one claim with its steps and payments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pik.core.sorting import Sorting
from pik.funding import interest, rules, selectors, services
from pik.funding.forms import (
    BaseRateForm,
    RepaymentForm,
    RepaymentPaymentForm,
    RepaymentStepForm,
)
from pik.funding.views._http import show_errors, show_form_errors, user_of


def _refused(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, ValidationError):
        show_errors(request, exc)
    else:
        messages.error(request, str(exc))


@login_required
def base_rates(request: HttpRequest) -> HttpResponse:
    rates = selectors.base_rate_list(user=user_of(request))  # 403 for roles without the page
    may_add = rules.may_add_base_rate(request.user)
    form = BaseRateForm(request.POST or None) if may_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Basiszinssätze trägt nur das Ministerium ein.")
        if form.is_valid():
            try:
                services.base_rate_add(**form.cleaned_data, actor=user_of(request))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Der Basiszinssatz wurde eingetragen.")
                return redirect("funding:base_rates")
    return render(request, "funding/base_rates.html", {"rates": rates, "form": form})


@login_required
def repayment_list(request: HttpRequest) -> HttpResponse:
    sorting = Sorting.from_request(
        request.GET, selectors.REPAYMENT_SORT_COLUMNS, selectors.REPAYMENT_SORT_DEFAULT
    )
    claims = selectors.repayment_list(user=user_of(request), order=sorting.order_by())
    return render(request, "funding/repayment_list.html", {"claims": claims, "sorting": sorting})


@login_required
def repayment_new(request: HttpRequest, pk: int) -> HttpResponse:
    source = request.POST.get("proof") or request.GET.get("nachweis") or ""
    page = selectors.repayment_new_page(
        user=user_of(request),
        application_pk=pk,
        proof_pk=int(source) if source.isdigit() else None,
    )
    form = RepaymentForm(request.POST or None, initial=page.initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "proof"}
        try:
            claim = services.repayment_propose(
                application=page.application, **data, proof=page.proof, actor=user_of(request)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Die Rückforderung ist vorgeschlagen; eine zweite Person setzt sie fest."
            )
            return redirect("funding:repayment_detail", pk=claim.pk)
    return render(
        request,
        "funding/repayment_new.html",
        {"a": page.application, "form": form, "ceiling": page.ceiling, "proof": page.proof},
    )


@login_required
def repayment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.repayment_page(user=user_of(request), pk=pk)
    payment_form = (
        RepaymentPaymentForm(initial={"received_on": view.on}) if view.may_record_payment else None
    )
    return render(
        request,
        "funding/repayment_detail.html",
        {
            "view": view,
            "c": view.claim,
            "payment_form": payment_form,
            "convention": interest.CONVENTION,
        },
    )


@login_required
@require_POST
def repayment_step(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.repayment_get(user=user_of(request), pk=pk)
    form = RepaymentStepForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
    else:
        try:
            services.repayment_transition(
                claim=claim,
                action=form.cleaned_data["action"],
                actor=user_of(request),
                expected_version=form.cleaned_data["version"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _refused(request, exc)
        else:
            messages.success(request, "Der Schritt wurde ausgeführt.")
    return redirect("funding:repayment_detail", pk=pk)


@login_required
@require_POST
def repayment_payment(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.repayment_get(user=user_of(request), pk=pk)
    form = RepaymentPaymentForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
    else:
        try:
            services.repayment_payment_record(
                claim=claim, **form.cleaned_data, actor=user_of(request)
            )
        except (ValidationError, PermissionDenied) as exc:
            _refused(request, exc)
        else:
            messages.success(request, "Der Zahlungseingang wurde erfasst und gebucht.")
    return redirect("funding:repayment_detail", pk=pk)


@login_required
def repayment_notice(request: HttpRequest, pk: int) -> FileResponse:
    claim = selectors.repayment_notice_get(user=user_of(request), pk=pk)
    return FileResponse(
        claim.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"Rueckforderung-{claim.pk}.pdf",
    )
