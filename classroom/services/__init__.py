"""Writes on classes, rosters, assignments, extensions, scores and attempt resets.

Keyword-only functions named `<entity>_<verb>`, one module per concept: `classes` (a class
itself, and `check_active`: an archived class is read-only, every write on it is refused),
`members` (rosters, passwords, login waits), `joining` (join codes, their settings and
requests to join), `assignments` (assignments and extensions), `scores` (a teacher's scores,
attempt resets, closing overdue attempts), `autosave` (a quiz answer's autosave in one
statement), `regrade` (a key fix's regrade for one assignment). They validate before they
write and raise `classroom.errors.ClassroomError` (or `QuizError` from the quiz services they
call) with a code and a message a teacher can read; a function that writes several rows is
atomic. Access (is this the teacher's class?) is checked by the caller through
`classroom.selectors.access`; these functions enforce the rules of the data.

The names below are the package's public API, for callers outside the app."""

from ..errors import RosterInvalid
from .assignments import (
    assignment_create,
    assignment_update,
    extension_delete,
    extension_set,
)
from .autosave import quiz_answer_save_known
from .classes import (
    classroom_archive,
    classroom_create,
    classroom_rename,
    classroom_restore,
    classroom_time_zone_set,
    join_code_normalise,
    join_code_regenerate,
)
from .joining import (
    classroom_for_code,
    join_request_approve,
    join_request_reject,
    join_settings_update,
    membership_join,
    student_signup,
)
from .members import (
    Credential,
    membership_add,
    membership_remove,
    password_generate,
    roster_import,
    student_login_unlock,
    student_password_reset,
)
from .regrade import assignment_regrade
from .scores import attempt_reset, class_attempts_close_overdue, item_score, rubric_score

__all__ = [
    "Credential",
    "RosterInvalid",
    "assignment_create",
    "assignment_regrade",
    "assignment_update",
    "attempt_reset",
    "class_attempts_close_overdue",
    "classroom_archive",
    "classroom_create",
    "classroom_for_code",
    "classroom_rename",
    "classroom_restore",
    "classroom_time_zone_set",
    "extension_delete",
    "extension_set",
    "item_score",
    "join_code_normalise",
    "join_code_regenerate",
    "join_request_approve",
    "join_request_reject",
    "join_settings_update",
    "membership_add",
    "membership_join",
    "membership_remove",
    "password_generate",
    "quiz_answer_save_known",
    "roster_import",
    "rubric_score",
    "student_login_unlock",
    "student_password_reset",
    "student_signup",
]
