"""Tasks and reminders: ticked off once, the page sends back only within the site."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.casework import services
from pik.casework.models import Task

TODAY = timezone.localdate


def test_task_complete_once(im, record) -> None:  # type: ignore[no-untyped-def]
    task = services.task_create(
        title="Termin Jobcenter", due_on=TODAY(), assigned_to=im, client=record, actor=im
    )
    services.task_complete(task=task, actor=im)
    with pytest.raises(ValidationError, match="bereits erledigt"):
        services.task_complete(task=task, actor=im)
    assert Task.objects.get().done_at is not None
    with pytest.raises(ValidationError):
        services.task_create(title="  ", due_on=TODAY(), assigned_to=im, actor=im)


def test_task_done_does_not_redirect_elsewhere(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    task = services.task_create(title="Rückruf", due_on=TODAY(), assigned_to=im, actor=im)
    client.force_login(im)
    response = client.post(
        reverse("casework:task_done", args=[task.pk]), {"next": "//evil.example/"}
    )
    assert response["Location"] == reverse("casework:task_list")
    task.refresh_from_db()
    assert task.done_at is not None
