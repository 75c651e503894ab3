"""Writes on accounts."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction

from .models import User
from .names import display_name_clean


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: str = User.Role.STUDENT,
    display_name: str = "",
    is_staff: bool = False,
) -> User:
    """Create a user; `password=None` makes an account that cannot log in until one is set.

    The display name is cleaned of invisible and direction-changing characters
    (`accounts.names`); the username must be ASCII letters, digits and . _ -
    (`accounts.validators`). Raises django.core.exceptions.ValidationError otherwise."""
    user = User(
        username=username,
        role=role,
        display_name=display_name_clean(display_name),
        is_staff=is_staff,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def login_lock_clear(*, username: str) -> int:
    """Lift the wait after wrong passwords on `username`, from every address, and forget the
    failures counted so far (django-axes' records). Returns how many records were removed.

    For a teacher whose pupil a classmate kept out by typing wrong passwords; the throttle of
    an address (`accounts.throttle`) is not touched: it protects everyone at that address."""
    return axes_reset(username=username)


def user_language_set(*, user: User, language: str) -> None:
    """Remember `user`'s interface language, one of `settings.LANGUAGES`; anything else is
    ignored (the switcher's view has already refused it)."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return
    user.language = language
    user.save(update_fields=["language"])
