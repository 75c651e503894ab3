"""The dashboard reads the student's assignments, extensions, attempts and the lessons' steps
with SQL of its own (learning.selectors.dashboard): it must read what the ORM reads, for the
student's classes only, never an archived class's, never another student's work."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.models import Assignment, Extension, JoinRequest
from classroom.services import (
    assignment_create,
    classroom_archive,
    classroom_create,
    extension_set,
    membership_add,
)
from learning.selectors.dashboard import (
    DASHBOARD_UNREAD,
    STEP_UNREAD,
    _assignments_read,
    _steps_read,
    classes_waiting_for_approval,
)
from lessons.models import Step
from quizzes import services
from quizzes.models import Attempt
from tests.conftest import PASSWORD
from tests.loaded import loaded_values as values

pytestmark = pytest.mark.django_db


def orm_reads(student):
    """The reads as the ORM composes them: the reference the SQL is held to."""
    assignments = list(
        Assignment.objects.select_related("lesson", "classroom")
        .defer(*(f"lesson__{name}" for name in DASHBOARD_UNREAD))
        .filter(classroom__memberships__student=student, classroom__archived_at=None)
        .order_by("due_at", "id")
    )
    ids = [a.pk for a in assignments]
    extensions = {
        e.assignment_id: e for e in Extension.objects.filter(student=student, assignment_id__in=ids)
    }
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(student=student, assignment_id__in=ids).order_by(
        "number", "id"
    ):
        attempts[attempt.assignment_id].append(attempt)
    steps = defaultdict(dict)
    lessons = {a.lesson_id for a in assignments}
    for step in Step.objects.filter(lesson_id__in=lessons).defer(*STEP_UNREAD):
        steps[step.lesson_id][step.kind] = step
    return assignments, extensions, attempts, steps


def shown(assignments, extensions, attempts, steps) -> dict:
    return {
        "assignments": [
            (values(a), values(a.lesson), values(a.classroom), a.lesson.get_deferred_fields())
            for a in assignments
        ],
        "extensions": {pk: values(e) for pk, e in extensions.items()},
        "attempts": {pk: [values(a) for a in found] for pk, found in attempts.items() if found},
        "steps": {
            lesson: {kind: (values(s), s.get_deferred_fields()) for kind, s in by_kind.items()}
            for lesson, by_kind in steps.items()
        },
    }


@pytest.fixture
def school(teacher, student, outsider, classroom, example_lesson):
    """The student in two classes, and a third that is archived; work of theirs and of a
    classmate's on the same assignments; a preview of their own."""
    now = timezone.now()
    other_teacher = user_create(username="t.second", password=PASSWORD, role=User.Role.TEACHER)
    second = classroom_create(teacher=other_teacher, name="History 9B")
    archived = classroom_create(teacher=teacher, name="Last year")
    classmate = user_create(username="s.classmate", password=PASSWORD, role=User.Role.STUDENT)
    for room in (second, archived):
        membership_add(classroom=room, student=student)
    membership_add(classroom=classroom, student=classmate)

    def assign(room, days, **settings):
        return assignment_create(
            classroom=room,
            lesson=example_lesson,
            opens_at=now - timedelta(days=1),
            due_at=now + timedelta(days=days),
            **settings,
        )

    later, sooner, elsewhere = assign(classroom, 7), assign(classroom, 2), assign(second, 4)
    assign(archived, 1)
    extension_set(assignment=sooner, student=student, due_at=now + timedelta(days=3))
    extension_set(assignment=sooner, student=classmate, due_at=now + timedelta(days=5))
    lesson = example_lesson
    services.attempt_start(
        student=student, lesson=lesson, assignment=later, kind=Attempt.Kind.LESSON
    )
    first = services.attempt_start(student=student, lesson=lesson, assignment=later)
    services.attempt_submit(attempt=first)
    services.attempt_start(student=student, lesson=lesson, assignment=later)
    services.attempt_start(student=classmate, lesson=lesson, assignment=later)
    services.attempt_start(student=student, lesson=lesson, assignment=elsewhere)
    services.attempt_start(student=teacher, lesson=lesson)  # a preview: no assignment
    classroom_archive(classroom=archived)
    return {"later": later, "sooner": sooner, "elsewhere": elsewhere}


def test_the_dashboard_reads_what_the_orm_reads(student, school):
    assignments, extensions, attempts = _assignments_read(student)
    steps = _steps_read({a.lesson_id for a in assignments})
    assert shown(assignments, extensions, attempts, steps) == shown(*orm_reads(student))
    assert [a.pk for a in assignments] == [school[k].pk for k in ("sooner", "elsewhere", "later")]
    assert list(extensions) == [school["sooner"].pk]
    assert [(a.kind, a.number) for a in attempts[school["later"].pk]] == [
        (Attempt.Kind.LESSON, 1),
        (Attempt.Kind.QUIZ, 1),
        (Attempt.Kind.QUIZ, 2),
    ]


def test_a_student_whose_class_has_no_assignment_reads_nothing(outsider, school):
    assignments, extensions, attempts = _assignments_read(outsider)
    assert (assignments, extensions, dict(attempts)) == ([], {}, {})
    assert _steps_read(set()) == {}


def test_the_classes_waiting_for_approval_are_those_the_orm_finds(student, outsider, teacher):
    first, second, archived = (
        classroom_create(teacher=teacher, name=name) for name in ("7A", "7B", "Old 7C")
    )
    for room in (second, archived, first):
        JoinRequest.objects.create(classroom=room, student=student)
    JoinRequest.objects.create(classroom=first, student=outsider)
    classroom_archive(classroom=archived)
    orm = list(
        JoinRequest.objects.filter(student=student, classroom__archived_at=None)
        .order_by("requested_at", "id")
        .values_list("classroom__name", flat=True)
    )
    assert classes_waiting_for_approval(student=student) == orm == ["7B", "7A"]
