"""The shared student (issue 13, point 1; finding 2 of the December review): a student in class
A of teacher A and class B of teacher B is one account. Teacher B's authority follows class B:
B exports and deletes only class B's records, and is refused every action on the account
itself (a new password, a new username, deleting it), with a page saying who can do it. The
school administrator can, and every such action is in the audit log with actor and reason.

Part of the access matrix (`test_access_matrix.py` covers every URL by role; this file, the
person reached through several classes)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from classroom.authority import AuthorityError
from classroom.models import Membership
from classroom.services import assignment_create, classroom_create, membership_add
from classroom.services.accounts import account_password_reset, account_username_change
from quizzes import services as quiz_services
from quizzes.models import Attempt, Question, Response
from school.services import account_delete
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _work(student, classroom, lesson, text):
    """The student answers a short-text item on an assignment of `classroom` and submits."""
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
    )
    attempt = quiz_services.attempt_start(student=student, lesson=lesson, assignment=assignment)
    short = Question.objects.filter(pk__in=attempt.item_order, type="short_text").first()
    quiz_services.response_save(attempt=attempt, question_id=short.pk, data={"text": text})
    return quiz_services.attempt_submit(attempt=attempt)


@pytest.fixture
def shared(example_lesson):
    """Teacher A's class A and teacher B's class B share one student, who worked in both."""
    people = {
        name: user_create(username=name, password=PASSWORD, role=role)
        for name, role in [
            ("teacher.a", User.Role.TEACHER),
            ("teacher.b", User.Role.TEACHER),
            ("shared.student", User.Role.STUDENT),
            ("school.admin", User.Role.SCHOOL_ADMIN),
        ]
    }
    student = people["shared.student"]
    class_a = classroom_create(teacher=people["teacher.a"], name="Class A")
    class_b = classroom_create(teacher=people["teacher.b"], name="Class B")
    for classroom in (class_a, class_b):
        membership_add(classroom=classroom, student=student)
    attempt_a = _work(student, class_a, example_lesson, "written in class A")
    attempt_b = _work(student, class_b, example_lesson, "written in class B")
    return {
        **people,
        "class_a": class_a,
        "class_b": class_b,
        "attempt_a": attempt_a,
        "attempt_b": attempt_b,
    }


def _entries(action):
    return list(AuditEntry.objects.filter(action=action).select_related("actor"))


# --- teacher B is refused every action on the account --------------------------------------


def test_teacher_b_is_refused_a_new_password_with_a_403_page_naming_the_school_administrator(
    client, shared
):
    student = shared["shared.student"]
    client.force_login(shared["teacher.b"])
    url = reverse("classroom:student_password_reset", args=[shared["class_b"].pk, student.pk])
    for response in (client.get(url), client.post(url, {"reason": "Take over"})):
        assert response.status_code == 403
        page = response.content.decode()
        assert "also in a class of another teacher" in page
        assert "only the school administrator can reset this student" in page
        assert "data-password" not in page
    student.refresh_from_db()
    assert student.check_password(PASSWORD)
    assert not _entries(AuditEntry.Action.PASSWORD_RESET)


@pytest.mark.parametrize(
    "action",
    [
        lambda s, by: account_password_reset(account=s, by=by, reason="Take over"),
        lambda s, by: account_username_change(account=s, username="b.owned", by=by, reason="x"),
        lambda s, by: account_delete(account=s, by=by, reason="Take over"),
    ],
    ids=["password", "username", "delete"],
)
def test_teacher_b_is_refused_each_account_wide_action_and_nothing_changes(shared, action):
    student = shared["shared.student"]
    with pytest.raises(AuthorityError) as refusal:
        action(student, shared["teacher.b"])
    assert refusal.value.status == 403
    assert "school administrator" in refusal.value.message
    student.refresh_from_db()
    assert student.username == "shared.student" and student.check_password(PASSWORD)
    assert Attempt.objects.filter(student=student).count() == 2
    assert not AuditEntry.objects.exclude(action=AuditEntry.Action.SCORE_OVERRIDE).exists()


def test_teacher_b_is_refused_the_school_administrators_pages(client, shared):
    client.force_login(shared["teacher.b"])
    student = shared["shared.student"]
    for name in ("account_password_reset", "account_username_change", "account_delete"):
        url = reverse(f"school:{name}", args=[student.pk])
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"reason": "x", "username": "b.owned"}).status_code == 403, name
    student.refresh_from_db()
    assert student.username == "shared.student" and student.check_password(PASSWORD)


# --- teacher B's reach is class B ----------------------------------------------------------


def test_teacher_bs_export_contains_only_class_b(client, shared):
    client.force_login(shared["teacher.b"])
    student = shared["shared.student"]
    response = client.get(reverse("privacy:student_export", args=[student.pk]))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert [c["class"] for c in data["classes"]] == ["Class B"]
    assert {a["id"] for a in data["attempts"]} == {shared["attempt_b"].pk}
    texts = {a["answer"].get("text") for a in data["answers"]} - {None}
    assert texts == {"written in class B"}
    assert {s["attempt"] for s in data["scores"]} == {shared["attempt_b"].pk}
    (entry,) = _entries(AuditEntry.Action.STUDENT_EXPORTED)
    assert entry.actor == shared["teacher.b"]
    assert entry.details == {"classes": [shared["class_b"].pk]}


def test_teacher_bs_deletion_leaves_the_account_and_class_a_records(client, shared):
    client.force_login(shared["teacher.b"])
    student = shared["shared.student"]
    url = reverse("privacy:student_delete", args=[student.pk])
    page = client.get(url).content.decode()
    assert "Only the school administrator can delete the account" in page
    response = client.post(url, {"reason": "Left my class", "confirm_username": student.username})
    assert response.status_code == 302
    student.refresh_from_db()  # the account is kept, with its password
    assert student.check_password(PASSWORD)
    assert list(Attempt.objects.filter(student=student)) == [shared["attempt_a"]]
    assert Response.objects.filter(attempt=shared["attempt_a"]).exists()
    assert list(Membership.objects.filter(student=student).values_list("classroom", flat=True)) == [
        shared["class_a"].pk
    ]
    (entry,) = _entries(AuditEntry.Action.CLASS_RECORDS_DELETED)
    assert (entry.actor, entry.reason) == (shared["teacher.b"], "Left my class")
    assert entry.subject_user_id == student.pk
    assert entry.details["class_ids"] == [shared["class_b"].pk]
    assert entry.details["attempts"] == 1


def test_once_the_student_is_theirs_alone_teacher_a_may_reset_the_password(client, shared):
    """After teacher B's deletion the student is only in class A: the account is A's to act on."""
    student = shared["shared.student"]
    client.force_login(shared["teacher.a"])
    url = reverse("classroom:student_password_reset", args=[shared["class_a"].pk, student.pk])
    assert client.get(url).status_code == 403
    Membership.objects.filter(student=student, classroom=shared["class_b"]).delete()
    response = client.post(url, {"reason": "Forgot it"})
    assert response.status_code == 200 and "data-password" in response.content.decode()
    (entry,) = _entries(AuditEntry.Action.PASSWORD_RESET)
    assert (entry.actor, entry.reason, entry.subject_user_id) == (
        shared["teacher.a"],
        "Forgot it",
        student.pk,
    )


def test_a_membership_in_an_archived_class_still_makes_the_student_shared(shared):
    from classroom.services import classroom_archive

    classroom_archive(classroom=shared["class_a"])
    with pytest.raises(AuthorityError):
        account_password_reset(account=shared["shared.student"], by=shared["teacher.b"], reason="x")


# --- the school administrator acts, and the log says who and why ---------------------------


def test_the_school_administrator_does_each_account_wide_action_and_each_is_audited(client, shared):
    admin, student = shared["school.admin"], shared["shared.student"]
    client.force_login(admin)

    response = client.post(
        reverse("school:account_password_reset", args=[student.pk]),
        {"reason": "Teacher B may know the password"},
    )
    assert response.status_code == 200
    (password,) = [
        line.split(">")[1].split("<")[0]
        for line in response.content.decode().splitlines()
        if "data-password>" in line
    ]
    student.refresh_from_db()
    assert student.check_password(password)

    response = client.post(
        reverse("school:account_username_change", args=[student.pk]),
        {"username": "shared.student2", "reason": "Spelling of the name"},
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.username == "shared.student2"

    response = client.post(
        reverse("school:account_delete", args=[student.pk]),
        {"reason": "Family asked", "confirm_username": "shared.student2"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=student.pk).exists()
    assert not Attempt.objects.filter(pk__in=[shared["attempt_a"].pk, shared["attempt_b"].pk])

    logged = [
        (e.action, e.actor, e.reason, e.subject_user_id)
        for e in AuditEntry.objects.order_by("id")
        if e.action != AuditEntry.Action.SCORE_OVERRIDE
    ]
    assert logged == [
        (AuditEntry.Action.PASSWORD_RESET, admin, "Teacher B may know the password", student.pk),
        (AuditEntry.Action.USERNAME_CHANGED, admin, "Spelling of the name", student.pk),
        (AuditEntry.Action.STUDENT_DELETED, admin, "Family asked", student.pk),
    ]


@pytest.mark.parametrize("name", ["account_password_reset", "account_username_change"])
def test_the_school_administrator_must_give_a_reason(client, shared, name):
    student = shared["shared.student"]
    client.force_login(shared["school.admin"])
    url = reverse(f"school:{name}", args=[student.pk])
    response = client.post(url, {"reason": "   ", "username": "renamed"})
    assert response.status_code == 400
    student.refresh_from_db()
    assert student.username == "shared.student" and student.check_password(PASSWORD)
    assert not AuditEntry.objects.exclude(action=AuditEntry.Action.SCORE_OVERRIDE).exists()


def test_the_school_administrators_export_holds_both_classes(client, shared):
    client.force_login(shared["school.admin"])
    student = shared["shared.student"]
    data = json.loads(client.get(reverse("privacy:student_export", args=[student.pk])).content)
    assert sorted(c["class"] for c in data["classes"]) == ["Class A", "Class B"]
    assert len(data["attempts"]) == 2


@pytest.mark.parametrize(
    ("role", "staff", "superuser"),
    [
        (User.Role.AUTHOR, True, False),
        (User.Role.SCHOOL_ADMIN, False, False),
        (User.Role.TEACHER, True, True),
    ],
    ids=["author", "another-administrator", "superuser"],
)
def test_the_school_administrator_cannot_take_over_staff_or_another_administrator(
    client, shared, role, staff, superuser
):
    """A new password for a superuser would make the administrator one."""
    target = user_create(username="powerful", password=PASSWORD, role=role, is_staff=staff)
    User.objects.filter(pk=target.pk).update(is_superuser=superuser)
    client.force_login(shared["school.admin"])
    for name in ("account_detail", "account_password_reset", "account_delete"):
        url = reverse(f"school:{name}", args=[target.pk])
        assert client.get(url).status_code == 404, name
    response = client.post(
        reverse("school:account_password_reset", args=[target.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
    with pytest.raises(AuthorityError):
        account_password_reset(account=target, by=shared["school.admin"], reason="x")
