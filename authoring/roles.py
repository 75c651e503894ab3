"""What a content author may do in the admin: the "Content authors" group (issue 13, point 2).

Authors are staff (they use the admin) but not superusers: the group gives them the lesson and
question models and nothing else. Students' attempts, answers and scores, classes, accounts and
the audit log are not theirs; every score change goes through the audited services. The group
is created by `authoring/migrations/0001_content_authors_group.py`, which writes out the same
list (a migration keeps the history it was written with); a test checks the two agree."""

from django.contrib.auth.models import Group

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


def author_group_join(*, user) -> None:
    """Give `user` (staff, role author) the authors' permissions through the group."""
    user.groups.add(Group.objects.get(name=AUTHORS_GROUP))
