"""The data steps of the part-1 corrections, run on rows as part 1 left them."""

from __future__ import annotations

import importlib

from django.apps import apps

from pik.funding.models import Applicant, Application, Contingent, RuleVersion
from tests.funding import factories


def _step(module: str, name: str):  # type: ignore[no-untyped-def]
    return getattr(importlib.import_module(f"pik.funding.migrations.{module}"), name)


def test_contingents_read_in_before_get_the_rule_version_of_their_year(im, contingents) -> None:  # type: ignore[no-untyped-def]
    """Part 1 labelled the 2017 figures with the newest version (the 2020 amendment)."""
    newest = RuleVersion.objects.get(programme=im, name="Änderung der VwV vom 11. November 2020")
    Contingent.objects.update(year=2020, rule_version=newest)
    _step("0006_contingent_funding_year", "year_and_rule_of_existing")(apps, None)
    assert set(Contingent.objects.values_list("year", "rule_version__name")) == {
        (2017, "VwV Integrationsmanagement 2017")
    }


def test_only_poolings_already_in_the_procedure_stay_binding(im, contingents, actors) -> None:  # type: ignore[no-untyped-def]
    alone = factories.applicant(im, [contingents["08115003"]])
    members = [contingents["08115001"], contingents["08116019"]]
    in_procedure = factories.applicant(im, members, kind="pooling", lead=members[0])
    others = [contingents["08116004"], contingents["08117001"]]
    proposal = factories.applicant(im, others, kind="pooling", lead=others[0])
    Applicant.objects.update(bound_at=None)  # as part 1 left them: no such column
    rule = RuleVersion.objects.filter(programme=im).first()
    Application.objects.create(
        programme=im, applicant=in_procedure, year=2020, rule_version=rule, status="submitted"
    )
    _step("0007_pooling_consent", "bind_existing")(apps, None)
    bound = dict(Applicant.objects.values_list("pk", "bound_at"))
    assert bound[alone.pk] is not None and bound[in_procedure.pk] is not None
    assert bound[proposal.pk] is None
