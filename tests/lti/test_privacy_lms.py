"""A person's data export holds their LMS identities and the grades sent to the LMS for them;
deleting the student removes both, and a teacher's deletion of their records in one class
removes that class's grade rows and keeps the account's identities."""

import json

import pytest
from django.urls import reverse
from lti_tool.models import LtiUser

from accounts.models import User
from audit.models import AuditEntry
from classroom.services import classroom_create, membership_add
from lti.models import GradeSync, IdentitySeen, RosterMember
from tests.classroom.conftest import answer_quiz

from .test_grades import lms_course

pytestmark = pytest.mark.usefixtures("tasks_at_once")


@pytest.fixture
def graded(client, lms, example_lesson, django_capture_on_commit_callbacks):
    """A student launched from the LMS and submitted; the LMS has the grade."""
    _item, assignment, teacher, student = lms_course(client, lms, example_lesson)
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=student, assignment=assignment)
    assert GradeSync.objects.get().status == GradeSync.Status.SENT
    return assignment, teacher, student


def export(client, user, student) -> dict:
    client.force_login(user)
    response = client.get(reverse("privacy:student_export", args=[student.pk]))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_export_holds_the_lms_identity_and_the_grades_sent(client, lms, graded, school_admin):
    assignment, _teacher, student = graded

    data = export(client, school_admin, student)

    [identity] = data["lms_identities"]
    assert identity["platform"] == "Example LMS"
    assert identity["issuer"] == "https://lms.example.edu"
    assert identity["subject"] == "student-1"
    assert identity["created_at"] and identity["last_launch_at"]
    [grade] = data["lms_grades"]
    sync = GradeSync.objects.get()
    assert grade["lesson"] == assignment.lesson.slug
    assert grade["class"] == assignment.classroom.name
    assert grade["score_given"] == str(sync.score_given)
    assert grade["score_maximum"] == str(sync.score_maximum)
    assert grade["status"] == "sent" and grade["sent_at"]


def test_a_teachers_export_holds_the_lms_rows_of_their_class(client, lms, graded):
    _assignment, teacher, student = graded

    data = export(client, teacher, student)

    assert [i["subject"] for i in data["lms_identities"]] == ["student-1"]
    assert len(data["lms_grades"]) == 1


def test_deleting_the_student_removes_their_lms_identity_and_grade_rows(client, lms, graded):
    _assignment, teacher, student = graded
    client.force_login(teacher)

    response = client.post(
        reverse("privacy:student_delete", args=[student.pk]),
        {"reason": "Family asked", "confirm_username": student.username},
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=student.pk).exists()
    assert not LtiUser.objects.filter(sub="student-1").exists()
    assert not GradeSync.objects.exists()
    assert not IdentitySeen.objects.filter(lti_user__sub="student-1").exists()
    assert not RosterMember.objects.exists()


def test_a_teachers_class_deletion_removes_that_class_lms_rows_and_keeps_the_identity(
    client, lms, graded, teacher
):
    _assignment, lms_teacher, student = graded
    membership_add(classroom=classroom_create(teacher=teacher, name="Other"), student=student)
    client.force_login(lms_teacher)

    response = client.post(
        reverse("privacy:student_delete", args=[student.pk]),
        {"reason": "Left the course", "confirm_username": student.username},
    )

    assert response.status_code == 302
    assert User.objects.filter(pk=student.pk).exists()
    assert LtiUser.objects.get(sub="student-1").auth_user == student
    assert not GradeSync.objects.exists()
    assert not RosterMember.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CLASS_RECORDS_DELETED)
    assert entry.details["lms"] == 1
