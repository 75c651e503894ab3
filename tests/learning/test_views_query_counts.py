"""The student's pages cost the same number of queries for a small lesson as for a large one,
and for one assignment as for many (Zulip-style query-count assertions).

The example package has 12 sentences, 3 glossary terms, 2 sources and 13 activities; the
Khojaly package 33 sentences, 29 glossary terms, 8 sources and 23 activities."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from authoring.services import lesson_packages_load
from classroom.services import assignment_create, classroom_create, membership_add
from quizzes import services
from quizzes.models import Attempt, Question
from quizzes.types import registry
from tests.conftest import EXAMPLE_PACKAGE

pytestmark = pytest.mark.django_db

# Session and user (2), the assignment with the lesson-work record and the quiz attempts (for the
# progress marks) (1), the step page (answers, checks of the step's activities, and the lesson's
# content when the cache lacks it: steps, sources, sentences, glossary, references,
# activities, the quiz's item count); the quiz step has no activities to check but reads the
# quiz's title (+1).
STEP_PAGE_MAX = 13
# 6, +1 closing the student's overdue attempts first (none here), +1 the classes waiting for
# the teacher's approval (issue 13)
DASHBOARD_MAX = 8
SKILLS_MAX = 5


def queries(client, url, method="get", data=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), (url, response.status_code)
    return len(context.captured_queries)


def correct(question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def step_counts(client, student, assignment) -> dict[str, int]:
    """Queries of every step page, once the student has started and checked everything."""
    work = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    for question in Question.objects.filter(lesson=assignment.lesson, is_current=True).exclude(
        step__kind="quiz"
    ):
        if registry.get(question.type).auto_graded:
            services.activity_check(attempt=work, question_id=question.pk, data=correct(question))
    counts = {}
    for kind in assignment.lesson.steps.values_list("kind", flat=True):
        url = reverse("learning:step", args=[assignment.pk, kind])
        client.get(url)  # the visit that moves the student's place to this step
        counts[kind] = queries(client, url)
    return counts


def test_step_pages_cost_the_same_for_a_small_and_a_large_lesson(
    client, student, assignment, khojaly_assignment
):
    client.force_login(student)
    small = step_counts(client, student, assignment)
    large = step_counts(client, student, khojaly_assignment)
    assert small == large, (small, large)
    assert max(small.values()) <= STEP_PAGE_MAX, small


def test_checking_an_activity_costs_the_same_for_a_small_and_a_large_question(
    client, student, assignment, khojaly_assignment
):
    client.force_login(student)

    def check(assignment, key_type):
        question = (
            Question.objects.filter(lesson=assignment.lesson, type=key_type, is_current=True)
            .exclude(step__kind="quiz")
            .first()
        )
        url = reverse("learning:activity_check", args=[assignment.pk, question.pk])
        client.post(url, {}, HTTP_HX_REQUEST="true")  # starts the lesson-work record
        return queries(client, url, "post", {})

    small, large = check(assignment, "classify"), check(khojaly_assignment, "classify")
    assert small == large  # 4 statements vs 44


def make_assignments(teacher, student, lesson, n: int) -> None:
    now = timezone.now()
    for i in range(n):
        classroom = classroom_create(teacher=teacher, name=f"Class {i}")
        membership_add(classroom=classroom, student=student)
        assignment = assignment_create(
            classroom=classroom,
            lesson=lesson,
            opens_at=now - timedelta(days=1),
            due_at=now + timedelta(days=i + 1),
        )
        if i % 2:
            attempt = services.attempt_start(student=student, lesson=lesson, assignment=assignment)
            services.attempt_submit(attempt=attempt)


def test_the_dashboard_costs_the_same_for_one_assignment_and_many(
    client, teacher, student, example_lesson
):
    client.force_login(student)
    url = reverse("learning:dashboard")
    make_assignments(teacher, student, example_lesson, 1)
    one = queries(client, url)
    make_assignments(teacher, student, example_lesson, 8)
    many = queries(client, url)
    assert one == many <= DASHBOARD_MAX, (one, many)


def test_the_dashboard_reads_no_lesson_guide(client, teacher, student, example_lesson):
    """The page shows each lesson's title and parts; its guide, timeline and summary are
    the row's heaviest columns and are not read, nor the text of its steps."""
    client.force_login(student)
    make_assignments(teacher, student, example_lesson, 2)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("learning:dashboard")).content.decode()
    read = " ".join(q["sql"] for q in captured.captured_queries)  # columns as `table."name"`
    assert '"teacher_guide"' not in read and '."timeline"' not in read
    assert '."body"' not in read and '."figures"' not in read
    assert '."minutes"' in read  # what the parts' times are made of
    assert example_lesson.title in html


def test_the_skills_page_costs_the_same_with_little_and_much_work(
    client, teacher, student, example_lesson
):
    client.force_login(student)
    url = reverse("learning:skills")
    make_assignments(teacher, student, example_lesson, 2)  # one quiz submitted
    little = queries(client, url)
    make_assignments(teacher, student, example_lesson, 6)
    lesson_packages_load(paths=[EXAMPLE_PACKAGE])
    much = queries(client, url)
    assert little == much <= SKILLS_MAX, (little, much)


def test_checks_are_read_only_on_a_step_with_answers(client, student, assignment):
    """Only an answered activity can have checks (a check saves its answer first)."""
    client.force_login(student)
    url = reverse("learning:step", args=[assignment.pk, "sourcing"])
    client.get(url)  # the first visit starts the lesson work
    with CaptureQueriesContext(connection) as unanswered:
        client.get(url)
    assert not any("quizzes_score" in q["sql"] for q in unanswered.captured_queries)
    work = Attempt.objects.get(student=student, assignment=assignment, kind=Attempt.Kind.LESSON)
    question = Question.objects.filter(
        lesson=assignment.lesson, step__kind="sourcing", is_current=True
    ).first()
    services.activity_check(attempt=work, question_id=question.pk, data=correct(question))
    with CaptureQueriesContext(connection) as answered:
        html = client.get(url).content.decode()
    assert any("quizzes_score" in q["sql"] for q in answered.captured_queries)
    assert f'id="feedback-{question.uid}"' in html and "Right first time" in html


def test_starting_a_quiz_or_saving_a_step_reads_no_teacher_guide(client, student, assignment):
    """No student page shows the teacher's guide, the lesson row's largest column."""
    client.force_login(student)
    with CaptureQueriesContext(connection) as captured:
        started = client.post(reverse("learning:attempt_start", args=[assignment.pk]))
        saved = client.post(
            reverse("learning:step", args=[assignment.pk, "close_reading"]), {"action": "save"}
        )
    assert started.status_code == 302 and saved.status_code in (200, 302)
    assert '"teacher_guide"' not in " ".join(q["sql"] for q in captured.captured_queries)
