"""Junk sent to every URL of the project, as the visitor who reaches its input handling: never
a 500, and a refusal (4xx) says why and changes nothing.

The URLs and who may use them come from the access matrix, which fails for any URL without a
row, so a new endpoint is covered here as soon as it is added there. Field names are read
from the page's own form when it has one, so the junk reaches the form's validation."""

import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom.models import Assignment
from tests.classroom.conftest import answer_quiz
from tests.security.test_access_matrix import MATRIX, OK, world  # noqa: F401  # fixture

pytestmark = pytest.mark.django_db

FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
# Names a page may read without a control for them (query parameters, fields of a POST-only URL).
COMMON_NAMES = [
    "action", "items", "reason", "question", "points", "level", "comment", "name", "username",
    "code", "filter", "page", "student", "lesson", "attempt", "archived", "key", "answers",
]  # fmt: skip
# Who reaches each URL's input handling: the first of these whom the matrix lets through.
USERS_BY_PREFERENCE = ("teacher", "student", "staff", "anonymous")

junk_text = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=5_000, max_value=200_000).map(lambda n: "9" * n),
    st.sampled_from(
        [
            *["<script>alert(1)</script>", "' OR 1=1 --", "\x00", "{}"],
            # Numbers and dates a form field may parse: Decimal("NaN") or a 25th hour is a
            # 500 waiting to happen.
            *["", "0", "-1", "1e9", "1e309", "NaN", "Infinity", "²", "all", "💥" * 50],
            *["2026-02-30", "2026-13-45T25:61"],
        ]
    ),
)
junk_file = st.binary(max_size=2_000).map(lambda b: SimpleUploadedFile("junk.csv", b))


def junk_form(names: list[str]):
    return st.dictionaries(
        keys=st.one_of(st.sampled_from(names), st.text(max_size=15)),
        values=st.one_of(junk_text, st.lists(junk_text, max_size=4), junk_file),
        max_size=8,
    )


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in ("accounts", "lessons", "quizzes", "classroom", "privacy", "authoring", "studio")
        for model in apps.get_app_config(app).get_models()
    }


def visitor_for(name: str) -> str:
    expect = MATRIX[name].expect
    allowed = [role for role in USERS_BY_PREFERENCE if expect[role] in (OK, "400")]
    return allowed[0] if allowed else "teacher"  # logout: it sends everyone to the login page


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_junk_is_refused_with_a_message_or_accepted_never_a_500(client, world, name):  # noqa: F811
    users, objects = world
    row = MATRIX[name]
    url = reverse(name, args=[objects[arg] for arg in row.args])
    role = visitor_for(name)
    page = client.get(url) if role == "anonymous" else None
    if role != "anonymous":
        client.force_login(users[role])
        page = client.get(url)
    html = b"" if page.streaming else page.content  # a CSV export has no form
    names = sorted(set(FIELD_NAME.findall(html.decode(errors="replace"))))
    names = [n for n in names if n != "csrfmiddlewaretoken"] + COMMON_NAMES

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(form=junk_form(names), query=junk_form(names))
    def send(form, query):
        if role != "anonymous":
            client.force_login(users[role])  # a junk POST to logout may have ended the session
        before = row_counts()
        for response in (client.post(url, form), client.get(url, query)):
            assert response.status_code < 500, f"{name}: {response.status_code}"
            if response.status_code == 405:  # the wrong method: the Allow header says which
                assert response.headers["Allow"], f"{name}: a 405 without Allow"
            elif 400 <= response.status_code < 500:
                assert response.content.strip(), f"{name}: a {response.status_code} with no body"
                assert row_counts() == before, f"{name}: refused, yet rows changed"
            before = row_counts()

    send()


# The pages only a teacher reads (from the matrix, so a new one is covered here as soon as it
# has its row there).
TEACHER_PAGES = sorted(
    name
    for name, row in MATRIX.items()
    if row.method == "get" and row.expect["teacher"] == OK and row.expect["student"] != OK
)


@pytest.fixture
def world_with_work(world):  # noqa: F811
    """The matrix's world, with the student's quiz answered and submitted: the teacher's pages
    then show scores, which is where query parameters (filters) matter."""
    users, objects = world
    answer_quiz(
        student=users["student"], assignment=Assignment.objects.get(pk=objects["assignment"])
    )
    return world


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.dictionaries(st.sampled_from(COMMON_NAMES), junk_text, max_size=6))
def test_junk_in_the_query_string_of_a_teacher_page_is_ignored(client, world_with_work, query):
    """Filters and page numbers come from query strings a teacher can edit: an unknown value
    shows the page as it is, never a 4xx or a 500."""
    users, objects = world_with_work
    client.force_login(users["teacher"])
    for name in TEACHER_PAGES:
        url = reverse(name, args=[objects[arg] for arg in MATRIX[name].args])
        assert client.get(url, query).status_code == 200, (name, query)


# The pages a student writes through (issue 13, point 5): junk from a student removed from the
# class, or in an archived class, is refused with a message and changes nothing, like any
# other post from them. On SQLite and PostgreSQL alike (the suite runs on both).
STUDENT_WRITES = [
    "learning:response_save",  # quiz autosave
    "learning:attempt_take",  # quiz save and submit
    "learning:attempt_start",
    "learning:activity_check",
    "learning:activity_save",
    "learning:step",  # reflection and the other activities without JavaScript; progress
    "learning:reading_level",  # the student's choice of standard or simpler texts
    "learning:lesson_language",  # the student's choice of a lesson's translation or original
]


@pytest.mark.parametrize("change", ["removed", "archived"])
@pytest.mark.parametrize("name", STUDENT_WRITES)
def test_junk_from_a_removed_student_or_in_an_archived_class_is_refused(
    client,
    world,  # noqa: F811
    name,
    change,
):
    from classroom.models import Classroom
    from classroom.services import classroom_archive, membership_remove

    users, objects = world
    classroom = Classroom.objects.get(pk=objects["classroom"])
    if change == "removed":
        membership_remove(classroom=classroom, student=users["student"])
    else:
        classroom_archive(classroom=classroom)
    url = reverse(name, args=[objects[arg] for arg in MATRIX[name].args])
    names = [*COMMON_NAMES, "go", "check", "items", "csrfmiddlewaretoken"]

    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(form=junk_form(names))
    def send(form):
        client.force_login(users["student"])
        before = row_counts()
        response = client.post(url, form)
        assert 400 <= response.status_code < 500, f"{name}: {response.status_code}"
        assert response.content.strip(), f"{name}: a {response.status_code} with no body"
        assert row_counts() == before, f"{name}: refused, yet rows changed"

    send()


def test_every_student_page_that_takes_a_post_is_among_the_student_writes(
    client,
    world,  # noqa: F811
):
    """A new student page that writes is refused for a removed student only if it joins
    STUDENT_WRITES: each page of the matrix a student reaches that does not answer a POST
    with 405 must be in it (joining a class excepted: it is how a student gets in)."""
    users, objects = world
    client.force_login(users["student"])
    posting = set()
    for name, row in MATRIX.items():
        if name.startswith("learning:") and row.expect["student"] == OK:
            url = reverse(name, args=[objects[arg] for arg in row.args])
            if client.post(url, {}).status_code != 405:
                posting.add(name)
    assert posting - {"learning:join"} == set(STUDENT_WRITES)
