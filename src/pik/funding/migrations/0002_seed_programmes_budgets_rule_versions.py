from django.db import migrations

from pik.funding.reference import ensure_reference_data


def forwards(apps, schema_editor):
    ensure_reference_data(apps)


def backwards(apps, schema_editor):
    """Reference data stays; nothing to undo that would not lose decisions."""


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_programmes_budgets_rules_applications")]
    operations = [migrations.RunPython(forwards, backwards)]
