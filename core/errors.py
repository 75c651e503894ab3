"""The one kind of error a service raises when a rule of the domain refuses an action.

Each app subclasses `DomainError` with its own codes (`quizzes.errors.QuizError`,
`classroom.errors.ClassroomError`). Views never catch them: `config.errors` turns every one into
a response, a page, an htmx fragment or JSON, with the error's status and its plain message. A
form page that shows the message at its form does so in one helper (`core.forms.form_page`).
"""

from enum import StrEnum


class DomainError(Exception):
    """A refused action. `code` is stable (tests, JSON clients), `message` is plain text for
    the person who asked, `status` the HTTP status the handler answers with, and `field` the
    form field the message belongs to, when it belongs to one."""

    status: int = 400

    def __init__(
        self, code: StrEnum | str, message: str, *, status: int | None = None, field=None
    ) -> None:
        self.code = code
        self._message = message
        self.field = field
        if status is not None:
            self.status = status
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self._message)


def answers_json(view):
    """Marks a view whose answers are JSON (autosave), so that the handler answers its
    refusals, and a 404, in JSON too."""
    view.answers_json = True
    return view
