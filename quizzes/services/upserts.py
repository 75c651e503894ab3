"""Answers written as rows: one statement inserts a new answer, updates a changed one and
leaves an unchanged one as it is. `quizzes.services.attempts` decides what may be written, and
a caller of `answer_upsert_if_open` adds its own conditions (`also`)."""

import json
from datetime import datetime
from functools import cache

from django.db import connection
from django.utils import timezone

from core.sql import prepared_cursor

from .. import policy
from ..models import Attempt, Question, Response

# Written as SQL because the ORM's upsert cannot raise the revision only when the answer changed.
# Both databases run it: SQLite has had RETURNING since 3.35. An unchanged answer keeps its
# revision and time but is still returned, so the caller never reads it back. `{changed}`
# compares the stored answer: jsonb by value on PostgreSQL, the JSON text on SQLite (Django
# writes it canonically). In SET, every column on the right is the row's old value.
_UPSERT = """
INSERT INTO quizzes_response (attempt_id, question_id, data, revision, created_at, updated_at)
{rows}
ON CONFLICT (attempt_id, question_id) DO UPDATE
SET data = excluded.data,
    revision = quizzes_response.revision + CASE WHEN {changed} THEN 1 ELSE 0 END,
    updated_at = CASE WHEN {changed} THEN excluded.updated_at ELSE quizzes_response.updated_at END
RETURNING question_id, id, revision
"""

# One answer, written only while the attempt is open and in time (`policy.is_past` as a bound,
# the same as the locked path's check), and the caller's own conditions on the attempt's row
# (`{also}`) hold. On PostgreSQL the row lock of FOR UPDATE makes it wait for a submit in
# progress and then see the attempt as that submit left it; SQLite runs one writer at a time.
# The WHERE also tells SQLite's parser that ON CONFLICT is the upsert's.
_IF_OPEN = """SELECT %s, %s, {json}, 1, %s, %s FROM quizzes_attempt
WHERE id = %s AND status = %s AND (deadline IS NULL OR deadline >= %s){also}{lock}"""


def _upsert_sql(rows: str) -> str:
    changed = "quizzes_response.data {} excluded.data".format(
        "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    )
    return _UPSERT.format(rows=rows, changed=changed)


def _json_placeholder() -> str:
    # The answer goes as JSON text (`_row_params`), cast where the column is jsonb.
    return "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"


@cache
def _upsert_if_open_sql(vendor: str, also: str) -> str:
    """`_IF_OPEN` as the upsert's rows, for the database (`vendor`) and the caller's `also`."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return _upsert_sql(_IF_OPEN.format(json=_json_placeholder(), also=also, lock=lock))


def _row_params(attempt_pk: int, qid: int, data: dict, stamp: datetime) -> list:
    # The answer as the JSON text Django writes for `Response.data` (a JSONField with no
    # encoder): SQLite compares that text (`{changed}`). Written here rather than through the
    # field: psycopg's Jsonb wrapper with Django's `dumps` cost about 50 µs more a save
    # on PostgreSQL.
    when = connection.ops.adapt_datetimefield_value(stamp)
    return [attempt_pk, qid, json.dumps(data), when, when]


def _written(attempt: Attempt, questions, clean: dict[int, dict], rows) -> dict[int, Response]:
    return {
        qid: Response(
            pk=pk, attempt=attempt, question=questions[qid], data=clean[qid], revision=revision
        )
        for qid, pk, revision in rows
    }


def answers_upsert(attempt: Attempt, questions, clean: dict[int, dict], now: datetime) -> dict:
    """Every answer in one statement, the caller holding the attempt's row lock: a new answer
    is inserted at revision 1, a changed one is updated and its revision goes up by one, an
    unchanged one is left as it is. A row that another tab inserted a moment ago is taken over,
    not reported as an error."""
    params: list = []
    for qid, data in clean.items():
        params += _row_params(attempt.pk, qid, data, now)
    row = f"(%s, %s, {_json_placeholder()}, 1, %s, %s)"
    sql = _upsert_sql("VALUES " + ", ".join([row] * len(clean)))
    with prepared_cursor() as cursor:  # one shape per number of answers: a quiz's few
        cursor.execute(sql, params)
        saved = _written(attempt, questions, clean, cursor.fetchall())
    return {qid: saved[qid] for qid in clean}


def response_upsert_if_open(
    attempt: Attempt, question: Question, data: dict, now: datetime
) -> Response | None:
    """One answer in one statement, with no transaction around it, if the attempt is open and
    in time at `now`; None when it is not (nothing written)."""
    saved = answer_upsert_if_open(
        attempt_pk=attempt.pk, question_id=question.pk, data=data, now=now
    )
    if saved is None:
        return None
    pk, revision = saved
    return Response(pk=pk, attempt=attempt, question=question, data=data, revision=revision)


def answer_upsert_if_open(
    *, attempt_pk: int, question_id: int, data: dict, now: datetime, also: str = "", also_params=()
) -> tuple[int, int] | None:
    """Write one answer (`data`, as `response_clean` returns it) in one statement with no
    transaction around it, if the attempt is open and in time at `now` and the caller's
    conditions `also` hold (SQL on the row of `quizzes_attempt`, starting with AND, its
    placeholders' values `also_params`): the response's id and revision, or None when
    nothing was written."""
    params = [
        *_row_params(attempt_pk, question_id, data, timezone.now()),
        attempt_pk,
        Attempt.Status.IN_PROGRESS,
        connection.ops.adapt_datetimefield_value(policy.overdue_before(now)),
        *also_params,
    ]
    with prepared_cursor() as cursor:
        cursor.execute(_upsert_if_open_sql(connection.vendor, also), params)
        row = cursor.fetchone()
    return None if row is None else (row[1], row[2])
