"""Errors of the LTI tool. A refused launch is a 4xx page that says what was wrong, in words an
LMS administrator can act on; nothing is created before a launch is fully validated."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class Code(StrEnum):
    LAUNCH_INVALID = "launch_invalid"
    LOGIN_INVALID = "login_invalid"
    NONCE_REPLAYED = "nonce_replayed"
    DEPLOYMENT_UNKNOWN = "deployment_unknown"
    NO_CLASS_YET = "no_class_yet"
    NO_LESSON = "no_lesson"
    ROLE_UNSUPPORTED = "role_unsupported"
    ROLE_CHANGED = "role_changed"
    NOT_INSTRUCTOR = "not_instructor"
    NOT_CLASS_TEACHER = "not_class_teacher"
    NO_ROSTER_SERVICE = "no_roster_service"
    SERVICE_FAILED = "service_failed"
    NOT_SCHOOL_ADMIN = "not_school_admin"
    LINK_REFUSED = "link_refused"
    UNLINK_LAST_SIGN_IN = "unlink_last_sign_in"


MESSAGES = {
    Code.LAUNCH_INVALID: _("The launch from the LMS could not be verified: %(reason)s"),
    Code.LOGIN_INVALID: _("The sign-in from the LMS could not be started: %(reason)s"),
    Code.NONCE_REPLAYED: _(
        "This launch was already used. Open the activity again from the LMS to get a new one."
    ),
    Code.DEPLOYMENT_UNKNOWN: _(
        "This LMS deployment is not registered or not active in Source Lab. Ask the school's "
        "administrator to add it in the admin (LTI registrations)."
    ),
    Code.NO_CLASS_YET: _(
        "Your teacher has not opened Source Lab in this course yet. Try again after they have."
    ),
    Code.NO_LESSON: _(
        "This link does not name a Source Lab lesson. Ask your teacher to add it again."
    ),
    Code.ROLE_UNSUPPORTED: _(
        "Source Lab works with the LMS roles of instructor and learner; yours is neither."
    ),
    Code.ROLE_CHANGED: _(
        "Your Source Lab account from this LMS is a %(role)s account, and one account cannot be "
        "both a teacher and a student. Ask the school's administrator to sort this out."
    ),
    Code.NOT_CLASS_TEACHER: _(
        "This course's class in Source Lab was set up by another instructor (%(teacher)s), "
        "who alone teaches it there for now."
    ),
    Code.NOT_INSTRUCTOR: _("Only the course's instructors can choose lessons from Source Lab."),
    Code.NO_ROSTER_SERVICE: _(
        "The LMS did not offer its roster (Names and Roles) for this course."
    ),
    Code.SERVICE_FAILED: _("The LMS did not answer as expected: %(reason)s"),
    Code.NOT_SCHOOL_ADMIN: _("Only the school administrator links LMS identities to accounts."),
    Code.LINK_REFUSED: _("These accounts cannot be linked."),
    Code.UNLINK_LAST_SIGN_IN: _(
        "This identity is the only way into the account (it has no password and no other LMS "
        "identity): given its own account, it would leave this one and its work unreachable."
    ),
}


class LtiError(DomainError):
    def __init__(self, code: Code, message: str | None = None, *, status: int = 400, **kw):
        text = str(MESSAGES[code]) if message is None else message
        if kw:
            text = text % kw
        super().__init__(code, text, status=status)
