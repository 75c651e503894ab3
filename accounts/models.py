from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import validate_visible_text
from .validators import HELP_TEXT, UsernameValidator


class User(AbstractUser):
    """A person using Source Lab. Students need only a username: no e-mail address is asked."""

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        TEACHER = "teacher", _("Teacher")
        AUTHOR = "author", _("Content author")
        # Acts on every account of the installation: one installation is one school (0011).
        SCHOOL_ADMIN = "school_admin", _("School administrator")

    username_validator = UsernameValidator()

    # AbstractUser's field, with the safe character set (accounts/validators.py).
    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=HELP_TEXT,
        validators=[username_validator],
        error_messages={"unique": _("A user with that username already exists.")},
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.STUDENT)
    display_name = models.CharField(
        _("display name"), max_length=150, blank=True, validators=[validate_visible_text]
    )
    # The interface language chosen with the switcher (settings.LANGUAGES); blank: the
    # browser's. Applied on every request once signed in (accounts.middleware).
    language = models.CharField(_("language"), max_length=16, blank=True, default="")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_teacher(self) -> bool:
        return self.role == self.Role.TEACHER

    @property
    def is_student(self) -> bool:
        return self.role == self.Role.STUDENT

    @property
    def is_school_admin(self) -> bool:
        return self.role == self.Role.SCHOOL_ADMIN

    @property
    def is_author(self) -> bool:
        return self.role == self.Role.AUTHOR or self.is_staff
