"""The LTI app listens to the quiz app's one hook: an attempt's total changed."""

from django.dispatch import receiver

from quizzes.signals import attempt_total_changed

from .services.grades import attempt_changed


@receiver(attempt_total_changed, dispatch_uid="lti.grade_passback")
def send_grade(sender, attempt_id: int, **kwargs) -> None:
    attempt_changed(attempt_id=attempt_id)
