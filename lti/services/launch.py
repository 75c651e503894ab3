"""A launch from the LMS: verify it completely, then link the person, the course and the
activity to Source Lab's account, class and assignment. Nothing is written before the launch
is verified (state, signature against the platform's key set, issuer, audience, expiry, nonce
used once, an active deployment)."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from lti_tool.lti_core.constants import ContextRole
from lti_tool.lti_core.utils import normalize_role
from lti_tool.models import LtiLaunch, LtiUser
from lti_tool.utils import sync_data_from_launch
from pylti1p3.exception import LtiException

from accounts.models import User
from accounts.services import user_create
from classroom.models import Assignment, Membership
from classroom.services import assignment_create, classroom_create, membership_add
from lessons.models import Lesson

from ..errors import Code, LtiError
from ..models import CourseClass, IdentitySeen, LinkedAssignment, RosterMember, UsedNonce
from ..tool import message_launch

CUSTOM_LESSON = "lesson"  # the custom parameter a deep link sets: the lesson's slug
TEACHING_ROLES = {ContextRole.INSTRUCTOR, ContextRole.ADMINISTRATOR}
ASSIGNMENT_DAYS = 14  # due date of an assignment created from the LMS, until the teacher sets it
NONCE_KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Launch:
    user: User
    url: str
    launch_id: str


def launch_verify(*, request) -> LtiLaunch:
    """pylti1p3's validation, then the checks it leaves to us: a nonce is used once."""
    launch = message_launch(request)
    try:
        launch.validate()
    except LtiException as error:
        raise LtiError(Code.LAUNCH_INVALID, status=403, reason=str(error)) from error
    except Exception as error:  # a token that is not even a JWT, a key set that is not JSON
        raise LtiError(Code.LAUNCH_INVALID, status=400, reason=type(error).__name__) from error
    data = launch.get_launch_data()
    nonce_consume(issuer=data["iss"], nonce=data["nonce"])
    return LtiLaunch(launch)


def nonce_consume(*, issuer: str, nonce: str) -> None:
    UsedNonce.objects.filter(used_at__lt=timezone.now() - NONCE_KEEP).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(issuer=issuer, nonce=nonce)
    except IntegrityError as error:
        raise LtiError(Code.NONCE_REPLAYED, status=403) from error


def is_teaching(launch: LtiLaunch) -> bool:
    roles = {normalize_role(role) for role in launch.roles_claim or []}
    if roles & TEACHING_ROLES:
        return True
    if ContextRole.LEARNER in roles:
        return False
    raise LtiError(Code.ROLE_UNSUPPORTED, status=403)


def launch_accept(*, request) -> Launch:
    """Verify a resource-link or deep-linking launch and say whom to sign in and where to go:
    a student to the assignment, a teacher to its progress page (or, deep linking, to the
    lesson picker)."""
    launch = launch_verify(request=request)  # the nonce is spent, whatever happens next
    with transaction.atomic():
        return _launch_open(launch)


def _launch_open(launch: LtiLaunch) -> Launch:
    teaching = is_teaching(launch)
    if launch.is_deep_link_launch and not teaching:
        raise LtiError(Code.NOT_INSTRUCTOR, status=403)
    if not (launch.is_resource_launch or launch.is_deep_link_launch):
        raise LtiError(Code.LAUNCH_INVALID, status=400, reason="unsupported message type")
    sync_data_from_launch(launch)
    # Source Lab needs a name, never the LMS's e-mail address or picture (data minimisation).
    LtiUser.objects.filter(pk=launch.user.pk).update(email="", picture_url="")
    IdentitySeen.objects.update_or_create(
        lti_user=launch.user, defaults={"last_launch_at": timezone.now()}
    )
    user = account_for(lti_user=launch.user, teaching=teaching)
    course = course_for(launch=launch, user=user, teaching=teaching)
    if launch.is_deep_link_launch:
        return Launch(user, reverse("lti:deep_link"), launch.get_launch_id())
    linked = link_for(launch=launch, course=course, teaching=teaching)
    assignment = linked.assignment
    if teaching:
        url = reverse(
            "classroom:assignment_analysis",
            kwargs={"pk": assignment.classroom_id, "assignment_pk": assignment.pk},
        )
    else:
        course_member_add(course=course, student=user)
        url = reverse("learning:assignment", kwargs={"assignment_id": assignment.pk})
    return Launch(user, url, launch.get_launch_id())


