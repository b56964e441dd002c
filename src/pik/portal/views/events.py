"""Events: upcoming ones, the archive, one event with its documentation, the calendar feed,
and the editors' forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pik.core.validation import errors_into_form
from pik.portal import calendar, rules, services
from pik.portal.forms import EventFileForm, EventForm, programme_choices
from pik.portal.selectors import content
from pik.portal.views._http import download, editor_of


def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/events.html",
        {
            "events": content.events_upcoming(),
            "archive": False,
            "can_edit": rules.is_portal_editor(request.user),
        },
    )


def event_archive(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/events.html", {"events": content.events_past(), "archive": True})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = content.event_get(pk=pk)
    can_edit = rules.is_portal_editor(request.user)
    programmes = dict(programme_choices()[1:])
    return render(
        request,
        "portal/event_detail.html",
        {
            "event": event,
            "programme": programmes.get(event.programme_code, ""),
            "can_edit": can_edit,
            "file_form": EventFileForm() if can_edit else None,
        },
    )


def event_calendar(request: HttpRequest) -> HttpResponse:
    """Every event as an iCalendar feed (RFC 5545) to subscribe to."""
    body = calendar.feed(content.events_all(), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pik-veranstaltungen.ics"'
    return response


def event_file_download(request: HttpRequest, pk: int) -> FileResponse:
    item = content.event_file_get(pk=pk)
    return download(item.file, name=item.original_name, content_type=item.content_type)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    actor = editor_of(request)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(actor=actor, **form.cleaned_data)
        except ValidationError as exc:
            errors_into_form(form, exc)
        else:
            messages.success(request, _("Die Veranstaltung wurde angekündigt."))
            return redirect("portal:event_detail", pk=event.pk)
    return render(request, "portal/event_form.html", {"form": form})


@login_required
@require_POST
def event_file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    actor = editor_of(request)
    event = content.event_get(pk=pk)
    form = EventFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.event_file_add(
                event=event,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=actor,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Die Unterlage wurde hinzugefügt."))
    else:
        messages.error(request, _("Bitte die Art der Unterlage wählen."))
    return redirect("portal:event_detail", pk=event.pk)
