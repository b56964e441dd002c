"""Goals remember the day their status changed (key figures count goals reached in a period),
and consents to statistics get their own index (the key figures count only those people).

Existing goals that are no longer open take the day of their last change: the best date there is.
"""

from django.db import migrations, models
from django.db.models.functions import TruncDate


def backfill(apps, schema_editor):
    Goal = apps.get_model("casework", "Goal")
    Goal.objects.exclude(status="open").update(status_changed_on=TruncDate("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0004_client_name_match_forms"),
    ]

    operations = [
        migrations.AddField(
            model_name="goal",
            name="status_changed_on",
            field=models.DateField(blank=True, null=True, verbose_name="Status geändert am"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="consent",
            index=models.Index(
                condition=models.Q(("purpose", "statistics"), ("withdrawn_on__isnull", True)),
                fields=["client"],
                name="consent_statistics_idx",
            ),
        ),
    ]
