"""Names and Role Provisioning: the LMS course's roster becomes the class's students. Each
learner gets (or keeps) the account linked to their LMS identity, without a password. A learner
the LMS put in the class (`RosterMember`) whom it no longer lists, or lists as Inactive or
Deleted, leaves the class; their work is kept (`classroom.services.membership_remove`), so a
learner added again finds it. Students the teacher added by hand are never taken out."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from lti_tool.lti_core.constants import ContextRole
from lti_tool.lti_core.utils import normalize_role
from lti_tool.models import LtiUser
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.names_roles import NamesRolesProvisioningService
from requests import RequestException

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from classroom.services import membership_remove

from ..errors import Code, LtiError
from ..models import CourseClass, RosterMember
from ..tool import connector
from .launch import account_for, course_member_add

ACTIVE = "Active"


@dataclass(frozen=True)
class RosterResult:
    added: list[User]
    kept: list[User]
    removed: list[User]


def _members(course: CourseClass) -> list[dict]:
    context = course.context
    if not context.memberships_url:
        raise LtiError(Code.NO_ROSTER_SERVICE, status=409)
    service = NamesRolesProvisioningService(
        connector(context.deployment.registration),
        {"context_memberships_url": context.memberships_url},
    )
    try:
        return service.get_members()
    except (LtiException, LtiServiceException, RequestException, ValueError) as error:
        raise LtiError(Code.SERVICE_FAILED, status=502, reason=str(error)[:300]) from error


def _is_active_learner(member: dict) -> bool:
    roles = {normalize_role(role) for role in member.get("roles", [])}
    return (
        ContextRole.LEARNER in roles
        and member.get("status", ACTIVE) == ACTIVE
        and bool(member.get("user_id"))
    )


def roster_sync(*, course: CourseClass, by: User | None = None) -> RosterResult:
    """Make the class's LMS learners the course's active learners: add the new ones, take out
    those the LMS put in and no longer lists (audited, with `by`, the teacher who asked)."""
    members = _members(course)  # before the transaction: a slow LMS holds no lock
    registration = course.context.deployment.registration
    added, kept, listed = [], [], set()
    with transaction.atomic():
        for member in filter(_is_active_learner, members):
            lti_user, _created = LtiUser.objects.update_or_create(
                registration=registration,
                sub=member["user_id"],
                defaults={
                    k: member[k] for k in ("name", "given_name", "family_name") if member.get(k)
                },
            )
            if lti_user.auth_user_id and not lti_user.auth_user.is_student:
                continue  # a teacher's account listed as a learner stays a teacher, not a member
            student = account_for(lti_user=lti_user, teaching=False)
            listed.add(student.pk)
            (added if course_member_add(course=course, student=student) else kept).append(student)
        removed = _remove_unlisted(course=course, listed=listed, by=by)
        course.roster_synced_at = timezone.now()
        course.save(update_fields=["roster_synced_at"])
    return RosterResult(added, kept, removed)


def _remove_unlisted(*, course: CourseClass, listed: set[int], by: User | None) -> list[User]:
    gone = list(
        RosterMember.objects.filter(course=course)
        .exclude(student_id__in=listed)
        .select_related("student")
    )
    removed = []
    for row in gone:
        membership_remove(classroom=course.classroom, student=row.student)
        row.delete()
        removed.append(row.student)
        audit_record(
            action=AuditEntry.Action.LMS_ROSTER_REMOVED,
            actor=by,
            subject_user_id=row.student.pk,
            class_id=course.classroom_id,
        )
    return removed
