"""The address a request comes from, read through the reverse proxies we run.

`PROXY_COUNT` is the number of reverse proxies in front of the app, each appending the address
it received the request from to `X-Forwarded-For`. Behind one proxy (nginx) the client is the
last entry; behind two (a load balancer, then nginx) the one before it; entries further left
were written by the client and can be forged. With `PROXY_COUNT = 0` the header is ignored and
the address is the socket's (`REMOTE_ADDR`).

django-ipware does the parsing (it validates each address, and skips a header whose chain is
shorter than the proxies we expect). Its own `proxy_count` counts the proxies *listed in the
header*, one fewer than the proxies in front of us (the last one is `REMOTE_ADDR`), hence the
`- 1`. django-axes (`AXES_CLIENT_IP_CALLABLE`) and the login throttle call this one function,
so both count a school's pupils by the same address."""

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return request.META.get("REMOTE_ADDR") or None
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        # A chain longer than expected carries entries the client wrote: take ours from the
        # right and ignore the rest, rather than refusing the header.
        strict=False,
    )
    return address or request.META.get("REMOTE_ADDR") or None
