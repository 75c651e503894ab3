"""Regrade after a key fix on the teacher's assignment page: who may see and act, the preview
(each student's before and after, the class average; nothing written), the confirmed decision
(new score rows, audited) and where it shows: the grid, the student's work, the student's
result and the gradebook CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from classroom.models import Membership
from classroom.services import classroom_archive
from quizzes.models import Attempt, Question, Regrade, Response, Score
from tests.classroom.conftest import answer_quiz
from tests.key_fix import FIXED_QUESTION, load_key_fix

pytestmark = pytest.mark.django_db

EITHER = {f"policy-{FIXED_QUESTION}": "either"}


def url(name, *args):
    return reverse(f"classroom:{name}", args=args)


@pytest.fixture
def fixed(assignment, make_student, tmp_path):
    """Ada chose the old key, Bo the new one; then the author fixed the key."""
    ada = make_student("ada", "Ada")
    bo = make_student("bo", "Bo")
    attempts = {
        "ada": answer_quiz(
            student=ada, assignment=assignment, answers={FIXED_QUESTION: {"choice": "celebrate"}}
        ),
        "bo": answer_quiz(
            student=bo, assignment=assignment, answers={FIXED_QUESTION: {"choice": "neutral"}}
        ),
    }
    load_key_fix(tmp_path)
    return attempts


def regrade_url(assignment):
    return url("assignment_regrade", assignment.classroom_id, assignment.pk)


def test_the_page_lists_the_changed_question_as_pending(client, teacher, assignment, fixed):
    client.force_login(teacher)
    html = client.get(regrade_url(assignment)).content.decode()
    assert f'data-changed-question="{FIXED_QUESTION}"' in html
    assert "2 submitted attempts of this class were graded with the old key." in html
    assert "decision pending" in html
    analysis = client.get(url("assignment_analysis", assignment.classroom_id, assignment.pk))
    assert f'data-key-change="{FIXED_QUESTION}"' in analysis.content.decode()


def test_without_a_key_change_the_page_says_so(client, teacher, assignment):
    client.force_login(teacher)
    html = client.get(regrade_url(assignment)).content.decode()
    assert "data-no-key-change" in html


def test_the_preview_shows_each_student_and_the_average_and_writes_nothing(
    client, teacher, assignment, fixed
):
    client.force_login(teacher)
    scores = Score.objects.count()
    response = client.get(regrade_url(assignment), {"preview": "1", **EITHER})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-regrade-preview" in html
    assert 'data-student="bo"' in html and 'data-student="ada"' in html
    assert "1 score would change." in html
    assert "Class average quiz score:" in html and "(+" in html
    assert Score.objects.count() == scores
    assert not Regrade.objects.exists()


def test_applying_adds_scores_audits_and_shows_everywhere(
    client, teacher, assignment, fixed, student
):
    client.force_login(teacher)
    bo = fixed["bo"]
    before = bo.points_earned
    response = client.post(regrade_url(assignment), {**EITHER, "reason": "Both readings hold."})
    assert response.status_code == 302

    bo.refresh_from_db()
    assert bo.points_earned == before + 1
    row = Score.objects.get(origin=Score.Origin.REGRADE)
    assert (row.attempt_id, row.created_by, row.regrade.policy) == (bo.pk, teacher, "either")
    assert "Both readings hold." in row.reason
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REGRADE, actor=teacher).exists()

    page = client.get(regrade_url(assignment)).content.decode()
    assert "decision pending" not in page and "decided" in page
    grid = client.get(url("progress_grid", assignment.classroom_id)).content.decode()
    assert "regraded" in grid
    work = client.get(
        url("student_work", assignment.classroom_id, assignment.pk, bo.student_id)
    ).content.decode()
    assert "data-regraded" in work and "Both readings hold." in work
    export = client.get(url("export_gradebook", assignment.classroom_id))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    bo_row = next(r for r in rows if r[0] == "bo")
    assert Decimal(bo_row[2]) == bo.points_earned and "regraded" in bo_row[4]
    answers = client.get(url("export_responses", assignment.classroom_id))
    text = b"".join(answers.streaming_content).decode("utf-8-sig")
    [regraded] = [r for r in csv.DictReader(io.StringIO(text)) if r["score_origin"] == "regrade"]
    assert (regraded["username"], regraded["question"], regraded["points_earned"]) == (
        "bo",
        FIXED_QUESTION,
        "1",
    )
    assert regraded["scored_by"] == teacher.username and "Both readings" in regraded["score_reason"]

    client.force_login(bo.student)
    result = client.get(reverse("learning:attempt_result", args=[bo.pk])).content.decode()
    assert "data-regraded" in result


def test_a_student_who_left_the_class_is_not_regraded(client, teacher, assignment, fixed):
    Membership.objects.filter(student=fixed["bo"].student).delete()
    client.force_login(teacher)
    client.post(regrade_url(assignment), EITHER)
    assert not Score.objects.filter(origin=Score.Origin.REGRADE).exists()


@pytest.mark.parametrize(
    "data",
    [{f"policy-{FIXED_QUESTION}": "lenient"}, {}, {f"policy-{FIXED_QUESTION}": ""}],
)
def test_bad_input_gets_a_400_and_changes_nothing(client, teacher, assignment, fixed, data):
    client.force_login(teacher)
    assert client.get(regrade_url(assignment), {"preview": "1", **data}).status_code == 400
    assert client.post(regrade_url(assignment), data).status_code == 400
    assert not Regrade.objects.exists()


def test_only_the_teacher_of_the_class_may_see_or_apply(
    client, assignment, fixed, other_teacher, student
):
    target = regrade_url(assignment)
    assert client.get(target).status_code == 302  # to the login page
    assert "/login/" in client.post(target, EITHER).url
    client.force_login(student)
    assert client.get(target).status_code == 403
    assert client.post(target, EITHER).status_code == 403
    client.force_login(other_teacher)
    assert client.get(target).status_code == 404
    assert client.post(target, EITHER).status_code == 404
    assert not Regrade.objects.exists()


def test_applying_needs_the_csrf_token(teacher, assignment, fixed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    assert client.post(regrade_url(assignment), EITHER).status_code == 403
    assert not Regrade.objects.exists()


def test_an_archived_class_cannot_be_regraded(client, teacher, classroom, assignment, fixed):
    classroom_archive(classroom=classroom)
    client.force_login(teacher)
    assert client.post(regrade_url(assignment), EITHER).status_code == 409
    assert not Regrade.objects.exists()


def test_the_preview_costs_the_same_for_a_bigger_class(
    client, teacher, assignment, make_student, tmp_path
):
    def answer(n, start):
        for i in range(n):
            answer_quiz(
                student=make_student(f"s{start + i}"),
                assignment=assignment,
                answers={FIXED_QUESTION: {"choice": "neutral"}},
            )

    answer(2, 0)
    load_key_fix(tmp_path)
    client.force_login(teacher)

    def measure(students: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(regrade_url(assignment), {"preview": "1", **EITHER})
        assert response.status_code == 200
        assert response.content.decode().count("data-student=") == students
        return len(ctx.captured_queries)

    small = measure(2)
    # Five more students answered the old version: give them attempts pinned to it.
    old = Question.objects.get(key=FIXED_QUESTION, version=1)
    new = Question.objects.get(key=FIXED_QUESTION, is_current=True)
    answer(5, 10)
    for attempt in Attempt.objects.filter(assignment=assignment, kind=Attempt.Kind.QUIZ):
        if new.pk in attempt.item_order:
            attempt.item_order = [old.pk if q == new.pk else q for q in attempt.item_order]
            attempt.save(update_fields=["item_order"])
            Score.objects.filter(attempt=attempt, question=new).update(question=old)
            Response.objects.filter(attempt=attempt, question=new).update(question=old)
    assert measure(7) == small


def test_item_analysis_keeps_the_versions_of_a_changed_question_apart(
    client, teacher, assignment, fixed, make_student
):
    from classroom.selectors import assignment_analysis

    answer_quiz(
        student=make_student("cy"),
        assignment=assignment,
        answers={FIXED_QUESTION: {"choice": "neutral"}},
    )
    analysis = assignment_analysis(assignment=assignment)
    rows = [s for s in analysis.questions if s.question.key == FIXED_QUESTION]
    assert [(s.question.version, s.answered, s.versions) for s in rows] == [(1, 2, 2), (2, 1, 2)]
    assert [s.facility_percent for s in rows] == [50, 100]
    client.force_login(teacher)
    html = client.get(url("assignment_analysis", assignment.classroom_id, assignment.pk))
    assert html.content.decode().count("data-version-note") == 2


def test_an_attempt_submitted_after_the_decision_makes_it_pending_again(
    client, teacher, assignment, make_student, tmp_path
):
    from classroom.selectors.regrade import changed_questions
    from quizzes.services import attempt_submit

    neutral = {FIXED_QUESTION: {"choice": "neutral"}}
    answer_quiz(student=make_student("early"), assignment=assignment, answers=neutral)
    slow = answer_quiz(
        student=make_student("slow"), assignment=assignment, answers=neutral, submit=False
    )
    load_key_fix(tmp_path)
    client.force_login(teacher)
    client.post(regrade_url(assignment), EITHER)
    [changed] = changed_questions(assignment=assignment)
    assert not changed.pending

    attempt_submit(attempt=slow)  # begun on the old version: graded with the old key
    [changed] = changed_questions(assignment=assignment)
    assert changed.pending and changed.submitted_since == 1
    client.post(regrade_url(assignment), EITHER)
    slow.refresh_from_db()
    assert Score.objects.filter(attempt=slow, origin=Score.Origin.REGRADE).exists()
    assert not changed_questions(assignment=assignment)[0].pending
