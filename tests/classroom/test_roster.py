"""Importing a class roster from CSV: every bad row reported by its line, nothing half-imported."""

import pytest

from accounts.models import User
from classroom.models import Membership
from classroom.roster import roster_parse
from classroom.services import RosterInvalid, roster_import
from tests.conftest import PASSWORD

# --- reading the file (pure) -------------------------------------------------------------------


def test_a_header_row_is_recognised_and_columns_may_come_in_any_order():
    roster = roster_parse("Display Name,Username\nAda Lovelace,ada.l\nAlan Turing,alan.t\n")
    assert not roster.errors
    assert [(r.line, r.username, r.display_name) for r in roster.rows] == [
        (2, "ada.l", "Ada Lovelace"),
        (3, "alan.t", "Alan Turing"),
    ]


def test_without_a_header_the_first_column_is_the_username_and_the_second_the_name():
    roster = roster_parse("ada.l,Ada Lovelace\ngrace.h\n")
    assert [(r.username, r.display_name) for r in roster.rows] == [
        ("ada.l", "Ada Lovelace"),
        ("grace.h", ""),
    ]


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolons_and_tabs_work_as_separators(separator):
    text = f"username{separator}name\nada.l{separator}Ada Lovelace\n"
    assert [(r.username, r.display_name) for r in roster_parse(text).rows] == [
        ("ada.l", "Ada Lovelace")
    ]


def test_blank_rows_are_skipped_and_line_numbers_stay_those_of_the_file():
    roster = roster_parse("username\n\nada.l\n\n,\nbad name\n")
    assert [r.username for r in roster.rows] == ["ada.l"]
    assert [e.line for e in roster.errors] == [6]


def test_every_bad_row_is_reported_with_its_line_at_once():
    text = (
        "username,display name\n"
        "ada.l,Ada\n"  # 2 fine
        ",No Username\n"  # 3
        "has space,Spacey\n"  # 4
        "ADA.L,Ada again\n"  # 5 duplicate of line 2, whatever the case
        f"{'x' * 151},Too long\n"  # 6
        f"ok.name,{'n' * 151}\n"  # 7
    )
    roster = roster_parse(text)
    messages = {e.line: e.message for e in roster.errors}
    assert sorted(messages) == [3, 4, 5, 6, 7]
    assert "missing" in messages[3]
    assert "no spaces" in messages[4]
    assert "already on line 2" in messages[5]
    assert "longer than 150" in messages[6]
    assert "display name is longer" in messages[7]
    assert str(roster.errors[0]).startswith("Line 3: ")


@pytest.mark.parametrize(
    ("username", "accepted"),
    [
        ("ada.l", True),
        ("zoë_k-1", False),  # letters a-z only: "ë" may pass for "e" (accounts.validators)
        ("a@b+c", False),
        ("bad name", False),
        ("slash/name", False),
        ("colon:name", False),
    ],
)
def test_usernames_follow_the_user_models_own_rule(username, accepted):
    roster = roster_parse(f"username\n{username}\n")
    assert (not roster.errors) is accepted
    if not accepted:
        assert roster.errors[0].message == (
            f"the username “{username}” may contain only the letters a-z, digits and . _ - "
            "(no spaces, accents or other alphabets)."
        )


def test_a_header_without_a_username_column_is_refused():
    roster = roster_parse("name,email\nAda,ada@example.org\n")
    assert [(e.line, e.message) for e in roster.errors] == [
        (1, "The first row names no “username” column.")
    ]


def test_an_empty_file_or_a_header_alone_names_no_students():
    assert roster_parse("").errors[0].message == "The file is empty."
    assert roster_parse("username\n").errors[0].message == "The file names no students."


def test_too_many_rows_are_refused_as_a_whole():
    text = "\n".join(f"student{i}" for i in range(5))
    roster = roster_parse(text, max_rows=4)
    assert roster.errors[0].line == 0
    assert "at most 4" in roster.errors[0].message


def test_quoted_fields_may_hold_the_separator():
    roster = roster_parse('username,name\nada.l,"Lovelace, Ada"\n')
    assert roster.rows[0].display_name == "Lovelace, Ada"


# --- writing the accounts ----------------------------------------------------------------------


def test_importing_creates_students_with_generated_passwords_in_the_class(classroom):
    rows = roster_parse("username,name\nada.l,Ada Lovelace\nalan.t,Alan Turing\n").rows

    credentials = roster_import(classroom=classroom, rows=rows)

    assert [c.username for c in credentials] == ["ada.l", "alan.t"]
    for credential in credentials:
        user = User.objects.get(username=credential.username)
        assert user.is_student
        assert user.check_password(credential.password)
        assert Membership.objects.filter(classroom=classroom, student=user).exists()
    assert User.objects.get(username="ada.l").display_name == "Ada Lovelace"
    assert len({c.password for c in credentials}) == 2


def test_generated_passwords_are_long_and_readable(classroom):
    (credential,) = roster_import(classroom=classroom, rows=roster_parse("ada.l").rows)
    groups = credential.password.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert not set(credential.password) & set("0o1li")


def test_a_username_already_taken_is_reported_by_line_and_nothing_is_imported(classroom, student):
    before = User.objects.count()
    rows = roster_parse(f"username\nnew.one\n{student.username.upper()}\nnew.two\n").rows

    with pytest.raises(RosterInvalid) as error:
        roster_import(classroom=classroom, rows=rows)

    assert [(e.line, e.message) for e in error.value.errors] == [
        (3, f"the username “{student.username.upper()}” is already taken.")
    ]
    assert User.objects.count() == before
    assert not User.objects.filter(username__in=["new.one", "new.two"]).exists()


def test_an_existing_member_is_not_duplicated_by_a_second_import(classroom):
    roster_import(classroom=classroom, rows=roster_parse("ada.l").rows)
    with pytest.raises(RosterInvalid):
        roster_import(classroom=classroom, rows=roster_parse("ada.l\nnew.kid").rows)
    assert Membership.objects.filter(classroom=classroom, student__username="ada.l").count() == 1
    assert not User.objects.filter(username="new.kid").exists()


def test_imported_students_can_log_in_with_their_printed_password(client, classroom):
    (credential,) = roster_import(classroom=classroom, rows=roster_parse("ada.l").rows)
    response = client.post(
        "/accounts/login/", {"username": "ada.l", "password": credential.password}
    )
    assert response.status_code == 302
    assert credential.password != PASSWORD
