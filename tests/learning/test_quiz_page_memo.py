"""The quiz page's deadline line and progress line are rendered once per process for each
combination of what they show (`{% memo %}`): formatting a date cost more than the rest of the
line. Every student still sees their own class's time and zone, and their own count."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom import services as classroom_services
from classroom.models import Assignment
from quizzes import services
from quizzes.models import Question
from quizzes.types import registry

pytestmark = pytest.mark.django_db
DUE = datetime(2031, 3, 8, 19, 59, tzinfo=ZoneInfo("UTC"))  # 23:59 in Baku, 20:59 in Paris


def quiz_page(client, student, assignment) -> tuple[str, object]:
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    client.force_login(student)
    return client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode(), attempt


def class_due_in(zone: str, *, teacher, lesson, name: str):
    classroom = classroom_services.classroom_create(teacher=teacher, name=name)
    classroom = classroom_services.classroom_time_zone_set(classroom=classroom, time_zone=zone)
    student = user_create(username=f"s.{name}", password=None, role=User.Role.STUDENT)
    classroom_services.membership_add(classroom=classroom, student=student)
    assignment = classroom_services.assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=timezone.now() - timedelta(days=1),
        due_at=DUE,
    )
    # Untimed, so that the attempt's deadline is the class's due date.
    Assignment.objects.filter(pk=assignment.pk).update(time_limit_minutes=None)
    assignment.refresh_from_db()
    return student, assignment


def test_the_same_deadline_is_shown_in_each_class_zone(client, teacher, example_lesson):
    in_baku = class_due_in("Asia/Baku", teacher=teacher, lesson=example_lesson, name="baku")
    in_paris = class_due_in("Europe/Paris", teacher=teacher, lesson=example_lesson, name="paris")
    baku, _ = quiz_page(client, *in_baku)
    paris, _ = quiz_page(client, *in_paris)
    assert 'datetime="2031-03-08T23:59:00+04:00"' in baku
    assert 'data-zone="Asia/Baku"' in baku
    assert 'datetime="2031-03-08T20:59:00+01:00"' in paris
    assert 'data-zone="Europe/Paris"' in paris
    assert "Asia/Baku" not in paris


def test_the_progress_line_counts_each_students_own_answers(client, student, assignment):
    html, attempt = quiz_page(client, student, assignment)
    total = len(attempt.item_order)
    assert f"<span data-answered-count>0</span> of {total} answered" in html
    question = Question.objects.get(pk=attempt.item_order[0])
    qt = registry.get(question.type)
    answer = qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))
    services.response_save(attempt=attempt, question_id=question.pk, data=answer)
    html = client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert f"<span data-answered-count>1</span> of {total} answered" in html
