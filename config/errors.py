"""The one path from a refused action to a response.

Services raise `core.errors.DomainError`; no view catches it. `DomainErrorMiddleware` answers
with the error's status and message: JSON to a client that asks for JSON (autosave), a fragment
to htmx (it swaps it where the answer would have gone), a page to everyone else. A missing role
is `PermissionDenied`, answered by `permission_denied` (handler403) the same way."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.errors import DomainError


def wants_json(request: HttpRequest) -> bool:
    if getattr(request, "answers_json", False):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: HttpRequest, *, message: str, status: int, code: str = "", error=None
) -> HttpResponse:
    if wants_json(request):
        # `saved` keeps the autosave clients' contract: false means "this answer is not stored".
        return JsonResponse({"saved": False, "error": message, "code": code}, status=status)
    template = "_error_fragment.html" if getattr(request, "htmx", False) else "error.html"
    context = {"message": message, "code": code, "error": error}
    return render(request, template, context, status=status)


class DomainErrorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        request.answers_json = getattr(view_func, "answers_json", False)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Http404) and wants_json(request):
            return error_response(request, message=_("Not found."), status=404, code="not_found")
        if isinstance(exception, DomainError):
            return error_response(
                request,
                message=exception.message,
                status=exception.status,
                code=exception.code,
                error=exception,
            )
        return None


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: the reason the check gave, or a plain one."""
    message = str(exception) if exception and str(exception) else ""
    return error_response(
        request,
        message=message or _("Your account cannot open this page."),
        status=403,
        code="forbidden",
    )
