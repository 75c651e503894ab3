"""Names a teacher can trust, and a list of students that helps (issue 13, points 3 and 6):
class names cleaned like display names, students shown under the same name marked on the list
of students, on a request to join and after an import, and a login wait a teacher ends from
the list."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.errors import ClassroomError, Code
from classroom.models import Classroom
from classroom.selectors.roster import classroom_roster, name_key
from classroom.services import (
    classroom_archive,
    classroom_create,
    classroom_rename,
    join_settings_update,
    membership_join,
    student_login_unlock,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"classroom:{name}", args=args)


# --- class names (point 6) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("History\u202e 9B", "History 9B"),  # right-to-left override
        ("Hist\u200bory 9B", "History 9B"),  # zero-width space
        ("History\x07 9B", "History 9B"),  # control character
        ("  History\t9B  ", "History 9B"),
        ("Tarix 9B \u2014 Az\u0259rbaycan", "Tarix 9B \u2014 Az\u0259rbaycan"),  # letters stay
    ],
)
def test_a_class_name_is_cleaned_like_a_display_name(teacher, typed, stored):
    assert classroom_create(teacher=teacher, name=typed).name == stored


@pytest.mark.parametrize("typed", ["\u200b\u200b", "\u3164", "\u202e\u202d", "-- !"])
def test_a_class_name_with_nothing_visible_is_refused(teacher, classroom, typed):
    with pytest.raises(ClassroomError) as refused:
        classroom_create(teacher=teacher, name=typed)
    assert refused.value.code == Code.NAME_INVISIBLE and refused.value.field == "name"
    with pytest.raises(ClassroomError):
        classroom_rename(classroom=classroom, name=typed)
    assert Classroom.objects.get().name == "History 9A"


def test_the_class_form_says_why_an_invisible_name_is_refused(client, teacher):
    client.force_login(teacher)
    response = client.post(url("classroom_create"), {"name": "\u200b\u3164"})
    assert response.status_code == 400
    assert "letters or digits you can see" in response.content.decode()
    assert not Classroom.objects.exists()


def test_the_model_refuses_a_class_name_written_elsewhere_with_hidden_characters(teacher):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Classroom(teacher=teacher, name="Hist\u200bory").full_clean()


# --- the same name twice (point 6) -----------------------------------------------------------


def student(username: str, name: str) -> User:
    return user_create(username=username, password=PASSWORD, display_name=name)


def test_names_that_look_the_same_have_one_key():
    assert name_key("Aysel M.") == name_key("aysel  m.") == name_key("\uff21ysel M.")
    assert name_key("Aysel M.") != name_key("Aysel N.")


def test_two_students_with_the_same_name_are_marked_with_their_usernames(
    client, teacher, classroom, make_student
):
    make_student("aysel.m1", "Aysel M.")
    make_student("aysel.m2", "aysel m.")
    make_student("omar.k", "Omar K.")
    client.force_login(teacher)
    html = client.get(url("classroom_students", classroom.pk)).content.decode()
    assert "Some students are shown under the same name" in html
    assert "aysel.m1, aysel.m2" in html
    assert html.count("same name as another student") == 2


def test_a_request_to_join_under_a_members_name_is_marked(teacher, classroom, make_student):
    make_student("aysel.m1", "Aysel M.")
    join_settings_update(
        classroom=classroom, join_open=True, join_approval=True, join_code_expires_at=None
    )
    membership_join(student=student("aysel.x", "Aysel M."), join_code=classroom.join_code)
    roster = classroom_roster(classroom=classroom)
    assert [row.same_name for row in roster.requests] == [True]
    assert roster.duplicate_names == [("Aysel M.", ["aysel.m1", "aysel.x"])]
    assert not any(row.same_name for row in roster.members if row.student.username != "aysel.m1")


def test_an_import_that_repeats_a_members_name_warns_the_teacher(
    client, teacher, classroom, make_student
):
    make_student("aysel.m1", "Aysel M.")
    client.force_login(teacher)
    response = client.post(
        url("roster_import", classroom.pk), {"text": "aysel.m2,Aysel M.\nomar.k,Omar K."}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "data-same-names" in html
    assert "shown under the same name" in html and "Aysel M." in html
    unique = client.post(url("roster_import", classroom.pk), {"text": "zara.q,Zara Q."})
    assert "data-same-names" not in unique.content.decode()


def test_the_list_of_students_costs_the_same_for_few_and_many(
    client, teacher, classroom, make_student
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    join_settings_update(
        classroom=classroom, join_open=True, join_approval=True, join_code_expires_at=None
    )
    client.force_login(teacher)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("classroom_students", classroom.pk)).status_code == 200
        return len(ctx.captured_queries)

    make_student("a.one", "Same")
    membership_join(student=student("r.one", "Same"), join_code=classroom.join_code)
    few = queries()
    for n in range(6):
        make_student(f"m.{n}", "Same")
        membership_join(student=student(f"r.{n}x", f"R {n}"), join_code=classroom.join_code)
    wrong_passwords(Client(), "m.1", 5)
    assert queries() == few


# --- a login wait ended from the list (point 3) ----------------------------------------------


def wrong_passwords(client, username: str, times: int) -> None:
    for _ in range(times):
        client.post(reverse("accounts:login"), {"username": username, "password": "wrong-one"})


def test_the_teacher_sees_a_wait_on_the_list_and_ends_it(client, teacher, classroom, student):
    pupil = Client()
    wrong_passwords(pupil, student.username, 5)  # a classmate, at the school's address
    login = {"username": student.username, "password": PASSWORD}
    assert pupil.post(reverse("accounts:login"), login).status_code == 429

    client.force_login(teacher)
    html = client.get(url("classroom_students", classroom.pk)).content.decode()
    assert "data-login-wait" in html and "Must wait to log in until" in html
    unlock = url("student_login_unlock", classroom.pk, student.pk)
    response = client.post(unlock)
    assert response.status_code == 302
    assert "can log in again now" in client.get(response.url).content.decode()
    assert (
        "data-login-wait"
        not in client.get(url("classroom_students", classroom.pk)).content.decode()
    )
    assert pupil.post(reverse("accounts:login"), login).status_code == 302


def test_no_wait_shows_nothing_to_end(client, teacher, classroom, student):
    wrong_passwords(Client(), student.username, 3)  # below the limit: no wait
    client.force_login(teacher)
    assert (
        "data-login-wait"
        not in client.get(url("classroom_students", classroom.pk)).content.decode()
    )


def test_another_teacher_cannot_end_the_wait_of_a_student_not_in_their_class(
    client, classroom, student, other_teacher, other_classroom
):
    wrong_passwords(Client(), student.username, 5)
    client.force_login(other_teacher)
    for pk in (classroom.pk, other_classroom.pk):
        assert client.post(url("student_login_unlock", pk, student.pk)).status_code == 404
    with pytest.raises(ClassroomError) as refused:
        student_login_unlock(classroom=other_classroom, student=student)
    assert refused.value.code == Code.NOT_MEMBER
    from axes.models import AccessAttempt

    assert AccessAttempt.objects.filter(username=student.username).exists()


def test_an_archived_class_cannot_end_a_wait(classroom, student):
    classroom_archive(classroom=classroom, now=timezone.now())
    with pytest.raises(ClassroomError) as refused:
        student_login_unlock(classroom=classroom, student=student)
    assert refused.value.code == Code.ARCHIVED
