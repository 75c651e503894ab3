"""No superuser in daily use (issue 13, point 2; finding 9 of the December review).

The demo content author is staff with the "Content authors" group, not a superuser; the
admin shows students' attempts, answers and scores read-only to everyone, superusers
included, so that every score change goes through the audited services."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from authoring.roles import AUTHOR_PERMISSIONS, AUTHORS_GROUP
from quizzes import services as quiz_services
from quizzes.models import Attempt, Question, Response, Score
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _codenames(permissions) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def _expected() -> set[str]:
    return {
        f"{label}.{action}_{model}"
        for label, models in AUTHOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


@pytest.fixture
def demo(capsys):
    call_command("demo")
    capsys.readouterr()
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def submitted(student, assignment):
    attempt = quiz_services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    short = Question.objects.filter(pk__in=attempt.item_order, type="short_text").first()
    quiz_services.response_save(attempt=attempt, question_id=short.pk, data={"text": "mine"})
    return quiz_services.attempt_submit(attempt=attempt)


@pytest.fixture
def superuser(db):
    user = user_create(username="root", password=PASSWORD, role=User.Role.AUTHOR, is_staff=True)
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    user.refresh_from_db()
    return user


# --- the demo author ---------------------------------------------------------------------------


def test_the_demo_author_is_staff_but_not_a_superuser(demo):
    author = demo["author"]
    assert author.is_staff and not author.is_superuser
    assert list(author.groups.values_list("name", flat=True)) == [AUTHORS_GROUP]
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_migration_makes_the_authors_group_with_the_listed_permissions():
    """Before any demo: the group a production database gets from `migrate`."""
    group = Group.objects.get(name=AUTHORS_GROUP)
    assert _codenames(group.permissions.select_related("content_type")) == _expected()


def test_the_authors_group_holds_exactly_the_permissions_authors_need(demo):
    """The migration's list and authoring/roles.py agree; nothing of students, classes,
    accounts or the audit log is in it."""
    group = Group.objects.get(name=AUTHORS_GROUP)
    granted = _codenames(group.permissions.select_related("content_type"))
    assert granted == _expected()
    assert _codenames(demo["author"].user_permissions.all()) == set()
    forbidden_apps = {"accounts", "audit", "classroom", "auth", "axes"}
    assert not {p.split(".")[0] for p in granted} & forbidden_apps
    assert not {"quizzes.change_score", "quizzes.change_attempt", "quizzes.view_response"} & (
        demo["author"].get_all_permissions()
    )


def test_the_demo_author_edits_lessons_but_cannot_reach_students_or_their_work(
    client, demo, submitted
):
    client.force_login(demo["author"])
    assert client.get(reverse("admin:lessons_lesson_changelist")).status_code == 200
    assert client.get(reverse("admin:quizzes_question_changelist")).status_code == 200
    for name in (
        "admin:quizzes_score_changelist",
        "admin:quizzes_attempt_changelist",
        "admin:quizzes_response_changelist",
        "admin:accounts_user_changelist",
        "admin:audit_auditentry_changelist",
        "admin:classroom_classroom_changelist",
    ):
        assert client.get(reverse(name)).status_code == 403, name
    # and the privacy pages do not know the student (finding 9: export/delete anyone)
    student = submitted.student
    assert client.get(reverse("privacy:student_export", args=[student.pk])).status_code == 404
    assert client.get(reverse("privacy:student_delete", args=[student.pk])).status_code == 404


def test_the_demo_school_administrator_opens_the_school_pages(client, demo):
    admin = demo["schooladmin"]
    assert admin.is_school_admin and not admin.is_staff and not admin.is_superuser
    client.force_login(admin)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("school:account_list")
    assert client.get(reverse("admin:index")).status_code == 302  # to the admin's login


# --- the admin is read-only on students' work ------------------------------------------------


@pytest.mark.parametrize("model", ["attempt", "response", "score"])
def test_even_a_superuser_cannot_add_change_or_delete_students_work_in_the_admin(
    client, superuser, submitted, model
):
    obj = {
        "attempt": submitted,
        "response": Response.objects.filter(attempt=submitted).first(),
        "score": Score.objects.filter(attempt=submitted).first(),
    }[model]
    before = (
        Attempt.objects.values().get(pk=submitted.pk),
        sorted(Score.objects.values_list("id", "points_earned")),
        sorted(Response.objects.values_list("id", "data")),
    )
    client.force_login(superuser)
    changelist = client.get(reverse(f"admin:quizzes_{model}_changelist"))
    assert changelist.status_code == 200  # it can be read
    change = reverse(f"admin:quizzes_{model}_change", args=[obj.pk])
    page = client.get(change)
    html = page.content.decode()
    assert page.status_code == 200 and f"View {obj._meta.verbose_name}" in html
    assert 'name="_save"' not in html and "deletelink" not in html
    assert client.post(change, {"points_earned": "10", "status": "submitted"}).status_code == 403
    assert client.get(reverse(f"admin:quizzes_{model}_add")).status_code == 403
    delete = reverse(f"admin:quizzes_{model}_delete", args=[obj.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    after = (
        Attempt.objects.values().get(pk=submitted.pk),
        sorted(Score.objects.values_list("id", "points_earned")),
        sorted(Response.objects.values_list("id", "data")),
    )
    assert after == before
    assert not AuditEntry.objects.exists()


def test_the_admins_delete_selected_action_removes_no_score(client, superuser, submitted):
    """The change list's "delete selected" action is gone with the delete permission."""
    client.force_login(superuser)
    scores = list(Score.objects.filter(attempt=submitted).values_list("pk", flat=True))
    response = client.post(
        reverse("admin:quizzes_score_changelist"),
        {"action": "delete_selected", "_selected_action": scores, "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Score.objects.filter(pk__in=scores).count() == len(scores)
