"""Notices (Hinweise): the public list and archive, the editors' list with publish/withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pik.core.validation import errors_into_form
from pik.portal import services
from pik.portal.forms import AnnouncementForm
from pik.portal.selectors import content
from pik.portal.views._http import editor_of


def notice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/notices.html",
        {"current": content.notices_current(), "archive": content.notices_archive()},
    )


@login_required
def notice_manage(request: HttpRequest) -> HttpResponse:
    actor = editor_of(request)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_create(actor=actor, **form.cleaned_data)
        except ValidationError as exc:
            errors_into_form(form, exc)
        else:
            messages.success(request, _("Der Hinweis wurde gespeichert."))
            return redirect("portal:notice_manage")
    return render(
        request,
        "portal/notice_manage.html",
        {"form": form, "notices": content.notices_for_editors()},
    )


@login_required
@require_POST
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _switch(request, pk, publish=True)


@login_required
@require_POST
def notice_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _switch(request, pk, publish=False)


def _switch(request: HttpRequest, pk: int, *, publish: bool) -> HttpResponse:
    actor = editor_of(request)
    notice = content.notice_get(pk=pk)
    service = services.announcement_publish if publish else services.announcement_unpublish
    try:
        service(announcement=notice, actor=actor)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Der Hinweis ist veröffentlicht.")
            if publish
            else _("Der Hinweis wurde zurückgezogen."),
        )
    return redirect("portal:notice_manage")
