# The audit log moved here from the privacy app (decision record 0008): the model changes app,
# the table stays where it is until 0002 renames it.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("privacy", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("action", models.CharField(choices=[("score_override", "Score overridden"), ("student_exported", "Student data exported"), ("student_deleted", "Student data deleted")], max_length=24)),
                        ("subject_user_id", models.PositiveBigIntegerField(blank=True, null=True)),
                        ("details", models.JSONField(default=dict)),
                        ("reason", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("actor", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit log",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "privacy_auditentry",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
