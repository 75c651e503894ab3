"""Compressed pages, with BREACH in mind (docs/security.md, "Compression").

Django's GZipMiddleware compresses a response of 200 bytes or more for a browser that accepts
gzip. BREACH reads a secret out of a compressed page by making a victim's browser send many
requests that reflect a guess next to the secret and watching the sizes. What protects us:
the CSRF token in forms is masked afresh for every response (Django since 1.10), the session
id travels only in a cookie (headers are not compressed), and Django (4.2+) pads each gzip
body with up to 100 random bytes. The one secret a page shows is a student's new password, a
different one at each request; those pages are not compressed anyway (`never_compress`)."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's, leaving alone the responses of views marked with `never_compress`."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(response, "never_compress", False):
            return response
        return super().process_response(request, response)


def never_compress(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view whose response shows a secret (a new password): sent uncompressed."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.never_compress = True
        return response

    return wrapped
