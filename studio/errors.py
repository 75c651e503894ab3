"""Errors the studio's services raise; `config.errors` answers them with their status."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class Code(StrEnum):
    FILE_TYPE = "file_type"
    FILE_TOO_LARGE = "file_too_large"
    FILE_UNREADABLE = "file_unreadable"
    DOCUMENT_EMPTY = "document_empty"
    CANNOT_MERGE = "cannot_merge"
    CANNOT_SPLIT = "cannot_split"
    UNKNOWN_SENTENCE = "unknown_sentence"
    UNKNOWN_PLACE = "unknown_place"
    UNKNOWN_TYPE = "unknown_type"
    NOT_VALID = "not_valid"
    LESSON_TAKEN = "lesson_taken"


MESSAGES = {
    Code.FILE_TYPE: _("Upload a .txt, .md or .docx file."),
    Code.FILE_TOO_LARGE: _("The file is too large: at most 2 MB."),
    Code.FILE_UNREADABLE: _("The file cannot be read: save it again as .docx or UTF-8 text."),
    Code.DOCUMENT_EMPTY: _("The document has no text."),
    Code.CANNOT_MERGE: _("These sentences cannot be merged: they are in different paragraphs."),
    Code.CANNOT_SPLIT: _("The sentence cannot be split there: choose a space between two words."),
    Code.UNKNOWN_SENTENCE: _("There is no such sentence: the page was out of date."),
    Code.UNKNOWN_PLACE: _("There is no such step or question: the page was out of date."),
    Code.UNKNOWN_TYPE: _("Choose a question type from the list."),
    Code.NOT_VALID: _("Fix the mistakes listed on the page before publishing."),
    Code.LESSON_TAKEN: _("Another lesson already uses this lesson's id: copy it instead."),
}


class StudioError(DomainError):
    def __init__(self, code: Code, *, field=None, status: int | None = None) -> None:
        super().__init__(code, MESSAGES[code], field=field, status=status)
