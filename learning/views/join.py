"""Joining a class with its code: a new student signs up, or a student joins another class."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.backends import BACKEND
from accounts.forms import JoinCodeForm, StudentSignupForm
from classroom.models import JoinRequest
from classroom.services import membership_join, student_signup
from core.errors import DomainError
from core.forms import GET_POST, form_page
from learning import join_throttle


@GET_POST
def join(request: HttpRequest) -> HttpResponse:
    """Public: a new student chooses a username and password and joins with the class code.
    Logged in: a student joins one more class (teachers and authors have no classes to join).
    A code that opens no class is shown at the code (400), by `form_page`. Wrong codes and
    new accounts are throttled (`learning.join_throttle`): past the limits, 429 before any
    code is looked up. A class that needs approval takes a request to join, not a member."""
    user = request.user
    if user.is_authenticated and not user.is_student:
        raise PermissionDenied(_("Only students join classes."))
    form_class = JoinCodeForm if user.is_authenticated else StudentSignupForm
    if request.method == "GET":
        form = form_class(initial={"join_code": request.GET.get("code", "")[:32]})
    else:
        refused = join_throttle.refusal(request, signing_up=not user.is_authenticated)
        if refused is not None:
            return refused
        form = form_class(request.POST)

    def submit(data: dict) -> HttpResponse:
        with join_throttle.counting_wrong_codes(request):
            if user.is_authenticated:
                joined = membership_join(student=user, join_code=data["join_code"])
            else:
                new_user, joined = _signup(data)
                join_throttle.signup_counted(request)
                login(request, new_user, backend=BACKEND)
        name = {"name": joined.classroom.name}
        if isinstance(joined, JoinRequest):
            messages.info(
                request,
                _(
                    "You asked to join “%(name)s”. Your teacher lets you in; until then the "
                    "class's lessons do not show here."
                )
                % name,
            )
        else:
            messages.success(request, _("You are in the class “%(name)s”.") % name)
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
