"""The quizzes app's writes, one module per concept: `attempts` (start, save, submit, check,
deadlines), `closing` (grading and closing attempts; overdue ones as of their deadline) and
`scoring` (grading stored answers, teachers' scores, regrade). Callers use this package's
names; the modules are where each one is written."""

from .attempts import (
    SaveResult,
    activity_check,
    attempt_deadlines_refresh,
    attempt_start,
    attempt_submit,
    response_save,
    responses_save,
)
from .closing import attempts_close_overdue
from .scoring import ScoreChange, activity_score, attempts_regrade, score_set

__all__ = [
    "SaveResult",
    "ScoreChange",
    "activity_check",
    "activity_score",
    "attempt_deadlines_refresh",
    "attempt_start",
    "attempt_submit",
    "attempts_close_overdue",
    "attempts_regrade",
    "response_save",
    "responses_save",
    "score_set",
]
