"""Payment requests (Mittelabruf), bank details and the payment batches for the cash office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pik.core.sorting import Sorting
from pik.funding import exports, rules, selectors, services
from pik.funding.forms import BankDetailsForm, PaymentRequestForm, PaymentStepForm
from pik.funding.views._http import XLSX, act, show_errors, user_of


@login_required
def payment_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    sorting = Sorting.from_request(
        request.GET, selectors.PAYMENT_REQUEST_SORT_COLUMNS, selectors.PAYMENT_REQUEST_SORT_DEFAULT
    )
    return render(
        request,
        "funding/payment_list.html",
        {
            "sorting": sorting,
            "requests": selectors.payment_request_list(user=user, order=sorting.order_by())[:200],
            "payable": selectors.payable_applications(user=user),
            "released": selectors.payment_requests_released(user=user),
            "batches": selectors.payment_batch_list(user=user),
            "may_batch": rules.may_manage_payment_batches(user),
        },
    )


@login_required
def payment_request_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    grant = selectors.grant_payments(user=user, pk=pk)
    application = grant.application
    if not rules.may_file_payment_request(user, application):
        raise Http404  # the form is the recipient's; the RPS sees the requests themselves
    positions = list(application.positions.all())
    form = PaymentRequestForm(request.POST or None, positions=positions)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        chosen = set(d.get("positions") or [])
        try:
            created = services.payment_request_file(
                application=application,
                amount=d["amount"],
                period_start=d["period_start"],
                period_end=d["period_end"],
                basis=d["basis"],
                positions=[p for p in positions if p.pk in chosen],
                actor=user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Der Mittelabruf wurde gestellt.")
            return redirect("funding:payment_request_detail", pk=created.pk)
    return render(request, "funding/payment_request_new.html", {"grant": grant, "form": form})


@login_required
def payment_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.payment_request_get(user=user_of(request), pk=pk)
    return render(request, "funding/payment_request_detail.html", {"view": view, "r": view.request})


@login_required
@require_POST
def payment_request_step(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.payment_request_get(user=user_of(request), pk=pk)
    return act(
        request,
        pk,
        PaymentStepForm(request.POST),
        lambda d: services.payment_request_transition(
            payment_request=view.request,
            action=d["action"],
            message=d["message"] or "",
            actor=user_of(request),
        ),
        "Der Schritt wurde ausgeführt.",
        back="funding:payment_request_detail",
    )


@login_required
def bank_details(request: HttpRequest, pk: int) -> HttpResponse:
    applicant = selectors.bank_applicant_get(user=user_of(request), pk=pk)
    form = BankDetailsForm(
        request.POST or None,
        initial={"iban": applicant.iban, "account_holder": applicant.account_holder},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.applicant_bank_details_set(
                applicant=applicant,
                iban=form.cleaned_data["iban"],
                account_holder=form.cleaned_data["account_holder"],
                actor=user_of(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Die Bankverbindung wurde gespeichert.")
            return redirect("funding:payment_list")
    return render(request, "funding/bank_details.html", {"applicant": applicant, "form": form})


@login_required
@require_POST
def payment_batch_create(request: HttpRequest) -> HttpResponse:
    try:
        batch = services.payment_batch_create(actor=user_of(request))
    except ValidationError as exc:
        show_errors(request, exc)
        return redirect("funding:payment_list")
    messages.success(request, f"Die Zahlungsliste {batch.number} wurde zusammengestellt.")
    return redirect("funding:payment_batch_detail", pk=batch.pk)


@login_required
def payment_batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.payment_batch_get(user=user_of(request), pk=pk)
    return render(
        request,
        "funding/payment_batch_detail.html",
        {"view": view, "may_book": rules.may_manage_payment_batches(request.user)},
    )


@login_required
def payment_batch_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    view = selectors.payment_batch_get(user=user_of(request), pk=pk)
    if fmt == "xlsx":
        response = HttpResponse(exports.payment_batch_xlsx(view), content_type=XLSX)
    else:
        response = HttpResponse(exports.payment_batch_csv(view), content_type="text/csv")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{view.batch.number}.{fmt}"'
    return response


@login_required
@require_POST
def payment_batch_book(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.payment_batch_get(user=user_of(request), pk=pk)
    if not rules.may_manage_payment_batches(request.user):
        raise Http404  # the auditors read batches, they never book one
    try:
        services.payment_batch_book(batch=view.batch, actor=user_of(request))
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, "Die Auszahlungen wurden im Haushalt gebucht.")
    return redirect("funding:payment_batch_detail", pk=pk)
