"""What Source Lab keeps about the LMSes it runs inside. The platforms themselves (issuer,
client id, deployments, key-set URL), the tool's keys and the LMS's users, courses and links
are django-lti's models (`lti_tool`); these tie them to Source Lab's classes, assignments and
grades."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from classroom.models import Assignment, Classroom


class CourseClass(models.Model):
    """An LMS course (an LTI context) taught as a Source Lab class: the first instructor who
    launches from the course creates the class and is its teacher."""

    context = models.OneToOneField(
        "lti_tool.LtiContext", on_delete=models.CASCADE, related_name="course_class"
    )
    classroom = models.OneToOneField(Classroom, on_delete=models.CASCADE, related_name="lms_course")
    roster_synced_at = models.DateTimeField(_("roster synced"), null=True, blank=True)

    class Meta:
        verbose_name = _("LMS course")

    def __str__(self) -> str:
        return f"{self.context} → {self.classroom}"


class LinkedAssignment(models.Model):
    """An LMS resource link (the activity a teacher placed in the course) and the assignment
    it opens; `lineitem_url` is the gradebook column its scores go to (AGS)."""

    resource_link = models.OneToOneField(
        "lti_tool.LtiResourceLink", on_delete=models.CASCADE, related_name="linked_assignment"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="lms_links")
    lineitem_url = models.URLField(_("line item URL"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("LMS link")

    def __str__(self) -> str:
        return f"{self.resource_link} → {self.assignment}"


class UsedNonce(models.Model):
    """Each launch's nonce, once used: a second launch with it is a replay and is refused.
    (pylti1p3 checks that the nonce was issued, not that it is used once.)"""

    issuer = models.CharField(max_length=255)
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "nonce"], name="lti_nonce_used_once")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.nonce}"


class GradeSync(models.Model):
    """The newest grade of one student on one linked assignment and whether the LMS has it.
    One row per (link, student): a changed grade replaces the score and sends again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent to the LMS")
        FAILED = "failed", _("Failed, retrying")

    link = models.ForeignKey(LinkedAssignment, on_delete=models.CASCADE, related_name="grades")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lms_grades"
    )
    lti_user = models.ForeignKey("lti_tool.LtiUser", on_delete=models.CASCADE)
    score_given = models.DecimalField(max_digits=9, decimal_places=3)
    score_maximum = models.DecimalField(max_digits=9, decimal_places=3)
    fully_graded = models.BooleanField(default=True)
    timestamp = models.DateTimeField(_("changed in Source Lab"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["link", "student"], name="lti_one_grade_per_link")
        ]
        indexes = [models.Index(fields=["status", "next_try_at"])]

    def __str__(self) -> str:
        return f"{self.student} {self.score_given}/{self.score_maximum} ({self.status})"


class RosterMember(models.Model):
    """A student who is in the class because the LMS put them there (a launch or a roster
    sync), not a teacher: the roster sync takes only these out when the LMS no longer lists
    them. A student the teacher added by hand has no row and stays."""

    course = models.ForeignKey(CourseClass, on_delete=models.CASCADE, related_name="members")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lms_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member from the LMS")
        constraints = [
            models.UniqueConstraint(fields=["course", "student"], name="lti_roster_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.course}"


class IdentitySeen(models.Model):
    """When an LMS identity last launched Source Lab (django-lti's own "modified" time also
    moves when a roster sync renames the person): shown to the school administrator."""

    lti_user = models.OneToOneField(
        "lti_tool.LtiUser", on_delete=models.CASCADE, related_name="seen"
    )
    last_launch_at = models.DateTimeField(_("last launch"))

    def __str__(self) -> str:
        return f"{self.lti_user} {self.last_launch_at:%Y-%m-%d %H:%M}"
