"""Thin HTTP layer of the funding procedures: parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pik.core.pagination import KeysFirstPaginator
from pik.funding import exports, rules, selectors, services
from pik.funding.forms import (
    ApplicantForm,
    ApplicationFilterForm,
    ApplicationNewForm,
    AttachmentForm,
    BudgetForm,
    ContingentImportForm,
    DigitalForm,
    PositionForm,
    StepForm,
)
from pik.orgs import selectors as org_selectors

if TYPE_CHECKING:
    from pik.orgs.models import User


def _user(request: HttpRequest) -> User:
    """The signed-in user (every view here is behind login_required)."""
    return cast("User", request.user)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _act(
    request: HttpRequest,
    pk: int,
    form: Any,
    call: Callable[[dict[str, Any]], object],
    success: str = "",
) -> HttpResponse:
    """Validate ``form``, run the service ``call`` with its data, report in German, go back."""
    if form is not None and not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            call(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            _errors(request, exc)
        else:
            if success:
                messages.success(request, success)
    return redirect("funding:application_detail", pk=pk)


def _filters(
    request: HttpRequest, workers: selectors.CaseWorkerIndex
) -> tuple[ApplicationFilterForm, selectors.ApplicationFilter]:
    form = ApplicationFilterForm(
        request.GET or None, programmes=selectors.programme_list(), case_workers=workers.choices
    )
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        return form, selectors.ApplicationFilter(
            programme=d["programme"] or "",
            year=d["year"],
            kreis=d["kreis"] or "",
            status=d["status"] or "",
            case_worker=d["case_worker"],
            waiting_for_me=d["waiting_for_me"],
        )
    return form, selectors.ApplicationFilter()


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    workers = selectors.case_worker_index()
    form, filters = _filters(request, workers)
    applications = selectors.application_list(user=_user(request), filters=filters)
    page = KeysFirstPaginator(applications, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "funding/application_list.html",
        {
            "form": form,
            "page": page,
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
    _, filters = _filters(request, workers)
    applications = selectors.application_list(user=_user(request), filters=filters)
    data = exports.applications_xlsx(applications, workers.by_kreis)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="antraege.xlsx"'
    return response


@login_required
def application_new(request: HttpRequest, code: str) -> HttpResponse:
    if not rules.can_apply(request.user):
        raise Http404
    programme = selectors.programme_get(code=code)
    applicants = list(selectors.applicants_for(user=_user(request), programme=programme))
    form = ApplicationNewForm(request.POST or None, applicants=applicants)
    if request.method == "POST" and form.is_valid():
        applicant = next(a for a in applicants if str(a.pk) == form.cleaned_data["applicant"])
        try:
            application = services.application_create(
                programme=programme,
                applicant=applicant,
                year=form.cleaned_data["year"],
                actor=_user(request),
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Der Antragsentwurf ist angelegt.")
            return redirect("funding:application_detail", pk=application.pk)
    return render(
        request,
        "funding/application_new.html",
        {"form": form, "programme": programme, "applicants": applicants},
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.application_view(user=_user(request), pk=pk)
    application = view.application
    context: dict[str, Any] = {"view": view, "a": application}
    if "applicant" in view.roles and application.status in ("draft", "info_requested"):
        kreis_id = application.applicant.kreis_id
        if application.programme.kind == "staff":
            context["position_form"] = PositionForm(
                initial={"version": application.version},
                providers=org_selectors.providers_in_kreis(kreis_id=kreis_id),
            )
        else:
            context["digital_form"] = DigitalForm(
                initial={
                    "version": application.version,
                    "tool_name": application.tool_name,
                    "tool_description": application.tool_description,
                    "tool_costs": application.tool_costs or "",
                    "access_granted": list(application.access_granted.values_list("pk", flat=True)),
                    "access_confirmed": application.access_confirmed,
                },
                managers=org_selectors.managers_in_kreis(kreis_id=kreis_id),
            )
            context["missing_access"] = services.missing_access(application)
        context["attachment_form"] = AttachmentForm()
    return render(request, "funding/application_detail.html", context)


@login_required
def application_print(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.application_view(user=_user(request), pk=pk)
    return render(request, "funding/application_print.html", {"view": view, "a": view.application})


@login_required
@require_POST
def application_step(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=_user(request), pk=pk)
    return _act(
        request,
        pk,
        StepForm(request.POST),
        lambda d: services.application_transition(
            application=application,
            action=d["action"],
            actor=_user(request),
            message=d["message"] or "",
            amount=d["amount"] or None,
            expected_version=d["version"],
        ),
        "Der Schritt wurde ausgeführt.",
    )


@login_required
@require_POST
def position_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=_user(request), pk=pk)
    providers = list(org_selectors.providers_in_kreis(kreis_id=application.applicant.kreis_id))
    return _act(
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
            actor=_user(request),
            expected_version=d["version"],
        ),
        "Die Stelle wurde hinzugefügt.",
    )


@login_required
@require_POST
def position_remove(request: HttpRequest, pk: int, position_pk: int) -> HttpResponse:
    application = selectors.application_get(user=_user(request), pk=pk)
    position = next((p for p in application.positions.all() if p.pk == position_pk), None)
    if position is None:
        raise Http404
    return _act(
        request,
        pk,
        None,
        lambda d: services.position_remove(position=position, actor=_user(request)),
        "Die Stelle wurde entfernt.",
    )


@login_required
@require_POST
def digital_details(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=_user(request), pk=pk)
    managers = org_selectors.managers_in_kreis(kreis_id=application.applicant.kreis_id)
    return _act(
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
            actor=_user(request),
            expected_version=d["version"],
        ),
        "Die Angaben wurden gespeichert.",
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=_user(request), pk=pk)
    return _act(
        request,
        pk,
        AttachmentForm(request.POST, request.FILES),
        lambda d: services.attachment_add(
            application=application, upload=d["file"], actor=_user(request)
        ),
        "Die Anlage wurde hochgeladen.",
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    application = selectors.application_get(user=_user(request), pk=pk)
    attachment = next((a for a in application.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.original_name,
    )


@login_required
def notice_download(request: HttpRequest, pk: int) -> FileResponse:
    notice = selectors.notice_get(user=_user(request), pk=pk)
    return FileResponse(
        notice.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{notice.application.file_number}.pdf",
    )


@login_required
def budget_overview(request: HttpRequest) -> HttpResponse:
    rows = selectors.budget_overview(user=_user(request))
    return render(
        request,
        "funding/budget_overview.html",
        {"rows": rows, "can_edit": rules.can_edit_budgets(request.user)},
    )


@login_required
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    budget = selectors.budget_get(user=_user(request), pk=pk)
    form = BudgetForm(request.POST or None, initial={"total": budget.total})
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_set_total(
                budget=budget, total=form.cleaned_data["total"], actor=_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Der Haushaltsansatz wurde geändert.")
            return redirect("funding:budget_overview")
    return render(request, "funding/budget_edit.html", {"budget": budget, "form": form})


@login_required
def contingent_overview(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_get(code=code)
    summary = selectors.contingent_summary(user=_user(request), programme=programme)
    import_form = ContingentImportForm()
    if request.method == "POST" and request.POST.get("action") == "split":
        if not rules.is_rps(request.user):
            raise Http404
        try:
            budget = selectors.budget_for(programme=programme, year=request.POST.get("year", ""))
            services.contingents_split_budget(
                programme=programme, budget=budget, actor=_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"Der Haushaltsansatz {budget} wurde verteilt.")
        return redirect("funding:contingent_overview", code=code)
    if request.method == "POST":
        if not rules.is_rps(request.user):
            raise Http404
        import_form = ContingentImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            result = services.contingents_import(
                programme=programme,
                data=upload,  # size-checked and streamed, never read whole (pik.core.tables)
                filename=upload.name,
                actor=_user(request),
            )
            if result.errors:
                messages.error(
                    request, "Nichts wurde gespeichert. Bitte korrigieren Sie die Datei."
                )
                return render(
                    request,
                    "funding/contingent_overview.html",
                    {
                        "programme": programme,
                        "s": summary,
                        "import_form": import_form,
                        "import_errors": result.errors,
                        "is_rps": True,
                    },
                )
            messages.success(
                request, f"{result.saved} Kontingente wurden berechnet und gespeichert."
            )
            return redirect("funding:contingent_overview", code=code)
    page = Paginator(summary["rows"], 100).get_page(request.GET.get("seite"))
    return render(
        request,
        "funding/contingent_overview.html",
        {
            "programme": programme,
            "s": summary,
            "page": page,
            "import_form": import_form,
            "is_rps": rules.is_rps(request.user),
            "applicants": selectors.applicant_list(user=_user(request), programme=programme),
            "applicant_form": ApplicantForm(),
        },
    )


@login_required
def contingent_export(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_get(code=code)
    rows = selectors.contingent_list(user=_user(request), programme=programme)
    response = HttpResponse(exports.contingents_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kontingente.xlsx"'
    return response


@login_required
@require_POST
def applicant_new(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_get(code=code)
    if not (rules.is_rps(request.user) or rules.can_apply(request.user)):
        raise Http404
    form = ApplicantForm(request.POST)
    target = reverse("funding:contingent_overview", kwargs={"code": code})
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(target)
    d = form.cleaned_data
    ags = [a.strip() for a in d["members"].replace(";", ",").split(",") if a.strip()]
    try:
        members = org_selectors.gemeinden_by_ags(ags_list=ags)
        selectors.check_may_create_applicant(user=_user(request), members=members, kind=d["kind"])
        services.applicant_create(
            programme=programme,
            kind=d["kind"],
            members=members,
            lead=members[0] if members else None,
            kreis=members[0].kreis if members else None,
            name=d["name"],
            actor=_user(request),
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Der Antragsteller wurde angelegt.")
    return redirect(target)
