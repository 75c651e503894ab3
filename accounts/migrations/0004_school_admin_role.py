# The school administrator (issue 13): acts on accounts shared by several teachers' classes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_safe_usernames_visible_names"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="role",
            field=models.CharField(
                choices=[
                    ("student", "Student"),
                    ("teacher", "Teacher"),
                    ("author", "Content author"),
                    ("school_admin", "School administrator"),
                ],
                default="student",
                max_length=16,
                verbose_name="role",
            ),
        ),
    ]
