"""Pages of the proof of use (Verwendungsnachweis): started from the application page, written by
the recipient, checked by the RPS.

Every form posts, and goes back to the proof's page. Where a form had errors, what was typed is
kept for that one next page view (in the session) and shown with the German errors at the field,
so nobody types a whole line again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pik.core.pagination import KeysFirstPaginator
from pik.core.sorting import Sorting
from pik.funding import selectors, services
from pik.funding.proof_forms import (
    FindingForm,
    InvoiceForm,
    KeyFiguresConfirmForm,
    KeyFiguresForm,
    ProofLineForm,
    ProofNewForm,
    ProofStepForm,
    ReportForm,
)
from pik.funding.proofs import KEY_FIGURE_FIELDS
from pik.funding.views._http import show_errors, user_of

STASH = "proof_form"
FORMS: dict[str, Any] = {
    "line": ProofLineForm,
    "key_figures": KeyFiguresForm,
    "invoice": InvoiceForm,
    "finding": FindingForm,
}


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: list(msgs) for field, msgs in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


def _run(
    request: HttpRequest,
    pk: int,
    form: Any,
    call: Callable[[dict[str, Any]], object],
    success: str,
    *,
    stash: str = "",
    line: int | None = None,
) -> HttpResponse:
    """Validate ``form``, call the service, report in German and go back to the proof's page;
    on an error keep what was typed (``stash``: which form) for the next page view."""
    errors: dict[str, list[str]] = {}
    if not form.is_valid():
        errors = {f: [str(e) for e in errs] for f, errs in form.errors.items()}
    else:
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            errors = _errors(exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("funding:proof_detail", pk=pk)
        else:
            messages.success(request, success)
            return redirect("funding:proof_detail", pk=pk)
    for field, msgs in errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for msg in msgs:
            messages.error(request, f"{label}: {msg}" if label else msg)
    if stash:
        typed = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        request.session[STASH] = {
            "pk": pk,
            "form": stash,
            "line": line,
            "data": typed,
            "errors": errors,
        }
    return redirect("funding:proof_detail", pk=pk)


def _download(stored: Any, content_type: str, filename: str) -> FileResponse:
    return FileResponse(
        stored.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )


def _typed(request: HttpRequest, pk: int) -> dict[str, Any] | None:
    stash = request.session.pop(STASH, None)
    return stash if stash and stash.get("pk") == pk else None


def _rebound(stash: dict[str, Any], **kwargs: Any) -> Any:
    form = FORMS[stash["form"]](stash["data"], **kwargs)
    form.is_valid()
    for field, msgs in stash["errors"].items():
        for msg in msgs:
            target = field if field in form.fields else None
            if msg not in form.errors.get(target or "__all__", []):
                form.add_error(target, msg)
    return form


@login_required
def proof_list(request: HttpRequest) -> HttpResponse:
    """The proofs of use in the user's scope, by state (the RPS: what waits for the check)."""
    statuses = selectors.proof_statuses()
    status = request.GET.get("status", "")
    status = status if status in dict(statuses) else ""
    sorting = Sorting.from_request(
        request.GET, selectors.PROOF_SORT_COLUMNS, selectors.PROOF_SORT_DEFAULT
    )
    proofs = selectors.proof_list(user=user_of(request), status=status, order=sorting.order_by())
    page = KeysFirstPaginator(proofs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "funding/proof_list.html",
        {"page": page, "status": status, "statuses": statuses, "sorting": sorting},
    )


