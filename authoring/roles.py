"""What a content author may do in the admin: the "Content authors" group (issue 13, point 2).

Authors are staff (they use the admin) but not superusers: the group gives them the lesson and
question models and nothing else. Students' attempts, answers and scores, classes, accounts and
the audit log are not theirs; every score change goes through the audited services. The group
is created by `authoring/migrations/0001_content_authors_group.py`, which writes out the same
list (a migration keeps the history it was written with); a test checks the two agree."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

AUTHORS_GROUP = "Content authors"

ALL = ("add", "change", "delete", "view")
AUTHOR_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "lessons": {
        model: ALL
        for model in ("lesson", "source", "reference", "sentence", "glossaryterm", "step")
    },
    # A question with answers is never deleted (a new version is made): no delete.
    "quizzes": {"quiz": ("add", "change", "view"), "question": ("add", "change", "view")},
}


def authors_group_ensure() -> Group:
    """The authors' group with exactly `AUTHOR_PERMISSIONS` (made again if it was removed)."""
    group, _created = Group.objects.get_or_create(name=AUTHORS_GROUP)
    wanted = Q(pk__in=[])
    for label, models in AUTHOR_PERMISSIONS.items():
        codenames = [f"{a}_{model}" for model, actions in models.items() for a in actions]
        wanted |= Q(content_type__app_label=label, codename__in=codenames)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def author_group_join(*, user) -> None:
    """Give `user` (staff, role author) the authors' permissions through the group."""
    user.groups.add(authors_group_ensure())
