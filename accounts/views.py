"""The login page and the way back in when a password is forgotten.

Students have no e-mail address: their teacher gives them a new password from the class's
student list, and the login page says so. Teachers (and content authors) reset theirs by
e-mail when the server can send e-mail (`EMAIL_URL`, hence `PASSWORD_RESET_BY_EMAIL`);
without it the reset page says to ask the school's Source Lab administrator."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from core.errors import DomainError

from . import services, throttle
from .access import home_url
from .forms import StaffPasswordResetForm
from .lockout import RESET, wait_page


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """Without a safe `next`, straight to the role's own page (not through "/")."""
        return home_url(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(reset_by_email=settings.PASSWORD_RESET_BY_EMAIL, **kwargs)


_reset_by_email = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    form_class=StaffPasswordResetForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link by e-mail, at most `PASSWORD_RESET_RATE` times per address (each
    request may send an e-mail); or, without e-mail, who to ask instead."""
    if not settings.PASSWORD_RESET_BY_EMAIL:
        return render(request, "accounts/password_reset_unavailable.html")
    if request.method == "POST":
        rate = settings.PASSWORD_RESET_RATE
        seconds = throttle.seconds_to_wait(request, rate=rate, group="accounts.password-reset")
        if seconds:
            return wait_page(request, reason=RESET, seconds=seconds)
        throttle.count(request, rate=rate, group="accounts.password-reset")
    return _reset_by_email(request)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's `set_language` (the cookie, then back to `next`), and
    for a signed-in user the choice saved on their account, so it follows them to another
    computer. An unknown language changes nothing."""
    if request.POST.get("language") not in dict(settings.LANGUAGES):
        raise DomainError("unknown_language", _("There is no such language here."))
    response = set_language(request)
    if request.user.is_authenticated:
        services.user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response
