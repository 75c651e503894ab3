"""Joining a class with its code: a new student signs up, or a student joins another class."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import JoinCodeForm, StudentSignupForm
from classroom.errors import ClassroomError, Code
from classroom.services import membership_join, student_signup


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Public: a new student chooses a username and password and joins with the class code.
    Logged in: a student joins one more class (teachers and authors have no classes to join)."""
    user = request.user
    if user.is_authenticated and not user.is_student:
        return render(request, "403.html", status=403)
    form_class = JoinCodeForm if user.is_authenticated else StudentSignupForm
    if request.method == "GET":
        initial = {"join_code": request.GET.get("code", "")[:32]}
        return _page(request, form_class(initial=initial))
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    code = form.cleaned_data["join_code"]
    if user.is_authenticated:
        try:
            membership = membership_join(student=user, join_code=code)
        except ClassroomError as error:
            return _no_class(request, form, error)
    else:
        try:
            user, membership = student_signup(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                join_code=code,
                display_name=form.cleaned_data["display_name"].strip(),
            )
        except ClassroomError as error:
            return _no_class(request, form, error)
        except IntegrityError:
            # Someone took the username between the form's check and the insert.
            form.add_error("username", _("That username is taken. Try another one."))
            return _page(request, form, status=400)
        except ValidationError as error:  # the model's own checks, after the form's
            form.add_error(None, " ".join(error.messages))
            return _page(request, form, status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request,
        _("You are in the class “%(name)s”.") % {"name": membership.classroom.name},
    )
    return redirect("learning:dashboard")


def _page(request: HttpRequest, form, status: int = 200) -> HttpResponse:
    return render(request, "learning/user_join.html", {"form": form}, status=status)


def _no_class(request: HttpRequest, form, error: ClassroomError) -> HttpResponse:
    """The code opens no class: the form again, the message at the code (400). Any other
    refusal of the classroom services is not the form's to show: the one handler answers it."""
    if error.code != Code.NO_OPEN_CLASS:
        raise error
    form.add_error(error.field, error.message)
    return _page(request, form, status=400)
