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


@transaction.atomic
def student_signup(*, username: str, password: str, join_code: str, display_name: str = ""):
    """Create a student account and join a class with its code, both or neither.

    Raises ValueError when no open class has the code (and no account is created), and
    django.core.exceptions.ValidationError when the username is taken or invalid."""
    # Imported here: classroom builds on accounts (rosters create accounts), not the reverse.
    from classroom.services import membership_join

    user = user_create(
        username=username, password=password, role=User.Role.STUDENT, display_name=display_name
    )
    membership = membership_join(student=user, join_code=join_code)
    return user, membership
