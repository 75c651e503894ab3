"""Errors the classroom services raise. Each carries a code (for tests and JSON clients), a plain
message a teacher (or, joining a class, a student) can read, an HTTP status, and the form field
it belongs to when it belongs to one. `config.errors` turns them into 4xx responses; a form page
shows them at its form (`classroom.views.pages.form_page`)."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class Code(StrEnum):
    ARCHIVED = "archived"
    NOT_TEACHER = "not_teacher"
    NOT_STUDENT = "not_student"
    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"
    NAME_INVISIBLE = "name_invisible"
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    NO_OPEN_CLASS = "no_open_class"
    JOIN_CLOSED = "join_closed"
    JOIN_CODE_EXPIRED = "join_code_expired"
    EXPIRY_NOT_LATER = "expiry_not_later"
    NO_JOIN_REQUEST = "no_join_request"
    NOT_MEMBER = "not_member"
    NO_LONGER_MEMBER = "no_longer_member"
    CLASS_ARCHIVED = "class_archived"
    ROSTER_INVALID = "roster_invalid"
    DUE_BEFORE_OPENING = "due_before_opening"
    LATE_BEFORE_DUE = "late_before_due"
    UNKNOWN_SETTING = "unknown_setting"
    UNKNOWN_GRADING_METHOD = "unknown_grading_method"
    UNKNOWN_READING_LEVEL = "unknown_reading_level"
    EXTENSION_GIVES_NO_TIME = "extension_gives_no_time"
    NEGATIVE_MINUTES = "negative_minutes"
    EXTENSION_NOT_LATER = "extension_not_later"
    OVERRIDE_NEEDS_REASON = "override_needs_reason"
    UNKNOWN_LEVEL = "unknown_level"
    RESET_NEEDS_REASON = "reset_needs_reason"
    RESET_NOT_ON_ASSIGNMENT = "reset_not_on_assignment"
    ALREADY_RESET = "already_reset"
    RESET_NOT_LATEST = "reset_not_latest"


MESSAGES = {
    Code.ARCHIVED: _(
        "This class is archived: it can be read, not changed. Restore it first, in the class "
        "settings."
    ),
    Code.NOT_TEACHER: _("Only teachers own classes."),
    Code.NOT_STUDENT: _("Only students join classes."),
    Code.NAME_MISSING: _("Give the class a name."),
    Code.UNKNOWN_TIME_ZONE: _("Choose a time zone from the list, such as Asia/Baku."),
    Code.NAME_TOO_LONG: _("A class name has at most %(max)d characters."),
    Code.NAME_INVISIBLE: _(
        "A class name needs letters or digits you can see, not only spaces or invisible characters."
    ),
    Code.NO_OPEN_CLASS: _("No open class has that code. Check it with your teacher."),
    Code.JOIN_CLOSED: _("This class is not taking new students. Ask your teacher."),
    Code.JOIN_CODE_EXPIRED: _("This class code has expired. Ask your teacher for the new one."),
    Code.EXPIRY_NOT_LATER: _("The code can only expire at a time still to come."),
    Code.NO_JOIN_REQUEST: _("That student has not asked to join this class."),
    Code.NOT_MEMBER: _("That student is not in this class."),
    Code.NO_LONGER_MEMBER: _(
        "You are no longer in this class, so nothing more can be saved here. What you saved "
        "before is kept; ask your teacher if this is a mistake."
    ),
    Code.CLASS_ARCHIVED: _(
        "This class is archived: your work in it is kept, but it can no longer be changed."
    ),
    Code.ROSTER_INVALID: _("Nothing was imported."),
    Code.DUE_BEFORE_OPENING: _("The due date must come after the opening date."),
    Code.LATE_BEFORE_DUE: _("Late work can only be accepted until a date after the due date."),
    Code.UNKNOWN_SETTING: _("Unknown quiz settings: %(names)s."),
    Code.UNKNOWN_GRADING_METHOD: _("Unknown grading method."),
    Code.UNKNOWN_READING_LEVEL: _("Choose the standard or the simpler texts."),
    Code.EXTENSION_GIVES_NO_TIME: _("Give a later due date, extra minutes, or both."),
    Code.NEGATIVE_MINUTES: _("Extra minutes cannot be negative."),
    Code.EXTENSION_NOT_LATER: _("The extended due date must come after the class's due date."),
    Code.OVERRIDE_NEEDS_REASON: _("Give a reason for changing an automatic score."),
    Code.UNKNOWN_LEVEL: _("That level is not in the scoring guide."),
    Code.RESET_NEEDS_REASON: _("Give a reason for the reset; it is kept with the record."),
    Code.RESET_NOT_ON_ASSIGNMENT: _("Only attempts on an assignment can be reset."),
    Code.ALREADY_RESET: _("That attempt was already reset."),
    Code.RESET_NOT_LATEST: _("Reset the student's latest attempt first."),
}

STATUS = {
    Code.ARCHIVED: 409,
    Code.NOT_TEACHER: 403,
    Code.NOT_STUDENT: 403,
    Code.NO_JOIN_REQUEST: 404,
    Code.NO_LONGER_MEMBER: 403,
    Code.CLASS_ARCHIVED: 409,
    Code.ALREADY_RESET: 409,
    Code.RESET_NOT_LATEST: 409,
}  # every other code: 400, the request asked for something the rules refuse

FIELDS = {
    Code.NAME_MISSING: "name",
    Code.UNKNOWN_TIME_ZONE: "time_zone",
    Code.NAME_TOO_LONG: "name",
    Code.NAME_INVISIBLE: "name",
    Code.NO_OPEN_CLASS: "join_code",
    Code.JOIN_CLOSED: "join_code",
    Code.JOIN_CODE_EXPIRED: "join_code",
    Code.EXPIRY_NOT_LATER: "join_code_expires_at",
    Code.DUE_BEFORE_OPENING: "due_at",
    Code.LATE_BEFORE_DUE: "late_until",
    Code.UNKNOWN_GRADING_METHOD: "grading_method",
    Code.UNKNOWN_READING_LEVEL: "reading_level",
    Code.NEGATIVE_MINUTES: "extra_minutes",
    Code.EXTENSION_NOT_LATER: "due_at",
    Code.OVERRIDE_NEEDS_REASON: "reason",
    Code.UNKNOWN_LEVEL: "level",
    Code.RESET_NEEDS_REASON: "reason",
}


class ClassroomError(DomainError):
    """A refused write on a class, its members, assignments or attempts. `params` fill the
    message's placeholders (`NAME_TOO_LONG`: max; `UNKNOWN_SETTING`: names)."""

    def __init__(self, code: Code, **params) -> None:
        message = MESSAGES[code] % params if params else MESSAGES[code]
        super().__init__(code, message, status=STATUS.get(code, 400), field=FIELDS.get(code))


class RosterInvalid(ClassroomError):
    """A roster refused row by row: `errors` holds each problem with its line, all at once."""

    def __init__(self, errors: list) -> None:
        self.errors = errors
        super().__init__(Code.ROSTER_INVALID)

    @property
    def messages(self) -> list[str]:
        """Every problem, each with its line: what a form page shows."""
        return [str(error) for error in self.errors]
