import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.names import validate_visible_text
from lessons.models import ReadingLevel
from quizzes.models import QuizSettingsFields

from .timezones import validate_time_zone

# No 0/O/1/I/L: codes are read aloud and copied from a board. Ten characters, shown in two
# groups of five ("KXH7P-3QWRM"): 31**10 (about 8.2e14) codes, so that guessing one at the
# throttled rate is hopeless (the figures: docs/security.md, "Join codes").
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 10
JOIN_CODE_GROUP = 5


def join_code_generate() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def join_code_grouped(code: str) -> str:
    """A stored code as it is shown and read out: groups of five joined by a dash."""
    return "-".join(code[i : i + JOIN_CODE_GROUP] for i in range(0, len(code), JOIN_CODE_GROUP))


class Classroom(models.Model):
    name = models.CharField(_("name"), max_length=120, validators=[validate_visible_text])
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="classrooms_taught",
        verbose_name=_("teacher"),
    )
    join_code = models.CharField(
        _("join code"), max_length=16, unique=True, default=join_code_generate
    )
    # Who may join with the code (classroom.services.join_settings_update).
    join_open = models.BooleanField(_("open to new students"), default=True)
    join_code_expires_at = models.DateTimeField(_("join code expires"), null=True, blank=True)
    join_approval = models.BooleanField(_("new students wait for approval"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # The school's time for this class: due dates are entered and shown in it (blank:
    # settings.TIME_ZONE). classroom.timezones says how pages use it.
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, default="", validators=[validate_time_zone]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        """The class's time zone (settings.TIME_ZONE when none was chosen)."""
        return ZoneInfo(self.time_zone or settings.TIME_ZONE)

    @property
    def join_code_display(self) -> str:
        return join_code_grouped(self.join_code)

    @property
    def join_code_expired(self) -> bool:
        """Whether the code's expiry has passed (the rule itself: `classroom_for_code`)."""
        expires = self.join_code_expires_at
        return expires is not None and expires <= timezone.now()


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


class JoinRequest(models.Model):
    """A student who typed the code of a class that needs the teacher's approval. It is not a
    membership: until the teacher approves it (and a `Membership` is made) the student sees
    nothing of the class, since every page a student reads goes through memberships."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="join_requests")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("join request")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="unique_join_request")
        ]

    def __str__(self) -> str:
        return f"{self.student} asks to join {self.classroom}"


class Assignment(QuizSettingsFields):
    """A lesson assigned to a class, with dates and the quiz settings that apply."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    lesson = models.ForeignKey(
        "lessons.Lesson", on_delete=models.PROTECT, related_name="assignments"
    )
    opens_at = models.DateTimeField(_("opens"))
    due_at = models.DateTimeField(_("due"))
    late_until = models.DateTimeField(
        _("accept late work until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close the assignment at the due date."),
    )
    reading_level = models.CharField(
        _("reading level"),
        max_length=12,
        choices=ReadingLevel.choices,
        default=ReadingLevel.STANDARD,
        help_text=_(
            "The version of the lesson's texts students see first; each student can switch."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        ordering = ["due_at", "id"]

    def __str__(self) -> str:
        return f"{self.lesson} → {self.classroom}"


class Extension(models.Model):
    """More time for one student: a later due date and/or extra minutes on the time limit."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extensions"
    )
    due_at = models.DateTimeField(_("extended due date"), null=True, blank=True)
    extra_minutes = models.PositiveIntegerField(_("extra minutes"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "student"], name="unique_extension")
        ]

    def __str__(self) -> str:
        return f"{self.student} on {self.assignment}"


class AttemptReset(models.Model):
    """The audit record of an attempt a teacher reset. The attempt itself is deleted, so that
    the student starts again under the same attempt number and no view can show it; what it
    held (answers, every score row, totals and times) is kept here as a snapshot, with who
    reset it, when and why. See docs/decisions/0003-attempt-reset.md."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="resets")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempt_resets"
    )
    kind = models.CharField(_("kind"), max_length=8)
    number = models.PositiveIntegerField(_("attempt number"))
    status = models.CharField(_("status"), max_length=12)
    started_at = models.DateTimeField(_("started"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    points_earned = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    points_possible = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    snapshot = models.JSONField(_("answers and scores at reset"), default=dict)
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reset_at = models.DateTimeField(_("reset"), auto_now_add=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("attempt reset")
        ordering = ["-reset_at", "-id"]
        indexes = [models.Index(fields=["assignment", "student"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.assignment} · {self.kind} #{self.number} reset"
