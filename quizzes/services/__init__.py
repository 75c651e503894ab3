"""The quizzes app's writes, one module per concept: `attempts` (start, save, submit, check),
`deadlines` (a student's window, and open attempts' deadlines kept in step with it),
`closing` (grading and closing attempts; overdue ones as of their deadline), `scoring`
(grading stored answers, teachers' scores), `upserts` (answers written as rows) and `regrade`
(after a key fix). Callers use this package's names; the modules are where each one is
written."""

from .attempts import (
    SaveResult,
    activity_check,
    attempt_start,
    attempt_submit,
    response_clean,
    response_save,
    responses_save,
)
from .closing import attempts_close_overdue
from .deadlines import attempt_deadlines_refresh
from .regrade import RegradePlan, regrade_apply, regrade_plan
from .scoring import activity_score, score_set
from .upserts import answer_upsert_if_open

__all__ = [
    "RegradePlan",
    "SaveResult",
    "activity_check",
    "activity_score",
    "answer_upsert_if_open",
    "attempt_deadlines_refresh",
    "attempt_start",
    "attempt_submit",
    "attempts_close_overdue",
    "regrade_apply",
    "regrade_plan",
    "response_clean",
    "response_save",
    "responses_save",
    "score_set",
]
