"""What the teacher's views share: the methods a form page accepts, reading an id from a query
string or a form, and the form-page helper."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

GET_POST = require_http_methods(["GET", "POST"])


def parse_id(value: str | None) -> int | None:
    """A database id from a query string or form field, or None (ASCII digits only: "²" is a
    digit to str.isdigit and not a number to the database)."""
    if value and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def archived_page(request: HttpRequest, classroom) -> HttpResponse:
    return render(
        request,
        "classroom/classroom_archived.html",
        {"classroom": classroom},
        status=409,
    )


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A form page: 200 when first shown, 400 when a posted form comes back with errors."""
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)
