"""The authentication backend: Django's own, with the user of each request read cheaply.

Every request a signed-in user makes loads that user (`AuthenticationMiddleware`, through the
backend that signed them in). Composing `User.objects.get(pk=...)` with the ORM cost about
twice what running it does, on every autosave as on every page; here it is one hand-written
statement, prepared once per connection on PostgreSQL (`core.sql`). The rule of who may be
signed in is Django's, unchanged: an inactive user is no user."""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from core import rows
from core.sql import prepared_cursor

from .models import User

# The path a session records (`login(backend=...)`) for users signed in by this project's
# own pages: the login form, a class join, an LTI launch.
BACKEND = "accounts.backends.SchoolModelBackend"


# Every column, as the ORM reads them: the session's check reads the password hash.
_USER = "SELECT {columns} FROM {table} u WHERE u.id = %s"


@cache
def _user_sql(vendor: str) -> str:
    """`_USER` for the database (`vendor`): each quotes names its own way."""
    table = connection.ops.quote_name(User._meta.db_table)
    return _USER.format(columns=rows.columns("u", rows.fields_of(User)), table=table)


def user_get_by_pk(pk: int) -> User | None:
    """The user with this primary key, every field loaded, or None."""
    if not rows.is_row_id(pk):
        return None  # not an id the table can hold (SQLite would raise on binding it)
    with prepared_cursor() as cursor:
        cursor.execute(_user_sql(connection.vendor), [pk])
        row = cursor.fetchone()
    return None if row is None else rows.instance(User, rows.fields_of(User), row)


class SchoolModelBackend(ModelBackend):
    """`ModelBackend`, whose per-request `get_user` reads the user with `user_get_by_pk`."""

    def get_user(self, user_id):
        user = user_get_by_pk(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
