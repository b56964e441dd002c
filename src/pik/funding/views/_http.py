"""What every funding view shares: the signed-in user and German messages for refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from pik.core.validation import errors_into_form

if TYPE_CHECKING:
    from pik.orgs.models import User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def user_of(request: HttpRequest) -> User:
    """The signed-in user (every view here is behind login_required)."""
    return cast("User", request.user)


def show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def step_done_message(application: Any, action: str) -> str:
    """The success message of a step, naming the new status (and the file number on submit)."""
    values = {"number": application.file_number, "status": application.get_status_display()}
    if action == "submit":
        return _("Antrag eingereicht – Aktenzeichen %(number)s.") % values
    if action == "resubmit":
        return _("Antwort eingereicht – Aktenzeichen %(number)s, Status: %(status)s.") % values
    return _("Erledigt. Neuer Status des Antrags: %(status)s.") % values


def show_form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def act(
    request: HttpRequest,
    pk: int,
    form: Any,
    call: Callable[[dict[str, Any]], object],
    success: str = "",
    *,
    back: str = "funding:application_detail",
    again: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse:
    """Validate ``form``, run the service ``call`` with its data, report in German, go back
    (``back``: the page of the record ``pk``).

    With ``again`` a rejected form comes back on its page as typed, its errors in it (the
    service's too); without, the errors go into messages (forms without input, e.g. a button).
    """
    if form is not None and not form.is_valid():
        if again is not None:
            return again(form)
        show_form_errors(request, form)
    else:
        try:
            call(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            if again is not None and form is not None:
                errors_into_form(form, exc)
                return again(form)
            show_errors(request, exc)
        else:
            if success:
                messages.success(request, success)
    return redirect(back, pk=pk)
