"""Names and Role Provisioning: the LMS course's roster becomes the class's students. Each
learner gets (or keeps) the account linked to their LMS identity, without a password; members
the LMS no longer lists stay in the class (their work is kept; the teacher removes them)."""

from django.db import transaction
from django.utils import timezone
from lti_tool.lti_core.constants import ContextRole
from lti_tool.lti_core.utils import normalize_role
from lti_tool.models import LtiUser
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.names_roles import NamesRolesProvisioningService
from requests import RequestException

from accounts.models import User
from classroom.services import membership_add

from ..errors import Code, LtiError
from ..models import CourseClass
from ..tool import connector
from .launch import account_for


def roster_sync(*, course: CourseClass) -> list[User]:
    """Add the course's active learners to the class; returns the students added or kept."""
    context = course.context
    if not context.memberships_url:
        raise LtiError(Code.NO_ROSTER_SERVICE, status=409)
    registration = context.deployment.registration
    service = NamesRolesProvisioningService(
        connector(registration), {"context_memberships_url": context.memberships_url}
    )
    try:
        members = service.get_members()
    except (LtiException, LtiServiceException, RequestException, ValueError) as error:
        raise LtiError(Code.SERVICE_FAILED, status=502, reason=str(error)[:300]) from error
    students = []
    with transaction.atomic():
        for member in members:
            roles = {normalize_role(role) for role in member.get("roles", [])}
            if ContextRole.LEARNER not in roles or member.get("status", "Active") != "Active":
                continue
            if not member.get("user_id"):
                continue
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
            membership_add(classroom=course.classroom, student=student)
            students.append(student)
        course.roster_synced_at = timezone.now()
        course.save(update_fields=["roster_synced_at"])
    return students
