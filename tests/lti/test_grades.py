"""Grades to the LMS gradebook (AGS): sent on submit, and again when a teacher's score or a
regrade changes the grade; a failed send is retried with backoff, and the teacher sees which."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from lti_tool.models import LtiUser

from classroom.services import item_score
from lessons.models import StepKind
from lti.models import GradeSync, LinkedAssignment
from lti.services.grades import backoff, grades_send_due
from quizzes.models import Question
from quizzes.services import regrade_apply
from tests.classroom.conftest import answer_quiz
from tests.key_fix import FIXED_QUESTION, load_key_fix

from .conftest import lti_launch
from .platform import INSTRUCTOR

# Tasks run as they are enqueued here; tests/lti/test_grades_worker.py runs django-tasks' worker.
pytestmark = pytest.mark.usefixtures("tasks_at_once")


@pytest.fixture
def course(client, lms, example_lesson):
    return lms_course(client, lms, example_lesson)


def lms_course(client, lms, example_lesson):
    """A teacher placed the lesson in the LMS course (with its gradebook column) and a student
    opened it; returns (line item id, assignment, teacher, student)."""
    item = lms.platform.lineitem_create(
        {"label": example_lesson.title, "scoreMaximum": 10, "resourceId": example_lesson.slug}
    )
    claims = {"custom": {"lesson": example_lesson.slug}, "lineitem": item["id"]}
    lti_launch(client, lms, user_id="teacher-7", roles=[INSTRUCTOR], **claims)
    teacher = LtiUser.objects.get(sub="teacher-7").auth_user
    lti_launch(client, lms, user_id="student-1", **claims)
    student = LtiUser.objects.get(sub="student-1").auth_user
    assignment = LinkedAssignment.objects.select_related("assignment").get().assignment
    return item["id"].rsplit("/", 1)[1], assignment, teacher, student


def written_possible(lesson) -> Decimal:
    """The points of the written activities outside the quiz (decision 0004: always counted)."""
    questions = Question.objects.filter(lesson=lesson, is_current=True, type="free_text")
    return sum((Decimal(q.points) for q in questions.exclude(step__kind=StepKind.QUIZ)), Decimal(0))


def received(lms, item: str) -> list[dict]:
    return lms.platform.scores.get(item, [])


def test_submitting_sends_the_grade_score_maximum_and_time_to_the_line_item(
    lms, course, django_capture_on_commit_callbacks
):
    item, assignment, _teacher, student = course
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        attempt = answer_quiz(student=student, assignment=assignment)
    after = timezone.now()

    [score] = received(lms, item)
    assert score["userId"] == "student-1"
    assert Decimal(str(score["scoreGiven"])) == attempt.points_earned
    assert Decimal(str(score["scoreMaximum"])) == attempt.points_possible + written_possible(
        assignment.lesson
    )
    assert before <= datetime.fromisoformat(score["timestamp"]) <= after
    assert score["activityProgress"] == "Completed"
    sync = GradeSync.objects.get()
    assert sync.status == GradeSync.Status.SENT and sync.tries == 0


def test_a_teacher_override_sends_the_changed_grade_with_a_later_time(
    lms, course, django_capture_on_commit_callbacks
):
    item, assignment, teacher, student = course
    with django_capture_on_commit_callbacks(execute=True):
        attempt = answer_quiz(student=student, assignment=assignment, right=set())
    question = Question.objects.get(pk=attempt.item_order[0])
    with django_capture_on_commit_callbacks(execute=True):
        item_score(attempt=attempt, question=question, points=Decimal(1), by=teacher, reason="Fair")

    first, second = received(lms, item)
    assert Decimal(str(first["scoreGiven"])) == 0
    assert Decimal(str(second["scoreGiven"])) == 1
    assert second["timestamp"] > first["timestamp"]


def test_a_regrade_that_changes_the_grade_sends_it_again(
    lms, course, tmp_path, django_capture_on_commit_callbacks
):
    item, assignment, teacher, student = course
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=student, assignment=assignment)  # q-purpose: "celebrate", the key
    load_key_fix(tmp_path)  # the key was wrong: "neutral" is right
    fixed = Question.objects.get(lesson=assignment.lesson, key=FIXED_QUESTION, version=1)

    with django_capture_on_commit_callbacks(execute=True):
        regrade_apply(lesson=assignment.lesson, policies={FIXED_QUESTION: "new"}, by=teacher)

    first, second = received(lms, item)
    assert Decimal(str(first["scoreGiven"])) - Decimal(str(second["scoreGiven"])) == fixed.points
    assert second["timestamp"] > first["timestamp"]


def test_a_regrade_that_keeps_the_grade_sends_nothing_more(
    lms, course, tmp_path, django_capture_on_commit_callbacks
):
    item, assignment, teacher, student = course
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=student, assignment=assignment)
    load_key_fix(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        regrade_apply(lesson=assignment.lesson, policies={FIXED_QUESTION: "keep"}, by=teacher)

    assert len(received(lms, item)) == 1


def test_a_failed_send_is_retried_with_backoff_and_the_teacher_sees_it(
    client, lms, course, django_capture_on_commit_callbacks
):
    item, assignment, teacher, student = course
    lms.fail_scores = True
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=student, assignment=assignment)

    sync = GradeSync.objects.get()
    assert sync.status == GradeSync.Status.FAILED and sync.tries == 1
    assert "503" in sync.last_error, sync.last_error
    client.force_login(teacher)
    url = f"/lti/classes/{assignment.classroom_id}/assignments/{assignment.pk}/grades/"
    assert b"Failed once, retrying at" in client.get(url).content

    assert grades_send_due(now=timezone.now()) == []  # not due yet: the backoff holds
    lms.fail_scores = False
    [retried] = grades_send_due(now=sync.next_try_at + timedelta(seconds=1))

    assert retried.status == GradeSync.Status.SENT
    assert len(received(lms, item)) == 1
    assert b"Sent to the LMS" in client.get(url).content


@pytest.mark.parametrize(
    ("tries", "minutes"), [(1, 1), (2, 2), (3, 4), (5, 16), (9, 240), (30, 240)]
)
def test_backoff_doubles_up_to_four_hours(tries, minutes):
    assert backoff(tries) == timedelta(minutes=minutes)


def test_another_teacher_cannot_read_the_grades_page(client, course, teacher):
    _item, assignment, _teacher, _student = course
    client.force_login(teacher)  # a Source Lab teacher, not this course's
    url = f"/lti/classes/{assignment.classroom_id}/assignments/{assignment.pk}/grades/"

    assert client.get(url).status_code == 404


def test_rubric_scoring_of_the_written_answer_sends_the_raised_grade(
    lms, course, django_capture_on_commit_callbacks
):
    from classroom.rubric import rubric_levels
    from classroom.services import rubric_score
    from tests.classroom.conftest import reflection_question, write_reflection

    item, assignment, teacher, student = course
    lesson_attempt = write_reflection(student=student, assignment=assignment, text="Because…")
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=student, assignment=assignment)
    question = reflection_question(assignment.lesson)
    top = max(rubric_levels(question), key=lambda level: level.points)
    with django_capture_on_commit_callbacks(execute=True):
        rubric_score(attempt=lesson_attempt, question=question, level=top.level, by=teacher)

    first, second = received(lms, item)
    assert Decimal(str(second["scoreGiven"])) - Decimal(str(first["scoreGiven"])) == top.points
    assert first["gradingProgress"] == "PendingManual"
    assert second["gradingProgress"] == "FullyGraded"
