"""Logins from a school: the per-address throttle."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import throttle
from .lockout import ADDRESS, wait_page

# Every view that checks a password posted to it.
LOGIN_VIEWS = frozenset({"accounts:login", "admin:login"})


class LoginThrottleMiddleware:
    """Refuses a login posted from an address with too many recent failures (across usernames,
    `accounts.throttle`) with 429 and `Retry-After`, before the password is checked."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in LOGIN_VIEWS:
            return None
        seconds = throttle.login_wait_seconds(request)
        if seconds:
            return wait_page(request, reason=ADDRESS, seconds=seconds)
        return None
