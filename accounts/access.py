"""Who may open a page, by role. The one place role checks live.

Anonymous visitors go to the login page; a signed-in user without the role gets
`PermissionDenied`, which `config.errors.permission_denied` answers with a 403 page saying why.
Which objects a user may see (their own class, their own attempt) is the selectors' business."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import User

# Each role's own first page, by URL name: where "/" and a login without `next` lead. Authors
# (and anyone else) stay on "/", which lists their lessons.
ROLE_HOME = {
    User.Role.STUDENT: "learning:dashboard",
    User.Role.TEACHER: "classroom:classroom_list",
    User.Role.SCHOOL_ADMIN: "school:account_list",
}


def home_url(user: User) -> str:
    """The user's first page. A login goes there directly: one round trip fewer than "/"'s
    redirect, for every student at the bell."""
    return reverse(ROLE_HOME.get(user.role, "home"))


def role_required(allowed: Callable[[User], bool], refusal: str):
    """A view decorator: signed in, and `allowed(user)`; else the login page or a 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied(str(refusal))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


student_required = role_required(
    lambda user: user.is_student, _("This page is for students: sign in with a student account.")
)
teacher_required = role_required(
    lambda user: user.is_teacher, _("This page is for teachers: sign in with a teacher account.")
)
teacher_or_author_required = role_required(
    lambda user: user.is_teacher or user.is_author,
    _("Only teachers and content authors can preview a quiz."),
)
school_admin_required = role_required(
    lambda user: user.is_school_admin,
    _("This page is for the school's administrator: sign in with a school administrator account."),
)
author_required = role_required(
    lambda user: user.is_author,
    _("This page is for content authors: sign in with a content author account."),
)
lesson_maker_required = role_required(
    lambda user: user.is_teacher or user.is_author,
    _("Only teachers and content authors make lessons."),
)