@login_required
@require_POST
def proof_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an interim or the final proof of use of an approved application."""
    application = selectors.application_get(user=user_of(request), pk=pk)
    form = ProofNewForm(request.POST)
    if form.is_valid():
        try:
            proof = services.proof_create(
                application=application,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                actor=user_of(request),
            )
        except ValidationError as exc:
            show_errors(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{proof.get_kind_display()} angelegt.")
            return redirect("funding:proof_detail", pk=proof.pk)
    else:
        messages.error(
            request, "Bitte die Art des Nachweises (und beim Zwischennachweis das Jahr) angeben."
        )
    return redirect("funding:application_detail", pk=pk)


@login_required
def proof_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.proof_view(user=user_of(request), pk=pk)
    proof = view.proof
    stash = _typed(request, pk)
    context: dict[str, Any] = {"view": view, "p": proof, "a": proof.application}
    if view.editable:
        line_forms = {}
        for line in proof.lines.all():
            if stash and stash["form"] == "line" and stash["line"] == line.pk:
                line_forms[line.pk] = _rebound(stash, prefix_id=line.pk)
                continue
            initial = {
                name: getattr(line, name) for name in ProofLineForm.base_fields if name != "version"
            }
            line_forms[line.pk] = ProofLineForm(
                initial={**initial, "version": proof.version}, prefix_id=line.pk
            )
        context["line_forms"] = line_forms
        context["report_form"] = ReportForm()
        figures = view.key_figures
        context["key_figures_form"] = (
            _rebound(stash)
            if stash and stash["form"] == "key_figures"
            else KeyFiguresForm(
                initial={n: getattr(figures, n) for n, _ in KEY_FIGURE_FIELDS} if figures else None
            )
        )
        context["invoice_form"] = (
            _rebound(stash) if stash and stash["form"] == "invoice" else InvoiceForm()
        )
    forms = context.get("line_forms", {})
    context["line_rows"] = [
        (line, view.funded_until[line.pk], forms.get(line.pk)) for line in proof.lines.all()
    ]
    if view.may_check:
        context["finding_form"] = (
            _rebound(stash) if stash and stash["form"] == "finding" else FindingForm()
        )
    if view.key_figures:
        context["key_figure_rows"] = [
            (label, getattr(view.key_figures, name)) for name, label in KEY_FIGURE_FIELDS
        ]
    return render(request, "funding/proof_detail.html", context)


@login_required
@require_POST
def proof_line(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    line = selectors.proof_line_get(proof=proof, pk=line_pk)
    return _run(
        request,
        pk,
        ProofLineForm(request.POST, prefix_id=line_pk),
        lambda d: services.proof_line_set(
            line=line,
            actor=user_of(request),
            filled_from=d["filled_from"],
            filled_to=d["filled_to"],
            salary_paid=d["salary_paid"],
            interrupted_from=d["interrupted_from"],
            interrupted_to=d["interrupted_to"],
            changed_on=d["changed_on"],
            new_person_name=d["new_person_name"],
            new_qualification=d["new_qualification"],
            expected_version=d["version"],
        ),
        f"Die Angaben zur Stelle von {line.position.person_name} sind gespeichert.",
        stash="line",
        line=line_pk,
    )


@login_required
@require_POST
def proof_report(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    return _run(
        request,
        pk,
        ReportForm(request.POST, request.FILES),
        lambda d: services.proof_report_upload(
            proof=proof, upload=d["file"], actor=user_of(request)
        ),
        "Der Sachbericht wurde hochgeladen.",
    )


@login_required
def proof_report_download(request: HttpRequest, pk: int) -> FileResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    if not proof.report:
        raise Http404
    return _download(proof.report, proof.report_type, proof.report_name)


@login_required
@require_POST
def proof_key_figures(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    return _run(
        request,
        pk,
        KeyFiguresForm(request.POST),
        lambda d: services.proof_key_figures_set(proof=proof, figures=d, actor=user_of(request)),
        "Die Kennzahlen sind gespeichert.",
        stash="key_figures",
    )


@login_required
@require_POST
def proof_key_figures_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient confirms the key figures taken from case work (before submitting)."""
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    return _run(
        request,
        pk,
        KeyFiguresConfirmForm(request.POST),
        lambda d: services.proof_key_figures_confirm(
            proof=proof, actor=user_of(request), expected_version=d["version"]
        ),
        "Die Kennzahlen aus der Fallarbeit sind bestätigt.",
    )


@login_required
@require_POST
def proof_invoice(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    return _run(
        request,
        pk,
        InvoiceForm(request.POST, request.FILES),
        lambda d: services.proof_invoice_add(
            proof=proof,
            invoice_date=d["invoice_date"],
            number=d["number"],
            supplier=d["supplier"],
            amount=d["amount"],
            upload=d["file"],
            actor=user_of(request),
        ),
        "Die Rechnung wurde hochgeladen.",
        stash="invoice",
    )


@login_required
def proof_invoice_download(request: HttpRequest, pk: int, invoice_pk: int) -> FileResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    invoice = selectors.proof_invoice_get(proof=proof, pk=invoice_pk)
    return _download(invoice.file, invoice.content_type, invoice.original_name)


@login_required
@require_POST
def proof_finding(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    return _run(
        request,
        pk,
        FindingForm(request.POST),
        lambda d: services.proof_finding_add(proof=proof, text=d["text"], actor=user_of(request)),
        "Die Feststellung ist festgehalten.",
        stash="finding",
    )


@login_required
@require_POST
def proof_step(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.proof_get(user=user_of(request), pk=pk)
    return _run(
        request,
        pk,
        ProofStepForm(request.POST),
        lambda d: services.proof_transition(
            proof=proof, action=d["action"], actor=user_of(request), expected_version=d["version"]
        ),
        "Der Schritt wurde ausgeführt.",
    )
