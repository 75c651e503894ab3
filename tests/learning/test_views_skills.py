"""My skills: first-try correctness on activities and released quiz points, per skill."""

import pytest
from django.urls import reverse

from classroom.models import Assignment
from learning.selectors.skills import skills_for_student
from quizzes import services
from quizzes.models import Attempt, FeedbackTiming, Question
from quizzes.types import registry

pytestmark = pytest.mark.django_db


def correct(question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def by_skill(student):
    return {row.skill: row for row in skills_for_student(student=student)}


@pytest.fixture
def lesson_work(student, assignment):
    return services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )


def test_only_the_first_try_counts_for_activities(student, lesson_work):
    src = Question.objects.get(key="src-author", is_current=True)  # skill: sourcing
    services.activity_check(attempt=lesson_work, question_id=src.pk, data={"choice": "mayor"})
    services.activity_check(attempt=lesson_work, question_id=src.pk, data=correct(src))
    ctx = Question.objects.get(key="ctx-ferry", is_current=True)  # contextualization
    services.activity_check(attempt=lesson_work, question_id=ctx.pk, data=correct(ctx))

    rows = by_skill(student)
    assert (rows["sourcing"].first_tries, rows["sourcing"].first_try_right) == (1, 0)
    assert (rows["contextualization"].first_tries, rows["contextualization"].first_try_right) == (
        1,
        1,
    )
    assert rows["corroboration"].first_tries == 0


def test_quiz_points_count_per_skill_once_released(student, assignment):
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    purpose = Question.objects.get(key="q-purpose", is_current=True)  # sourcing, 1 point
    services.response_save(attempt=attempt, question_id=purpose.pk, data=correct(purpose))
    services.attempt_submit(attempt=attempt)

    rows = by_skill(student)
    assert rows["sourcing"].quiz_earned >= 1
    assert rows["sourcing"].quiz_possible > rows["sourcing"].quiz_earned  # q-who-said: 0 of 3

    Assignment.objects.filter(pk=assignment.pk).update(show_feedback=FeedbackTiming.NEVER)
    assert all(row.quiz_possible == 0 for row in skills_for_student(student=student))


def test_the_skills_page_shows_every_skill_as_text_and_bars(client, student, lesson_work):
    src = Question.objects.get(key="src-author", is_current=True)
    services.activity_check(attempt=lesson_work, question_id=src.pk, data=correct(src))
    client.force_login(student)
    html = client.get(reverse("learning:skills")).content.decode()
    for label in ("Sourcing", "Contextualization", "Corroboration"):
        assert label in html
    assert "1 of 1 (100%)" in html
    assert '<meter min="0"' in html
    assert "No activity yet" in html


def test_another_students_work_never_shows(client, outsider, student, lesson_work):
    src = Question.objects.get(key="src-author", is_current=True)
    services.activity_check(attempt=lesson_work, question_id=src.pk, data=correct(src))
    assert all(not row.has_data for row in skills_for_student(student=outsider))
