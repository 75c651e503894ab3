"""Feedback names the words a student picked as a quotation, then the sentence they are in:
“grumbled” in s9, not "s9 grumbled" (issue 19, point 2)."""

import re

import pytest
from django.urls import reverse

from quizzes.models import Question

pytestmark = pytest.mark.django_db


def test_word_selection_feedback_quotes_the_words_and_names_their_sentence(
    client, student, assignment
):
    client.force_login(student)
    question = Question.objects.get(lesson=assignment.lesson, key="pv-loaded", is_current=True)
    spec = question.spec
    grumbled = next(o["id"] for o in spec["options"] if o["text"] == "grumbled")
    url = reverse("learning:activity_check", args=[assignment.pk, question.pk])
    html = client.post(
        url, {f"{question.uid}-selected": [grumbled]}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert re.search(r'<span class="part-label">“grumbled”</span>\s*<span class="part-where">in\s*'
                     r'<a class="badge text-bg-light" href="#s9">s9</a>', html)  # fmt: skip
