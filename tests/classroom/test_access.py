"""Every teacher URL, requested by its teacher, by a teacher of another class (404: the class
does not exist for them), by a student (403) and by an anonymous visitor (sent to log in)."""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, get_resolver, reverse

from tests.classroom.conftest import answer_quiz, quiz_questions

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    method: str
    args: tuple[str, ...]
    data: dict = field(default_factory=dict)
    class_scoped: bool = True  # another teacher gets 404


ROUTES = {
    "classroom_list": Route("get", (), class_scoped=False),
    "classroom_create": Route("get", (), class_scoped=False),
    "lesson_list": Route("get", (), class_scoped=False),
    "lesson_guide": Route("get", ("lesson",), class_scoped=False),
    "classroom_progress": Route("get", ("classroom",)),
    "progress_grid": Route("get", ("classroom",)),
    "classroom_edit": Route("post", ("classroom",), {"name": "Renamed"}),
    "classroom_archive": Route("post", ("classroom",), {"action": "archive"}),
    "join_code_regenerate": Route("post", ("classroom",)),
    "classroom_students": Route("get", ("classroom",)),
    "roster_import": Route("post", ("classroom",), {"text": "new.student,New Student"}),
    "membership_remove": Route("post", ("classroom", "student")),
    "student_password_reset": Route("post", ("classroom", "student")),
    "assignment_create": Route("get", ("classroom",)),
    "assignment_analysis": Route("get", ("classroom", "assignment")),
    "assignment_edit": Route("get", ("classroom", "assignment")),
    "extension_list": Route("get", ("classroom", "assignment")),
    "extension_delete": Route("post", ("classroom", "assignment", "student")),
    "student_work": Route("get", ("classroom", "assignment", "student")),
    "item_score": Route("post", ("classroom", "attempt"), {"points": "0", "reason": "Check"}),
    "attempt_reset": Route("post", ("classroom", "attempt"), {"reason": "Fire drill"}),
    "export_gradebook": Route("get", ("classroom",)),
    "export_responses": Route("get", ("classroom",)),
}


def classroom_url_names() -> set[str]:
    resolver = next(
        p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "classroom"
    )
    return {p.name for p in resolver.url_patterns if isinstance(p, URLPattern)}


def test_every_teacher_url_is_checked_here():
    assert classroom_url_names() == set(ROUTES)


@pytest.fixture
def world(classroom, assignment, student):
    attempt = answer_quiz(student=student, assignment=assignment)
    return {
        "classroom": classroom.pk,
        "assignment": assignment.pk,
        "student": student.pk,
        "attempt": attempt.pk,
        "lesson": assignment.lesson.slug,
        "question": quiz_questions(assignment)["q-purpose"].pk,
    }


def request(client, name, world):
    route = ROUTES[name]
    url = reverse(f"classroom:{name}", args=[world[a] for a in route.args])
    data = dict(route.data)
    if name == "item_score":
        data["question"] = world["question"]
    return getattr(client, route.method)(url, data)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_the_teacher_of_the_class_gets_the_page(client, world, teacher, name):
    client.force_login(teacher)
    response = request(client, name, world)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert "/accounts/login/" not in response.url


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.class_scoped))
def test_a_teacher_of_another_class_gets_404(client, world, other_teacher, name):
    client.force_login(other_teacher)
    assert request(client, name, world).status_code == 404


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if not r.class_scoped))
def test_pages_for_every_teacher_open_for_another_teacher_too(client, world, other_teacher, name):
    client.force_login(other_teacher)
    assert request(client, name, world).status_code == 200


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_student_gets_403(client, world, student, name):
    client.force_login(student)
    assert request(client, name, world).status_code == 403


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_content_author_who_is_not_a_teacher_gets_403(client, world, author, name):
    client.force_login(author)
    assert request(client, name, world).status_code == 403


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_an_anonymous_visitor_is_sent_to_log_in(client, world, name):
    response = request(client, name, world)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")


def test_a_student_of_another_class_cannot_be_managed_through_ones_own_class(
    client, classroom, teacher, other_classroom
):
    from accounts.services import user_create
    from classroom.services import membership_add

    stranger = user_create(username="stranger", password=None)
    membership_add(classroom=other_classroom, student=stranger)
    client.force_login(teacher)
    for name in ("student_password_reset", "membership_remove"):
        url = reverse(f"classroom:{name}", args=[classroom.pk, stranger.pk])
        assert client.post(url).status_code == 404
