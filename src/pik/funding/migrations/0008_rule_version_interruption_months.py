import datetime as dt

from django.db import migrations, models


def amendment_2020(apps, schema_editor):
    """The 2020 amendment: at most 60 months, plus 12 where salary payments were interrupted."""
    RuleVersion = apps.get_model("funding", "RuleVersion")
    RuleVersion.objects.filter(
        programme__code="im", effective_from=dt.date(2020, 1, 1), max_total_months=60
    ).update(interruption_months=12)


class Migration(migrations.Migration):
    dependencies = [("funding", "0007_pooling_consent")]

    operations = [
        migrations.AddField(
            model_name="ruleversion",
            name="interruption_months",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="Verlängerung bei unterbrochener Gehaltszahlung (Monate)"
            ),
        ),
        migrations.RunPython(amendment_2020, migrations.RunPython.noop),
    ]
