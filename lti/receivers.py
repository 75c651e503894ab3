"""The LTI app listens to the quiz app's one hook (an attempt's total changed) and to the
deletion of an account."""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from lti_tool.models import LtiUser

from accounts.models import User
from quizzes.models import Attempt
from quizzes.signals import attempt_total_changed


@receiver(attempt_total_changed, dispatch_uid="lti.grade_passback")
def send_grade(sender, attempt_id: int, **kwargs) -> None:
    """Once the change is committed (a rolled-back change sends nothing), enqueue the sending
    if the attempt's assignment is linked to an LMS (most are not: no task for them)."""
    transaction.on_commit(lambda: _enqueue_if_linked(attempt_id))


def _enqueue_if_linked(attempt_id: int) -> None:
    from .tasks import grades_send_for_attempt

    if Attempt.objects.filter(pk=attempt_id, assignment__lms_links__isnull=False).exists():
        grades_send_for_attempt.enqueue(attempt_id)


@receiver(pre_delete, sender=User, dispatch_uid="lti.forget_lms_identity")
def forget_lms_identity(sender, instance: User, **kwargs) -> None:
    """A deleted account takes its LMS identity with it (django-lti would keep the row, with
    the LMS's name for the person, and only unlink it)."""
    LtiUser.objects.filter(auth_user=instance).delete()
