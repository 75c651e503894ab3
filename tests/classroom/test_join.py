import pytest

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
    with pytest.raises(ValueError, match="No open class"):
        membership_join(student=student, join_code=classroom.join_code)
