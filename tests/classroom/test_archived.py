"""An archived class is read-only until restored: every classroom service that writes on a
class, its members, assignments or attempts refuses (ARCHIVED, 409) and changes nothing, and
the teacher's pages answer with a 4xx. Only archiving and restoring work on it."""

import inspect
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from classroom import services
from classroom.errors import ClassroomError, Code
from classroom.models import (
    Assignment,
    AttemptReset,
    Classroom,
    Extension,
    JoinRequest,
    Membership,
)
from classroom.roster import roster_parse
from classroom.services import classroom_archive, classroom_restore
from quizzes.models import Attempt, Score
from tests.classroom.conftest import (
    answer_quiz,
    quiz_questions,
    reflection_question,
    write_reflection,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(classroom, assignment, student, teacher, make_student):
    """A class with work in it (a submitted quiz, a written reflection, an extension, a second
    student), then archived."""
    newcomer = make_student("newcomer")
    Membership.objects.filter(student=newcomer).delete()
    JoinRequest.objects.create(classroom=classroom, student=newcomer)  # asked to join
    extension_student = make_student("ext.student")
    services.extension_set(assignment=assignment, student=extension_student, extra_minutes=5)
    world = SimpleNamespace(
        classroom=classroom,
        assignment=assignment,
        student=student,
        teacher=teacher,
        newcomer=newcomer,
        extension_student=extension_student,
        quiz_attempt=answer_quiz(student=student, assignment=assignment),
        lesson_attempt=write_reflection(student=student, assignment=assignment, text="x " * 40),
        question=quiz_questions(assignment)["q-purpose"],
        reflection=reflection_question(assignment.lesson),
    )
    classroom_archive(classroom=classroom)
    return world


def state() -> dict:
    """Everything a classroom service may write, as plain values."""
    return {
        "classes": list(Classroom.objects.values_list("name", "join_code", "archived_at")),
        "members": sorted(Membership.objects.values_list("classroom_id", "student_id")),
        "join": list(Classroom.objects.values_list("join_open", "join_approval")),
        "requests": sorted(JoinRequest.objects.values_list("classroom_id", "student_id")),
        "assignments": list(Assignment.objects.order_by("pk").values()),
        "extensions": list(Extension.objects.order_by("pk").values()),
        "attempts": list(Attempt.objects.order_by("pk").values_list("pk", "points_earned")),
        "scores": Score.objects.count(),
        "resets": AttemptReset.objects.count(),
        "users": list(User.objects.order_by("pk").values_list("username", "password")),
    }


def later(days: int):
    return timezone.now() + timedelta(days=days)


# Each write path, called as a teacher would with valid input.
WRITES = {
    "classroom_rename": lambda w: services.classroom_rename(classroom=w.classroom, name="New"),
    "classroom_time_zone_set": lambda w: services.classroom_time_zone_set(
        classroom=w.classroom, time_zone="Asia/Baku"
    ),
    "join_code_regenerate": lambda w: services.join_code_regenerate(classroom=w.classroom),
    "membership_add": lambda w: services.membership_add(classroom=w.classroom, student=w.newcomer),
    "membership_remove": lambda w: services.membership_remove(
        classroom=w.classroom, student=w.student
    ),
    "student_password_reset": lambda w: services.student_password_reset(
        classroom=w.classroom, student=w.student, by=w.classroom.teacher, reason="Forgot it"
    ),
    "student_login_unlock": lambda w: services.student_login_unlock(
        classroom=w.classroom, student=w.student
    ),
    "join_settings_update": lambda w: services.join_settings_update(
        classroom=w.classroom, join_open=False, join_approval=True, join_code_expires_at=None
    ),
    "join_request_approve": lambda w: services.join_request_approve(
        classroom=w.classroom, student_pk=w.newcomer.pk
    ),
    "join_request_reject": lambda w: services.join_request_reject(
        classroom=w.classroom, student_pk=w.newcomer.pk
    ),
    "roster_import": lambda w: services.roster_import(
        classroom=w.classroom, rows=roster_parse("brand.new").rows
    ),
    "assignment_create": lambda w: services.assignment_create(
        classroom=w.classroom, lesson=w.assignment.lesson, opens_at=later(1), due_at=later(2)
    ),
    "assignment_update": lambda w: services.assignment_update(
        assignment=w.assignment, opens_at=later(1), due_at=later(2), attempts_allowed=9
    ),
    "extension_set": lambda w: services.extension_set(
        assignment=w.assignment, student=w.student, extra_minutes=10
    ),
    "extension_delete": lambda w: services.extension_delete(
        assignment=w.assignment, student=w.extension_student
    ),
    "item_score": lambda w: services.item_score(
        attempt=w.quiz_attempt, question=w.question, points=Decimal(0), by=w.teacher, reason="x"
    ),
    "rubric_score": lambda w: services.rubric_score(
        attempt=w.lesson_attempt, question=w.reflection, level=4, by=w.teacher
    ),
    "attempt_reset": lambda w: services.attempt_reset(
        attempt=w.quiz_attempt, by=w.teacher, reason="Fire drill"
    ),
    "assignment_regrade": lambda w: services.assignment_regrade(
        assignment=w.assignment, policies={}, by=w.teacher
    ),
}

# Services that do not write on an existing class, or that are the way in and out of the
# archive; joining an archived class is refused as NO_OPEN_CLASS (tests/classroom/test_join.py).
NOT_WRITES_ON_A_CLASS = {
    "classroom_create",
    "classroom_archive",
    "classroom_restore",
    "membership_join",
    "student_signup",
    "password_generate",
    "join_code_normalise",
    "classroom_for_code",
    # Finishes what a deadline already decided (an overdue attempt closes as of its deadline),
    # so it also runs when the class is archived: it changes nothing the teacher chose.
    "class_attempts_close_overdue",
    # A student's autosave in one statement: on an archived class it writes nothing and
    # returns None, and its caller's full path refuses with CLASS_ARCHIVED
    # (tests/learning/test_autosave_known.py).
    "quiz_answer_save_known",
}


def test_every_write_service_is_in_the_table():
    functions = {
        name
        for name, value in inspect.getmembers(services, inspect.isfunction)
        if value.__module__.startswith("classroom.services.")
    }
    assert functions - NOT_WRITES_ON_A_CLASS == set(WRITES)


@pytest.mark.parametrize("name", list(WRITES))
def test_each_write_on_an_archived_class_is_refused_and_changes_nothing(archived, name):
    before = state()
    with pytest.raises(ClassroomError) as refused:
        WRITES[name](archived)
    assert (refused.value.code, refused.value.status) == (Code.ARCHIVED, 409)
    assert state() == before


@pytest.mark.parametrize("name", list(WRITES))
def test_each_write_works_again_once_the_class_is_restored(archived, name):
    classroom_restore(classroom=archived.classroom)
    WRITES[name](archived)


# --- through the teacher's pages ---------------------------------------------------------------


@pytest.fixture
def signed_in(client, teacher):
    client.force_login(teacher)
    return client


def url(name, *args):
    return reverse(f"classroom:{name}", args=args)


def test_an_extension_on_an_archived_class_is_refused_and_no_row_is_written(signed_in, archived):
    before = state()
    response = signed_in.post(
        url("extension_list", archived.classroom.pk, archived.assignment.pk),
        {"student": archived.student.pk, "due_at": "", "extra_minutes": 10},
    )
    assert response.status_code == 409  # the refusal's own status, shown at the form
    assert "This class is archived" in response.content.decode()
    assert state() == before


def test_a_password_reset_on_an_archived_class_is_refused_and_the_password_kept(
    signed_in, archived
):
    before = state()
    response = signed_in.post(
        url("student_password_reset", archived.classroom.pk, archived.student.pk),
        {"reason": "Forgot it"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "This class is archived" in html and "data-password" not in html
    assert state() == before


def test_assigning_a_lesson_to_an_archived_class_is_refused(signed_in, archived):
    before = state()
    now = timezone.localtime().replace(second=0, microsecond=0)
    response = signed_in.post(
        url("assignment_create", archived.classroom.pk),
        {
            "lesson": archived.assignment.lesson.pk,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "due_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "attempts_allowed": 2,
            "grading_method": "highest",
            "feedback_level": "full",
            "show_feedback": "after_submit",
            "show_key": "after_due",
        },
    )
    assert response.status_code == 409  # the refusal's own status, shown at the form
    assert "This class is archived" in response.content.decode()
    assert state() == before


def test_an_archived_class_says_so_on_its_pages(signed_in, archived):
    html = signed_in.get(url("classroom_students", archived.classroom.pk)).content.decode()
    assert "data-archived-notice" in html
    assert url("classroom_edit", archived.classroom.pk) in html
