"""The teacher sees a lesson's class periods and the minutes of each step (core path and
extension) on the lesson list, the guide and the assignment; and chooses the reading level
students see first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classroom.models import Assignment
from lessons.models import Step
from tests.classroom.test_views import assignment_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, teacher):
    client.force_login(teacher)
    return client


def url(name, *args):
    return reverse(f"classroom:{name}", args=args)


def steps_of(lesson):
    return list(Step.objects.filter(lesson=lesson).order_by("position"))


def shows_plan(html: str, lesson) -> None:
    steps = steps_of(lesson)
    first = sum(s.minutes["standard"]["core"] for s in steps[:4])
    assert f"Part 1: Period 1: the source · about {first} minutes" in re.sub(r"\s+", " ", html)
    assert "Part 2: Period 2: checking it" in html
    for step in steps:
        row = re.search(
            rf'<th scope="row" class="fw-normal">{re.escape(step.title)}</th>\s*<td>(\d+)</td>',
            html,
        )
        assert row, step.title
        assert int(row.group(1)) == step.minutes["standard"]["core"]


def test_the_lesson_list_shows_each_lessons_periods_and_minutes(signed_in, example_lesson):
    html = signed_in.get(url("lesson_list")).content.decode()
    shows_plan(html, example_lesson)
    assert "minutes of extension" in html


def test_the_guide_shows_the_periods_and_how_minutes_are_estimated(signed_in, example_lesson):
    html = signed_in.get(url("lesson_guide", example_lesson.slug)).content.decode()
    assert "Class periods and minutes" in html
    assert "150 a minute" in html
    shows_plan(html, example_lesson)


def test_the_assignment_page_shows_the_plan_and_sets_the_reading_level(
    signed_in, classroom, example_lesson
):
    response = signed_in.post(
        url("assignment_create", classroom.pk),
        assignment_form(example_lesson, reading_level="simpler"),
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.reading_level == "simpler"
    html = signed_in.get(url("assignment_edit", classroom.pk, assignment.pk)).content.decode()
    shows_plan(html, example_lesson)
    assert re.search(r'<option value="simpler"[^>]*selected', html)
    response = signed_in.post(
        url("assignment_edit", classroom.pk, assignment.pk),
        assignment_form(example_lesson, reading_level="standard"),
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.reading_level == "standard"


def test_an_unknown_reading_level_is_refused_at_the_form(signed_in, classroom, example_lesson):
    response = signed_in.post(
        url("assignment_create", classroom.pk),
        assignment_form(example_lesson, reading_level="hardest"),
    )
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_the_lesson_list_costs_the_same_whatever_the_number_of_lessons(
    signed_in, example_lesson, khojaly_lesson
):
    with CaptureQueriesContext(connection) as two:
        signed_in.get(url("lesson_list"))
    Step.objects.filter(lesson=khojaly_lesson).delete()
    khojaly_lesson.quiz.delete()
    with CaptureQueriesContext(connection) as one:
        signed_in.get(url("lesson_list"))
    assert len(two) == len(one)


def test_the_guide_lists_sources_and_references_as_the_student_pages_do(signed_in, example_lesson):
    html = signed_in.get(url("lesson_guide", example_lesson.slug)).content.decode()
    entries = re.findall(r'<li id="ref-([a-z0-9-]+)"', html)
    assert entries == ["ferry-petition", "council-minutes", "mhs-1952", "wineburg-2001"]
    # The overview cites wineburg-2001: the fourth entry.
    assert re.search(r'href="#ref-wineburg-2001"[^>]*>\[<span[^>]*>reference </span>4\]', html)
