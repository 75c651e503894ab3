"""Sharing (issue 16, point 5): a teacher sees and assigns school lessons and their own, never
another teacher's private lesson, whatever URL or form they try."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.models import Assignment
from classroom.selectors.access import lessons_for_teacher
from classroom.services import assignment_create, classroom_create
from lessons.models import Visibility
from studio import services
from tests.conftest import PASSWORD
from tests.studio.test_services import example_draft


def assign(classroom, lesson):
    now = timezone.now()
    return assignment_create(
        classroom=classroom, lesson=lesson, opens_at=now, due_at=now + timedelta(days=1)
    )


@pytest.fixture
def private_lesson(teacher):
    draft = example_draft(teacher)
    services.draft_publish(draft=draft, actor=teacher)
    return draft.lesson


@pytest.fixture
def intruder(db):
    return user_create(username="t.intruder", password=PASSWORD, role=User.Role.TEACHER)


def test_a_teacher_sees_school_lessons_and_their_own(teacher, example_lesson, private_lesson):
    assert private_lesson.visibility == Visibility.PRIVATE
    assert {lesson.slug for lesson in lessons_for_teacher(teacher=teacher)} == {
        example_lesson.slug,
        private_lesson.slug,
    }


def test_another_teachers_private_lesson_is_not_in_the_list(
    intruder, example_lesson, private_lesson
):
    assert [lesson.slug for lesson in lessons_for_teacher(teacher=intruder)] == [
        example_lesson.slug
    ]


def test_the_lesson_list_shows_who_made_each_lesson_and_the_classes_using_it(
    client, teacher, classroom, example_lesson, private_lesson, django_assert_max_num_queries
):
    client.force_login(teacher)
    assign(classroom, private_lesson)
    html = client.get(reverse("classroom:lesson_list")).content.decode()
    assert "Made by t.hopper" in html and "School lesson" in html
    assert "Your classes using this version:" in html and classroom.name in html


def test_the_lesson_list_queries_do_not_grow_with_lessons(
    client, teacher, classroom, example_lesson, private_lesson, django_assert_num_queries
):
    client.force_login(teacher)
    url = reverse("classroom:lesson_list")
    client.get(url)  # warm caches (session)
    with CaptureQueriesContext(connection) as two_lessons:
        client.get(url)
    one_more = example_draft(teacher)
    one_more.tree["slug"] = "third-lesson"
    services.draft_publish(draft=one_more, actor=teacher)
    assign(classroom, one_more.lesson)
    with django_assert_num_queries(len(two_lessons.captured_queries)):
        client.get(url)


def test_an_intruder_cannot_reach_another_teachers_private_lesson_by_any_url(
    client, intruder, private_lesson
):
    client.force_login(intruder)
    slug = private_lesson.slug
    for name, method in [
        ("classroom:lesson_guide", "get"),
        ("exchange:quiz_moodle", "get"),
        ("exchange:quiz_qti", "get"),
        ("exchange:lesson_package", "get"),
        ("learning:preview_start", "post"),
        ("studio:lesson_copy", "post"),
    ]:
        response = getattr(client, method)(reverse(name, args=[slug]))
        assert response.status_code == 404, name


def test_an_intruder_cannot_assign_another_teachers_private_lesson(
    client, intruder, private_lesson
):
    own_class = classroom_create(teacher=intruder, name="Intruder's class")
    client.force_login(intruder)
    now = timezone.localtime()
    response = client.post(
        reverse("classroom:assignment_create", args=[own_class.pk]),
        {
            "lesson": private_lesson.pk,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "due_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "attempts_allowed": 1,
            "grading_method": "highest",
            "feedback_level": "full",
            "show_feedback": "after_submit",
            "show_key": "after_due",
        },
    )
    assert response.status_code == 400
    assert not Assignment.objects.filter(lesson=private_lesson).exists()
