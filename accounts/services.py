"""Writes on accounts."""

from django.db import transaction

from .models import User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: str = User.Role.STUDENT,
    display_name: str = "",
    is_staff: bool = False,
) -> User:
    """Create a user; `password=None` makes an account that cannot log in until one is set."""
    user = User(username=username, role=role, display_name=display_name, is_staff=is_staff)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user
