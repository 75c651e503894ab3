"""What form pages share: the methods they accept, reading an id from a query string or a
form, and the one place a view shows a refusal itself (`form_page`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from core.errors import DomainError

GET_POST = require_http_methods(["GET", "POST"])


def parse_id(value: str | None) -> int | None:
    """A database id from a query string or form field, or None (ASCII digits only: "²" is a
    digit to str.isdigit and not a number to the database)."""
    if value and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def form_page(
    request: HttpRequest,
    template: str,
    context: dict | Callable[[], dict],
    *,
    form,
    submit: Callable[[dict], HttpResponse],
) -> HttpResponse:
    """A page with a form, and the one place a view shows a refusal itself.

    Shown (GET): 200. Posted and valid: `submit(form.cleaned_data)` acts and returns the
    response (a redirect, or a page). A `DomainError` it raises is shown at the form, at
    `error.field` when the form has that field, else above it; the page then comes back with
    the error's status (400 for most, 409 when the class is archived), with what was typed.
    Every other refusal, and every refusal outside a form, reaches the one handler
    (`config.errors`). `context` may be a function, called only when the page is drawn; the
    form is added to it as `form`."""
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            return submit(form.cleaned_data)
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            # A refusal listing several problems (a roster, line by line) shows each one.
            form.add_error(field, list(getattr(error, "messages", None) or [error.message]))
            status = error.status  # a refusal keeps its status: 409 for an archived class
    values = context() if callable(context) else context
    return render(request, template, {**values, "form": form}, status=status)
