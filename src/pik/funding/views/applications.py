"""Pages of one application and the RPS workbench (list, export, new, detail, its steps)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pik.core.pagination import KeysFirstPaginator
from pik.core.sorting import Sorting
from pik.core.validation import errors_into_form
from pik.funding import exports, rules, selectors, services
from pik.funding.forms import (
    ApplicationFilterForm,
    ApplicationNewForm,
    AttachmentForm,
    DigitalForm,
    PositionForm,
    StepForm,
    step_button,
)
from pik.funding.views._http import (
    XLSX,
    act,
    show_errors,
    show_form_errors,
    step_done_message,
    user_of,
)
from pik.funding.workflow import APPLICATION
from pik.orgs import selectors as org_selectors


def _filters(
    request: HttpRequest, workers: selectors.CaseWorkerIndex
) -> tuple[ApplicationFilterForm, selectors.ApplicationFilter, Sorting]:
    form = ApplicationFilterForm(
        request.GET or None,
        programmes=selectors.programme_list(),
        case_workers=workers.choices,
        kreise=org_selectors.kreis_list(user=user_of(request)),
        gemeinde_source=reverse("funding:gemeinde_names"),
    )
    sorting = Sorting.from_request(request.GET, selectors.SORT_COLUMNS, selectors.SORT_DEFAULT)
    order = tuple(sorting.order_by())
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        return (
            form,
            selectors.ApplicationFilter(
                search=d["search"].strip(),
                programme=d["programme"] or "",
                year=d["year"],
                kreis=d["kreis"].strip(),
                gemeinde=d["gemeinde"].strip(),
                status=d["status"] or "",
                case_worker=d["case_worker"],
                waiting_for_me=d["waiting_for_me"],
                order=order,
            ),
            sorting,
        )
    return form, selectors.ApplicationFilter(order=order), sorting


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    workers = selectors.case_worker_index()
    form, filters, sorting = _filters(request, workers)
    applications = selectors.application_list(user=user_of(request), filters=filters)
    page = KeysFirstPaginator(applications, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "funding/application_list.html",
        {
            "form": form,
            "page": page,
            "sorting": sorting,
            "case_workers": workers.by_kreis,
            "can_apply": rules.can_apply(request.user),
            "query": request.GET.urlencode(),
            "today": timezone.localdate(),
            "open_states": ("submitted", "in_review", "info_requested"),
        },
    )


@login_required
def application_export(request: HttpRequest) -> HttpResponse:
    workers = selectors.case_worker_index()
    _, filters, _ = _filters(request, workers)
    applications = selectors.application_list(user=user_of(request), filters=filters)
    data = exports.applications_xlsx(applications, workers.by_kreis)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="antraege.xlsx"'
    return response


@login_required
def gemeinde_names(request: HttpRequest) -> JsonResponse:
    """The Gemeinde filter's suggestions (``?q=``): Gemeinden the user may see, by name."""
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    return JsonResponse({"places": selectors.gemeinde_names(user=user_of(request), query=query)})


@login_required
def application_new(request: HttpRequest, code: str) -> HttpResponse:
    if not rules.can_apply(request.user):
        raise PermissionDenied(rules.APPLY_RESERVED)  # the page exists; the role may not apply
    programme = selectors.programme_get(code=code)
    applicants = list(selectors.applicants_for(user=user_of(request), programme=programme))
    form = ApplicationNewForm(request.POST or None, applicants=applicants)
    if request.method == "POST" and form.is_valid():
        applicant = next(a for a in applicants if str(a.pk) == form.cleaned_data["applicant"])
        try:
            application = services.application_create(
                programme=programme,
                applicant=applicant,
                year=form.cleaned_data["year"],
                actor=user_of(request),
            )
        except ValidationError as exc:
            show_errors(request, exc)
        else:
            messages.success(request, "Der Antragsentwurf ist angelegt.")
            return redirect("funding:application_detail", pk=application.pk)
    return render(
        request,
        "funding/application_new.html",
        {"form": form, "programme": programme, "applicants": applicants},
    )


