"""Errors of the question exchange: a bank that cannot be imported, with every problem."""

from enum import StrEnum

from core.errors import DomainError


class Code(StrEnum):
    BANK_INVALID = "bank_invalid"
    NO_QUIZ = "no_quiz"
    PACKAGE_UNREADABLE = "package_unreadable"
    PACKAGE_TOO_LARGE = "package_too_large"
    PACKAGE_INVALID = "package_invalid"
    NO_PACKAGE = "no_package"
    LESSON_PRIVATE = "lesson_private"


class ExchangeError(DomainError):
    def __init__(
        self,
        code: Code,
        message: str,
        *,
        problems: list[str] | None = None,
        status: int = 400,
        field: str | None = None,
    ):
        super().__init__(code, message, status=status, field=field)
        self.problems = problems or []

    @property
    def messages(self) -> list[str]:
        """What a form page lists (``core.forms.form_page``): each problem, else the message."""
        return self.problems or [self.message]
