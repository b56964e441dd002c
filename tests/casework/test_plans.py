"""The integration plan: a version per change, the stale save refused, goals and steps (the
manager's steps become tasks), the situation per field, the bilingual print."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pik.casework import documents, selectors, services
from pik.casework.models import Goal, Plan, PlanVersion, Task
from pik.core.locking import StaleVersion

TODAY = timezone.localdate


def test_plan_changes_make_versions_and_stale_plan_save_is_refused(im, record) -> None:  # type: ignore[no-untyped-def]
    plan = services.plan_save(
        client=record, data=services.PlanData(language_skills="A2"), expected_version=0, actor=im
    )
    assert plan.version == 1
    goal = services.goal_add(client=record, field="language", description="B1 erreichen", actor=im)
    step = services.step_add(goal=goal, description="Kurs anmelden", actor=im)
    services.step_set_done(step=step, done=True, actor=im)
    plan.refresh_from_db()
    assert plan.version == 4
    assert list(PlanVersion.objects.filter(plan=plan).values_list("number", flat=True)) == [
        4,
        3,
        2,
        1,
    ]
    latest = PlanVersion.objects.get(plan=plan, number=4).snapshot
    assert latest["ziele"][0]["schritte"][0]["erledigt_am"] == TODAY().isoformat()
    with pytest.raises(StaleVersion, match="Fassung 4"):
        services.plan_save(
            client=record,
            data=services.PlanData(language_skills="B1"),
            expected_version=1,
            actor=im,
        )
    plan.refresh_from_db()
    assert plan.language_skills == "A2"


def test_agreed_plan_needs_a_date(im, record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Datum der Vereinbarung"):
        services.plan_save(
            client=record, data=services.PlanData(status="agreed"), expected_version=0, actor=im
        )
    assert not Plan.objects.exists()


def test_plan_goal_without_field_is_refused_and_makes_no_version(im, record) -> None:  # type: ignore[no-untyped-def]
    plan = services.plan_save(client=record, data=services.PlanData(), expected_version=0, actor=im)
    versions = PlanVersion.objects.count()
    for field in ("", "astrology"):
        with pytest.raises(ValidationError) as exc:
            services.goal_add(client=record, field=field, description="Kurs", actor=im)
        assert "Bitte wählen Sie ein Handlungsfeld." in exc.value.message_dict["field"]
    assert not Goal.objects.exists()
    assert PlanVersion.objects.count() == versions
    assert Plan.objects.get(pk=plan.pk).version == plan.version


def test_plan_keeps_the_situation_per_field_in_versions_and_the_bilingual_print(im, record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Handlungsfeld"):
        services.plan_save(
            client=record,
            data=services.PlanData(situations={"astrology": "x"}),
            expected_version=0,
            actor=im,
        )
    assert not Plan.objects.exists()
    plan = services.plan_save(
        client=record,
        data=services.PlanData(situations={"language": "A2 erreicht", "work": "sucht Arbeit"}),
        expected_version=0,
        actor=im,
    )
    assert plan.situations == {"language": "A2 erreicht", "work": "sucht Arbeit"}
    snapshot = plan.versions.get(number=plan.version).snapshot
    assert snapshot["ausgangslage"] == {"Sprache": "A2 erreicht", "Arbeit": "sucht Arbeit"}
    context = documents.plan_context(client=record, plan=plan, language="ar")
    assert [s["value"] for s in context["situations"]] == ["A2 erreicht", "sucht Arbeit"]
    assert context["situations"][0]["field"]["de"] == "Sprache"
    assert context["situations"][0]["field"]["other"]  # the Arabic label next to it


def test_manager_plan_steps_become_tasks_on_my_day_and_close_with_the_step(im, record) -> None:  # type: ignore[no-untyped-def]
    goal = services.goal_add(client=record, field="work", description="Arbeit", actor=im)
    mine = services.step_add(
        goal=goal,
        description="Termin bei der Arbeitsagentur vereinbaren",
        who="manager",
        due_on=TODAY(),
        actor=im,
    )
    services.step_add(
        goal=goal, description="Lebenslauf mitbringen", who="client", due_on=TODAY(), actor=im
    )
    task = Task.objects.get()
    assert task.step == mine and task.assigned_to == im and task.client == record
    assert task.title == "Planschritt: Termin bei der Arbeitsagentur vereinbaren"
    assert selectors.my_day(user=im).tasks_due == [task]
    services.step_set_done(step=mine, done=True, actor=im)
    task.refresh_from_db()
    assert task.done_at is not None
    assert selectors.my_day(user=im).tasks_due == []


def test_plan_pdf_is_bilingual(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    services.goal_add(client=record_with_plan, field="language", description="B1-Kurs", actor=im)
    client.force_login(im)
    response = client.get(reverse("casework:plan_pdf", args=[record_with_plan.pk]) + "?sprache=uk")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Integrationsplan" in text and "План інтеграції" in text and "B1-Kurs" in text
    assert (
        client.get(
            reverse("casework:plan_pdf", args=[record_with_plan.pk]) + "?sprache=xx"
        ).status_code
        == 404
    )
