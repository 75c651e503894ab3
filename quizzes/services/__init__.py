"""The quizzes app's writes, one module per concept: `attempts` (start, save, submit, check),
`deadlines` (a student's window, and open attempts' deadlines kept in step with it),
`closing` (grading and closing attempts; overdue ones as of their deadline), `scoring`
(grading stored answers, teachers' scores) and `regrade` (after a key fix). Callers use this
package's names; the modules are where each one is written."""

from .attempts import (
    SaveResult,
    activity_check,
    attempt_start,
    attempt_submit,
    response_save,
    responses_save,
)
from .closing import attempts_close_overdue
from .deadlines import attempt_deadlines_refresh
from .regrade import RegradePlan, regrade_apply, regrade_plan
from .scoring import activity_score, score_set

__all__ = [
    "RegradePlan",
    "SaveResult",
    "activity_check",
    "activity_score",
    "attempt_deadlines_refresh",
    "attempt_start",
    "attempt_submit",
    "attempts_close_overdue",
    "regrade_apply",
    "regrade_plan",
    "response_save",
    "responses_save",
    "score_set",
]
