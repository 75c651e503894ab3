"""Parts of the step page are rendered once per process for each combination of the values
they show (`{% memo %}`): the step list (`page.nav_key`), an activity's heading and buttons,
the sourcing card. Every student still sees their own marks, badges and buttons, and an edit
of the lesson shows at once."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.services import membership_add
from lessons.models import Source, Step
from quizzes import services
from quizzes.models import Attempt, Question
from quizzes.types import registry

pytestmark = pytest.mark.django_db


def step_page(client, assignment, kind="close_reading") -> str:
    response = client.get(reverse("learning:step", args=[assignment.pk, kind]))
    assert response.status_code == 200
    return response.content.decode()


def step_list(client, assignment, kind="close_reading") -> str:
    html = step_page(client, assignment, kind)
    start = html.index('<nav class="step-progress')
    return html[start : html.index("</nav>", start)]


def done_marks(nav: str) -> int:
    return nav.count("step-done")


def lesson_work(student, assignment) -> Attempt:
    return services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.LESSON
    )


def correct(question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def sourcing_questions(assignment):
    return Question.objects.filter(
        lesson=assignment.lesson, step__kind="sourcing", is_current=True
    ).order_by("position")


def answer_sourcing(student, assignment) -> None:
    """Every activity of the sourcing step answered (correctly): the step is done."""
    work = lesson_work(student, assignment)
    for question in sourcing_questions(assignment):
        services.response_save(attempt=work, question_id=question.pk, data=correct(question))


@pytest.fixture
def other(classroom):
    """A classmate of `student`."""
    other = user_create(username="s.other", password=None, role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    return other


def test_classmates_on_the_same_step_see_their_own_marks(client, student, other, assignment):
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


def test_right_first_time_is_each_students_own(client, student, other, assignment):
    question = next(q for q in sourcing_questions(assignment) if registry.get(q.type).auto_graded)
    badge = "Right first time"
    client.force_login(other)
    assert badge not in step_page(client, assignment, "sourcing")
    services.activity_check(
        attempt=lesson_work(student, assignment), question_id=question.pk, data=correct(question)
    )
    client.force_login(student)
    assert badge in step_page(client, assignment, "sourcing")
    client.force_login(other)
    assert badge not in step_page(client, assignment, "sourcing")


def test_a_closed_assignment_disables_the_buttons_of_that_student_only(
    client, student, other, assignment
):
    client.force_login(other)
    assert " disabled" not in step_page(client, assignment, "sourcing")
    work = lesson_work(student, assignment)
    work.deadline = timezone.now() - timedelta(hours=1)
    work.save(update_fields=["deadline"])
    client.force_login(student)
    closed = step_page(client, assignment, "sourcing")
    assert 'hx-sync="this:drop"\ndisabled>' in closed  # the Check buttons
    assert "data-autosave-url" not in closed
    client.force_login(other)
    assert " disabled" not in step_page(client, assignment, "sourcing")


def test_the_sourcing_card_is_open_where_the_step_is_about_it(client, student, assignment):
    client.force_login(student)
    assert '<details class="sourcing-card card mb-3" open>' in step_page(client, assignment)
    context = step_page(client, assignment, "context")
    assert '<details class="sourcing-card card mb-3">' in context


def test_an_edited_source_shows_at_once(client, student, assignment):
    client.force_login(student)
    assert "Printed by the Courier" not in step_page(client, assignment)
    source = Source.objects.get(lesson=assignment.lesson, kind=Source.Kind.MAIN)
    source.publisher = "Printed by the Courier"
    source.save()  # as the admin's change form does (it moves the lesson's updated_at)
    assert "Printed by the Courier" in step_page(client, assignment)


def test_each_step_pages_to_its_own_neighbours(client, student, assignment):
    client.force_login(student)
    sourcing = step_page(client, assignment, "sourcing")
    assert 'name="go"\nvalue="context"' in sourcing
    assert 'name="go"\nvalue="close_reading"' in sourcing
    reading = step_page(client, assignment, "close_reading")
    assert 'name="go"\nvalue="sourcing"' in reading
    assert 'name="go"\nvalue="perspective"' in reading


def test_the_reading_level_buttons_press_each_students_own_level(
    client, student, other, assignment
):
    work = lesson_work(student, assignment)
    work.reading_level = "simpler"
    work.save(update_fields=["reading_level"])
    pressed = re.compile(r'aria-pressed="true">\s*(\w+) text')
    client.force_login(other)
    assert pressed.findall(step_page(client, assignment, "context")) == ["Standard"]
    client.force_login(student)
    assert pressed.findall(step_page(client, assignment, "context")) == ["Simpler"]
    client.force_login(other)
    assert pressed.findall(step_page(client, assignment, "context")) == ["Standard"]


def test_each_step_and_assignment_posts_its_form_to_its_own_address(
    client, student, assignment, khojaly_assignment
):
    client.force_login(student)
    for each in (assignment, khojaly_assignment):
        for kind in ("sourcing", "context"):
            html = step_page(client, each, kind)
            own = reverse("learning:step", args=[each.pk, kind])
            assert f'<form method="post"\naction="{own}"\nclass="step-form"' in html
            level = reverse("learning:reading_level", args=[each.pk])
            assert html.count(f'action="{level}"') == 1
    steps = assignment.lesson.steps.count()
    heading = '<span class="step-kicker">Step {} of {}</span>'
    assert heading.format(1, steps) in step_page(client, assignment, "context")
    assert heading.format(2, steps) in step_page(client, assignment, "sourcing")


def test_each_student_sees_the_feedback_on_their_own_check(client, student, other, assignment):
    question = next(q for q in sourcing_questions(assignment) if q.type == "single_choice")
    wrong = next(c["id"] for c in question.spec["choices"] if not c["correct"])
    services.activity_check(
        attempt=lesson_work(other, assignment), question_id=question.pk, data={"choice": wrong}
    )
    services.activity_check(
        attempt=lesson_work(student, assignment), question_id=question.pk, data=correct(question)
    )
    area = f'<div class="feedback-area" id="feedback-{question.uid}" aria-live="polite">'

    def feedback(user) -> str:
        client.force_login(user)
        html = step_page(client, assignment, "sourcing")
        start = html.index(area)
        return html[start : html.index("</section>", start)]

    for _ in range(2):  # the second time from the cache
        assert 'class="feedback feedback-correct"' in feedback(student)
        assert 'class="feedback feedback-incorrect"' in feedback(other)
