"""Names people can trust (issue 13, point 6): usernames of characters that look only like
themselves, display names without invisible or direction-changing characters."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.names import display_name_clean, validate_visible_text, visible_text_clean
from accounts.services import user_create
from accounts.validators import UsernameValidator

RLO, LRI, PDI, ZWSP, ZWJ, BOM = "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff"
CYRILLIC_IE = "\u0435"  # looks like the Latin "e"


# --- visible_text_clean: a table ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("Amira K.", "Amira K."),
        ("  Amira   K.  ", "Amira K."),
        (f"Amira{RLO}txt.exe", "Amiratxt.exe"),  # the override goes, the text stays in order
        (f"{LRI}Amira{PDI}", "Amira"),
        (f"Am{ZWSP}ira", "Amira"),
        (f"Am{ZWJ}ira{BOM}", "Amira"),
        ("Amira\u00adK", "AmiraK"),  # soft hyphen
        ("Amira\tK.\nAbbasova", "Amira K. Abbasova"),  # tabs and line breaks are spaces
        ("Amira\u00a0K.", "Amira K."),  # no-break space
        ("Amira\u2028K.", "Amira K."),  # line separator
        ("Ami\x07ra\x1b[31m", "Amira[31m"),  # control characters
        ("Amira\u3164", "Amira"),  # Hangul filler, a letter that shows nothing
        ("Ami\ufe0fra", "Amira"),  # variation selector
        ("Ame\u0301lie", "Am\u00e9lie"),  # composed: one name, however it was typed
        ("Ləman Əliyeva", "Ləman Əliyeva"),  # Azerbaijani letters are letters
        ("Рашид", "Рашид"),  # Cyrillic is fine in a display name (usernames are ASCII)
        ("ليلى", "ليلى"),  # right-to-left scripts too, without override characters
        ("7B", "7B"),
    ],
)
def test_visible_text_clean_keeps_what_can_be_seen(value, cleaned):
    assert visible_text_clean(value, "The name") == cleaned


@pytest.mark.parametrize(
    "value",
    ["", "   ", ZWSP * 3, f"{RLO}{PDI}", "\u3164\u3164", "\u2800", "...", "\u0301", "\x00"],
)
def test_visible_text_clean_refuses_a_name_with_no_letter_or_digit(value):
    with pytest.raises(ValidationError) as raised:
        visible_text_clean(value, "The class name")
    assert raised.value.code == "invisible"
    assert "The class name needs letters or digits you can see" in raised.value.messages[0]


@pytest.mark.parametrize(("value", "cleaned"), [("", ""), ("   ", ""), (f" A{ZWSP}mira ", "Amira")])
def test_a_display_name_is_optional_but_never_invisible(value, cleaned):
    assert display_name_clean(value) == cleaned
    with pytest.raises(ValidationError):
        display_name_clean(ZWSP)


@pytest.mark.parametrize(
    ("value", "valid"),
    [("Amira K.", True), ("Amira  K.", True), (f"Ami{ZWSP}ra", False), ("A\nB", False)],
)
def test_the_model_refuses_invisible_characters_wherever_a_name_is_written(value, valid):
    if valid:
        validate_visible_text(value)
    else:
        with pytest.raises(ValidationError):
            validate_visible_text(value)


# --- usernames ----------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["amira", "Amira.K", "s_lovelace", "t-hopper", "a1", "9"])
def test_usernames_of_ascii_letters_digits_and_dot_underscore_dash_are_valid(username):
    UsernameValidator()(username)


@pytest.mark.parametrize(
    ("username", "named"),
    [
        (f"amir{CYRILLIC_IE}", "cyrillic small letter ie"),
        ("amira k", "space"),
        ("amira@school.org", "commercial at"),
        ("amira+1", "plus sign"),
        ("am\u00e9lie", "latin small letter e with acute"),
        (f"amira{ZWSP}", "zero width space"),
        (f"amira{RLO}", "right-to-left override"),
        ("ａmira", "fullwidth latin small letter a"),  # noqa: RUF001
    ],
)
def test_a_username_with_another_character_is_refused_naming_it(username, named):
    with pytest.raises(ValidationError) as raised:
        UsernameValidator()(username)
    message = raised.value.messages[0]
    assert message.startswith("Enter a valid username")
    assert named in message


@pytest.mark.django_db
def test_user_create_refuses_a_lookalike_username_and_cleans_the_display_name():
    with pytest.raises(ValidationError) as raised:
        user_create(username=f"s.lov{CYRILLIC_IE}lace", password=None)
    assert "cyrillic small letter ie" in str(raised.value)

    user = user_create(username="amira", password=None, display_name=f"{RLO}Amira{ZWSP} K.")
    assert user.display_name == "Amira K."

    with pytest.raises(ValidationError):
        user_create(username="nobody", password=None, display_name=ZWSP)
    assert not User.objects.filter(username="nobody").exists()


@pytest.mark.django_db
def test_a_model_written_elsewhere_still_refuses_lookalikes_and_invisible_names():
    for fields in ({"username": f"amir{CYRILLIC_IE}"}, {"username": "ok", "display_name": ZWSP}):
        with pytest.raises(ValidationError):
            User(**fields).full_clean(exclude=["password"])


# --- the sign-up form ---------------------------------------------------------------------


def signup(client, code, **overrides):
    data = {
        "join_code": code,
        "username": "amira",
        "display_name": "Amira K.",
        "password1": "river-bridge-1911",
        "password2": "river-bridge-1911",
    } | overrides
    return client.post(reverse("learning:join"), data)


@pytest.mark.django_db
def test_signing_up_as_a_classmates_lookalike_is_refused_with_a_clear_message(
    client, classroom, student
):
    lookalike = student.username.replace("e", CYRILLIC_IE)
    response = signup(client, classroom.join_code, username=lookalike)

    assert response.status_code == 400
    message = str(response.context["form"].errors["username"])
    assert "cyrillic small letter ie" in message and "letters a-z" in message
    assert not User.objects.filter(username=lookalike).exists()


@pytest.mark.django_db
def test_signing_up_with_an_invisible_name_is_refused_and_a_hidden_character_is_removed(
    client, classroom
):
    response = signup(client, classroom.join_code, display_name=ZWSP * 2)
    assert response.status_code == 400
    assert "letters or digits you can see" in str(response.context["form"].errors)

    assert signup(client, classroom.join_code, display_name=f"Amira{RLO} K.").status_code == 302
    assert User.objects.get(username="amira").display_name == "Amira K."
