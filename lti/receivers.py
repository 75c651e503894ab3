"""The LTI app listens to the quiz app's one hook (an attempt's total changed) and to the
deletion of an account."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from lti_tool.models import LtiUser

from accounts.models import User
from quizzes.signals import attempt_total_changed

from .services.grades import attempt_changed


@receiver(attempt_total_changed, dispatch_uid="lti.grade_passback")
def send_grade(sender, attempt_id: int, **kwargs) -> None:
    attempt_changed(attempt_id=attempt_id)


@receiver(pre_delete, sender=User, dispatch_uid="lti.forget_lms_identity")
def forget_lms_identity(sender, instance: User, **kwargs) -> None:
    """A deleted account takes its LMS identity with it (django-lti would keep the row, with
    the LMS's name for the person, and only unlink it)."""
    LtiUser.objects.filter(auth_user=instance).delete()
