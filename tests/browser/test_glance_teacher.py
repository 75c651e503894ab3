"""The teacher's pages at a glance (issue 19, point 4), at phone and laptop widths: nothing
scrolls sideways at 375 px, axe finds nothing, the console stays clean; the assignment form
puts in the chosen lesson's quiz defaults."""

import re

import pytest

from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment
from lessons.models import Lesson
from quizzes.models import Quiz
from tests.browser.glance import SIZES, glance  # noqa: F401
from tests.classroom.conftest import answer_quiz

TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
STUDENTS = [a for a in DEMO_ACCOUNTS if a.role == "student"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_the_teacher_pages_fit_a_phone_and_a_laptop(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    from accounts.models import User

    assignment = Assignment.objects.get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug="khojaly-1992"
    )
    students = [User.objects.get(username=a.username) for a in STUDENTS]
    answer_quiz(student=students[0], assignment=assignment)
    answer_quiz(student=students[1], assignment=assignment, right=set())
    page.set_viewport_size(size)
    login(page, TEACHER.username, TEACHER.password)
    base = f"{live_server.url}/classes/{assignment.classroom_id}/"
    pages = {
        "teacher-classes": f"{live_server.url}/classes/",
        "teacher-progress": base,
        "teacher-students": base + "students/",
        "teacher-analysis": base + f"assignments/{assignment.pk}/",
        "teacher-student-work": base + f"assignments/{assignment.pk}/students/{students[1].pk}/",
        "teacher-guide": f"{live_server.url}/classes/lessons/khojaly-1992/guide/",
    }
    for name, url in pages.items():
        page.goto(url)
        glance(name)

    # Item analysis: a summary first, the answers folded; a question's link opens its details
    # with the answers given to it (one question's answers per page).
    page.goto(pages["teacher-analysis"])
    assert page.locator("[data-look-first]").is_visible()
    assert page.locator("#item-1").is_hidden()
    page.locator("[data-item-table] a[href='?question=1#item-1']").click()
    page.wait_for_url(re.compile(r"\?question=1#item-1$"))
    assert page.locator("#item-1").is_visible()
    glance("teacher-analysis-opened")

    # The grid: a 0% grade is in the low band, by colour and by symbol, not green.
    page.goto(pages["teacher-progress"])
    zero = page.locator("td.cell-band-low", has_text="0%")
    assert zero.count() == 1
    assert "○" in zero.inner_text()
    red, green, _blue = page.evaluate(
        "e => getComputedStyle(e).backgroundColor.match(/\\d+/g).map(Number)",
        zero.element_handle(),
    )
    assert red > green
    assert page.locator("[data-band-legend]").count() == 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: str(s["width"]))
def test_choosing_another_lesson_puts_in_its_quiz_defaults(
    page,
    live_server,
    demo_data,
    login,
    glance,  # noqa: F811
    size,
):
    other = Lesson.objects.create(slug="aaa-other", title="A second lesson")
    Quiz.objects.create(lesson=other, title="Q", attempts_allowed=3, time_limit_minutes=25)
    khojaly = Lesson.objects.get(slug="khojaly-1992")
    classroom = Assignment.objects.get(lesson=khojaly, classroom__name=DEMO_CLASS_NAME).classroom
    page.set_viewport_size(size)
    login(page, TEACHER.username, TEACHER.password)
    page.goto(f"{live_server.url}/classes/{classroom.pk}/assignments/new/?lesson=khojaly-1992")
    attempts = page.get_by_label("Quiz attempts allowed")
    limit = page.get_by_label("Time limit (minutes)")
    assert attempts.input_value() == str(khojaly.quiz.attempts_allowed)

    page.get_by_label("Lesson").select_option(str(other.pk))
    assert (attempts.input_value(), limit.input_value()) == ("3", "25")
    page.get_by_label("Lesson").select_option(str(khojaly.pk))
    assert attempts.input_value() == str(khojaly.quiz.attempts_allowed)
    assert limit.input_value() == str(khojaly.quiz.time_limit_minutes or "")
    glance("teacher-assignment-form")
