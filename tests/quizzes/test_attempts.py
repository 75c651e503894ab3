"""Attempts: answers saved one at a time, graded once on the server, deadlines enforced."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from classroom.services import assignment_create
from quizzes import selectors, services
from quizzes.errors import Code, QuizError
from quizzes.models import Attempt, Question, Response, Score
from quizzes.types import registry

pytestmark = pytest.mark.django_db


def correct(question: Question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def quiz_questions(attempt: Attempt) -> list[Question]:
    questions = Question.objects.in_bulk(attempt.item_order)
    return [questions[pk] for pk in attempt.item_order]


@pytest.fixture
def attempt(student, assignment):
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


def test_starting_twice_returns_the_attempt_in_progress(student, assignment):
    first = services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    again = services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    assert first.pk == again.pk
    assert Attempt.objects.count() == 1


def test_the_item_order_is_stored_and_pins_question_versions(attempt):
    assert attempt.item_order == list(
        Question.objects.filter(step__kind="quiz", is_current=True)
        .order_by("position")
        .values_list("pk", flat=True)
    )


def test_shuffled_items_are_stored_so_a_reload_shows_the_same_order(
    student, classroom, example_lesson
):
    now = timezone.now()
    shuffled = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(hours=1),
        due_at=now + timedelta(days=1),
        shuffle_items=True,
    )
    attempt = services.attempt_start(student=student, lesson=example_lesson, assignment=shuffled)
    stored = Attempt.objects.get(pk=attempt.pk).item_order
    assert sorted(stored) == sorted(attempt.item_order)
    assert stored == attempt.item_order


def test_saving_the_same_answer_twice_is_one_answer(attempt):
    question = quiz_questions(attempt)[0]
    first = services.response_save(attempt=attempt, question_id=question.pk, data=correct(question))
    second = services.response_save(
        attempt=attempt, question_id=question.pk, data=correct(question)
    )
    assert first.pk == second.pk
    assert second.revision == 1
    stored = Response.objects.get()
    assert stored.revision == 1
    assert stored.updated_at == stored.created_at  # not touched by the second save


def test_an_answer_the_orm_wrote_and_saved_again_unchanged_keeps_its_revision(attempt):
    # The upsert writes the answer as JSON text itself; SQLite compares that text with the
    # stored one, so it must be the text Django writes (and PostgreSQL must store an object).
    question = next(q for q in quiz_questions(attempt) if q.type == "true_false")
    Response.objects.create(attempt=attempt, question=question, data={"answer": True})
    again = services.response_save(attempt=attempt, question_id=question.pk, data={"answer": True})
    assert again.revision == 1
    stored = Response.objects.get()
    assert (stored.revision, stored.data) == (1, {"answer": True})
    assert Response.objects.filter(data__answer=True).count() == 1  # an object, not a string


def test_changing_an_answer_updates_the_one_row(attempt):
    question = next(q for q in quiz_questions(attempt) if q.type == "true_false")
    services.response_save(attempt=attempt, question_id=question.pk, data={"answer": True})
    services.response_save(attempt=attempt, question_id=question.pk, data={"answer": False})
    response = Response.objects.get()
    assert response.data == {"answer": False}
    assert response.revision == 2


def test_saving_many_answers_inserts_new_ones_and_raises_the_revision_only_of_changed_ones(
    attempt,
):
    second = next(q for q in quiz_questions(attempt) if q.type == "true_false")
    first, third = [q for q in quiz_questions(attempt) if q != second][:2]
    services.responses_save(
        attempt=attempt, answers={first.pk: correct(first), second.pk: {"answer": True}}
    )
    before = {r.question_id: r for r in Response.objects.all()}
    changed = {"answer": False}
    result = services.responses_save(
        attempt=attempt,
        answers={first.pk: correct(first), second.pk: changed, third.pk: correct(third)},
        known={q.pk: q for q in (first, second, third)},
    )
    after = {r.question_id: r for r in Response.objects.all()}
    assert {qid: r.revision for qid, r in after.items()} == {first.pk: 1, second.pk: 2, third.pk: 1}
    assert {qid: r.revision for qid, r in result.saved.items()} == {
        first.pk: 1,
        second.pk: 2,
        third.pk: 1,
    }
    assert {qid: r.pk for qid, r in result.saved.items()} == {qid: r.pk for qid, r in after.items()}
    assert after[second.pk].data == changed
    assert after[first.pk].updated_at == before[first.pk].updated_at
    assert after[second.pk].updated_at > before[second.pk].updated_at
    assert result.saved[third.pk].question == third


@pytest.mark.parametrize("answers", [1, 3, 6])
def test_saving_answers_takes_the_same_queries_however_many_there_are(
    attempt, answers, django_assert_num_queries
):
    questions = quiz_questions(attempt)[:answers]
    known = {q.pk: q for q in questions}
    services.responses_save(attempt=attempt, answers={q.pk: correct(q) for q in questions})
    # savepoint, lock, upsert, release: the upsert returns the unchanged answers too (all of
    # them this time), so none is read back
    with django_assert_num_queries(4):
        services.responses_save(
            attempt=attempt, answers={q.pk: correct(q) for q in questions}, known=known
        )


def test_a_malformed_answer_is_refused_and_changes_nothing(attempt):
    question = next(q for q in quiz_questions(attempt) if q.type == "true_false")
    services.response_save(attempt=attempt, question_id=question.pk, data={"answer": True})
    with pytest.raises(QuizError) as raised:
        services.response_save(
            attempt=attempt, question_id=question.pk, data={"answer": {"$ne": 1}}
        )
    assert raised.value.code == Code.INVALID_RESPONSE
    assert raised.value.status == 400
    assert Response.objects.get().data == {"answer": True}


def test_a_malformed_answer_to_a_submitted_attempt_is_refused_as_submitted(attempt):
    """The attempt's refusal comes first, whatever the answer: the client learns the quiz is
    closed, not that it should fix an answer it can no longer save."""
    question = next(q for q in quiz_questions(attempt) if q.type == "true_false")
    services.attempt_submit(attempt=attempt)
    with pytest.raises(QuizError) as raised:
        services.response_save(
            attempt=attempt, question_id=question.pk, data={"answer": "perhaps"}, question=question
        )
    assert raised.value.code == Code.ATTEMPT_SUBMITTED


def test_an_answer_to_a_question_outside_the_attempt_is_refused(attempt):
    activity = Question.objects.exclude(step__kind="quiz").first()
    with pytest.raises(QuizError) as raised:
        services.response_save(attempt=attempt, question_id=activity.pk, data={})
    assert raised.value.code == Code.UNKNOWN_QUESTION


def test_submitting_grades_every_item_once_and_closes_the_attempt(attempt):
    for question in quiz_questions(attempt):
        services.response_save(attempt=attempt, question_id=question.pk, data=correct(question))
    submitted = services.attempt_submit(attempt=attempt)
    auto_points = sum(q.points for q in quiz_questions(attempt) if registry.get(q.type).auto_graded)
    assert submitted.status == Attempt.Status.SUBMITTED
    assert submitted.points_earned == Decimal(auto_points)
    assert submitted.points_possible == sum(q.points for q in quiz_questions(attempt))
    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)


def test_what_a_submit_closes_is_stored_as_the_attempt_reads_after_it(attempt):
    first = next(q for q in quiz_questions(attempt) if registry.get(q.type).auto_graded)
    services.response_save(attempt=attempt, question_id=first.pk, data=correct(first))
    submitted = services.attempt_submit(attempt=attempt)
    stored = Attempt.objects.get(pk=attempt.pk)  # read anew: what the UPDATE wrote
    for name in ("status", "submitted_at", "auto_submitted", "points_earned", "points_possible"):
        assert getattr(stored, name) == getattr(submitted, name), name
    assert stored.status == Attempt.Status.SUBMITTED and stored.submitted_at is not None
    assert stored.points_earned == first.points and stored.auto_submitted is False
    assert stored.needs_scoring is any(
        not registry.get(q.type).auto_graded for q in quiz_questions(attempt)
    )


def test_submitting_an_attempt_deleted_meanwhile_finds_no_attempt(attempt):
    Attempt.objects.filter(pk=attempt.pk).delete()
    with pytest.raises(Attempt.DoesNotExist):
        services.attempt_submit(attempt=attempt)


def test_submitting_twice_grades_once(attempt):
    services.attempt_submit(attempt=attempt)
    services.attempt_submit(attempt=attempt)
    assert Score.objects.filter(attempt=attempt).count() == len(attempt.item_order)


def test_unanswered_items_score_zero(attempt):
    submitted = services.attempt_submit(attempt=attempt)
    assert submitted.points_earned == 0
    assert set(Score.objects.values_list("state", flat=True)) <= {"incorrect", "ungraded"}


def test_answers_after_submitting_are_refused(attempt):
    services.attempt_submit(attempt=attempt)
    question = quiz_questions(attempt)[0]
    with pytest.raises(QuizError) as raised:
        services.response_save(attempt=attempt, question_id=question.pk, data=correct(question))
    assert raised.value.code == Code.ATTEMPT_SUBMITTED
    assert Response.objects.count() == 0


def test_an_answer_after_the_time_limit_is_refused_and_the_attempt_submits_itself(
    student, assignment
):
    assignment.time_limit_minutes = 10
    assignment.save()
    started = timezone.now()
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, now=started
    )
    question = quiz_questions(attempt)[0]
    services.response_save(
        attempt=attempt,
        question_id=question.pk,
        data=correct(question),
        now=started + timedelta(minutes=9),
    )
    with pytest.raises(QuizError) as raised:
        services.response_save(
            attempt=attempt,
            question_id=question.pk,
            data={"choice": None},
            now=started + timedelta(minutes=11),
        )
    assert raised.value.code == Code.TIME_UP
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.auto_submitted
    assert Response.objects.get().data == correct(question)


def test_an_extension_adds_minutes_to_the_time_limit(student, assignment):
    assignment.time_limit_minutes = 10
    assignment.save()
    assignment.extensions.create(student=student, extra_minutes=5)
    started = timezone.now()
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, now=started
    )
    assert attempt.started_at == started  # the service's clock, not the database row's
    assert attempt.deadline == started + timedelta(minutes=15)


def test_no_attempt_can_start_after_the_due_date(student, assignment):
    with pytest.raises(QuizError) as raised:
        services.attempt_start(
            student=student,
            lesson=assignment.lesson,
            assignment=assignment,
            now=assignment.due_at + timedelta(hours=1),
        )
    assert raised.value.code == Code.CLOSED


def test_no_attempt_can_start_before_the_assignment_opens(student, assignment):
    with pytest.raises(QuizError) as raised:
        services.attempt_start(
            student=student,
            lesson=assignment.lesson,
            assignment=assignment,
            now=assignment.opens_at - timedelta(minutes=1),
        )
    assert raised.value.code == Code.NOT_OPEN


def test_attempts_allowed_is_enforced(student, assignment):
    assignment.attempts_allowed = 1
    assignment.save()
    attempt = services.attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment
    )
    services.attempt_submit(attempt=attempt)
    with pytest.raises(QuizError) as raised:
        services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)
    assert raised.value.code == Code.NO_ATTEMPTS_LEFT


def test_a_teacher_score_adds_a_row_and_keeps_history(attempt, teacher):
    submitted = services.attempt_submit(attempt=attempt)
    question = quiz_questions(attempt)[0]
    services.score_set(
        attempt=submitted,
        question=question,
        points=Decimal(question.points),
        by=teacher,
        reason="Accepted an alternative reading",
    )
    scores = Score.objects.filter(attempt=attempt, question=question)
    assert [s.origin for s in scores] == ["override", "submit"]
    submitted.refresh_from_db()
    assert submitted.points_earned == Decimal(question.points)


def test_formative_checks_keep_every_try_and_number_them(student, assignment):
    lesson_attempt = services.attempt_start(
        student=student,
        lesson=assignment.lesson,
        assignment=assignment,
        kind=Attempt.Kind.LESSON,
    )
    activity = Question.objects.filter(step__kind="context", type="true_false").first()
    wrong = {"answer": not activity.spec["answer"]}
    first = services.activity_check(attempt=lesson_attempt, question_id=activity.pk, data=wrong)
    second = services.activity_check(
        attempt=lesson_attempt, question_id=activity.pk, data={"answer": activity.spec["answer"]}
    )
    assert (first.try_number, first.state) == (1, "incorrect")
    assert (second.try_number, second.state) == (2, "correct")


def test_the_score_that_counts_is_the_newest_that_is_not_a_formative_check(attempt, teacher):
    submitted = services.attempt_submit(attempt=attempt)
    first, second = quiz_questions(attempt)[:2]
    override = services.score_set(
        attempt=submitted, question=first, points=Decimal(0), by=teacher, reason="Recheck"
    )
    latest = selectors.scores_latest(attempts=[submitted.pk])

    assert latest[(submitted.pk, first.pk)] == override
    assert latest[(submitted.pk, second.pk)].origin == Score.Origin.SUBMIT
    assert len(latest) == len(submitted.item_order)
    # A formative check is never the score that counts, however new.
    Score.objects.create(
        attempt=submitted,
        question=first,
        origin=Score.Origin.CHECK,
        state="correct",
        fraction="1",
        points_earned=first.points,
        points_possible=first.points,
    )
    assert selectors.scores_latest(attempts=[submitted.pk])[(submitted.pk, first.pk)] == override


def test_the_scores_that_count_are_read_without_joining_what_was_not_asked_for(attempt):
    submitted = services.attempt_submit(attempt=attempt)
    with CaptureQueriesContext(connection) as plain:
        selectors.scores_latest(attempts=[submitted.pk])
    with CaptureQueriesContext(connection) as joined:
        latest = selectors.scores_latest(attempts=[submitted.pk], related=("question",))

    # With no names, `select_related()` would join every foreign key and the rows behind them.
    assert "JOIN" not in plain.captured_queries[0]["sql"]
    assert joined.captured_queries[0]["sql"].count("JOIN") == 1
    assert all("question" in score._state.fields_cache for score in latest.values())
