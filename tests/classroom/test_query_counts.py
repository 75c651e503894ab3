"""The teacher's pages and exports run as many queries for a big class with many assignments
as for a small one: the counts are equal, not merely small."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom.selectors.projector import projector_slide
from classroom.services import (
    assignment_create,
    extension_set,
    item_score,
    rubric_score,
)
from core.local_cache import local_caches_clear
from tests.classroom.conftest import (
    answer_quiz,
    quiz_questions,
    reflection_question,
    write_reflection,
)

pytestmark = pytest.mark.django_db


def build(classroom, lesson, teacher, make_student, *, students: int, assignments: int):
    """Students who did everything: quiz (one override each), reflection (scored for half),
    an extension for one of them."""
    now = timezone.now()
    made = [make_student(f"s{len(classroom.memberships.all())}-{i}") for i in range(students)]
    created = []
    for _ in range(assignments):
        assignment = assignment_create(
            classroom=classroom,
            lesson=lesson,
            opens_at=now - timedelta(days=2),
            due_at=now + timedelta(days=2),
        )
        created.append(assignment)
        question = quiz_questions(assignment)["q-purpose"]
        extension_set(assignment=assignment, student=made[0], extra_minutes=5)
        for index, student in enumerate(made):
            attempt = answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
            item_score(
                attempt=attempt, question=question, points=Decimal(0), by=teacher, reason="x"
            )
            lesson_attempt = write_reflection(
                student=student, assignment=assignment, text="An argued answer " * 20
            )
            if index % 2:
                rubric_score(
                    attempt=lesson_attempt,
                    question=reflection_question(lesson),
                    level=2,
                    by=teacher,
                )
    return created, made[-1]


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def measure(client, classroom, assignment, student) -> dict[str, int]:
    """Each page's queries with every cache empty: a page's worst case, the same in both."""
    cache.clear()
    local_caches_clear()
    pk = classroom.pk
    return {
        "progress": count(client, reverse("classroom:classroom_progress", args=[pk])),
        "grid": count(client, reverse("classroom:progress_grid", args=[pk]) + "?filter=late"),
        "gradebook": count(client, reverse("classroom:export_gradebook", args=[pk])),
        "responses": count(client, reverse("classroom:export_responses", args=[pk])),
        "analysis": count(
            client, reverse("classroom:assignment_analysis", args=[pk, assignment.pk])
        ),
        # With the answers given to one question tallied, on the second page of students.
        "analysis_question": count(
            client,
            reverse("classroom:assignment_analysis", args=[pk, assignment.pk])
            + "?question=1&page=2",
        ),
        "student_work": count(
            client,
            reverse("classroom:student_work", args=[pk, assignment.pk, student.pk]),
        ),
        "class_list": count(client, reverse("classroom:classroom_list")),
        # The projector view: the document, an activity, and the last quiz item with its key.
        "projector": count(client, reverse("classroom:projector", args=[pk, assignment.pk])),
        "projector_activity": count(
            client, reverse("classroom:projector_slide", args=[pk, assignment.pk, 1])
        ),
        "projector_quiz": count(
            client,
            reverse("classroom:projector_slide", args=[pk, assignment.pk, last_slide(assignment)])
            + "?key=1",
        ),
    }


def last_slide(assignment) -> int:
    return projector_slide(assignment=assignment, number=0).total - 1


def test_teacher_pages_and_exports_do_not_grow_with_students_or_assignments(
    client, classroom, example_lesson, teacher, make_student
):
    client.force_login(teacher)
    first, student = build(
        classroom, example_lesson, teacher, make_student, students=2, assignments=1
    )
    small = measure(client, classroom, first[0], student)

    more, student = build(
        classroom, example_lesson, teacher, make_student, students=6, assignments=3
    )
    large = measure(client, classroom, more[-1], student)

    assert small == large, (small, large)
    # One query each for closing overdue attempts first (none are overdue here).
    assert large["grid"] <= 12
    assert large["gradebook"] <= 12
    assert large["responses"] <= 10
