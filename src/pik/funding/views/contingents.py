"""Contingent pages: the overview with upload and budget split, the export, new applicants.

The services refuse whoever may not read in, split or create (PermissionDenied); these pages
answer that with 404, as for any page the user cannot open, so nothing leaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pik.core.sorting import Sorting
from pik.funding import exports, rules, selectors, services
from pik.funding.forms import ApplicantForm, ContingentImportForm, PoolingAgreementForm
from pik.funding.views._http import XLSX, show_errors, show_form_errors, user_of
from pik.orgs import selectors as org_selectors

if TYPE_CHECKING:
    from pik.funding.models import Programme


def _split(request: HttpRequest, programme: Programme) -> HttpResponse:
    try:
        budget = selectors.budget_for(programme=programme, year=request.POST.get("year", ""))
        services.contingents_split_budget(
            programme=programme, budget=budget, actor=user_of(request)
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Der Haushaltsansatz {budget} wurde verteilt.")
    return redirect("funding:contingent_overview", code=programme.code)


def _year(request: HttpRequest) -> int | None:
    """The funding year asked for (``?jahr=2017``); None: the newest read in."""
    value = request.GET.get("jahr", "")
    return int(value) if value.isdigit() and len(value) == 4 else None


@login_required
def contingent_overview(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_get(code=code)
    sorting = Sorting.from_request(
        request.GET, selectors.CONTINGENT_SORT_COLUMNS, selectors.CONTINGENT_SORT_DEFAULT
    )
    summary = selectors.contingent_summary(
        user=user_of(request), programme=programme, year=_year(request), order=sorting.order_by()
    )
    import_form = ContingentImportForm()
    if request.method == "POST" and request.POST.get("action") == "split":
        return _split(request, programme)
    if request.method == "POST":
        import_form = ContingentImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                result = services.contingents_import(
                    programme=programme,
                    year=import_form.cleaned_data["year"],
                    data=upload,  # size-checked and streamed, never read whole (pik.core.tables)
                    filename=upload.name,
                    actor=user_of(request),
                )
            except PermissionDenied as exc:
                raise Http404 from exc
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
            saved = ngettext(
                "%(n)s Kontingent wurde berechnet und gespeichert.",
                "%(n)s Kontingente wurden berechnet und gespeichert.",
                result.saved,
            ) % {"n": result.saved}
            messages.success(request, saved)
            target = reverse("funding:contingent_overview", kwargs={"code": code})
            return redirect(f"{target}?jahr={import_form.cleaned_data['year']}")
    page = Paginator(summary["rows"], 100).get_page(request.GET.get("seite"))
    return render(
        request,
        "funding/contingent_overview.html",
        {
            "programme": programme,
            "s": summary,
            "page": page,
            "sorting": sorting,
            "import_form": import_form,
            "is_rps": rules.is_rps(request.user),
            "applicants": selectors.applicant_list(user=user_of(request), programme=programme),
            "applicant_form": ApplicantForm(),
            "proposals": selectors.pooling_proposals(user=user_of(request), programme=programme),
            "agreement_form": PoolingAgreementForm(),
        },
    )


@login_required
def contingent_export(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_get(code=code)
    rows = selectors.contingent_list(
        user=user_of(request), programme=programme, year=_year(request)
    )
    response = HttpResponse(exports.contingents_xlsx(rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kontingente.xlsx"'
    return response


@login_required
@require_POST
def applicant_new(request: HttpRequest, code: str) -> HttpResponse:
    programme = selectors.programme_get(code=code)
    if not rules.can_create_applicants(request.user):
        raise Http404  # the page itself: only the RPS and applicant roles ever open it
    form = ApplicantForm(request.POST)
    target = reverse("funding:contingent_overview", kwargs={"code": code})
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(target)
    d = form.cleaned_data
    try:  # by name or key: "Stadt Böblingen; Aidlingen" or "08115003, 08115001"
        members = org_selectors.gemeinden_by_names(text=d["members"])
        services.applicant_create(
            programme=programme,
            kind=d["kind"],
            members=members,
            lead=members[0] if members else None,
            kreis=members[0].kreis if members else None,
            name=d["name"],
            actor=user_of(request),
        )
    except PermissionDenied as exc:
        raise Http404 from exc  # not one of the user's own Gemeinden: as if it did not exist
    except ValueError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, "Der Antragsteller wurde angelegt.")
    return redirect(target)
