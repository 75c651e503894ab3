"""The LTI app listens to the quiz app's one hook (an attempt's total changed) and to the
deletion of an account."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from lti_tool.models import LtiUser

from accounts.models import User
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

    # The assignment's own links, no join through the attempt: this runs after every submit.
    if LinkedAssignment.objects.filter(assignment_id=assignment_id).exists():
        grades_send_for_attempt.enqueue(attempt_id)


@receiver(pre_delete, sender=User, dispatch_uid="lti.forget_lms_identity")
def forget_lms_identity(sender, instance: User, **kwargs) -> None:
    """A deleted account takes its LMS identity with it (django-lti would keep the row, with
    the LMS's name for the person, and only unlink it)."""
    LtiUser.objects.filter(auth_user=instance).delete()
