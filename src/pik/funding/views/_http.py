"""What every funding view shares: the signed-in user and German messages for refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

if TYPE_CHECKING:
    from pik.orgs.models import User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def user_of(request: HttpRequest) -> User:
    """The signed-in user (every view here is behind login_required)."""
    return cast("User", request.user)


def show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


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
) -> HttpResponse:
    """Validate ``form``, run the service ``call`` with its data, report in German, go back
    (``back``: the page of the record ``pk``)."""
    if form is not None and not form.is_valid():
        show_form_errors(request, form)
    else:
        try:
            call(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            show_errors(request, exc)
        else:
            if success:
                messages.success(request, success)
    return redirect(back, pk=pk)
