"""Two defences for logins from a school: the per-address throttle and the idle timeout."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import ngettext

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


# When the signed-in user was last seen (epoch seconds), written at most once a minute.
LAST_SEEN = "last_seen"
LAST_SEEN_STEP = 60


def session_seen(sender, request=None, user=None, **kwargs) -> None:
    """Receiver of `user_logged_in`: the session starts its idle clock at login, so that the
    requests of the first minute write nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Signs out whoever has sent no request for `SESSION_IDLE_MINUTES` (0: never), so a shared
    school computer left signed in does not stay signed in.

    Django's own way, `SESSION_SAVE_EVERY_REQUEST` with a short `SESSION_COOKIE_AGE`, writes the
    session on every request, autosaves included; this writes it at most once a minute, and
    only for signed-in users. Place it after the authentication and message middleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        idle_minutes = settings.SESSION_IDLE_MINUTES
        if idle_minutes and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if isinstance(last, int) and now - last > idle_minutes * 60:
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(n)d minute without activity. "
                        "Log in again to go on.",
                        "You were signed out after %(n)d minutes without activity. "
                        "Log in again to go on.",
                        idle_minutes,
                    )
                    % {"n": idle_minutes},
                )
            elif not isinstance(last, int) or now - last >= LAST_SEEN_STEP:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """Speaks a signed-in user's saved language (`User.language`), whatever the browser
    sends, so a student who chose Azerbaijani finds it on the school's shared computers.
    Without one, LocaleMiddleware's choice stands (the switcher's cookie, else the browser's
    Accept-Language). Place it after the authentication middleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
