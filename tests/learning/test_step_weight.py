"""Step pages weigh what they show (issue 15): the lesson-wide glossary and list of sources
load when the student opens them, no term carries its definition in a tooltip, templates
lose their indentation; what the step needs is still on the page."""

import re

import pytest
from django.urls import reverse

from lessons.models import Step
from quizzes.models import Question

pytestmark = pytest.mark.django_db

BUDGET = 60_000  # bytes of HTML
# Steps of the Khojaly lesson still over the budget, each with the ceiling it now keeps
# (docs/performance.md, "What step pages weigh"): the activities' controls (a radio button per
# statement and category, a checkbox per word; the question types' templates) and the context
# step's own text and timeline. A ceiling here only stops them growing back.
OVER_BUDGET = {
    "khojaly-1992": {
        "context": 100_000,
        "perspective": 85_000,
        "fact_interpretation": 105_000,
        "corroboration": 105_000,
    }
}


def steps_of(client, assignment):
    for step in Step.objects.filter(lesson=assignment.lesson).order_by("position"):
        response = client.get(reverse("learning:step", args=[assignment.pk, step.kind]))
        assert response.status_code == 200, step.kind
        yield step, response.content.decode()


@pytest.mark.parametrize("lesson", ["example", "khojaly"])
def test_every_step_of_a_seeded_lesson_stays_within_its_weight(client, student, request, lesson):
    assignment = request.getfixturevalue(
        "assignment" if lesson == "example" else "khojaly_assignment"
    )
    client.force_login(student)
    ceilings = OVER_BUDGET.get(assignment.lesson.slug, {})
    for step, html in steps_of(client, assignment):
        size = len(html.encode())
        assert size <= ceilings.get(step.kind, BUDGET), (step.kind, size)


def test_a_step_still_shows_what_it_needs_without_the_lesson_wide_lists(
    client, student, khojaly_assignment
):
    client.force_login(student)
    lesson = khojaly_assignment.lesson
    glossary = reverse("learning:glossary", args=[khojaly_assignment.pk])
    for step, html in steps_of(client, khojaly_assignment):
        # The whole document, every sentence addressable; its terms link to their definitions.
        assert html.count('class="sentence"') == lesson.sentences.count(), step.kind
        assert f'class="term" href="{glossary}#term-' in html
        assert ' title="' not in html.split('class="document"')[1].split("</div>")[0]
        # The glossary and the sources are loaded when opened, or on a page of their own.
        assert "<dfn>" not in html and '<li id="ref-' not in html
        assert f'hx-get="{glossary}"' in html and f'href="{glossary}"' in html
        assert f'hx-get="{glossary}?part=references"' in html
        # Every activity of the step, with its controls.
        for question in Question.objects.filter(step=step, is_current=True):
            assert f'id="activity-q{question.pk}"' in html or step.kind == "quiz"
        # No template indentation (the lesson's own text keeps its line breaks).
        assert sum(len(run) for run in re.findall(r"\s{3,}", html)) < len(html) // 50
