"""The backend reads each request's user with one prepared statement (`accounts.backends`),
and keeps Django's rules: the same user, every field, and no one for an inactive account."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import BACKEND, SchoolModelBackend, user_get_by_pk
from tests.conftest import PASSWORD

User = get_user_model()
FIELDS = [f.attname for f in User._meta.concrete_fields]


def test_it_reads_the_user_the_orm_reads_field_for_field(student):
    student.language = "az"
    student.save()

    read = user_get_by_pk(student.pk)

    orm = User.objects.get(pk=student.pk)
    assert type(read) is User
    assert {f: getattr(read, f) for f in FIELDS} == {f: getattr(orm, f) for f in FIELDS}
    assert read.get_session_auth_hash() == orm.get_session_auth_hash()
    assert read._state.adding is False and read._state.db == "default"


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [0, -1, 2**63, 10**30, 987654])
def test_no_such_user_is_none(pk):
    assert user_get_by_pk(pk) is None
    assert SchoolModelBackend().get_user(pk) is None


def test_an_inactive_user_is_no_user(student):
    User.objects.filter(pk=student.pk).update(is_active=False)

    assert SchoolModelBackend().get_user(student.pk) is None


def test_a_signed_in_request_reads_its_user_in_one_statement(client, student):
    client.post(reverse("accounts:login"), {"username": student.username, "password": PASSWORD})
    assert client.session["_auth_user_backend"] == BACKEND

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("learning:dashboard"))

    assert response.status_code == 200
    reads = [q["sql"] for q in queries if "accounts_user" in q["sql"]]
    assert len(reads) == 1 and reads[0].startswith("SELECT u.")
    assert int(client.session[SESSION_KEY]) == student.pk


def test_an_account_disabled_while_signed_in_is_signed_out(client, student):
    client.force_login(student, backend=BACKEND)
    User.objects.filter(pk=student.pk).update(is_active=False)

    response = client.get(reverse("learning:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
