"""Password spraying: failed logins counted per address, across usernames, with django-ratelimit.

The per-username waits (`accounts.lockout`) do not slow someone who tries one or two common
passwords on every username of a school. So every failed login (Django's `user_login_failed`,
whatever the form: ours or the admin's) also counts against the address it came from, in
django-ratelimit's fixed windows (`LOGIN_ADDRESS_FAILURE_RATE`, e.g. "100/10m": 100 failures
in a ten-minute window). Past that, `LoginThrottleMiddleware` refuses logins from the
address with 429 and `Retry-After` until the window ends, before any password is checked.

The counts live in the cache: with several app servers, set `REDIS_URL` so they share one
(with the in-process cache each server counts on its own, so the limit is per server). If the
cache fails, logins are allowed (`RATELIMIT_FAIL_OPEN`): the per-username waits still hold."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from .network import client_address

GROUP = "accounts.login-failures-by-address"


def address_key(group: str, request: HttpRequest) -> str:
    """The client's address; an IPv6 client by its /64 network, which one home or school
    gets whole and can rotate addresses within."""
    address = client_address(request) or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def _usage(request: HttpRequest, *, rate: str, group: str, increment: bool, key=address_key):
    return get_usage(request, group=group, key=key, rate=rate, increment=increment)


def seconds_to_wait(request: HttpRequest, *, rate: str, group: str = GROUP, key=address_key) -> int:
    """0 while the address (or what `key(group, request)` returns) has counted fewer than
    `rate` allows in this window, else the seconds until the window ends ("100/10m": the
    100th failure is the last one allowed)."""
    usage = _usage(request, rate=rate, group=group, increment=False, key=key)
    if usage is None or (usage["count"] < usage["limit"] and not usage["should_limit"]):
        return 0
    return max(1, usage["time_left"])


def count(request: HttpRequest, *, rate: str, group: str = GROUP, key=address_key) -> None:
    _usage(request, rate=rate, group=group, increment=True, key=key)


def login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    """Receiver of `user_login_failed`: one more failure for the request's address."""
    if request is not None:
        count(request, rate=settings.LOGIN_ADDRESS_FAILURE_RATE)


def login_wait_seconds(request: HttpRequest) -> int:
    return seconds_to_wait(request, rate=settings.LOGIN_ADDRESS_FAILURE_RATE)
