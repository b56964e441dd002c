"""A decision's notice is queued with the decision, rendered once, and never lost for good."""

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pik.core import audit
from pik.core.roles import Role
from pik.funding import services
from pik.funding.models import Application, ApplicationEvent, Notice
from pik.funding.tasks import notice_render
from tests.funding.factories import step, to_proposed

S = Application.Status
TASKS_DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _render_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path="pik.funding.tasks.notice_render"))


def _rendered_events(notice: Notice) -> int:
    return audit.events_for(notice).filter(action="notice.rendered").count()


def _without_pdf(draft, actors, *, age_minutes: int = 60) -> Notice:  # type: ignore[no-untyped-def]
    """An approval whose notice task never ran (its on-commit enqueue is dropped)."""
    to_proposed(draft, actors)
    step(draft, "approve", actors["head"])  # the test transaction never commits
    notice = Notice.objects.get(application=draft)
    Notice.objects.filter(pk=notice.pk).update(
        created_at=notice.created_at - dt.timedelta(minutes=age_minutes)
    )
    return notice


def test_the_render_task_is_written_in_the_decision_transaction(
    draft, actors, settings, django_capture_on_commit_callbacks
) -> None:
    settings.TASKS = TASKS_DB
    to_proposed(draft, actors)
    with django_capture_on_commit_callbacks(execute=False):
        step(draft, "approve", actors["head"])
        # before any on-commit hook: the task row is part of the decision's own writes
        notice = Notice.objects.get(application=draft)
        [row] = _render_tasks()
    assert row.status == TaskResultStatus.READY
    assert row.args_kwargs["kwargs"] == {"notice_id": notice.pk}


def test_a_failed_decision_queues_no_notice(draft, actors, settings) -> None:
    settings.TASKS = TASKS_DB
    to_proposed(draft, actors)
    with pytest.raises(RuntimeError), transaction.atomic():
        step(draft, "approve", actors["head"])
        assert len(_render_tasks()) == 1
        raise RuntimeError("the decision's transaction fails after the approval")
    draft.refresh_from_db()
    assert draft.status == S.PROPOSED_APPROVAL
    assert not Notice.objects.filter(application=draft).exists()
    assert _render_tasks() == []


def test_a_rendered_notice_is_not_rendered_again(
    draft, actors, django_capture_on_commit_callbacks
) -> None:
    to_proposed(draft, actors)
    with django_capture_on_commit_callbacks(execute=True):
        step(draft, "approve", actors["head"])
    notice = Notice.objects.get(application=draft)
    first = notice.pdf.name
    with mock.patch("pik.funding.tasks.render_pdf") as render:
        assert notice_render.call(notice_id=notice.pk) == 0
    render.assert_not_called()
    notice.refresh_from_db()
    assert notice.pdf.name == first
    assert _rendered_events(notice) == 1


def test_a_second_store_keeps_the_first_pdf_and_issues_nothing(
    draft, actors, django_capture_on_commit_callbacks
) -> None:
    """Two overlapping renders of one notice: the row lock lets only the first one store."""
    to_proposed(draft, actors)
    with django_capture_on_commit_callbacks(execute=True):
        step(draft, "approve", actors["head"])
    notice = Notice.objects.get(application=draft)
    first = notice.pdf.name
    services.notice_store_pdf(notice_id=notice.pk, pdf=PDF)
    notice.refresh_from_db()
    assert notice.pdf.name == first and notice.pdf.read() != PDF
    assert _rendered_events(notice) == 1
    assert ApplicationEvent.objects.filter(application=draft, action="notice").count() == 1


def test_the_check_queues_a_notice_without_pdf_once(draft, actors, settings) -> None:
    notice = _without_pdf(draft, actors)
    settings.TASKS = TASKS_DB
    call_command("notices_check")
    [row] = _render_tasks()
    assert row.args_kwargs["kwargs"] == {"notice_id": notice.pk}
    call_command("notices_check")  # the queued task is pending: not queued twice
    assert len(_render_tasks()) == 1


def test_the_check_leaves_young_notices_alone(draft, actors, settings) -> None:
    _without_pdf(draft, actors, age_minutes=1)
    settings.TASKS = TASKS_DB
    call_command("notices_check")
    assert _render_tasks() == []


def test_the_check_gets_the_notice_rendered_and_issued(
    draft, actors, django_capture_on_commit_callbacks
) -> None:
    notice = _without_pdf(draft, actors)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notices_check")
    notice.refresh_from_db()
    draft.refresh_from_db()
    assert notice.pdf and draft.status == S.NOTICE_ISSUED


def test_rps_sees_notices_without_pdf_on_the_start_page(
    client: Client, draft, actors, member
) -> None:
    _without_pdf(draft, actors)
    client.force_login(actors["head"])
    page = client.get("/start/").content.decode()
    assert "Bescheid ohne PDF: 1 – wird neu erstellt" in page
    assert "RPS15.2-IM-2020-08115-0001" in page
    client.force_login(actors["case_worker_b"])  # responsible for another Kreis
    assert "ohne PDF" not in client.get("/start/").content.decode()
    client.force_login(actors["gemeinde_a"])
    assert "ohne PDF" not in client.get("/start/").content.decode()
    client.force_login(member(Role.RPS_CASE_WORKER, "a"))
    assert "ohne PDF" in client.get("/start/").content.decode()


def test_rps_start_page_is_quiet_while_notices_are_fresh(client: Client, draft, actors) -> None:
    _without_pdf(draft, actors, age_minutes=1)
    client.force_login(actors["head"])
    assert "ohne PDF" not in client.get("/start/").content.decode()
