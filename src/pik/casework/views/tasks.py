""" "Mein Tag" and the pages of tasks and reminders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from pik.casework import forms, selectors, services
from pik.casework.views.base import caseworker, client_url, form_page, form_view, submit
from pik.core.sorting import Sorting


@login_required
def my_day(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    day = selectors.my_day(user=user)
    selectors.client_list_logged(user=user, clients=day.clients(), page="my_day")
    return render(request, "casework/my_day.html", {"day": day})


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    user = caseworker(request)
    form = forms.TaskForm(request.POST or None, initial={"due_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda d: services.task_create(assigned_to=user, actor=user, **form.cleaned_data),
        success="Die Aufgabe ist angelegt.",
        to="casework:task_list",
    )
    if done is not None:
        return done
    sorting = Sorting.from_request(
        request.GET, selectors.TASK_SORT_COLUMNS, selectors.TASK_SORT_DEFAULT
    )
    tasks = list(selectors.task_list(user=user, order=sorting.order_by()))
    selectors.client_list_logged(
        user=user, clients=[t.client for t in tasks if t.client], page="task_list"
    )
    return render(
        request,
        "casework/task_list.html",
        {"tasks": tasks, "form": form, "today": timezone.localdate(), "sorting": sorting},
    )


@login_required
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.TaskForm(request.POST or None, initial={"due_on": timezone.localdate()})
    return form_view(
        request,
        form,
        lambda d: services.task_create(
            client=client,
            assigned_to=client.responsible or user,
            actor=user,
            **form.cleaned_data,
        ),
        success="Die Wiedervorlage ist angelegt.",
        to=client_url(client),
        title=f"Wiedervorlage: {client}",
        back=client_url(client),
    )


@login_required
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    task = selectors.task_get(user=user, pk=pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("casework:task_list")
    if request.method == "POST":
        try:
            services.task_complete(task=task, actor=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if task.client is not None:
        selectors.client_read_logged(user=user, client=task.client)
    return form_page(
        request, title=f"Aufgabe erledigt: {task}", back=back, submit="Als erledigt markieren"
    )
