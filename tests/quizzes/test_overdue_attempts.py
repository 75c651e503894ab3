"""Overdue attempts close at their deadline: submitted as of that moment, with what was saved
before it, by whoever reaches them first, once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.services import assignment_create, extension_set, membership_add
from quizzes import services
from quizzes.errors import Code, QuizError
from quizzes.models import Attempt, Question, Response, Score
from quizzes.services.closing import _close_batch
from quizzes.types import registry

pytestmark = pytest.mark.django_db


def correct(question: Question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def first_question(attempt: Attempt) -> Question:
    return Question.objects.get(pk=attempt.item_order[0])


def start_and_answer_one(student, assignment) -> Attempt:
    """A student starts the quiz, answers the first item correctly (saved now) and leaves."""
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    question = first_question(attempt)
    services.response_save(attempt=attempt, question_id=question.pk, data=correct(question))
    return attempt


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def timed(classroom, example_lesson, now):
    """Ten minutes to answer, due in a week."""
    return assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
        time_limit_minutes=10,
    )


@pytest.fixture
def due_in_an_hour(classroom, example_lesson, now):
    return assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(hours=1),
        time_limit_minutes=None,
    )


def test_an_attempt_past_its_time_limit_is_submitted_at_the_limit_with_its_saved_answers(
    student, timed
):
    attempt = start_and_answer_one(student, timed)

    closed = services.attempts_close_overdue(now=attempt.started_at + timedelta(hours=3))

    attempt.refresh_from_db()
    assert closed == 1
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.auto_submitted
    assert attempt.submitted_at == attempt.started_at + timedelta(minutes=10)
    assert attempt.points_earned == first_question(attempt).points
    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)


def test_an_attempt_past_the_due_date_is_submitted_at_the_due_date(student, due_in_an_hour):
    attempt = start_and_answer_one(student, due_in_an_hour)

    services.attempts_close_overdue(now=due_in_an_hour.due_at + timedelta(days=1))

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.submitted_at == due_in_an_hour.due_at
    assert attempt.auto_submitted


def test_an_attempt_within_the_grace_period_of_its_deadline_stays_open(student, timed):
    """A save that left the browser in time may still be on its way."""
    attempt = start_and_answer_one(student, timed)

    closed = services.attempts_close_overdue(now=attempt.deadline + timedelta(seconds=20))

    attempt.refresh_from_db()
    assert closed == 0
    assert attempt.is_open


def test_an_extension_keeps_that_students_attempt_open_until_the_extended_due_date(
    classroom, student, due_in_an_hour
):
    other = user_create(username="s.other", password="x-long-password", role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    extended_to = due_in_an_hour.due_at + timedelta(days=2)
    mine = start_and_answer_one(student, due_in_an_hour)
    theirs = start_and_answer_one(other, due_in_an_hour)
    extension_set(assignment=due_in_an_hour, student=other, due_at=extended_to)

    services.attempts_close_overdue(now=due_in_an_hour.due_at + timedelta(days=1))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.submitted_at == due_in_an_hour.due_at
    assert theirs.is_open

    services.attempts_close_overdue(now=extended_to + timedelta(minutes=1))
    theirs.refresh_from_db()
    assert theirs.submitted_at == extended_to


def test_extra_minutes_of_an_extension_move_the_time_limit(student, timed):
    extension_set(assignment=timed, student=student, extra_minutes=5)
    attempt = start_and_answer_one(student, timed)

    services.attempts_close_overdue(now=attempt.started_at + timedelta(hours=1))

    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.started_at + timedelta(minutes=15)


def test_work_saved_before_the_due_date_is_not_late_when_late_work_is_accepted(
    classroom, student, example_lesson, now
):
    """With a late window the deadline is its end; an attempt left before the due date counts
    as submitted at the due date, not at the end of the late window."""
    assignment = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(hours=1),
        late_until=now + timedelta(days=3),
        time_limit_minutes=None,
    )
    attempt = start_and_answer_one(student, assignment)
    assert attempt.deadline == assignment.late_until

    services.attempts_close_overdue(now=assignment.late_until + timedelta(hours=1))

    attempt.refresh_from_db()
    assert attempt.submitted_at == assignment.due_at


def test_work_saved_in_the_late_window_is_submitted_at_the_end_of_it(
    classroom, student, example_lesson, now
):
    assignment = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(hours=1),
        late_until=now + timedelta(days=3),
        time_limit_minutes=None,
    )
    attempt = start_and_answer_one(student, assignment)
    # The last save came after the due date (moved in the database: saves use the real clock).
    Response.objects.filter(attempt=attempt).update(updated_at=now + timedelta(days=1))

    services.attempts_close_overdue(now=assignment.late_until + timedelta(hours=1))

    attempt.refresh_from_db()
    assert attempt.submitted_at == assignment.late_until


def test_a_save_after_the_deadline_closes_the_attempt_as_of_the_deadline(student, timed):
    attempt = start_and_answer_one(student, timed)
    question = first_question(attempt)

    with pytest.raises(QuizError) as raised:
        services.response_save(
            attempt=attempt,
            question_id=question.pk,
            data={"choice": None},
            now=attempt.started_at + timedelta(days=2),
        )

    attempt.refresh_from_db()
    assert raised.value.code == Code.TIME_UP
    assert attempt.submitted_at == attempt.started_at + timedelta(minutes=10)
    assert Response.objects.get(attempt=attempt).data == correct(question)


def test_a_submit_within_the_grace_period_counts_as_submitted_at_the_deadline(student, timed):
    attempt = start_and_answer_one(student, timed)

    services.attempt_submit(attempt=attempt, now=attempt.deadline + timedelta(seconds=10))

    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline
    assert not attempt.auto_submitted


def test_starting_again_after_an_overdue_attempt_closes_it_first(student, timed):
    timed.attempts_allowed = 2
    timed.save()
    first = start_and_answer_one(student, timed)

    second = services.attempt_start(
        student=student,
        lesson=timed.lesson,
        assignment=timed,
        now=first.started_at + timedelta(hours=1),
    )

    first.refresh_from_db()
    assert second.number == 2
    assert first.submitted_at == first.started_at + timedelta(minutes=10)


def test_starting_after_the_due_date_is_refused_but_still_closes_the_abandoned_attempt(
    student, due_in_an_hour
):
    attempt = start_and_answer_one(student, due_in_an_hour)

    with pytest.raises(QuizError) as raised:
        services.attempt_start(
            student=student,
            lesson=due_in_an_hour.lesson,
            assignment=due_in_an_hour,
            now=due_in_an_hour.due_at + timedelta(hours=1),
        )

    attempt.refresh_from_db()
    assert raised.value.code == Code.CLOSED
    assert attempt.submitted_at == due_in_an_hour.due_at


def test_closing_twice_grades_once(student, timed):
    attempt = start_and_answer_one(student, timed)
    later = attempt.started_at + timedelta(hours=1)

    assert services.attempts_close_overdue(now=later) == 1
    assert services.attempts_close_overdue(now=later) == 0

    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)


def test_a_closer_that_read_the_attempt_before_another_closed_it_grades_nothing(student, timed):
    """Two closers at once, in sequence: the second had read the attempt as overdue before the
    first closed it. Inside its transaction it re-reads the row (locked on PostgreSQL), finds
    it submitted and leaves it alone. (tests/faults/test_concurrency.py runs two at once.)"""
    attempt = start_and_answer_one(student, timed)
    later = attempt.started_at + timedelta(hours=1)
    seen_by_the_second = [attempt.pk]

    services.attempts_close_overdue(now=later)
    closed_by_the_second = _close_batch(seen_by_the_second, later)

    assert closed_by_the_second == 0
    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)


def test_closing_only_one_students_attempts_leaves_the_others(classroom, student, timed):
    other = user_create(username="s.other", password="x-long-password", role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    mine = start_and_answer_one(student, timed)
    theirs = start_and_answer_one(other, timed)

    services.attempts_close_overdue(student=student, now=mine.started_at + timedelta(hours=1))

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert not mine.is_open
    assert theirs.is_open


def test_a_teachers_timed_preview_closes_at_its_limit(teacher, timed):
    lesson = timed.lesson
    lesson.quiz.time_limit_minutes = 5
    lesson.quiz.save()
    preview = services.attempt_start(student=teacher, lesson=lesson)

    services.attempts_close_overdue(now=preview.started_at + timedelta(hours=1))

    preview.refresh_from_db()
    assert preview.submitted_at == preview.started_at + timedelta(minutes=5)


def test_closing_many_attempts_costs_the_same_queries_as_closing_a_few(
    classroom, timed, django_assert_max_num_queries
):
    """Reads and updates are the same few statements for 2 or 12 attempts; the score rows go
    in bulk (SQLite's driver splits a long insert at its parameter limit, never per attempt)."""

    def overdue_attempts(count: int, prefix: str) -> list[Attempt]:
        made = []
        for i in range(count):
            user = user_create(
                username=f"{prefix}{i}", password="x-long-password", role=User.Role.STUDENT
            )
            membership_add(classroom=classroom, student=user)
            made.append(start_and_answer_one(user, timed))
        return made

    def split(captured) -> tuple[list[str], int]:
        sql = [q["sql"] for q in captured.captured_queries]
        inserts = [q for q in sql if q.startswith('INSERT INTO "quizzes_score"')]
        return [q[:30] for q in sql if q not in inserts and "SAVEPOINT" not in q], len(inserts)

    later = timezone.now() + timedelta(hours=1)
    overdue_attempts(2, "few")
    with CaptureQueriesContext(connection) as few:
        assert services.attempts_close_overdue(now=later) == 2
    many_attempts = overdue_attempts(12, "many")
    with CaptureQueriesContext(connection) as many:
        assert services.attempts_close_overdue(now=later) == 12

    few_statements, few_inserts = split(few)
    many_statements, many_inserts = split(many)
    assert many_statements == few_statements
    assert few_inserts == 1
    rows = sum(len(a.item_order) for a in many_attempts)
    fields = [f for f in Score._meta.concrete_fields if not f.primary_key]
    per_statement = connection.ops.bulk_batch_size(fields, [None] * rows)
    assert many_inserts == -(-rows // per_statement) < len(many_attempts)
    with django_assert_max_num_queries(1):
        assert services.attempts_close_overdue(now=later) == 0


def test_one_students_overdue_attempts_are_found_by_the_rule_of_everyones(
    classroom, student, teacher, timed, due_in_an_hour
):
    """The dashboard and a quiz's start look for the student's overdue attempts with a query of
    their own (SQL): it finds what the rule for every attempt finds, at every moment, and
    nothing of another student's, of a lesson's work or of a submitted attempt."""
    from quizzes.services.closing import _overdue, _student_overdue_ids

    other = user_create(username="s.other", password="x-long-password", role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=other)
    start_and_answer_one(other, timed)
    timed_attempt = start_and_answer_one(student, timed)
    open_until_due = services.attempt_start(
        student=student, lesson=due_in_an_hour.lesson, assignment=due_in_an_hour
    )
    services.attempt_start(
        student=student, lesson=timed.lesson, assignment=timed, kind=Attempt.Kind.LESSON
    )
    submitted = services.attempt_start(student=student, lesson=timed.lesson)  # a preview
    services.attempt_submit(attempt=submitted)
    Attempt.objects.filter(pk=submitted.pk).update(deadline=timed_attempt.deadline)
    services.attempt_start(student=teacher, lesson=timed.lesson)

    start = timed_attempt.started_at
    moments = [start, timed_attempt.deadline + timedelta(seconds=20), start + timedelta(hours=3)]
    found = {}
    for now in moments:
        for limit in (1, 100):
            rule = _overdue(now).filter(student=student).order_by("pk")
            expected = list(rule.values_list("pk", flat=True)[:limit])
            found[now, limit] = _student_overdue_ids(student, now, limit)
            assert found[now, limit] == expected
    assert found[moments[0], 100] == []
    assert found[moments[2], 100] == sorted([timed_attempt.pk, open_until_due.pk])
    assert found[moments[2], 1] == [timed_attempt.pk]
