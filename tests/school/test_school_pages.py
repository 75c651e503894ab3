"""The school administrator's pages (issue 13, point 1): finding accounts, their classes, new
teacher accounts, a new username, deleting an account, the audit log; and each list page
costs the same number of queries however many rows it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEntry
from audit.services import audit_record
from classroom.services import classroom_create, membership_add
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, school_admin):
    client.force_login(school_admin)
    return client


def make_school(*, teachers: int, students: int) -> None:
    """`teachers` teachers with a class each; every student in every class; a log entry each."""
    start = User.objects.filter(role=User.Role.TEACHER).count()
    for t in range(start, start + teachers):
        teacher = user_create(username=f"teach{t}", password=None, role=User.Role.TEACHER)
        classroom = classroom_create(teacher=teacher, name=f"Class {t}")
        for s in range(students):
            student, _ = User.objects.get_or_create(
                username=f"pupil{s}", defaults={"role": User.Role.STUDENT}
            )
            membership_add(classroom=classroom, student=student)
            audit_record(
                action=AuditEntry.Action.PASSWORD_RESET,
                actor=teacher,
                subject_user_id=student.pk,
                reason="Forgot it",
            )


@pytest.fixture
def other_teacher(db) -> User:
    return user_create(username="t.other", password=PASSWORD, role=User.Role.TEACHER)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["account_list", "classroom_list", "teacher_list", "audit_log"])
def test_each_list_page_runs_as_many_queries_for_a_big_school_as_for_a_small_one(
    admin_client, name
):
    url = reverse(f"school:{name}")
    make_school(teachers=1, students=2)
    small = queries(admin_client, url)
    make_school(teachers=6, students=8)
    assert queries(admin_client, url) == small


def test_the_account_list_finds_by_username_or_name_and_role(admin_client, teacher, student):
    user_create(
        username="grace.h", password=PASSWORD, role=User.Role.STUDENT, display_name="Grace Hopper"
    )
    page = admin_client.get(reverse("school:account_list"), {"q": "hopper"}).content.decode()
    assert "grace.h" in page and student.username not in page
    assert "t.hopper" in page  # the teacher's username holds "hopper" too
    page = admin_client.get(
        reverse("school:account_list"), {"q": "hopper", "role": "student"}
    ).content.decode()
    assert "grace.h" in page and "t.hopper" not in page


def test_the_account_list_leaves_out_staff_and_administrators(admin_client, author, student):
    response = admin_client.get(reverse("school:account_list"))
    shown = {account.username for account in response.context["page"].object_list}
    assert shown == {student.username}


def test_a_page_number_that_is_not_a_page_shows_a_page_not_an_error(admin_client, student):
    for value in ("999", "x", "-1", "\u00b2"):
        response = admin_client.get(reverse("school:account_list"), {"page": value})
        assert response.status_code == 200, value
        assert student.username in response.content.decode()


def test_an_accounts_page_lists_their_classes_with_the_teachers(
    admin_client, classroom, student, other_teacher
):
    other = classroom_create(teacher=other_teacher, name="Civics 10")
    membership_add(classroom=other, student=student)
    page = admin_client.get(reverse("school:account_detail", args=[student.pk])).content.decode()
    assert "History 9A" in page and "Civics 10" in page and str(other_teacher) in page


def test_the_administrator_creates_a_teacher_account_shown_once_and_audited(
    admin_client, school_admin
):
    response = admin_client.post(
        reverse("school:teacher_create"), {"username": "m.curie", "display_name": "Ms Curie"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    password = html.split("data-password>")[1].split("<")[0]
    teacher = User.objects.get(username="m.curie")
    assert teacher.is_teacher and teacher.check_password(password)
    assert not teacher.is_staff and not teacher.is_superuser
    entry = AuditEntry.objects.get(action=AuditEntry.Action.TEACHER_CREATED)
    assert (entry.actor, entry.subject_user_id) == (school_admin, teacher.pk)


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("T.Hopper", "already taken"),
        ("t.h\u043epper", "Not allowed: “\u043e” (cyrillic small letter o)"),
    ],
    ids=["taken-in-another-case", "lookalike"],
)
def test_a_taken_or_lookalike_username_is_refused_at_its_field(
    admin_client, teacher, student, username, message
):
    response = admin_client.post(
        reverse("school:teacher_create"), {"username": username, "display_name": ""}
    )
    assert response.status_code == 400 and message in response.content.decode()
    response = admin_client.post(
        reverse("school:account_username_change", args=[student.pk]),
        {"username": username, "reason": "Asked for it"},
    )
    assert response.status_code == 400 and message in response.content.decode()
    student.refresh_from_db()
    assert student.username == "s.lovelace"
    assert not AuditEntry.objects.exists()


def test_a_new_username_works_at_the_login_and_the_old_one_does_not(client, school_admin, student):
    client.force_login(school_admin)
    client.post(
        reverse("school:account_username_change", args=[student.pk]),
        {"username": "ada.lovelace", "reason": "Name was misspelt"},
    )
    client.logout()
    login = reverse("accounts:login")
    assert client.post(login, {"username": "s.lovelace", "password": PASSWORD}).status_code == 200
    assert client.post(login, {"username": "ada.lovelace", "password": PASSWORD}).status_code == 302


def test_a_teacher_with_classes_is_not_deleted_and_the_page_says_why(
    admin_client, teacher, classroom
):
    response = admin_client.post(
        reverse("school:account_delete", args=[teacher.pk]),
        {"reason": "Left the school", "confirm_username": teacher.username},
    )
    assert response.status_code == 409
    assert "still teaches classes" in response.content.decode()
    assert User.objects.filter(pk=teacher.pk).exists()
    assert not AuditEntry.objects.exists()


def test_a_teacher_without_classes_is_deleted_with_a_reason(admin_client, school_admin):
    teacher = user_create(username="t.gone", password=PASSWORD, role=User.Role.TEACHER)
    response = admin_client.post(
        reverse("school:account_delete", args=[teacher.pk]),
        {"reason": "Left the school", "confirm_username": "t.gone"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=teacher.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_DELETED)
    assert (entry.actor, entry.reason, entry.subject_user_id) == (
        school_admin,
        "Left the school",
        teacher.pk,
    )


def test_deleting_asks_for_the_username_typed_to_confirm(admin_client, student):
    response = admin_client.post(
        reverse("school:account_delete", args=[student.pk]),
        {"reason": "Family asked", "confirm_username": "someone.else"},
    )
    assert response.status_code == 400
    assert User.objects.filter(pk=student.pk).exists()


def test_the_audit_log_filters_by_action_actor_and_account(
    admin_client, teacher, other_teacher, student
):
    audit_record(
        action=AuditEntry.Action.PASSWORD_RESET,
        actor=teacher,
        subject_user_id=student.pk,
        reason="reason-one",
    )
    audit_record(
        action=AuditEntry.Action.STUDENT_EXPORTED,
        actor=other_teacher,
        subject_user_id=student.pk,
        reason="reason-two",
    )
    audit_record(
        action=AuditEntry.Action.PASSWORD_RESET,
        actor=other_teacher,
        subject_user_id=99999,
        reason="reason-three",
    )
    url = reverse("school:audit_log")

    def reasons(**filters) -> set[str]:
        html = admin_client.get(url, filters).content.decode()
        return {r for r in ("reason-one", "reason-two", "reason-three") if r in html}

    assert reasons() == {"reason-one", "reason-two", "reason-three"}
    assert reasons(action="password_reset") == {"reason-one", "reason-three"}
    assert reasons(actor="T.OTHER") == {"reason-two", "reason-three"}
    assert reasons(subject=student.username) == {"reason-one", "reason-two"}
    assert reasons(subject="99999") == {"reason-three"}
    assert reasons(action="not-an-action") == {"reason-one", "reason-two", "reason-three"}
    html = admin_client.get(url).content.decode()
    assert f"{student.username} ({student.pk})" in html and "#99999" in html


def test_the_audit_log_is_paged_fifty_at_a_time(admin_client, teacher):
    for n in range(51):
        audit_record(action=AuditEntry.Action.PASSWORD_RESET, actor=teacher, reason=f"r{n:02}.")
    first = admin_client.get(reverse("school:audit_log")).content.decode()
    second = admin_client.get(reverse("school:audit_log"), {"page": 2}).content.decode()
    assert "r50." in first and "r00." not in first and "Page 1 of 2" in first
    assert "r00." in second and "r50." not in second
