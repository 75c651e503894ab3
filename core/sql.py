"""The hottest hand-written statements, prepared once per connection on PostgreSQL.

Django binds a query's parameters on the client, so PostgreSQL parses and plans every query
afresh. For the autosave's read (five tables joined) planning takes four times as long as
running it. Through `prepared_cursor()`, a statement's parameters are bound on the server,
and the statement is prepared the first time a connection runs it. Later runs skip parsing
and planning: the autosave's read falls from 0.58 to 0.16 ms (docs/performance.md).

Use it only for statements that run on every request of a hot page, in a fixed shape or one
shape per number of rows (a submit's answers and scores: one per quiz length). Each
statement prepared stays in the connection until it closes (psycopg keeps at most 100, the
least used dropped first), so it pays only where connections outlive a request
(`CONN_MAX_AGE`, 60 in production); with `CONN_MAX_AGE=0` nothing is prepared. Django leaves
prepared statements off by default because of poolers in transaction mode. PgBouncer
supports them from 1.21 on, with `max_prepared_statements` set; with an older pooler, set
`DATABASE_PREPARED_STATEMENTS=0`.

On SQLite, which keeps its own statement cache, Django rewrites each statement's `%s` into
`?` with a regular expression before every run: 8 µs for the autosave's read, the length of
its SQL. Through `prepared_cursor()` the rewritten text is kept per process for each of these
few statements (`QmarkCursor`). Other databases get Django's own cursor."""

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.backends.sqlite3.base import SQLiteCursorWrapper
from psycopg.postgres import types
from psycopg.pq import Format

from core.local_cache import LocalCache

TIMESTAMPTZ = types["timestamptz"].oid
# A statement would have to run this often before psycopg prepared it unasked: in effect,
# only `prepare=True` prepares.
ONLY_WHEN_ASKED = 2**31


class PreparedCursor(psycopg.Cursor):
    """Binds on the server, and prepares every statement it runs."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        super().execute(query, params, prepare=True, binary=binary)
        # What Django's query log reads (`last_executed_query`): the statement with its
        # values, as its own cursor shows it, composed only when the log asks.
        self._query = _Shown(query, params)
        return self


class _Shown:
    __slots__ = ("params", "sql")

    def __init__(self, sql, params) -> None:
        self.sql, self.params = sql, params

    @property
    def query(self) -> bytes:
        # The default alias: the project has one database (a second would need the cursor's).
        return connection.ops.compose_sql(self.sql, self.params).encode()


# The hot statements in SQLite's `?` style, by their text in Django's `%s` style: a few
# fixed shapes (one per quiz length at most), bounded all the same.
_QMARK = LocalCache(max_entries=512)


class QmarkCursor(SQLiteCursorWrapper):
    """Django's SQLite cursor, its `%s` to `?` rewrite done once per statement text. The
    statement is still logged (and shown in Django's query log) in the `%s` style."""

    def convert_query(self, query, *, param_names=None):
        if param_names is not None:  # named parameters: not the hot statements' style
            return super().convert_query(query, param_names=param_names)
        converted = _QMARK.get(query)
        if converted is None:
            converted = super().convert_query(query)
            _QMARK.set(query, converted)
        return converted


@contextmanager
def prepared_cursor() -> Iterator:
    """Django's cursor wrapper (its query log and error translation) around a cursor whose
    statements PostgreSQL prepares, or whose rewrite SQLite's cursor keeps (`QmarkCursor`)."""
    sqlite = connection.vendor == "sqlite"
    if not sqlite and not _prepares():
        with connection.cursor() as cursor:
            yield cursor
        return
    # What `connection.cursor()` does, with our cursor in place of the one Django would make
    # (making both and dropping one cost about 10 µs a statement, on every request).
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        ours = connection.connection.cursor(factory=QmarkCursor) if sqlite else _preparing()
        connection.validate_thread_sharing()
        if connection.queries_logged:
            cursor = connection.make_debug_cursor(ours)
        else:
            cursor = connection.make_cursor(ours)
    with cursor:
        yield cursor


def _preparing() -> PreparedCursor:
    """A cursor of the PostgreSQL connection that prepares what it runs."""
    client = connection.connection
    if client.prepare_threshold is None:
        # Django turns preparing off for the whole connection. Its own cursors bind on the
        # client and never prepare; turned back on, only these cursors do.
        client.prepare_threshold = ONLY_WHEN_ASKED
    prepared = PreparedCursor(client)
    # Timestamps in the zone Django's own cursor reads them in: as Django's `create_cursor`,
    # only when the connection's own loader disagrees.
    zone = connection.timezone
    if client.adapters.get_loader(TIMESTAMPTZ, Format.TEXT).timezone != zone:
        register_tzloader(zone, prepared)
    return prepared


def _prepares() -> bool:
    """On PostgreSQL, unless turned off, and only where connections outlive the request
    (`CONN_MAX_AGE` not 0): on a connection used once, preparing costs one more round trip
    and saves nothing."""
    return (
        connection.vendor == "postgresql"
        and settings.DATABASE_PREPARED_STATEMENTS
        and connection.settings_dict["CONN_MAX_AGE"] != 0
    )
