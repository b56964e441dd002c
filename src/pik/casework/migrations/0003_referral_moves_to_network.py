# The Referral model moves to the network app. Only Django's state changes here: the table
# casework_referral and its rows stay; network's 0001 takes the model over with the same table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0002_person_details_consent_form_referral'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Referral'),
            ],
            database_operations=[],
        ),
    ]
