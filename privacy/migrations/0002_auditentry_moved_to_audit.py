# The audit log moved to the audit app (decision record 0008); its table is kept, so this
# changes Django's idea of the models only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
            database_operations=[],
        ),
    ]
