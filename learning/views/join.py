"""Joining a class with its code: a new student signs up, or a student joins another class."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.forms import JoinCodeForm, StudentSignupForm
from classroom.services import membership_join, student_signup
from core.errors import DomainError
from core.forms import GET_POST, form_page


@GET_POST
def join(request: HttpRequest) -> HttpResponse:
    """Public: a new student chooses a username and password and joins with the class code.
    Logged in: a student joins one more class (teachers and authors have no classes to join).
    A code that opens no class is shown at the code (400), by `form_page`."""
    user = request.user
    if user.is_authenticated and not user.is_student:
        raise PermissionDenied(_("Only students join classes."))
    form_class = JoinCodeForm if user.is_authenticated else StudentSignupForm
    if request.method == "GET":
        form = form_class(initial={"join_code": request.GET.get("code", "")[:32]})
    else:
        form = form_class(request.POST)

    def submit(data: dict) -> HttpResponse:
        if user.is_authenticated:
            membership = membership_join(student=user, join_code=data["join_code"])
        else:
            new_user, membership = _signup(data)
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("You are in the class “%(name)s”.") % {"name": membership.classroom.name}
        )
        return redirect("learning:dashboard")

    return form_page(request, "learning/user_join.html", {}, form=form, submit=submit)


def _signup(data: dict):
    """The account and the membership, both or neither. The account model's own checks, which
    run after the form's, come back as refusals at their field."""
    try:
        return student_signup(
            username=data["username"],
            password=data["password1"],
            join_code=data["join_code"],
            display_name=data["display_name"].strip(),
        )
    except IntegrityError as error:  # someone took the username a moment ago
        raise DomainError(
            "username_taken", _("That username is taken. Try another one."), field="username"
        ) from error
    except ValidationError as error:
        raise DomainError("account_invalid", " ".join(error.messages)) from error
