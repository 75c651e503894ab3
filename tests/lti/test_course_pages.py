"""The LMS course page is reachable from the class's pages (only for a class linked to an LMS
course), and a linked assignment's page says how its grades stand in the LMS."""

import pytest

from classroom.models import Assignment
from tests.classroom.conftest import answer_quiz

from .test_grades import lms_course

pytestmark = pytest.mark.usefixtures("tasks_at_once")


def test_a_linked_class_links_to_its_lms_course_and_an_unlinked_one_does_not(
    client, lms, example_lesson, classroom, teacher
):
    _item, assignment, lms_teacher, _student = lms_course(client, lms, example_lesson)
    client.force_login(lms_teacher)

    page = client.get(f"/classes/{assignment.classroom_id}/").content.decode()

    assert f'href="/lti/classes/{assignment.classroom_id}/" data-lms-course-link' in page
    course_page = client.get(f"/lti/classes/{assignment.classroom_id}/").content.decode()
    assert 'aria-current="page" href="/lti/classes/' in course_page

    client.force_login(teacher)
    assert b"data-lms-course-link" not in client.get(f"/classes/{classroom.pk}/").content


def test_the_assignment_page_shows_grades_sent_and_failing(
    client, lms, example_lesson, django_capture_on_commit_callbacks
):
    _item, assignment, lms_teacher, student = lms_course(client, lms, example_lesson)
    client.force_login(lms_teacher)
    url = f"/classes/{assignment.classroom_id}/assignments/{assignment.pk}/"
    assert b"data-lms-passback" in client.get(url).content  # linked: shown, nothing sent yet

    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=student, assignment=assignment)
    assert "1 sent to the LMS" in client.get(url).content.decode()

    lms.fail_scores = True
    other = lms_course_second_student(client, lms, example_lesson)
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(student=other, assignment=assignment)
    client.force_login(lms_teacher)
    page = client.get(url).content.decode()
    assert "1 sent to the LMS" in page and "1 failed, retrying at" in page
    assert f'href="/lti/classes/{assignment.classroom_id}/assignments/{assignment.pk}/grades/"' in (
        page
    )


def test_an_unlinked_assignment_page_says_nothing_of_an_lms(client, assignment, teacher):
    client.force_login(teacher)
    url = f"/classes/{assignment.classroom_id}/assignments/{assignment.pk}/"

    assert b"data-lms-passback" not in client.get(url).content


def lms_course_second_student(client, lms, lesson):
    from lti_tool.models import LtiUser

    from .conftest import lti_launch

    client.logout()
    lti_launch(client, lms, user_id="student-2", custom={"lesson": lesson.slug})
    assert Assignment.objects.count() == 1
    return LtiUser.objects.get(sub="student-2").auth_user
