"""Regrade after a key fix: a package reload records the change, and each policy (keep, new,
either, full) decides what it means for the answers graded with the old key. Every change is a
new REGRADE row with who, the policy and why; the attempts' totals follow."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from quizzes.errors import QuizError
from quizzes.models import KeyChange, Question, Regrade, RegradePolicy, Score
from quizzes.selectors import attempt_regrades, key_changes_for, scores_latest
from quizzes.services import regrade_apply, regrade_plan
from quizzes.services.regrade import regrade_fraction
from tests.classroom.conftest import answer_quiz
from tests.key_fix import FIXED_QUESTION, load_key_fix

pytestmark = pytest.mark.django_db

# --- the policy, a pure function ---------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "old", "new", "answered", "expected"),
    [
        ("keep", Fraction(1), Fraction(0), True, Fraction(1)),
        ("keep", Fraction(0), Fraction(1), True, Fraction(0)),
        ("new", Fraction(1), Fraction(0), True, Fraction(0)),
        ("new", Fraction(0), Fraction(1), True, Fraction(1)),
        ("either", Fraction(1), Fraction(0), True, Fraction(1)),
        ("either", Fraction(0), Fraction(1), True, Fraction(1)),
        ("either", Fraction(1, 3), Fraction(2, 3), True, Fraction(2, 3)),
        ("full", Fraction(0), Fraction(0), True, Fraction(1)),
        ("full", Fraction(0), Fraction(0), False, Fraction(0)),
    ],
)
def test_each_policy_combines_the_old_and_new_grades(policy, old, new, answered, expected):
    assert regrade_fraction(policy, old=old, new=new, answered=answered) == expected


# --- a class that answered before the key fix --------------------------------------------


@pytest.fixture
def answered(assignment, make_student, tmp_path):
    """Three students answered q-purpose before its key moved from "celebrate" to "neutral":
    one chose the old key, one the new, one neither; a fourth left it blank."""
    choices = {"old": "celebrate", "new": "neutral", "neither": "protest"}
    attempts = {
        name: answer_quiz(
            student=make_student(f"s.{name}"),
            assignment=assignment,
            answers={FIXED_QUESTION: {"choice": choice}},
        )
        for name, choice in choices.items()
    }
    attempts["blank"] = answer_quiz(
        student=make_student("s.blank"),
        assignment=assignment,
        answers={FIXED_QUESTION: {"choice": None}},
    )
    result = load_key_fix(tmp_path)
    return attempts, result


def points_on_fixed_question(attempt) -> Decimal:
    old = Question.objects.get(lesson=attempt.lesson, key=FIXED_QUESTION, version=1)
    return scores_latest(attempts=[attempt.pk])[(attempt.pk, old.pk)].points_earned


def test_a_reload_that_changes_an_answered_key_records_the_change_and_counts_attempts(answered):
    _attempts, result = answered
    [change] = result.key_changes
    assert (change.key, change.old_question.version, change.new_question.version) == (
        FIXED_QUESTION,
        1,
        2,
    )
    assert change.attempts_touched == 4
    assert KeyChange.objects.count() == 1
    [status] = key_changes_for(lesson=change.lesson)
    assert status.pending


def test_a_reload_that_changes_only_wording_records_no_key_change(student, assignment, tmp_path):
    import shutil

    from authoring.services import lesson_packages_load
    from tests.conftest import EXAMPLE_PACKAGE

    answer_quiz(student=student, assignment=assignment)
    folder = tmp_path / "reworded"
    shutil.copytree(EXAMPLE_PACKAGE, folder)
    yaml = folder / "lesson.yaml"
    yaml.write_text(
        yaml.read_text().replace(
            "What was the main purpose of this report?", "What was this report mainly for?"
        )
    )
    [result] = lesson_packages_load(paths=[folder])
    assert result.new_versions == [FIXED_QUESTION]
    assert result.key_changes == []


def test_before_a_decision_old_attempts_keep_their_scores(answered):
    attempts, _result = answered
    assert points_on_fixed_question(attempts["old"]) == Decimal(1)
    assert points_on_fixed_question(attempts["new"]) == Decimal(0)


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("keep", {"old": 1, "new": 0, "neither": 0, "blank": 0}),
        ("new", {"old": 0, "new": 1, "neither": 0, "blank": 0}),
        ("either", {"old": 1, "new": 1, "neither": 0, "blank": 0}),
        ("full", {"old": 1, "new": 1, "neither": 1, "blank": 0}),
    ],
)
def test_each_policy_rescores_the_old_answers(answered, teacher, policy, expected):
    attempts, result = answered
    lesson = result.key_changes[0].lesson
    totals_before = {name: a.points_earned for name, a in attempts.items()}
    before = {name: points_on_fixed_question(a) for name, a in attempts.items()}

    plan = regrade_apply(
        lesson=lesson, policies={FIXED_QUESTION: policy}, by=teacher, reason="Typo in the key."
    )

    after = {name: points_on_fixed_question(a) for name, a in attempts.items()}
    assert after == {name: Decimal(points) for name, points in expected.items()}
    for name, attempt in attempts.items():
        attempt.refresh_from_db()
        assert attempt.points_earned == totals_before[name] + after[name] - before[name]
    changed = {name for name in attempts if after[name] != before[name]}
    assert {name for name, a in attempts.items() if a.regraded} == changed  # cached flag
    rows = Score.objects.filter(origin=Score.Origin.REGRADE)
    assert {r.attempt_id for r in rows} == {attempts[name].pk for name in changed}
    assert len(plan.changes) == len(changed)
    for row in rows:
        assert row.created_by == teacher
        assert row.regrade.policy == policy
        assert str(RegradePolicy(policy).label) in row.reason
        assert "Typo in the key." in row.reason
    assert not key_changes_for(lesson=lesson)[0].pending


def test_a_regrade_adds_rows_and_never_edits_earlier_ones(answered, teacher):
    _attempts, result = answered
    earlier = {s.pk: (s.points_earned, s.origin) for s in Score.objects.all()}
    regrade_apply(lesson=result.key_changes[0].lesson, policies={FIXED_QUESTION: "new"}, by=teacher)
    assert {
        s.pk: (s.points_earned, s.origin) for s in Score.objects.filter(pk__in=earlier)
    } == earlier
    assert Score.objects.count() == len(earlier) + 2  # "old" lost a point, "new" gained one


def test_applying_the_same_policy_again_changes_nothing(answered, teacher):
    _attempts, result = answered
    lesson = result.key_changes[0].lesson
    regrade_apply(lesson=lesson, policies={FIXED_QUESTION: "either"}, by=teacher)
    count = Score.objects.count()
    again = regrade_apply(lesson=lesson, policies={FIXED_QUESTION: "either"}, by=teacher)
    assert again.changes == []
    assert Score.objects.count() == count


def test_a_decision_can_be_changed_and_keep_puts_the_old_keys_scores_back(answered, teacher):
    attempts, result = answered
    lesson = result.key_changes[0].lesson
    regrade_apply(lesson=lesson, policies={FIXED_QUESTION: "new"}, by=teacher)
    assert points_on_fixed_question(attempts["old"]) == 0
    regrade_apply(lesson=lesson, policies={FIXED_QUESTION: "keep"}, by=teacher)
    assert points_on_fixed_question(attempts["old"]) == 1
    assert points_on_fixed_question(attempts["new"]) == 0
    assert Score.objects.filter(origin=Score.Origin.REGRADE).count() == 4  # 2, then 2 back


def test_a_teachers_score_is_kept(answered, teacher):
    from quizzes.services import score_set

    attempts, result = answered
    old = Question.objects.get(key=FIXED_QUESTION, version=1)
    score_set(
        attempt=attempts["new"],
        question=old,
        points=Decimal("0.5"),
        by=teacher,
        reason="Half marks: a fair reading.",
    )
    plan = regrade_apply(
        lesson=result.key_changes[0].lesson, policies={FIXED_QUESTION: "new"}, by=teacher
    )
    kept = [i for i in plan.items if i.attempt_id == attempts["new"].pk]
    assert kept[0].kept_teacher_score and not kept[0].changed
    assert points_on_fixed_question(attempts["new"]) == Decimal("0.5")


def test_a_dry_run_plan_writes_nothing_and_gives_before_and_after(answered):
    attempts, result = answered
    count = Score.objects.count()
    plan = regrade_plan(lesson=result.key_changes[0].lesson, policies={FIXED_QUESTION: "either"})
    assert Score.objects.count() == count
    assert not Regrade.objects.exists()
    row = next(r for r in plan.attempts if r.attempt.pk == attempts["new"].pk)
    assert row.after_earned == row.before_earned + 1
    assert plan.average_percent(after=True) > plan.average_percent(after=False)


def test_a_regrade_is_audited(answered, teacher):
    _attempts, result = answered
    regrade_apply(
        lesson=result.key_changes[0].lesson,
        policies={FIXED_QUESTION: "either"},
        by=teacher,
        reason="Two readings are defensible.",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.REGRADE)
    assert entry.actor == teacher
    assert entry.reason == "Two readings are defensible."
    assert entry.details["policies"] == {FIXED_QUESTION: "either"}
    assert entry.details["scores_changed"] == 1


def test_one_assignment_only_touches_its_own_attempts(
    assignment, make_student, other_classroom, teacher, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from accounts.services import user_create
    from classroom.services import assignment_create, membership_add
    from tests.conftest import PASSWORD

    # Two classes took the quiz before the fix; only the first teacher decides.
    other = assignment_create(
        classroom=other_classroom,
        lesson=assignment.lesson,
        opens_at=timezone.now() - timedelta(days=1),
        due_at=timezone.now() + timedelta(days=1),
    )
    outsider = user_create(username="s.x", password=PASSWORD, role=User.Role.STUDENT)
    membership_add(classroom=other_classroom, student=outsider)
    neutral = {FIXED_QUESTION: {"choice": "neutral"}}
    ours = answer_quiz(student=make_student("s.ours"), assignment=assignment, answers=neutral)
    theirs = answer_quiz(student=outsider, assignment=other, answers=neutral)
    lesson = load_key_fix(tmp_path).key_changes[0].lesson

    regrade_apply(
        lesson=lesson, policies={FIXED_QUESTION: "either"}, by=teacher, assignment=assignment
    )

    assert points_on_fixed_question(ours) == Decimal(1)
    assert points_on_fixed_question(theirs) == Decimal(0)
    assert key_changes_for(lesson=lesson, assignment_id=assignment.pk)[0].decision
    assert key_changes_for(lesson=lesson, assignment_id=other.pk)[0].pending
    assert key_changes_for(lesson=lesson)[0].pending


def test_the_students_result_names_the_regraded_items_and_why(answered, teacher):
    attempts, result = answered
    regrade_apply(
        lesson=result.key_changes[0].lesson,
        policies={FIXED_QUESTION: "either"},
        by=teacher,
        reason="Both readings hold.",
    )
    [(number, score)] = attempt_regrades(attempt=attempts["new"])
    assert (
        number
        == attempts["new"].item_order.index(Question.objects.get(key=FIXED_QUESTION, version=1).pk)
        + 1
    )
    assert "Both readings hold." in score.reason
    assert attempt_regrades(attempt=attempts["old"]) == []


def test_an_unknown_policy_or_question_is_refused(answered):
    _attempts, result = answered
    lesson = result.key_changes[0].lesson
    with pytest.raises(QuizError, match="Unknown regrade policy: choose keep, new, either or full"):
        regrade_plan(lesson=lesson, policies={FIXED_QUESTION: "lenient"})
    with pytest.raises(QuizError, match="No key change to regrade for: q-toll"):
        regrade_plan(lesson=lesson, policies={"q-toll": "new"})


# --- the command --------------------------------------------------------------------------


def test_the_command_dry_run_prints_before_after_and_average_and_changes_nothing(answered, capsys):
    _attempts, result = answered
    count = Score.objects.count()
    call_command("regrade", "--policy", "either", "--lesson", result.slug, "--dry-run")
    out = capsys.readouterr().out
    assert "s.new attempt 1:" in out
    assert "average of these attempts:" in out
    assert "1 score(s) changed." in out
    assert "Dry run: nothing was changed." in out
    assert Score.objects.count() == count
    assert key_changes_for(lesson=result.key_changes[0].lesson)[0].pending


def test_the_command_applies_the_pending_changes_with_the_person_and_reason(
    answered, teacher, capsys
):
    attempts, result = answered
    call_command(
        "regrade",
        "--policy",
        "new",
        "--lesson",
        result.slug,
        "--by",
        teacher.username,
        "--reason",
        "Fixed key.",
    )
    assert "2 score(s) changed." in capsys.readouterr().out
    assert points_on_fixed_question(attempts["old"]) == 0
    row = Score.objects.filter(origin=Score.Origin.REGRADE).first()
    assert row.created_by == teacher and "Fixed key." in row.reason
    call_command("regrade", "--policy", "new", "--lesson", result.slug)
    assert "No pending key change to regrade." in capsys.readouterr().out


def test_the_command_refuses_an_unknown_lesson_person_or_question(answered):
    from django.core.management import CommandError

    _attempts, result = answered
    with pytest.raises(CommandError, match="No lesson with slug nope"):
        call_command("regrade", "--policy", "keep", "--lesson", "nope")
    with pytest.raises(CommandError, match="No teacher or content author named ghost"):
        call_command("regrade", "--policy", "keep", "--by", "ghost")
    with pytest.raises(CommandError, match="No key change to regrade for: q-toll"):
        call_command("regrade", "--policy", "keep", "--lesson", result.slug, "--question", "q-toll")


def test_the_loader_command_reports_the_key_change(assignment, student, tmp_path, capsys):
    from tests.key_fix import package_with_key_fix

    answer_quiz(student=student, assignment=assignment)
    call_command("load_lessons", str(package_with_key_fix(tmp_path)))
    out = capsys.readouterr().out
    assert f"key changed: {FIXED_QUESTION} v1 -> v2, 1 submitted attempt(s)" in out
    assert "manage.py regrade --lesson millbrook-bridge-1911" in out


def test_an_old_answer_that_no_longer_fits_the_new_key_counts_as_blank(answered, teacher, tmp_path):
    """The fix also removed the choice one student picked: the new key cannot read that
    answer, so under "new" it earns nothing, and under "either" it keeps its old grade."""
    from authoring.services import lesson_packages_load
    from tests.key_fix import package_with_key_fix

    attempts, first = answered
    regrade_apply(lesson=first.key_changes[0].lesson, policies={FIXED_QUESTION: "keep"}, by=teacher)
    folder = package_with_key_fix(tmp_path / "again")
    yaml = folder / "lesson.yaml"
    yaml.write_text(
        yaml.read_text().replace(
            "          - {id: protest, text: To protest against the cost of the bridge}\n", ""
        )
    )
    [result] = lesson_packages_load(paths=[folder])
    assert [c.new_question.version for c in result.key_changes] == [2]  # unanswered: in place
    lesson = result.key_changes[0].lesson
    assert key_changes_for(lesson=lesson)[0].pending  # the key moved since the decision

    plan = regrade_plan(lesson=lesson, policies={FIXED_QUESTION: "new"})
    neither = next(i for i in plan.items if i.attempt_id == attempts["neither"].pk)
    assert (neither.before_earned, neither.after_earned) == (0, 0)
    regrade_apply(lesson=lesson, policies={FIXED_QUESTION: "either"}, by=teacher)
    assert points_on_fixed_question(attempts["old"]) == 1
    assert points_on_fixed_question(attempts["new"]) == 1
