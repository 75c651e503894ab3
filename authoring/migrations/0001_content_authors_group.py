# The "Content authors" group (issue 13, point 2): the admin permissions authors need, so that
# the demo author, and every author, is staff without being a superuser. The same list is in
# authoring/roles.py; tests/authoring/test_author_permissions.py checks they agree.

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Content authors"
ALL = ("add", "change", "delete", "view")
PERMISSIONS = {
    "lessons": {
        model: ALL
        for model in ("lesson", "source", "reference", "sentence", "glossaryterm", "step")
    },
    "quizzes": {"quiz": ("add", "change", "view"), "question": ("add", "change", "view")},
}


def group_create(apps, schema_editor):
    # Permissions are made after migrations (post_migrate); make them now for these apps.
    for label in PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = [
        (label, f"{action}_{model}")
        for label, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codename in wanted
    ]
    group.permissions.set(permissions)


def group_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("lessons", "0001_initial"),
        ("quizzes", "0001_initial"),
    ]

    operations = [migrations.RunPython(group_create, group_delete)]
