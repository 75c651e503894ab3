"""Join codes that cannot be farmed: the join page's throttles, with django-ratelimit, the same
way `accounts.throttle` throttles logins.

- Wrong codes (a code that opens no class, a closed class, an expired code) are counted per
  address (`JOIN_CODE_FAILURE_RATE`, e.g. 50 in ten minutes: a school of classes joining at
  once, each pupil mistyping once or twice, stays under it) and per browser session
  (`JOIN_CODE_FAILURE_SESSION_RATE`, 10 in ten minutes). Past either, the join page refuses
  every code from there with 429 and `Retry-After` until the window ends, before any code is
  looked up: a guesser cannot tell a right code from a wrong one while throttled.
- Accounts created through a code are counted per address (`JOIN_SIGNUP_RATE`) and per code
  (`JOIN_SIGNUP_CODE_RATE`): a valid code, even one posted on the internet, makes at most that
  many accounts an hour, from anywhere. (Not per session: signing up logs the new student in,
  which starts a new session, so such a count would never pass one.)

The counts live in the cache (set `REDIS_URL` with several app servers). A visitor without a
session gets one, so that the per-session count has a key; one who throws their cookies away
is still counted by address. What guessing at these rates achieves: docs/security.md."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.lockout import wait_text
from accounts.throttle import address_key, count, seconds_to_wait
from classroom.errors import ClassroomError
from classroom.errors import Code as ClassCode
from classroom.services import join_code_normalise

GUESSES = "learning.join-code-failures"
GUESSES_BY_SESSION = "learning.join-code-failures-by-session"
SIGNUPS = "learning.join-signups"
SIGNUPS_BY_CODE = "learning.join-signups-by-code"

# A code the student typed that did not let them in: what a guesser's tries look like.
WRONG_CODE = frozenset(
    {ClassCode.NO_OPEN_CLASS, ClassCode.JOIN_CLOSED, ClassCode.JOIN_CODE_EXPIRED}
)


def session_key(group: str, request: HttpRequest) -> str:
    if request.session.session_key is None:
        request.session.save()  # a new session: its cookie goes out with this response
    return request.session.session_key


def code_key(group: str, request: HttpRequest) -> str:
    return join_code_normalise(request.POST.get("join_code", "")) or "none"


def _guess_limits() -> list[tuple[str, str, object]]:
    return [
        (GUESSES, settings.JOIN_CODE_FAILURE_RATE, address_key),
        (GUESSES_BY_SESSION, settings.JOIN_CODE_FAILURE_SESSION_RATE, session_key),
    ]


def _signup_limits() -> list[tuple[str, str, object]]:
    return [
        (SIGNUPS, settings.JOIN_SIGNUP_RATE, address_key),
        (SIGNUPS_BY_CODE, settings.JOIN_SIGNUP_CODE_RATE, code_key),
    ]


# Why the join page refuses: too many wrong codes, or too many new accounts.
GUESSING, SIGNING_UP = "guessing", "signing_up"


def refusal(request: HttpRequest, *, signing_up: bool) -> HttpResponse | None:
    """The 429 page when a throttle of this join is spent, else None."""
    for group, rate, key in _guess_limits():
        seconds = seconds_to_wait(request, rate=rate, group=group, key=key)
        if seconds:
            return _wait_page(request, reason=GUESSING, seconds=seconds)
    if signing_up:
        for group, rate, key in _signup_limits():
            seconds = seconds_to_wait(request, rate=rate, group=group, key=key)
            if seconds:
                return _wait_page(request, reason=SIGNING_UP, seconds=seconds)
    return None


@contextmanager
def counting_wrong_codes(request: HttpRequest) -> Iterator[None]:
    """Count a wrong code against the address and the session, and let the refusal through."""
    try:
        yield
    except ClassroomError as error:
        if error.code in WRONG_CODE:
            for group, rate, key in _guess_limits():
                count(request, rate=rate, group=group, key=key)
        raise


def signup_counted(request: HttpRequest) -> None:
    """One more account made through a code, from this address and with this code."""
    for group, rate, key in _signup_limits():
        count(request, rate=rate, group=group, key=key)


def _wait_page(request: HttpRequest, *, reason: str, seconds: int) -> HttpResponse:
    seconds = max(1, int(seconds))
    context = {"reason": reason, "wait": wait_text(seconds)}
    response = render(request, "learning/join_wait.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
