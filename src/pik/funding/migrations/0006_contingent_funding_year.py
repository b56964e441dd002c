import datetime as dt

from django.db import migrations, models


def year_and_rule_of_existing(apps, schema_editor):
    """Contingents read in so far were for the year of their reference date; each is labelled
    with the rule version in force at that year's end (not the newest one)."""
    Contingent = apps.get_model("funding", "Contingent")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    for contingent in Contingent.objects.all():
        year = contingent.reference_date.year
        rule = (
            RuleVersion.objects.filter(
                programme_id=contingent.programme_id, effective_from__lte=dt.date(year, 12, 31)
            )
            .order_by("-effective_from")
            .first()
        )
        contingent.year = year
        if rule is not None:
            contingent.rule_version_id = rule.pk
        contingent.save(update_fields=["year", "rule_version"])


class Migration(migrations.Migration):
    dependencies = [("funding", "0005_seed_administrative_courts")]

    operations = [
        migrations.AddField(
            model_name="contingent",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="Förderjahr"),
        ),
        migrations.RunPython(year_and_rule_of_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contingent",
            name="year",
            field=models.PositiveSmallIntegerField(verbose_name="Förderjahr"),
        ),
        migrations.RemoveConstraint(model_name="contingent", name="contingent_unique"),
        migrations.AddConstraint(
            model_name="contingent",
            constraint=models.UniqueConstraint(
                fields=("programme", "year", "gemeinde"), name="contingent_unique_year"
            ),
        ),
        migrations.AlterModelOptions(
            name="contingent",
            options={
                "ordering": ["-year", "gemeinde__ags"],
                "verbose_name": "Mittelkontingent",
                "verbose_name_plural": "Mittelkontingente",
            },
        ),
    ]
