"""The classroom's refusals: each code has a plain, translatable message and a 4xx status."""

import pytest
from django.utils.functional import Promise

from classroom.errors import FIELDS, MESSAGES, STATUS, ClassroomError, Code, RosterInvalid
from classroom.roster import RosterError
from core.errors import DomainError


def test_every_code_has_a_translatable_message():
    assert set(MESSAGES) == set(Code)
    assert all(isinstance(message, Promise) for message in MESSAGES.values())


@pytest.mark.parametrize("code", list(Code))
def test_each_refusal_is_a_domain_error_with_a_4xx_status_and_a_plain_message(code):
    params = {"max": 120} if code == Code.NAME_TOO_LONG else {}
    if code == Code.UNKNOWN_SETTING:
        params = {"names": "colour"}
    error = ClassroomError(code, **params)
    assert isinstance(error, DomainError)
    assert error.code == code and 400 <= error.status < 500
    assert error.status == STATUS.get(code, 400) and error.field == FIELDS.get(code)
    assert error.message and "%(" not in error.message and "<" not in error.message


@pytest.mark.parametrize(
    ("code", "params", "message"),
    [
        (Code.NAME_TOO_LONG, {"max": 120}, "A class name has at most 120 characters."),
        (Code.UNKNOWN_SETTING, {"names": "colour, size"}, "Unknown quiz settings: colour, size."),
    ],
)
def test_a_message_is_filled_with_its_params(code, params, message):
    assert ClassroomError(code, **params).message == message


def test_an_archived_class_is_a_conflict():
    assert ClassroomError(Code.ARCHIVED).status == 409


def test_a_refused_roster_keeps_every_line():
    error = RosterInvalid([RosterError(2, "the username “a” is taken."), RosterError(0, "Retry.")])
    assert error.code == Code.ROSTER_INVALID
    assert error.messages == ["Line 2: the username “a” is taken.", "Retry."]
