import pytest
from django.urls import reverse

from classroom.errors import ClassroomError, Code
from classroom.models import Membership
from classroom.services import membership_join

pytestmark = pytest.mark.django_db


def test_a_join_code_works_whatever_its_case_spacing_or_dashes(classroom, student):
    Membership.objects.all().delete()
    code = classroom.join_code
    membership_join(student=student, join_code=f" {code[:4].lower()}-{code[4:]} ")
    assert Membership.objects.get().classroom == classroom


def test_joining_twice_is_one_membership(classroom, student):
    membership_join(student=student, join_code=classroom.join_code)
    membership_join(student=student, join_code=classroom.join_code)
    assert Membership.objects.count() == 1


def test_an_archived_class_cannot_be_joined(classroom, student):
    from django.utils import timezone

    Membership.objects.all().delete()
    classroom.archived_at = timezone.now()
    classroom.save()
    with pytest.raises(ClassroomError, match="No open class"):
        membership_join(student=student, join_code=classroom.join_code)


def test_the_join_page_shows_no_open_class_at_the_code_and_lets_other_refusals_through(
    client, classroom, student, monkeypatch
):
    """Only "no open class has that code" belongs to the join form; any other refusal of the
    classroom services is answered by the one handler, with its own status."""
    client.force_login(student)
    response = client.post(reverse("learning:join"), {"join_code": "ZZZZ9999"})
    assert response.status_code == 400
    assert "No open class has that code" in response.content.decode()

    def archived(**kwargs):
        raise ClassroomError(Code.ARCHIVED)

    monkeypatch.setattr("learning.views.join.membership_join", archived)
    response = client.post(reverse("learning:join"), {"join_code": classroom.join_code})
    assert response.status_code == 409
    assert "This class is archived" in response.content.decode()
