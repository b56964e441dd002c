"""The editors' pages (Redaktion): pages with preview and version history, FAQ entries."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pik.core.sorting import Sorting
from pik.core.validation import errors_into_form
from pik.portal import forms, services
from pik.portal.rendering import render_markdown
from pik.portal.selectors import faq as faq_selectors
from pik.portal.selectors import pages as page_selectors
from pik.portal.views._http import editor_of

PAGE_FIELDS = ("title_de", "title_en", "parent", "slug", "body_de", "body_en", "is_published")


@login_required
def editor_home(request: HttpRequest) -> HttpResponse:
    user = editor_of(request)
    page_sorting = Sorting.from_request(
        request.GET,
        page_selectors.PAGE_SORT_COLUMNS,
        page_selectors.PAGE_SORT_DEFAULT,
        param="sortierung_seiten",
    )
    faq_sorting = Sorting.from_request(
        request.GET,
        faq_selectors.FAQ_SORT_COLUMNS,
        faq_selectors.FAQ_SORT_DEFAULT,
        param="sortierung_fragen",
    )
    return render(
        request,
        "portal/editor/home.html",
        {
            "pages": page_selectors.pages_for_editor(user=user, order=page_sorting.order_by()),
            "faqs": faq_selectors.faqs_for_editor(user=user, order=faq_sorting.order_by()),
            "page_sorting": page_sorting,
            "faq_sorting": faq_sorting,
        },
    )


def _page_form(request: HttpRequest, user: Any, page: Any) -> HttpResponse:
    initial: dict[str, Any] = {}
    if page is not None:
        initial = {name: getattr(page, name) for name in PAGE_FIELDS}
        initial.update(publish_at=page.publish_at, expected_version=page.version)
    parents = page_selectors.parent_choices(user=user, page=page)
    form = forms.PageForm(request.POST or None, initial=initial, parents=parents)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("expected_version")
        if "preview" in request.POST:
            preview = {
                "de": render_markdown(data["body_de"]),
                "en": render_markdown(data["body_en"]),
            }
        else:
            try:
                if page is None:
                    page = services.page_create(actor=user, **data)
                else:
                    page = services.page_update(
                        page=page, expected_version=expected, actor=user, **data
                    )
            except ValidationError as exc:
                errors_into_form(form, exc)
            else:
                messages.success(request, "Die Seite ist gespeichert.")
                return redirect("portal:page_edit", pk=page.pk)
    return render(
        request, "portal/editor/page_form.html", {"form": form, "page": page, "preview": preview}
    )


@login_required
def page_create(request: HttpRequest) -> HttpResponse:
    return _page_form(request, editor_of(request), None)


@login_required
def page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = editor_of(request)
    return _page_form(request, user, page_selectors.page_for_editor(user=user, pk=pk))


@login_required
def page_history(request: HttpRequest, pk: int) -> HttpResponse:
    user = editor_of(request)
    page = page_selectors.page_for_editor(user=user, pk=pk)
    return render(
        request,
        "portal/editor/page_history.html",
        {"page": page, "versions": page_selectors.page_versions(user=user, page=page)},
    )


@login_required
@require_POST
def page_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    user = editor_of(request)
    page = page_selectors.page_for_editor(user=user, pk=pk)
    try:
        expected = int(request.POST.get("expected_version", ""))
    except ValueError:
        expected = None
    try:
        services.page_restore(page=page, number=number, expected_version=expected, actor=user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Version {number} ist wiederhergestellt.")
    return redirect("portal:page_history", pk=page.pk)


def _faq_form(request: HttpRequest, user: Any, entry: Any) -> HttpResponse:
    initial: dict[str, Any] = {}
    if entry is not None:
        names = ("question_de", "question_en", "answer_de", "answer_en", "category")
        initial = {name: getattr(entry, name) for name in names}
        initial.update(
            programme=entry.programme,
            slug=entry.slug,
            position=entry.position,
            is_published=entry.is_published,
            expected_version=entry.version,
        )
    form = forms.FaqForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("expected_version")
        try:
            if entry is None:
                entry = services.faq_create(actor=user, **data)
            else:
                entry = services.faq_update(
                    entry=entry, expected_version=expected, actor=user, **data
                )
        except ValidationError as exc:
            errors_into_form(form, exc)
        else:
            messages.success(request, "Die Frage ist gespeichert.")
            return redirect(reverse("portal:editor_home") + "#pik-faq")
    return render(request, "portal/editor/faq_form.html", {"form": form, "entry": entry})


@login_required
def faq_create(request: HttpRequest) -> HttpResponse:
    return _faq_form(request, editor_of(request), None)


@login_required
def faq_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = editor_of(request)
    return _faq_form(request, user, faq_selectors.faq_for_editor(user=user, pk=pk))
