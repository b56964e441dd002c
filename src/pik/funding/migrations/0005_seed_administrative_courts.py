from django.db import migrations

from pik.funding.reference import ensure_courts


def forwards(apps, schema_editor):
    ensure_courts(apps)


def backwards(apps, schema_editor):
    """Reference data; the table goes with the schema migration before this one."""


class Migration(migrations.Migration):
    dependencies = [("funding", "0004_administrative_courts")]
    operations = [migrations.RunPython(forwards, backwards)]
