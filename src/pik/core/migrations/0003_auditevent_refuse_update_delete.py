"""On PostgreSQL the database itself refuses UPDATE and DELETE of audit events (ADR 0014).

A row trigger, so it holds for every client of the database, not only for the ORM (whose
``AuditEvent.save``/``delete`` refuse already). TRUNCATE is left to privileges: Django's flush
(transactional tests, ``pik flush``) truncates every table, and a truncated audit table is
found by ``pik audit_verify`` against the anchors anyway. SQLite (development) gets no trigger:
its flush deletes row by row.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION core_auditevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Protokolleinträge sind unveränderlich: % auf core_auditevent abgelehnt.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_refuse_change();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_audit_key_id"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger, elidable=False),
    ]
