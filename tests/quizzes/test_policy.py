"""The rules of quiz settings and dates, as tables: no database, no clock."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from quizzes import policy
from quizzes.models import FeedbackLevel, FeedbackTiming, GradingMethod, QuizSettingsFields

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def assignment(due_at=T0, late_until=None, opens_at=T0 - 7 * DAY):
    return SimpleNamespace(opens_at=opens_at, due_at=due_at, late_until=late_until)


def extension(due_at=None, extra_minutes=0):
    return SimpleNamespace(due_at=due_at, extra_minutes=extra_minutes)


# (case, assignment, extension, expected due, expected close, expected extra minutes)
WINDOWS = [
    ("no extension", assignment(), None, T0, T0, 0),
    ("late work accepted", assignment(late_until=T0 + 2 * DAY), None, T0, T0 + 2 * DAY, 0),
    ("extension moves the due date", assignment(), extension(T0 + DAY), T0 + DAY, T0 + DAY, 0),
    ("an extension never shortens", assignment(), extension(T0 - DAY), T0, T0, 0),
    ("extra minutes only", assignment(), extension(None, 15), T0, T0, 15),
    (
        "late window outlasts the extension",
        assignment(late_until=T0 + 3 * DAY),
        extension(T0 + DAY),
        T0 + DAY,
        T0 + 3 * DAY,
        0,
    ),
    (
        "extension outlasts the late window",
        assignment(late_until=T0 + DAY),
        extension(T0 + 3 * DAY, 10),
        T0 + 3 * DAY,
        T0 + 3 * DAY,
        10,
    ),
]


@pytest.mark.parametrize(
    ("case", "given", "ext", "due", "closes", "extra"), WINDOWS, ids=[w[0] for w in WINDOWS]
)
def test_student_window(case, given, ext, due, closes, extra):
    window = policy.student_window(assignment=given, extension=ext)
    assert (window.due_at, window.closes_at, window.extra_minutes) == (due, closes, extra)
    assert window.opens_at == given.opens_at


def test_without_an_assignment_nothing_opens_or_closes():
    assert policy.student_window(assignment=None) == policy.Window()


QUIZ = SimpleNamespace(
    **(policy.QuizSettings().as_dict() | {"attempts_allowed": 3, "shuffle_items": True})
)
CHOSEN = SimpleNamespace(
    **(policy.QuizSettings().as_dict() | {"attempts_allowed": 1, "show_key": FeedbackTiming.NEVER})
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"assignment": CHOSEN}, CHOSEN),  # the teacher's choice wins over the lesson's
        ({"assignment": None}, QUIZ),  # a preview: the lesson's defaults
    ],
)
def test_settings_for_takes_the_assignment_else_the_lesson_quiz(given, expected):
    settings = policy.settings_for(lesson=SimpleNamespace(quiz=QUIZ), **given)
    assert settings == policy.QuizSettings.from_obj(expected)


def test_the_settings_dataclass_and_the_model_fields_are_the_same_fields():
    model_fields = [f.name for f in QuizSettingsFields._meta.get_fields() if f.name not in ("id",)]
    assert sorted(model_fields) == sorted(policy.QuizSettings.field_names())


def test_the_settings_defaults_match_the_model_defaults():
    defaults = {
        f.name: f.default
        for f in QuizSettingsFields._meta.get_fields()
        if f.name in policy.QuizSettings.field_names()
    }
    defaults["time_limit_minutes"] = None  # a nullable field without a default
    assert defaults == policy.QuizSettings().as_dict()
    assert defaults["grading_method"] == GradingMethod.HIGHEST


@pytest.mark.parametrize(
    ("points", "possible", "percent"),
    [
        (Decimal("9.667"), Decimal(28), 35),
        (Decimal("14.27"), Decimal(15), 95),
        (Decimal(2), Decimal(12), 17),
        (Decimal("0.5"), Decimal(200), 0),  # 0.25%: rounded half to even, as on the grid
        (Decimal("1.5"), Decimal(200), 1),  # 0.75%
        (Decimal(0), Decimal(12), 0),
        (Decimal("999999.999"), Decimal("999999.999"), 100),
        (None, Decimal(12), None),
        (Decimal(0), Decimal(0), None),
    ],
)
def test_a_score_as_a_percentage(points, possible, percent):
    assert policy.percent(points, possible) == percent


# --- what a student sees of a submitted attempt: feedback and key are two releases ----------

T = FeedbackTiming
L = FeedbackLevel
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
BEFORE, AFTER = NOW + timedelta(hours=1), NOW - timedelta(hours=1)  # the release moment


@pytest.mark.parametrize(
    ("level", "show_feedback", "show_key", "release", "expected"),
    [
        # level, feedback timing, key timing, release moment -> (score, outcomes, details, key)
        (L.SCORE, T.AFTER_SUBMIT, T.AFTER_DUE, BEFORE, (True, False, False, False)),
        (L.OUTCOMES, T.AFTER_SUBMIT, T.AFTER_DUE, BEFORE, (True, True, False, False)),
        (L.FULL, T.AFTER_SUBMIT, T.AFTER_DUE, BEFORE, (True, True, True, False)),
        # the key shows everything, whatever the level
        (L.SCORE, T.AFTER_SUBMIT, T.AFTER_DUE, AFTER, (True, True, True, True)),
        (L.OUTCOMES, T.AFTER_SUBMIT, T.AFTER_SUBMIT, BEFORE, (True, True, True, True)),
        # feedback after the due date: nothing before it, not even the score
        (L.FULL, T.AFTER_DUE, T.AFTER_DUE, BEFORE, (False, False, False, False)),
        (L.FULL, T.AFTER_DUE, T.AFTER_DUE, AFTER, (True, True, True, True)),
        # the key never comes before the feedback, nor without it
        (L.FULL, T.AFTER_DUE, T.IMMEDIATELY, BEFORE, (False, False, False, False)),
        (L.FULL, T.NEVER, T.AFTER_SUBMIT, AFTER, (False, False, False, False)),
        (L.FULL, T.AFTER_SUBMIT, T.NEVER, AFTER, (True, True, True, False)),
    ],
)
def test_what_a_submitted_attempt_shows(level, show_feedback, show_key, release, expected):
    settings = policy.QuizSettings(
        feedback_level=level, show_feedback=show_feedback, show_key=show_key
    )
    review = policy.review_for(settings, submitted=True, due_at=release, now=NOW)
    assert (review.score, review.feedback, review.details, review.key) == expected


def test_an_attempt_in_progress_shows_nothing():
    settings = policy.QuizSettings(show_feedback=T.IMMEDIATELY, show_key=T.IMMEDIATELY)
    review = policy.review_for(settings, submitted=False, due_at=None, now=NOW)
    assert not (review.score or review.feedback or review.details)


def test_the_key_comes_when_the_students_own_window_closes():
    due, late, extended = NOW, NOW + timedelta(days=1), NOW + timedelta(days=2)
    assert policy.release_at(policy.Window(due_at=due, closes_at=late)) == late
    assert policy.release_at(policy.Window(due_at=extended, closes_at=extended)) == extended
    assert policy.release_at(policy.Window()) is None


@pytest.mark.parametrize(
    ("show_feedback", "show_key", "refused"),
    [
        (T.AFTER_SUBMIT, T.AFTER_DUE, False),
        (T.AFTER_SUBMIT, T.AFTER_SUBMIT, False),
        (T.NEVER, T.NEVER, False),
        (T.AFTER_DUE, T.AFTER_SUBMIT, True),
        (T.NEVER, T.AFTER_DUE, True),
    ],
)
def test_settings_that_would_show_the_key_before_the_feedback(show_feedback, show_key, refused):
    assert policy.key_before_feedback(show_feedback=show_feedback, show_key=show_key) is refused