def _detail(
    request: HttpRequest,
    pk: int,
    step_form: StepForm | None = None,
    status: int = 200,
    **bound: Any,
) -> HttpResponse:
    """The application page; ``step_form`` (a step) or ``bound`` (``position_form=…``) is a
    form sent back with its errors, shown as typed."""
    view = selectors.application_view(user=user_of(request), pk=pk, forms=True)
    application = view.application
    context: dict[str, object] = {"view": view, "a": application, "today": timezone.localdate()}
    context["proofs"] = selectors.proof_overview(user=user_of(request), application=application)
    if view.editable:
        if application.programme.kind == "staff":
            context["position_form"] = PositionForm(
                initial={"version": application.version}, providers=view.providers
            )
        else:
            context["digital_form"] = DigitalForm(
                initial={
                    "version": application.version,
                    "tool_name": application.tool_name,
                    "tool_description": application.tool_description,
                    "tool_costs": application.tool_costs or "",
                    "access_granted": view.access_granted,
                    "access_confirmed": application.access_confirmed,
                },
                managers=view.managers,
            )
            context["missing_access"] = view.missing_access
        context["attachment_form"] = AttachmentForm()
    # One step at a time: the page offers the steps; the chosen one (?schritt=) shows its form.
    allowed = {t.action: t for t in view.actions}
    chosen = step_form.step if step_form is not None else request.GET.get("schritt", "")
    if chosen in allowed:
        context["step"] = allowed[chosen]
        context["step_form"] = step_form or StepForm(
            action=chosen,
            initial={
                "action": chosen,
                "version": application.version,
                "amount": application.requested_amount,
            },
        )
    context["steps"] = [(t, step_button(t.action)) for t in view.actions]
    context.update({name: form for name, form in bound.items() if name in context})
    return render(request, "funding/application_detail.html", context, status=status)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@login_required
def application_print(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.application_view(user=user_of(request), pk=pk)
    return render(request, "funding/application_print.html", {"view": view, "a": view.application})


@login_required
@require_POST
def application_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the chosen step; with an error the page comes back with everything typed."""
    application = selectors.application_get(user=user_of(request), pk=pk)
    form = StepForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            done = services.application_transition(
                application=application,
                action=d["action"],
                actor=user_of(request),
                message=d.get("message") or "",
                amount=d.get("amount") or None,
                expected_version=d["version"],
            )
        except ValidationError as exc:
            errors_into_form(form, exc)
        else:
            messages.success(request, step_done_message(done, d["action"]))
            return redirect("funding:application_detail", pk=pk)
    if form.step not in {t.action for t in APPLICATION.allowed(application, user_of(request))}:
        show_form_errors(request, form)  # no step of this user's: nothing to show again
        return redirect("funding:application_detail", pk=pk)
    return _detail(request, pk, step_form=form, status=400)


@login_required
@require_POST
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=user_of(request), pk=pk)
    providers = list(org_selectors.providers_in_kreis(kreis_id=application.applicant.kreis_id))
    return act(
        request,
        pk,
        PositionForm(request.POST, providers=providers),
        lambda d: services.position_add(
            application=application,
            person_name=d["person_name"],
            qualification=d["qualification"],
            share=d["share"],
            start_date=d["start_date"],
            months=d["months"],
            provider=next((p for p in providers if p.pk == d["provider"]), None),
            actor=user_of(request),
            expected_version=d["version"],
        ),
        "Die Stelle wurde hinzugefügt.",
        again=lambda form: _detail(request, pk, status=400, position_form=form),
    )


@login_required
@require_POST
def position_remove(request: HttpRequest, pk: int, position_pk: int) -> HttpResponse:
    position = selectors.position_get(user=user_of(request), application_pk=pk, pk=position_pk)
    return act(
        request,
        pk,
        None,
        lambda d: services.position_remove(position=position, actor=user_of(request)),
        "Die Stelle wurde entfernt.",
    )


@login_required
@require_POST
def digital_details(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=user_of(request), pk=pk)
    managers = org_selectors.managers_in_kreis(kreis_id=application.applicant.kreis_id)
    return act(
        request,
        pk,
        DigitalForm(request.POST, managers=managers),
        lambda d: services.digital_details_set(
            application=application,
            tool_name=d["tool_name"],
            tool_description=d["tool_description"],
            tool_costs=d["tool_costs"],
            access_granted=[m for m in managers if m.pk in d["access_granted"]],
            access_confirmed=d["access_confirmed"],
            actor=user_of(request),
            expected_version=d["version"],
        ),
        "Die Angaben wurden gespeichert.",
        again=lambda form: _detail(request, pk, status=400, digital_form=form),
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=user_of(request), pk=pk)
    return act(
        request,
        pk,
        AttachmentForm(request.POST, request.FILES),
        lambda d: services.attachment_add(
            application=application, upload=d["file"], actor=user_of(request)
        ),
        "Die Anlage wurde hochgeladen.",
        again=lambda form: _detail(request, pk, status=400, attachment_form=form),
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = selectors.attachment_get(
        user=user_of(request), application_pk=pk, pk=attachment_pk
    )
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.original_name,
    )


@login_required
def notice_download(request: HttpRequest, pk: int) -> FileResponse:
    notice = selectors.notice_get(user=user_of(request), pk=pk)
    return FileResponse(
        notice.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{notice.application.file_number}.pdf",
    )
