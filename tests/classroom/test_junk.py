"""Whatever a teacher's browser (or anyone with a teacher's session) sends: a page or a 4xx with
a message, never a 500, and nothing half-written."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from classroom.models import Assignment, Classroom, Extension
from quizzes.models import Score
from tests.classroom.conftest import answer_quiz

pytestmark = pytest.mark.django_db

junk_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "²", "-1", "0", "1e9", "NaN", "Infinity", "\x00", "2026-13-45T25:61", "all", "💥" * 50]
    ),
)
junk_form = st.dictionaries(
    keys=st.sampled_from(
        [
            "name",
            "text",
            "lesson",
            "opens_at",
            "due_at",
            "late_until",
            "attempts_allowed",
            "grading_method",
            "time_limit_minutes",
            "show_feedback",
            "show_key",
            "student",
            "extra_minutes",
            "question",
            "points",
            "reason",
            "level",
            "comment",
            "action",
            "filter",
            "page",
            "attempt",
        ]
    ),
    values=junk_text,
    max_size=8,
)

POSTS = [
    ("classroom_create", ()),
    ("classroom_edit", ("classroom",)),
    ("roster_import", ("classroom",)),
    ("assignment_create", ("classroom",)),
    ("assignment_edit", ("classroom", "assignment")),
    ("extension_list", ("classroom", "assignment")),
    ("item_score", ("classroom", "attempt")),
    ("attempt_reset", ("classroom", "attempt")),
]
GETS = [
    ("classroom_progress", ("classroom",)),
    ("progress_grid", ("classroom",)),
    ("student_work", ("classroom", "assignment", "student")),
    ("extension_list", ("classroom", "assignment")),
    ("assignment_create", ("classroom",)),
]


@pytest.fixture
def world(client, teacher, classroom, assignment, student):
    attempt = answer_quiz(student=student, assignment=assignment)
    client.force_login(teacher)
    return {
        "classroom": classroom.pk,
        "assignment": assignment.pk,
        "student": student.pk,
        "attempt": attempt.pk,
    }


def snapshot():
    return (
        Classroom.objects.count(),
        User.objects.count(),
        Assignment.objects.count(),
        Extension.objects.count(),
        Score.objects.count(),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(form=junk_form)
def test_junk_posted_to_teacher_forms_is_never_a_500(client, world, form):
    for name, args in POSTS:
        url = reverse(f"classroom:{name}", args=[world[a] for a in args])
        before = snapshot()
        response = client.post(url, form)
        assert response.status_code < 500, (name, form)
        if response.status_code >= 400:
            assert snapshot() == before, (name, form)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=junk_form)
def test_junk_in_query_strings_is_never_a_500(client, world, query):
    for name, args in GETS:
        url = reverse(f"classroom:{name}", args=[world[a] for a in args])
        assert client.get(url, query).status_code == 200, (name, query)


def test_a_roster_with_a_control_character_in_a_name_is_refused_by_line(client, world):
    url = reverse("classroom:roster_import", args=[world["classroom"]])
    upload = "username,name\nok.one,Fine\nbad.one,Nul\x00name\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile("r.csv", upload.encode())})
    assert response.status_code == 400
    assert "Line 3: the display name contains control characters." in response.content.decode()
    assert not User.objects.filter(username="ok.one").exists()
