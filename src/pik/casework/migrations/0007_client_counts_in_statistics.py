"""The key figures read "an active consent to statistics exists" from the client record, kept
by the consent services (ADR 0040); set here once from the consents recorded so far."""

from django.db import migrations, models

FROM_CONSENTS = """
UPDATE casework_client SET counts_in_statistics = EXISTS (
  SELECT 1 FROM casework_consent c
  WHERE c.client_id = casework_client.id AND c.purpose = 'statistics' AND c.withdrawn_on IS NULL
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_client_end_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="counts_in_statistics",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunSQL(FROM_CONSENTS, reverse_sql=migrations.RunSQL.noop),
    ]
