"""The assignment form carries each lesson's quiz defaults, so that choosing another lesson puts
in its settings (finding 17 of the December 2026 user review)."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from classroom.forms import AssignmentForm
from lessons.models import Lesson
from quizzes.models import Quiz

pytestmark = pytest.mark.django_db


def test_the_form_page_holds_every_lesson_quiz_defaults(client, teacher, classroom, example_lesson):
    other = Lesson.objects.create(slug="other", title="Another lesson")
    Quiz.objects.create(lesson=other, title="Q", attempts_allowed=3, time_limit_minutes=25)
    client.force_login(teacher)
    html = client.get(reverse("classroom:assignment_create", args=[classroom.pk])).content.decode()
    data = json.loads(unescape(re.search(r'data-lesson-defaults="([^"]*)"', html)[1]))
    assert data[str(other.pk)]["attempts_allowed"] == 3
    assert data[str(other.pk)]["time_limit_minutes"] == 25
    quiz = example_lesson.quiz
    assert data[str(example_lesson.pk)]["attempts_allowed"] == quiz.attempts_allowed
    assert set(data[str(other.pk)]) == set(AssignmentForm.SETTINGS)  # every quiz setting
    assert "js/assignment-form" in html
