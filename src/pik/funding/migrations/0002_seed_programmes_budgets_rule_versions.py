from django.db import migrations

from pik.funding.reference import ensure_programmes


def forwards(apps, schema_editor):
    ensure_programmes(apps)


def backwards(apps, schema_editor):
    """Reference data stays; nothing to undo that would not lose decisions."""


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_programmes_budgets_rules_applications")]
    operations = [migrations.RunPython(forwards, backwards)]
