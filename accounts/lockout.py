"""Growing waits after wrong passwords, per username *and* address, on django-axes' own records.

A school's pupils share one public address, so a lockout by address alone would let one pupil
lock out the school, and a lockout by username alone would let anyone lock out a classmate from
anywhere. axes counts failures per username and address (`AXES_LOCKOUT_PARAMETERS`); this
module makes its cool-off grow with those failures instead of one long lock:

- the first `AXES_FAILURE_LIMIT - 1` wrong passwords cost nothing;
- the `AXES_FAILURE_LIMIT`-th brings a wait of `LOGIN_FIRST_WAIT`, and each further one (tried
  after the wait) doubles it, up to `LOGIN_LONGEST_WAIT`;
- tries during a wait are refused without checking the password and are not counted
  (`AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False`), so a pupil who types the right
  password too early does not make the wait longer;
- the count is kept until `LOGIN_FAILURE_MEMORY` has passed without a failure, then starts
  again; a correct password, or a teacher's `accounts.services.login_lock_clear`, clears it.

How it plugs into axes 8.3 (which has no tiered lockout of its own yet): `AXES_COOLOFF_TIME` is
`cool_off`, a callable axes asks for the request's cool-off. axes locks when the failures it
stored within the cool-off reach the limit, so before the limit the cool-off is the memory, and
from the limit on it is the wait. With `AXES_USE_ATTEMPT_EXPIRATION` each record expires by its
own date, not by the cool-off of whoever logs in next (the cool-off differs between requests);
`failure_remembered` moves that date to `LOGIN_FAILURE_MEMORY` after each failure, so that a
patient guesser's waits keep growing. `lockout_response` (`AXES_LOCKOUT_CALLABLE`) answers a
refused login with the wait page."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.conf import settings
from django.db.models import Max, Sum
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from .network import client_address


def login_wait(failures: int, *, limit: int, first: timedelta, longest: timedelta) -> timedelta:
    """How long a username must wait at an address after `failures` wrong passwords there:
    nothing below `limit`, then `first`, doubled by each further failure, at most `longest`."""
    if failures < limit:
        return timedelta(0)
    doublings = failures - limit
    if doublings >= 32:  # far past any sensible `longest`; avoids a huge multiplication
        return longest
    return min(longest, first * 2**doublings)


def _wait_for(failures: int) -> timedelta:
    return login_wait(
        failures,
        limit=settings.AXES_FAILURE_LIMIT,
        first=settings.LOGIN_FIRST_WAIT,
        longest=settings.LOGIN_LONGEST_WAIT,
    )


@dataclass(frozen=True)
class Record:
    """What axes has stored, unexpired, for one username at one address (all browsers)."""

    failures: int
    last: datetime | None


def _record(request: HttpRequest, credentials: dict | None = None) -> Record:
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    if not username or not address:
        return Record(0, None)
    found = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .exclude(expiration__expires_at__lte=timezone.now())
        .aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    return Record(found["failures"] or 0, found["last"])


def cool_off(request: HttpRequest | None) -> timedelta:
    """`AXES_COOLOFF_TIME`: the memory before the limit, the current wait from it on."""
    if request is None:  # axes asks without a request nowhere today; the longest is safe
        return settings.LOGIN_FAILURE_MEMORY
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        failures = _record(request).failures
    return _wait_for(failures) or settings.LOGIN_FAILURE_MEMORY


def failure_remembered(sender, credentials=None, request=None, **kwargs) -> None:
    """Receiver of `user_login_failed`, connected after axes' own (its app is ready first):
    axes has just counted the failure and dated its record to expire after the current
    cool-off; keep it `LOGIN_FAILURE_MEMORY` from now at least. A try refused during a wait
    was not counted (axes leaves `axes_failures_since_start` unset) and changes nothing."""
    if request is None or getattr(request, "axes_failures_since_start", None) is None:
        return
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    remember_until = timezone.now() + settings.LOGIN_FAILURE_MEMORY
    AccessAttemptExpiration.objects.filter(
        access_attempt__username=username, access_attempt__ip_address=address
    ).update(expires_at=Greatest("expires_at", remember_until))


def wait_left(request: HttpRequest, credentials: dict | None = None) -> timedelta:
    """How much of the current wait is left for this username at this address."""
    record = _record(request, credentials)
    wait = _wait_for(record.failures)
    if not wait or record.last is None:
        return timedelta(0)
    return max(timedelta(0), record.last + wait - timezone.now())


def wait_text(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


# Why a login is refused, for the wait page: one username at this address, or this address.
ACCOUNT, ADDRESS, RESET = "account", "address", "reset"


def wait_page(request: HttpRequest, *, reason: str, seconds: int) -> HttpResponse:
    """429 with `Retry-After` and a page that says how long to wait and what else to do."""
    seconds = max(1, int(seconds))
    context = {"reason": reason, "seconds": seconds, "wait": wait_text(seconds)}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: the wait page for a username that must wait at this address."""
    left = wait_left(request, credentials if isinstance(credentials, dict) else None)
    return wait_page(request, reason=ACCOUNT, seconds=math.ceil(left.total_seconds()))


def usernames_waiting(usernames: list[str], *, now: datetime | None = None) -> dict[str, datetime]:
    """Which of `usernames` must wait before logging in from some address, and until when
    (the latest end of their waits): what a teacher's list of students shows. One query."""
    now = now or timezone.now()
    rows = (
        AccessAttempt.objects.filter(username__in=usernames)
        .exclude(expiration__expires_at__lte=now)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    waiting: dict[str, datetime] = {}
    for row in rows:
        wait = _wait_for(row["failures"] or 0)
        ends = row["last"] + wait if wait and row["last"] else None
        if ends is not None and ends > now:
            waiting[row["username"]] = max(ends, waiting.get(row["username"], ends))
    return waiting
