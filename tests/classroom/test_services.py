"""The teacher's writes: classes, accounts, assignments, extensions, scores and resets."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from classroom.errors import ClassroomError
from classroom.models import AttemptReset, Classroom, Extension, Membership
from classroom.services import (
    assignment_create,
    assignment_update,
    attempt_reset,
    classroom_archive,
    classroom_create,
    classroom_rename,
    classroom_restore,
    extension_delete,
    extension_set,
    item_score,
    join_code_regenerate,
    membership_join,
    membership_remove,
    rubric_score,
    student_password_reset,
)
from quizzes import services as quiz_services
from quizzes.errors import QuizError
from quizzes.models import Attempt, Score
from tests.classroom.conftest import (
    answer_quiz,
    quiz_questions,
    reflection_question,
    write_reflection,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

# --- classes -----------------------------------------------------------------------------------


def test_a_class_name_is_trimmed_and_cannot_be_blank(teacher):
    classroom = classroom_create(teacher=teacher, name="  History   9C ")
    assert classroom.name == "History 9C"
    with pytest.raises(ClassroomError, match="name"):
        classroom_rename(classroom=classroom, name="   ")
    classroom_rename(classroom=classroom, name="History 10C")
    assert Classroom.objects.get().name == "History 10C"


def test_only_teachers_own_classes(student):
    with pytest.raises(ClassroomError):
        classroom_create(teacher=student, name="Mine")


def test_archiving_hides_the_class_from_joining_and_restoring_brings_it_back(
    classroom, make_student
):
    newcomer = make_student("newcomer")
    Membership.objects.filter(student=newcomer).delete()
    classroom_archive(classroom=classroom)
    with pytest.raises(ClassroomError, match="No open class"):
        membership_join(student=newcomer, join_code=classroom.join_code)
    classroom_restore(classroom=classroom)
    membership_join(student=newcomer, join_code=classroom.join_code)
    assert classroom.memberships.count() == 2


def test_a_new_join_code_replaces_the_old_one(classroom, make_student):
    old = classroom.join_code
    new = join_code_regenerate(classroom=classroom)
    assert new != old and Classroom.objects.get().join_code == new
    newcomer = make_student("newcomer")
    Membership.objects.filter(student=newcomer).delete()
    with pytest.raises(ClassroomError):
        membership_join(student=newcomer, join_code=old)
    membership_join(student=newcomer, join_code=new.lower())


def test_removing_a_student_keeps_their_account_and_work(classroom, student, assignment):
    attempt = answer_quiz(student=student, assignment=assignment)
    assert membership_remove(classroom=classroom, student=student)
    assert not classroom.memberships.exists()
    assert Attempt.objects.filter(pk=attempt.pk).exists()
    assert not membership_remove(classroom=classroom, student=student)


def test_a_password_reset_gives_a_new_password_and_the_old_one_stops_working(
    client, classroom, student, teacher
):
    password = student_password_reset(
        classroom=classroom, student=student, by=teacher, reason="Forgot it"
    )
    student.refresh_from_db()
    assert student.check_password(password)
    assert not student.check_password(PASSWORD)


def test_a_password_reset_lifts_a_login_lockout(client, classroom, student, teacher):
    for _ in range(5):
        client.post("/accounts/login/", {"username": student.username, "password": "guess"})
    password = student_password_reset(
        classroom=classroom, student=student, by=teacher, reason="Forgot it"
    )
    response = client.post("/accounts/login/", {"username": student.username, "password": password})
    assert response.status_code == 302


def test_a_password_reset_only_for_students_of_the_class(other_classroom, student):
    with pytest.raises(ClassroomError, match="not in this class"):
        student_password_reset(
            classroom=other_classroom, student=student, by=other_classroom.teacher, reason="x"
        )


# --- assignments and extensions ------------------------------------------------------------


def test_assigning_takes_the_lessons_quiz_settings_unless_given(classroom, example_lesson):
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now,
        due_at=now + timedelta(days=1),
        attempts_allowed=3,
    )
    assert assignment.attempts_allowed == 3
    assert assignment.time_limit_minutes == example_lesson.quiz.time_limit_minutes


@pytest.mark.parametrize(
    ("due", "late", "message"),
    [
        (timedelta(0), None, "due date must come after"),
        (timedelta(days=1), timedelta(hours=1), "Late work"),
    ],
)
def test_dates_out_of_order_are_refused(classroom, example_lesson, due, late, message):
    now = timezone.now()
    with pytest.raises(ClassroomError, match=message):
        assignment_create(
            classroom=classroom,
            lesson=example_lesson,
            opens_at=now,
            due_at=now + due,
            late_until=now + late if late else None,
        )


def test_unknown_settings_are_refused(classroom, example_lesson):
    now = timezone.now()
    with pytest.raises(ClassroomError, match="Unknown quiz settings"):
        assignment_create(
            classroom=classroom,
            lesson=example_lesson,
            opens_at=now,
            due_at=now + timedelta(days=1),
            colour="red",
        )


def test_new_dates_move_the_deadline_of_an_attempt_in_progress(assignment, student):
    assignment.time_limit_minutes = None
    assignment.save()
    attempt = quiz_services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    later = assignment.due_at + timedelta(days=2)
    assignment_update(
        assignment=assignment,
        opens_at=assignment.opens_at,
        due_at=later,
        late_until=None,
        grading_method="last",
    )
    attempt.refresh_from_db()
    assert attempt.deadline == later
    assert assignment.grading_method == "last"


def test_extra_minutes_reach_a_student_in_the_middle_of_the_quiz(assignment, student):
    attempt = quiz_services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    before = attempt.deadline
    extension_set(assignment=assignment, student=student, extra_minutes=15)
    attempt.refresh_from_db()
    # Recomputed from the stored start time, which is the `now` the first deadline came from.
    assert attempt.deadline == before + timedelta(minutes=15)

    extension_delete(assignment=assignment, student=student)
    attempt.refresh_from_db()
    assert attempt.deadline == before


def test_a_later_due_date_lets_one_student_start_after_the_class_closed(assignment, student):
    assignment.due_at = timezone.now() - timedelta(hours=1)
    assignment.save()
    with pytest.raises(QuizError):
        quiz_services.attempt_start(
            student=student, lesson=assignment.lesson, assignment=assignment
        )
    extension_set(assignment=assignment, student=student, due_at=timezone.now() + timedelta(days=1))
    attempt = quiz_services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    assert attempt.is_open


def test_an_extension_is_one_row_per_student_replaced_when_set_again(assignment, student):
    extension_set(assignment=assignment, student=student, extra_minutes=10)
    extension_set(assignment=assignment, student=student, extra_minutes=20)
    assert Extension.objects.get().extra_minutes == 20


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Give a later due date"),
        ({"due_at": "before"}, "must come after"),
    ],
)
def test_an_extension_must_give_more_time(assignment, student, kwargs, message):
    if kwargs.get("due_at") == "before":
        kwargs = {"due_at": assignment.due_at - timedelta(hours=1)}
    with pytest.raises(ClassroomError, match=message):
        extension_set(assignment=assignment, student=student, **kwargs)


def test_an_extension_only_for_students_of_the_class(assignment, other_teacher):
    from accounts.services import user_create

    outsider = user_create(username="outsider", password=None)
    with pytest.raises(ClassroomError, match="not in this class"):
        extension_set(assignment=assignment, student=outsider, extra_minutes=5)


# --- scores ----------------------------------------------------------------------------------


def test_an_override_adds_a_score_row_with_who_and_why_and_changes_the_total(
    assignment, student, teacher
):
    attempt = answer_quiz(student=student, assignment=assignment)
    question = quiz_questions(assignment)["q-purpose"]

    item_score(attempt=attempt, question=question, points=Decimal(0), by=teacher, reason="Copied")

    attempt.refresh_from_db()
    assert attempt.points_earned == attempt.points_possible - 1
    history = list(Score.objects.filter(attempt=attempt, question=question))
    assert [(s.origin, s.points_earned, s.reason) for s in history] == [
        ("override", Decimal(0), "Copied"),
        ("submit", Decimal(1), ""),
    ]
    assert history[0].created_by == teacher
    assert AuditEntry.objects.filter(action="score_override", actor=teacher).exists()


def test_an_override_needs_a_reason(assignment, student, teacher):
    attempt = answer_quiz(student=student, assignment=assignment)
    question = quiz_questions(assignment)["q-purpose"]
    with pytest.raises(ClassroomError, match="reason"):
        item_score(attempt=attempt, question=question, points=Decimal(0), by=teacher, reason=" ")


def test_points_outside_the_question_are_refused(assignment, student, teacher):
    attempt = answer_quiz(student=student, assignment=assignment)
    question = quiz_questions(assignment)["q-purpose"]
    with pytest.raises(QuizError, match="between 0 and 1"):
        item_score(attempt=attempt, question=question, points=Decimal(2), by=teacher, reason="x")


def test_scoring_the_reflection_at_a_rubric_level_gives_its_share_of_the_points(
    assignment, student, teacher
):
    lesson_attempt = write_reflection(student=student, assignment=assignment, text="Because " * 40)
    question = reflection_question(assignment.lesson)  # levels 0, 2, 4; 4 points

    score = rubric_score(
        attempt=lesson_attempt, question=question, level=2, by=teacher, comment="Name a source."
    )

    assert (score.origin, score.points_earned, score.points_possible) == (
        "teacher",
        Decimal(2),
        Decimal(4),
    )
    assert score.reason.startswith("Level 2 (") and score.reason.endswith("Name a source.")
    assert score.response_data == {"text": "Because " * 40}
    lesson_attempt.refresh_from_db()
    assert lesson_attempt.points_earned == Decimal(2)


def test_a_level_outside_the_scoring_guide_is_refused(assignment, student, teacher):
    lesson_attempt = write_reflection(student=student, assignment=assignment, text="x " * 40)
    with pytest.raises(ClassroomError, match="not in the scoring guide"):
        rubric_score(
            attempt=lesson_attempt,
            question=reflection_question(assignment.lesson),
            level=3,
            by=teacher,
        )


def test_an_automatic_activity_cannot_be_scored_as_written_work(assignment, student, teacher):
    lesson_attempt = write_reflection(student=student, assignment=assignment, text="x " * 40)
    activity = assignment.lesson.questions.exclude(step__kind="quiz").exclude(type="free_text")[0]
    with pytest.raises(QuizError):
        item_score(
            attempt=lesson_attempt, question=activity, points=Decimal(0), by=teacher, reason="x"
        )


# --- resets ----------------------------------------------------------------------------------


def test_a_reset_deletes_the_attempt_keeps_a_record_and_lets_the_student_start_again(
    assignment, student, teacher
):
    assignment.attempts_allowed = 1
    assignment.save()
    attempt = answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    with pytest.raises(QuizError):  # no attempt left
        quiz_services.attempt_start(
            student=student, lesson=assignment.lesson, assignment=assignment
        )

    record = attempt_reset(attempt=attempt, by=teacher, reason="Fire drill")

    assert not Attempt.objects.filter(pk=attempt.pk).exists()
    assert (record.number, record.status, record.reset_by, record.reason) == (
        1,
        "submitted",
        teacher,
        "Fire drill",
    )
    assert record.points_earned == Decimal(1)
    assert len(record.snapshot["responses"]) == 8
    assert {s["origin"] for s in record.snapshot["scores"]} == {"submit"}
    again = quiz_services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    assert again.number == 1


def test_only_the_latest_attempt_can_be_reset(assignment, student, teacher):
    first = answer_quiz(student=student, assignment=assignment)
    answer_quiz(student=student, assignment=assignment)
    with pytest.raises(ClassroomError, match="latest attempt"):
        attempt_reset(attempt=first, by=teacher, reason="x")
    assert not AttemptReset.objects.exists()


def test_a_reset_needs_a_reason(assignment, student, teacher):
    attempt = answer_quiz(student=student, assignment=assignment)
    with pytest.raises(ClassroomError, match="reason"):
        attempt_reset(attempt=attempt, by=teacher, reason="")


def test_resetting_the_lesson_work_removes_the_reflection_and_keeps_its_text(
    assignment, student, teacher
):
    lesson_attempt = write_reflection(student=student, assignment=assignment, text="Draft")
    record = attempt_reset(attempt=lesson_attempt, by=teacher, reason="Wrong student typed")
    assert record.kind == "lesson"
    assert record.snapshot["responses"][0]["data"] == {"text": "Draft"}
    assert not Attempt.objects.filter(kind="lesson").exists()
