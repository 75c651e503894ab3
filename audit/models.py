from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed a grade, removed a student's data or acted on an account, when and why.
    Append-only.

    The subject is kept as an id, not a name: after a deletion the log must not be the one
    place where the student's name survives."""

    class Action(models.TextChoices):
        SCORE_OVERRIDE = "score_override", _("Score overridden")
        STUDENT_EXPORTED = "student_exported", _("Student data exported")
        STUDENT_DELETED = "student_deleted", _("Student data deleted")
        REGRADE = "regrade", _("Answers regraded after a key change")
        # Issue 13: what a teacher or the school administrator does to a person's account.
        CLASS_RECORDS_DELETED = "class_records_deleted", _("Student's records in classes deleted")
        PASSWORD_RESET = "password_reset", _("Password reset")
        USERNAME_CHANGED = "username_changed", _("Username changed")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        TEACHER_CREATED = "teacher_created", _("Teacher account created")
        # Issue 17: LMS identities moved between accounts, learners the LMS roster dropped.
        LMS_IDENTITY_LINKED = "lms_identity_linked", _("LMS identity linked to an account")
        LMS_IDENTITY_UNLINKED = "lms_identity_unlinked", _("LMS identity given its own account")
        LMS_ROSTER_REMOVED = "lms_roster_removed", _("Left a class with the LMS roster")

    action = models.CharField(max_length=24, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject_user_id = models.PositiveBigIntegerField(null=True, blank=True)
    details = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"
