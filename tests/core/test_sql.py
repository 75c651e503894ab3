"""core.sql.prepared_cursor: the hottest statements prepared once per connection on
PostgreSQL, their `?` rewrite kept once per process on SQLite. Each one reads what Django's own
cursor reads, still counts as a query, still fails as Django's errors. Django's own queries
still go unprepared; nothing is prepared on a connection closed after each request, nor where
a setting turns it off (for poolers that cannot keep prepared statements)."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import sql
from core.sql import prepared_cursor
from quizzes import services
from quizzes.models import Attempt, Question, Response

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the `?` rewrite is SQLite's")
READ = "SELECT id, started_at, item_order, status FROM quizzes_attempt WHERE id = %s"


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _read(cursor_factory, pk):
    with cursor_factory() as cursor:
        cursor.execute(READ, [pk])
        return cursor.fetchall()


@pytest.fixture
def attempt(student, assignment) -> Attempt:
    return services.attempt_start(student=student, lesson=assignment.lesson, assignment=assignment)


@pytest.mark.usefixtures("kept_connection")
def test_a_prepared_read_reads_what_djangos_cursor_reads(attempt):
    ours = _read(prepared_cursor, attempt.pk)
    assert ours == _read(connection.cursor, attempt.pk)
    assert ours[0][0] == attempt.pk
    if connection.vendor == "postgresql":  # SQLite's cursor gives the column's text
        assert ours[0][1] == attempt.started_at  # aware, in the zone Django's cursor reads
    assert _read(prepared_cursor, -1) == []


@pytest.fixture
def kept_connection(monkeypatch):
    """Connections kept between requests, as in production (CONN_MAX_AGE=60)."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)


@on_postgresql
@pytest.mark.usefixtures("kept_connection")
def test_the_statement_is_prepared_once_and_django_queries_are_not(attempt):
    for _ in range(3):
        _read(prepared_cursor, attempt.pk)
    for _ in range(8):  # more than psycopg's own threshold of 5 for preparing on its own
        list(Attempt.objects.filter(pk=attempt.pk))
    statements = _prepared_statements()
    ours = READ.replace("%s", "$1")
    assert statements.count(ours) == 1
    # The ORM names its table quoted; the hand-written statements (others run when the attempt
    # was made) name it bare.
    assert not [s for s in statements if '"quizzes_attempt"' in s]


@on_postgresql
@pytest.mark.usefixtures("kept_connection")
def test_the_setting_turns_preparing_off(attempt, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    for _ in range(3):
        assert _read(prepared_cursor, attempt.pk)[0][0] == attempt.pk
    assert READ.replace("%s", "$1") not in _prepared_statements()


@on_postgresql
def test_a_connection_closed_after_each_request_prepares_nothing(attempt, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    for _ in range(3):
        assert _read(prepared_cursor, attempt.pk)[0][0] == attempt.pk
    assert READ.replace("%s", "$1") not in _prepared_statements()


@on_postgresql
@pytest.mark.usefixtures("kept_connection")
def test_a_prepared_statement_makes_one_cursor_and_closes_it(attempt, monkeypatch):
    """Not Django's client-side cursor as well, only to drop it: on every request, the user's
    read goes this way."""
    import psycopg

    made = []
    for cls in (psycopg.Cursor, psycopg.ClientCursor):
        init = cls.__init__
        monkeypatch.setattr(
            cls,
            "__init__",
            lambda self, *a, _init=init, **k: made.append(self) or _init(self, *a, **k),
        )
    assert _read(prepared_cursor, attempt.pk)[0][0] == attempt.pk
    assert [type(cursor).__name__ for cursor in made] == ["PreparedCursor"]
    assert made[0].closed


@pytest.mark.usefixtures("kept_connection")
def test_a_prepared_statement_counts_as_a_query(attempt):
    with CaptureQueriesContext(connection) as captured:
        _read(prepared_cursor, attempt.pk)
    assert len(captured.captured_queries) == 1
    assert captured.captured_queries[0]["sql"] == READ.replace("%s", str(attempt.pk))


@pytest.mark.usefixtures("kept_connection")
def test_a_failing_statement_raises_djangos_error():
    with pytest.raises(DatabaseError), prepared_cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM quizzes_attempt WHERE id = %s", [1])


@pytest.mark.usefixtures("kept_connection")
def test_a_student_takes_a_quiz_through_the_prepared_statements(client, student, assignment):
    """The step page, the quiz page, two autosaves of one answer, the submit: each hot read
    and write gives what it gave through Django's cursor, its parameters bound on the server."""
    client.force_login(student)
    step = reverse("learning:step", args=[assignment.pk, "close_reading"])
    assert client.get(step).status_code == 200
    response = client.post(reverse("learning:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(student=student, kind=Attempt.Kind.QUIZ)
    assert client.get(response.url).status_code == 200
    tf = next(
        q for q in Question.objects.filter(pk__in=attempt.item_order) if q.type == "true_false"
    )
    save = reverse("learning:response_save", args=[attempt.pk, tf.pk])
    right = "true" if tf.spec["answer"] else "false"
    wrong = "false" if tf.spec["answer"] else "true"
    for answer in (wrong, right):
        with CaptureQueriesContext(connection) as captured:  # the log composes the JSON too
            assert client.post(save, {f"{tf.uid}-answer": answer}).status_code == 200
        written = [q["sql"] for q in captured.captured_queries if "quizzes_response" in q["sql"]]
        assert f'"answer": {answer}' in written[-1]
    stored = Response.objects.get(attempt=attempt, question=tf)
    assert (stored.data, stored.revision) == ({"answer": tf.spec["answer"]}, 2)
    page = reverse("learning:attempt_take", args=[attempt.pk])
    form = {"items": attempt.item_order, f"{tf.uid}-answer": right, "action": "submit"}
    assert client.post(page, form).status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.points_earned == tf.points
    if connection.vendor == "postgresql":
        statements = _prepared_statements()
        assert any(s.lstrip().startswith("INSERT INTO quizzes_response") for s in statements)
        assert any('"quizzes_score"' in s for s in statements)


@on_sqlite
def test_on_sqlite_a_statements_rewrite_is_made_once_and_kept(attempt, monkeypatch):
    sql._QMARK.clear()
    rewrites = []
    convert = sql.SQLiteCursorWrapper.convert_query
    monkeypatch.setattr(
        sql.SQLiteCursorWrapper,
        "convert_query",
        lambda self, query, **kw: rewrites.append(query) or convert(self, query, **kw),
    )
    for _ in range(3):
        assert _read(prepared_cursor, attempt.pk)[0][0] == attempt.pk
    assert rewrites == [READ]
    assert sql._QMARK.get(READ) == READ.replace("%s", "?")


@on_sqlite
def test_on_sqlite_a_literal_percent_sign_is_rewritten_as_djangos_cursor_does(attempt):
    statement = "SELECT id, '100%%' FROM quizzes_attempt WHERE id = %s"
    for _ in range(2):  # made, then kept
        with prepared_cursor() as cursor:
            cursor.execute(statement, [attempt.pk])
            assert cursor.fetchall() == [(attempt.pk, "100%")]
