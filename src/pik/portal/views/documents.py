"""Documents: the public list with filters, downloads, and the editors' upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pik.core.validation import errors_into_form
from pik.portal import rules, services
from pik.portal.forms import DocumentForm, programme_choices
from pik.portal.selectors import content
from pik.portal.views._http import download, editor_of


def document_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("kategorie", "")
    programme = request.GET.get("programm", "")
    category = category if category in content.CATEGORIES.values else ""
    programmes = programme_choices()
    programme = programme if programme in {code for code, _label in programmes} else ""
    return render(
        request,
        "portal/documents.html",
        {
            "rows": content.document_list(category=category, programme_code=programme),
            "categories": content.CATEGORIES.choices,
            "programmes": programmes[1:],
            "category": category,
            "programme": programme,
            "can_edit": rules.is_portal_editor(request.user),
        },
    )


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The version in force today: a stable address for "the current application form"."""
    version = content.document_current(pk=pk)
    return download(version.file, name=version.original_name, content_type=version.content_type)


def document_version_download(request: HttpRequest, pk: int) -> FileResponse:
    version = content.document_version_get(pk=pk)
    return download(version.file, name=version.original_name, content_type=version.content_type)


@login_required
def document_upload(request: HttpRequest) -> HttpResponse:
    """A new document, or with ``?dokument=<id>`` a new version of one."""
    actor = editor_of(request)
    document = None
    if request.GET.get("dokument", "").isdigit():
        document = content.document_get(pk=int(request.GET["dokument"]))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_upload(
                document=document,
                title=data["title"],
                category=data["category"],
                programme_code=data["programme_code"],
                description=data["description"],
                valid_from=data["valid_from"],
                upload=data["file"],
                actor=actor,
            )
        except ValidationError as exc:
            errors_into_form(form, exc)
        else:
            messages.success(request, _("Das Dokument wurde veröffentlicht."))
            return redirect("portal:documents")
    return render(request, "portal/document_upload.html", {"form": form, "document": document})
