"""Errors of the question exchange: a bank that cannot be imported, with every problem."""

from enum import StrEnum

from core.errors import DomainError


class Code(StrEnum):
    BANK_INVALID = "bank_invalid"
    NO_QUIZ = "no_quiz"


class ExchangeError(DomainError):
    def __init__(self, code: Code, message: str, *, problems: list[str] | None = None):
        super().__init__(code, message, status=400)
        self.problems = problems or []
