import pytest
from django.core.management import call_command

from accounts.models import User
from classroom.demo import DEMO_ACCOUNTS
from classroom.models import Assignment, Classroom, Membership
from lessons.models import Lesson
from quizzes.models import Question

pytestmark = pytest.mark.django_db


def test_demo_creates_accounts_and_a_class_and_prints_them(capsys):
    call_command("demo")
    out = capsys.readouterr().out

    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password(account.password)
        assert f"{account.username}" in out and account.password in out
    classroom = Classroom.objects.get()
    assert classroom.teacher.username == "teacher"
    assert Lesson.objects.filter(slug="khojaly-1992").exists()
    assert "Lesson khojaly-1992: created" in out
    assert classroom.assignments.get().lesson.slug == "khojaly-1992"
    assert sorted(m.student.username for m in classroom.memberships.all()) == [
        "student1",
        "student2",
    ]


def test_demo_run_twice_changes_nothing():
    call_command("demo")
    counts = (
        User.objects.count(),
        Classroom.objects.count(),
        Membership.objects.count(),
        Question.objects.count(),
        Assignment.objects.count(),
    )
    code = Classroom.objects.get().join_code

    call_command("demo")

    assert (
        User.objects.count(),
        Classroom.objects.count(),
        Membership.objects.count(),
        Question.objects.count(),
        Assignment.objects.count(),
    ) == counts
    assert Classroom.objects.get().join_code == code


def test_demo_assigns_version_3_of_the_khojaly_lesson_in_three_parts():
    call_command("demo")

    assignment = Assignment.objects.get(lesson__slug="khojaly-1992")
    lesson = assignment.lesson
    assert lesson.version == 3
    assert [len(part["steps"]) for part in lesson.parts] == [4, 2, 2]
    assert lesson.figures.filter(key="khojaly-map").exists()
    assert len(lesson.timeline) >= 30
    context = lesson.steps.get(kind="context")
    assert context.shows_timeline and context.body_simpler
    kinds = [step.kind for step in lesson.steps.order_by("position")]
    assert [kind for part in lesson.parts for kind in part["steps"]] == kinds
