"""What every casework page shares (and the pages of network that work on a client record):
the signed-in caseworker, the submit-and-redirect step, the plain form page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pik.casework import selectors
from pik.casework.forms import show_errors

PAGE_SIZE = 50


def caseworker(request: HttpRequest) -> Any:
    """The user, if casework pages exist for them at all (404 otherwise)."""
    selectors.require_casework(request.user)
    return request.user


def client_url(client: Any) -> str:
    return reverse("casework:client_detail", args=[client.pk])


def submit(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    to: str,
) -> HttpResponse | None:
    """On a valid POST run the service; its German errors go back into the form (nothing is
    saved), success redirects. ``None`` means: render the page (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        show_errors(form, exc)
        return None
    if success:
        messages.success(request, success)
    return redirect(to)


def form_page(request: HttpRequest, **context: Any) -> HttpResponse:
    context.setdefault("submit", "Speichern")
    return render(request, "casework/form_page.html", context)


def form_view(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    to: str,
    **page: Any,
) -> HttpResponse:
    """A plain form page: run the service on a valid POST and redirect, else show the form
    (again, with the service's errors and everything typed)."""
    done = submit(request, form, action, success=success, to=to)
    if done is not None:
        return done
    return form_page(request, form=form, **page)
