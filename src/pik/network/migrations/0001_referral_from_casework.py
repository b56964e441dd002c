# Referral comes over from casework with its table (casework_referral) and every row: only
# Django's state changes (casework's 0003 drops it from casework's state). The content type
# moves along, so its permissions stay attached to the model.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='network', model='referral').exists():
        ContentType.objects.filter(app_label='casework', model='referral').update(
            app_label='network'
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='casework', model='referral').exists():
        ContentType.objects.filter(app_label='network', model='referral').update(
            app_label='casework'
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casework', '0003_referral_moves_to_network'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Referral',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                        ('network_actor', models.CharField(max_length=200, verbose_name='Netzwerkpartner')),
                        ('purpose', models.CharField(max_length=300, verbose_name='Anlass')),
                        ('shared_on', models.DateField(verbose_name='weitergegeben am')),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals', to='casework.client')),
                        ('consent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals', to='casework.consent')),
                        ('shared_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'Weitergabe an Netzwerkpartner',
                        'verbose_name_plural': 'Weitergaben an Netzwerkpartner',
                        'db_table': 'casework_referral',
                        'ordering': ['-shared_on', '-pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
