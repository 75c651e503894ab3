"""The LTI app listens to the quiz app's one hook (an attempt's total changed) and to the
deletion of an account."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from lti_tool.models import LtiUser

from accounts.models import User
from core.sql import prepared_cursor
from quizzes.signals import attempt_total_changed

from .models import LinkedAssignment


@receiver(attempt_total_changed, dispatch_uid="lti.grade_passback")
def send_grade(sender, attempt_id: int, assignment_id: int | None, **kwargs) -> None:
    """Once the change is committed (a rolled-back change sends nothing), enqueue the sending
    if the attempt's assignment is linked to an LMS (most are not: no task for them). A
    teacher's preview belongs to no assignment: nothing to check."""
    if assignment_id is not None:
        transaction.on_commit(lambda: _enqueue_if_linked(attempt_id, assignment_id))


def _enqueue_if_linked(attempt_id: int, assignment_id: int) -> None:
    from .tasks import grades_send_for_attempt

    if _is_linked(assignment_id):
        grades_send_for_attempt.enqueue(attempt_id)


_LINKED = "SELECT 1 FROM {table} WHERE assignment_id = %s LIMIT 1"


def _is_linked(assignment_id: int) -> bool:
    """Whether the assignment is linked to an LMS: its own links, no join through the
    attempt. Written by hand, as `exists()` cost more to compose than to run, and this runs
    after every submit."""
    with prepared_cursor() as cursor:
        cursor.execute(_LINKED.format(table=LinkedAssignment._meta.db_table), [assignment_id])
        return cursor.fetchone() is not None


@receiver(pre_delete, sender=User, dispatch_uid="lti.forget_lms_identity")
def forget_lms_identity(sender, instance: User, **kwargs) -> None:
    """A deleted account takes its LMS identity with it (django-lti would keep the row, with
    the LMS's name for the person, and only unlink it)."""
    LtiUser.objects.filter(auth_user=instance).delete()
