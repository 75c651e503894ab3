"""Errors the attempt services raise. Each carries a code (for tests and the API) and a plain
message a student can read; `config.errors` turns them into 4xx responses."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class Code(StrEnum):
    NOT_ALLOWED = "not_allowed"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    NO_ATTEMPTS_LEFT = "no_attempts_left"
    ATTEMPT_SUBMITTED = "attempt_submitted"
    TIME_UP = "time_up"
    UNKNOWN_QUESTION = "unknown_question"
    INVALID_RESPONSE = "invalid_response"
    STALE = "stale"
    UNKNOWN_POLICY = "unknown_policy"
    NO_KEY_CHANGE = "no_key_change"


MESSAGES = {
    Code.NOT_ALLOWED: _("You cannot answer this quiz."),
    Code.NOT_OPEN: _("This assignment is not open yet."),
    Code.CLOSED: _("This assignment is closed: the due date has passed."),
    Code.NO_ATTEMPTS_LEFT: _("You have used every attempt allowed."),
    Code.ATTEMPT_SUBMITTED: _("This attempt was already submitted; answers can no longer change."),
    Code.TIME_UP: _("Time is up: the attempt was submitted with the answers saved before then."),
    Code.UNKNOWN_QUESTION: _("That question is not part of this attempt."),
    Code.INVALID_RESPONSE: _("That answer could not be read."),
    Code.STALE: _("This answer was changed in another window; reload to see the latest."),
    Code.UNKNOWN_POLICY: _("Unknown regrade policy: choose keep, new, either or full."),
    Code.NO_KEY_CHANGE: _("No key change to regrade for:"),
}

STATUS = {
    Code.NOT_ALLOWED: 403,
    Code.NOT_OPEN: 403,
    Code.CLOSED: 409,
    Code.NO_ATTEMPTS_LEFT: 409,
    Code.ATTEMPT_SUBMITTED: 409,
    Code.TIME_UP: 409,
    Code.UNKNOWN_QUESTION: 400,
    Code.INVALID_RESPONSE: 400,
    Code.STALE: 409,
    Code.UNKNOWN_POLICY: 400,
    Code.NO_KEY_CHANGE: 400,
}


class QuizError(DomainError):
    """`attempt_id` names the attempt the refusal is about, when the student may want to see
    it (an attempt already submitted, or submitted because time ran out)."""

    def __init__(self, code: Code, detail: str = "", *, attempt_id: int | None = None) -> None:
        self.detail = detail
        self.attempt_id = attempt_id
        message = f"{MESSAGES[code]} {detail}".strip()
        super().__init__(code, message, status=STATUS[code])