def account_for(*, lti_user: LtiUser, teaching: bool) -> User:
    """The Source Lab account of an LMS user, linked by (registration, subject): issuer and
    client id, so the same person launched from two platforms is two accounts. It has no
    usable password: the LMS is how its owner signs in."""
    if lti_user.auth_user_id is not None:
        user = lti_user.auth_user
        if user.is_teacher != teaching:
            raise LtiError(Code.ROLE_CHANGED, status=403, role=user.get_role_display().lower())
        return user
    digest = hashlib.sha256(f"{lti_user.registration_id}:{lti_user.sub}".encode()).hexdigest()
    display = lti_user.name or " ".join(p for p in (lti_user.given_name, lti_user.family_name) if p)
    user = user_create(
        username=f"lti-{lti_user.registration_id}-{digest[:16]}",
        password=None,
        role=User.Role.TEACHER if teaching else User.Role.STUDENT,
        display_name=display[:150],
    )
    lti_user.auth_user = user
    lti_user.save(update_fields=["auth_user"])
    return user


def course_member_add(*, course: CourseClass, student: User) -> bool:
    """Put a learner the LMS names in the class; a membership the LMS made is remembered as
    such (one the teacher made stays theirs). Returns whether the student was not a member."""
    existed = Membership.objects.filter(classroom=course.classroom, student=student).exists()
    membership_add(classroom=course.classroom, student=student)  # an archived class refuses
    if existed:
        return False
    RosterMember.objects.get_or_create(course=course, student=student)
    return True


def course_for(*, launch: LtiLaunch, user: User, teaching: bool) -> CourseClass:
    """The class of the LMS course: created by the first instructor's launch."""
    context = launch.context
    course = (
        CourseClass.objects.select_related("classroom__teacher").filter(context=context).first()
    )
    if course is not None:
        if teaching and course.classroom.teacher_id != user.pk:
            raise LtiError(Code.NOT_CLASS_TEACHER, status=403, teacher=course.classroom.teacher)
        return course
    if not teaching:
        raise LtiError(Code.NO_CLASS_YET, status=409)
    name = (context.title or context.label or "LMS course")[:120]
    return CourseClass.objects.create(
        context=context, classroom=classroom_create(teacher=user, name=name)
    )


def link_for(*, launch: LtiLaunch, course: CourseClass, teaching: bool) -> LinkedAssignment:
    """The assignment a resource link opens; an instructor's first launch creates it from the
    lesson the link names. The line item URL follows the newest launch's AGS claim."""
    lineitem = (launch.ags_claim or {}).get("lineitem", "")
    linked = (
        LinkedAssignment.objects.select_related("assignment")
        .filter(resource_link=launch.resource_link)
        .first()
    )
    if linked is None:
        if not teaching:
            raise LtiError(Code.NO_CLASS_YET, status=409)
        slug = (launch.get_claim("https://purl.imsglobal.org/spec/lti/claim/custom") or {}).get(
            CUSTOM_LESSON, ""
        )
        lesson = Lesson.objects.filter(slug=slug).first() if slug else None
        if lesson is None:
            raise LtiError(Code.NO_LESSON, status=404)
        linked = LinkedAssignment.objects.create(
            resource_link=launch.resource_link,
            assignment=_assignment_for(course=course, lesson=lesson),
            lineitem_url=lineitem,
        )
    elif lineitem and lineitem != linked.lineitem_url:
        linked.lineitem_url = lineitem
        linked.save(update_fields=["lineitem_url"])
    return linked


def _assignment_for(*, course: CourseClass, lesson: Lesson) -> Assignment:
    existing = course.classroom.assignments.filter(lesson=lesson).order_by("pk").first()
    if existing is not None:
        return existing
    now = timezone.now()
    return assignment_create(
        classroom=course.classroom,
        lesson=lesson,
        opens_at=now,
        due_at=now + timedelta(days=ASSIGNMENT_DAYS),
    )
