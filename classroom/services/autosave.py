"""A quiz answer's autosave in one statement, when this process has read for it before.

The autosave is the most frequent request of all, and its read (is this the student's attempt,
may they still write to it, is the question one of its items: `attempt_item_get_writable`) cost
as much as its write, a round trip each on PostgreSQL. What that read found is kept in the
process, the attempt and the question version apart (`attempt_item_known`). A later save to
an attempt and a question it has read, for any student, is checked against those copies and
written in one statement that holds the copies to the rows, so that it writes only if all of
this is still true:

- the attempt is the student's, open and in time;
- the student is still a member of its class, and the class is not archived;
- it is still a quiz attempt with the same item order;
- the question has the same type and spec as when the answer was checked.

When anything differs, nothing is written and the caller takes the full path, which says why
it refuses, or saves."""

from django.utils import timezone

from accounts.models import User
from quizzes.errors import QuizError
from quizzes.models import Attempt
from quizzes.services import answer_upsert_if_open, response_clean

from ..selectors.access import KnownItem, attempt_may_write_sql

# The guards on what the copy was checked on; `quizzes_attempt` is the row being written to.
_GUARDS = """ AND student_id = %s AND kind = %s AND CAST(item_order AS TEXT) = %s AND {may_write}
AND EXISTS (SELECT 1 FROM quizzes_question q
            WHERE q.id = %s AND q.type = %s AND CAST(q.spec AS TEXT) = %s)"""
_HOLDS = _GUARDS.format(may_write=attempt_may_write_sql("quizzes_attempt"))


def quiz_answer_save_known(*, student: User, known: KnownItem, posted) -> int | None:
    """Save the answer `posted` (the question's form fields) to the item `known` in one
    statement: its revision, or None if nothing was written (then the full path)."""
    item = known.item
    question = item.question
    raw = item.qtype.parse_form(question.spec_parsed(), posted, item.uid)
    try:
        clean = response_clean(question, raw)
    except QuizError:
        return None  # the full path refuses it, after the attempt's own refusals
    saved = answer_upsert_if_open(
        attempt_pk=known.attempt.pk,
        question_id=question.pk,
        data=clean,
        now=timezone.now(),
        also=_HOLDS,
        also_params=[
            student.pk,
            Attempt.Kind.QUIZ,
            known.order_text,
            question.pk,
            question.type,
            known.spec_text,
        ],
    )
    return None if saved is None else saved[1]
