"""The step list is rendered once for each place in the lesson and set of steps done
(`{% memo page.nav_key %}` in learning/_step_nav.html), yet every student sees their own marks
and an edit of the lesson shows at once."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from classroom.services import membership_add
from lessons.models import Step
from quizzes import services
from quizzes.models import Attempt, Question
from quizzes.types import registry

pytestmark = pytest.mark.django_db


def step_list(client, assignment, kind="close_reading") -> str:
    response = client.get(reverse("learning:step", args=[assignment.pk, kind]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<nav class="step-progress')
    return html[start : html.index("</nav>", start)]


def done_marks(nav: str) -> int:
    return nav.count("step-done")


def answer_sourcing(student, assignment) -> None:
    """Every activity of the sourcing step answered (correctly): the step is done."""
    work = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )
    for question in Question.objects.filter(
        lesson=assignment.lesson, step__kind="sourcing", is_current=True
    ):
        qt = registry.get(question.type)
        data = qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))
        services.response_save(attempt=work, question_id=question.pk, data=data)


def test_classmates_on_the_same_step_see_their_own_marks(client, student, classroom, assignment):
    other = user_create(username="s.other", password=None, role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    client.force_login(other)
    assert done_marks(step_list(client, assignment)) == 0  # drawn first without a mark
    answer_sourcing(student, assignment)
    client.force_login(student)
    mine = step_list(client, assignment)
    assert done_marks(mine) == 2  # the phone's menu and the wide bar
    assert 'class="step is-done"' in mine
    client.force_login(other)
    assert done_marks(step_list(client, assignment)) == 0


def test_the_current_step_is_marked_on_each_step(client, student, assignment):
    client.force_login(student)
    for kind in ("sourcing", "close_reading"):
        nav = step_list(client, assignment, kind)
        current = reverse("learning:step", args=[assignment.pk, kind])
        assert f'<a href="{current}"\naria-current="step">' in nav


def test_changed_minutes_show_at_once(client, student, assignment):
    client.force_login(student)
    assert "99 min" not in step_list(client, assignment)
    step = Step.objects.get(lesson=assignment.lesson, kind="sourcing")
    step.minutes = {level: {"core": 99, "extension": 0} for level in ("standard", "simpler")}
    step.save()  # as the admin's change form does (it moves the lesson's updated_at)
    assert "99 min" in step_list(client, assignment)
