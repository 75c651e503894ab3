"""A teacher's say over who joins (issue 13, point 4): codes long and easy to type, a class
closed to new students, a code that expires, a new code, and approval of each newcomer, who
sees nothing of the class until let in."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from classroom.errors import ClassroomError, Code
from classroom.models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Classroom,
    JoinRequest,
    Membership,
    join_code_generate,
)
from classroom.services import (
    join_code_normalise,
    join_code_regenerate,
    join_request_approve,
    join_request_reject,
    join_settings_update,
    membership_join,
    student_signup,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"classroom:{name}", args=args)


@pytest.fixture
def newcomer(db) -> User:
    from accounts.services import user_create

    return user_create(username="n.newton", password=PASSWORD, display_name="Nia N.")


def settings_of(classroom, **changes):
    values = {"join_open": True, "join_approval": False, "join_code_expires_at": None}
    values.update(changes)
    return join_settings_update(classroom=classroom, **values)


# --- the code itself -------------------------------------------------------------------------


def test_a_code_is_ten_characters_without_lookalikes_shown_in_two_groups(classroom):
    codes = {join_code_generate() for _ in range(200)}
    assert all(len(code) == JOIN_CODE_LENGTH == 10 for code in codes)
    assert set("".join(codes)) <= set(JOIN_CODE_ALPHABET)
    assert not set("01ILO") & set(JOIN_CODE_ALPHABET)
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", classroom.join_code_display)
    assert classroom.join_code_display.replace("-", "") == classroom.join_code


def test_a_code_is_read_whatever_its_case_spaces_or_dashes(classroom, newcomer):
    typed = " " + classroom.join_code_display.lower().replace("-", " - ") + " "
    assert membership_join(student=newcomer, join_code=typed).classroom == classroom


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("kxh7p-3qwrm", "KXH7P3QWRM"),
        ("\uff2b\uff38\uff28\uff17\uff30 3QWRM", "KXH7P3QWRM"),  # full-width, from a phone
        ("\u041a\u0425\u041d7\u0420-3QWRM", "KXH7P3QWRM"),  # Cyrillic KA, HA, EN, ER
        ("\u03ba\u03c7\u03b77\u03c1 3qwrm", "KXH7P3QWRM"),  # Greek, small
        ("KXH7P_3QWRM!", "KXH7P3QWRM"),
        ("\u0416\u0416", ""),  # other letters are not guessed at
    ],
)
def test_a_code_typed_on_another_keyboard_is_read_as_it_looks(typed, read):
    assert join_code_normalise(typed) == read


def test_existing_short_codes_are_replaced_and_invisible_class_names_cleaned(teacher):
    """The migration that lengthened the codes: each class gets a ten-character code of its
    own; a name with hidden characters loses them, one with nothing visible gets a name."""
    migration = import_module("classroom.migrations.0005_join_controls_and_requests")
    old = Classroom.objects.create(teacher=teacher, name="History", join_code="ABCD2345")
    Classroom.objects.filter(pk=old.pk).update(name="Hist\u202eory")
    blank = Classroom.objects.create(teacher=teacher, name="x", join_code="WXYZ6789")
    Classroom.objects.filter(pk=blank.pk).update(name="\u200b\u3164")
    kept = Classroom.objects.create(teacher=teacher, name="Civics")
    migration.lengthen_codes_and_clean_names(apps, None)
    old.refresh_from_db(), blank.refresh_from_db()
    assert len(old.join_code) == len(blank.join_code) == 10 and old.join_code != blank.join_code
    assert old.name == "History" and blank.name == f"Class {blank.pk}"
    assert Classroom.objects.get(pk=kept.pk).join_code == kept.join_code


# --- closing, expiring, regenerating ---------------------------------------------------------


def test_a_closed_class_takes_nobody_new_and_keeps_its_students(classroom, student, newcomer):
    settings_of(classroom, join_open=False)
    with pytest.raises(ClassroomError) as refused:
        membership_join(student=newcomer, join_code=classroom.join_code)
    assert refused.value.code == Code.JOIN_CLOSED and "not taking new students" in str(
        refused.value.message
    )
    assert membership_join(student=student, join_code=classroom.join_code).classroom == classroom
    assert list(Membership.objects.values_list("student", flat=True)) == [student.pk]


def test_an_expired_code_lets_nobody_in_and_creates_no_account(classroom, newcomer):
    now = timezone.now()
    settings_of(classroom, join_code_expires_at=now + timedelta(hours=1), now=now)
    later = now + timedelta(hours=1, seconds=1)
    with pytest.raises(ClassroomError) as refused:
        membership_join(student=newcomer, join_code=classroom.join_code, now=later)
    assert refused.value.code == Code.JOIN_CODE_EXPIRED
    with pytest.raises(ClassroomError):
        student_signup(
            username="late.comer", password=PASSWORD, join_code=classroom.join_code, now=later
        )
    assert not User.objects.filter(username="late.comer").exists()
    # Before the expiry, the code works.
    membership_join(student=newcomer, join_code=classroom.join_code, now=now)
    assert Membership.objects.filter(student=newcomer).exists()


def test_an_expiry_must_be_in_the_future(classroom):
    with pytest.raises(ClassroomError) as refused:
        settings_of(classroom, join_code_expires_at=timezone.now() - timedelta(minutes=1))
    assert refused.value.code == Code.EXPIRY_NOT_LATER
    assert Classroom.objects.get().join_code_expires_at is None


def test_a_new_code_replaces_the_old_one_and_drops_its_expiry(classroom, newcomer):
    settings_of(classroom, join_code_expires_at=timezone.now() + timedelta(days=1))
    old = classroom.join_code
    new = join_code_regenerate(classroom=classroom)
    assert new != old and len(new) == 10
    assert Classroom.objects.get().join_code_expires_at is None
    with pytest.raises(ClassroomError):
        membership_join(student=newcomer, join_code=old)
    membership_join(student=newcomer, join_code=new)


# --- approval ----------------------------------------------------------------------------------


def test_in_a_class_needing_approval_joining_is_a_request_not_a_membership(classroom, newcomer):
    settings_of(classroom, join_approval=True)
    first = membership_join(student=newcomer, join_code=classroom.join_code)
    again = membership_join(student=newcomer, join_code=classroom.join_code)
    assert isinstance(first, JoinRequest) and first.pk == again.pk
    assert not Membership.objects.filter(student=newcomer).exists()


def test_approving_makes_a_member_and_rejecting_lets_nobody_in(classroom, newcomer, student):
    settings_of(classroom, join_approval=True)
    membership_join(student=newcomer, join_code=classroom.join_code)
    membership = join_request_approve(classroom=classroom, student_pk=newcomer.pk)
    assert membership.student == newcomer and not JoinRequest.objects.exists()
    with pytest.raises(ClassroomError) as refused:  # nothing left to answer
        join_request_reject(classroom=classroom, student_pk=newcomer.pk)
    assert (refused.value.code, refused.value.status) == (Code.NO_JOIN_REQUEST, 404)

    other = User.objects.create(username="o.other", role=User.Role.STUDENT)
    membership_join(student=other, join_code=classroom.join_code)
    join_request_reject(classroom=classroom, student_pk=other.pk)
    assert not JoinRequest.objects.exists()
    assert not Membership.objects.filter(student=other).exists()


def test_a_pending_student_sees_nothing_of_the_class(client, classroom, assignment, newcomer):
    settings_of(classroom, join_approval=True)
    client.force_login(newcomer)
    response = client.post(reverse("learning:join"), {"join_code": classroom.join_code})
    dashboard = client.get(response.url).content.decode()
    assert "Waiting for your teacher" in dashboard and classroom.name in dashboard
    assert assignment.lesson.title not in dashboard
    lesson = reverse("learning:assignment", args=[assignment.pk])
    step = reverse("learning:step", args=[assignment.pk, "context"])
    start = reverse("learning:attempt_start", args=[assignment.pk])
    assert client.get(lesson).status_code == 404
    assert client.get(step).status_code == 404
    assert client.post(start).status_code == 404

    join_request_approve(classroom=classroom, student_pk=newcomer.pk)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "Waiting for your teacher" not in dashboard
    assert assignment.lesson.title in dashboard
    assert client.get(step).status_code == 200


def test_a_new_account_through_a_code_needing_approval_waits_too(client, classroom, assignment):
    settings_of(classroom, join_approval=True)
    response = client.post(
        reverse("learning:join"),
        {
            "join_code": classroom.join_code_display.lower(),
            "username": "new.pupil",
            "display_name": "New Pupil",
            "password1": "tall-river-91",
            "password2": "tall-river-91",
        },
    )
    assert response.status_code == 302
    pupil = User.objects.get(username="new.pupil")
    assert JoinRequest.objects.filter(student=pupil, classroom=classroom).exists()
    assert not Membership.objects.filter(student=pupil).exists()
    dashboard = client.get(response.url).content.decode()
    assert "Your teacher lets you in" in dashboard
    assert assignment.lesson.title not in dashboard


# --- the teacher's pages ---------------------------------------------------------------------


def test_the_teacher_sets_who_may_join_on_its_own_page(client, teacher, classroom):
    client.force_login(teacher)
    page = client.get(url("join_settings", classroom.pk)).content.decode()
    assert classroom.join_code_display in page
    when = timezone.localtime() + timedelta(days=2)
    response = client.post(
        url("join_settings", classroom.pk),
        {"join_approval": "on", "join_code_expires_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    classroom.refresh_from_db()
    assert (classroom.join_open, classroom.join_approval) == (False, True)
    assert classroom.join_code_expires_at is not None
    roster = client.get(response.url).content.decode()
    assert "Closed: the code lets nobody new in." in roster
    assert "New students wait for your approval." in roster
    assert "The code stops working at" in roster


def test_the_list_of_students_says_when_the_code_has_expired(client, teacher, classroom):
    settings_of(classroom, join_code_expires_at=timezone.now() + timedelta(minutes=5))
    client.force_login(teacher)
    page = client.get(url("classroom_students", classroom.pk)).content.decode()
    assert "The code stops working at" in page and "stopped working" not in page
    Classroom.objects.update(join_code_expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get(url("classroom_students", classroom.pk)).content.decode()
    assert "The code stopped working at" in page and "Make a new code" in page


def test_an_expiry_in_the_past_is_shown_at_its_field(client, teacher, classroom):
    client.force_login(teacher)
    response = client.post(
        url("join_settings", classroom.pk),
        {"join_open": "on", "join_code_expires_at": "2020-01-01T10:00"},
    )
    assert response.status_code == 400
    assert "only expire at a time still to come" in response.content.decode()
    assert Classroom.objects.get().join_code_expires_at is None


def test_the_roster_lists_requests_and_the_teacher_answers_them(client, teacher, classroom):
    settings_of(classroom, join_approval=True)
    asking = [
        User.objects.create(username=name, role=User.Role.STUDENT) for name in ("r.one", "r.two")
    ]
    for pupil in asking:
        membership_join(student=pupil, join_code=classroom.join_code)
    client.force_login(teacher)
    roster = client.get(url("classroom_students", classroom.pk)).content.decode()
    assert "2 students ask to join" in roster
    assert 'data-request="r.one"' in roster and 'data-request="r.two"' in roster
    answer = url("join_request_answer", classroom.pk, asking[0].pk)
    assert client.post(answer, {"action": "approve"}).status_code == 302
    answer = url("join_request_answer", classroom.pk, asking[1].pk)
    assert client.post(answer, {"action": "reject"}).status_code == 302
    assert list(Membership.objects.filter(student__in=asking).values_list("student__username"))
    assert Membership.objects.filter(student=asking[0]).exists()
    assert not Membership.objects.filter(student=asking[1]).exists()
    assert not JoinRequest.objects.exists()


def test_another_teacher_cannot_answer_a_request_to_someone_elses_class(
    client, classroom, other_teacher, newcomer
):
    settings_of(classroom, join_approval=True)
    membership_join(student=newcomer, join_code=classroom.join_code)
    client.force_login(other_teacher)
    answer = url("join_request_answer", classroom.pk, newcomer.pk)
    assert client.post(answer, {"action": "approve"}).status_code == 404
    assert client.post(url("join_settings", classroom.pk), {}).status_code == 404
    assert JoinRequest.objects.filter(student=newcomer).exists()
    assert Classroom.objects.get().join_open
