"""What every page of a draft shows: its tabs and the validator's errors, each at its field
and all of them listed with links; and the answer to an autosave."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from ..errorlinks import error_links, errors_by_field
from ..models import Draft

AUTOSAVE_HEADER = "X-Studio-Autosave"


def is_autosave(request: HttpRequest) -> bool:
    return request.headers.get(AUTOSAVE_HEADER) == "1"


def autosaved(draft: Draft) -> JsonResponse:
    return JsonResponse({"saved": True, "errors": len(draft.errors)})


def draft_page(
    request: HttpRequest, draft: Draft, template: str, context: dict, *, tab: str, status=200
) -> HttpResponse:
    links = error_links(draft)
    page_url = reverse(f"studio:draft_{tab}", args=[draft.pk]) if tab else ""
    return render(
        request,
        template,
        {
            "draft": draft,
            "tab": tab,
            "error_links": links,
            "field_errors": errors_by_field(links, page_url),
            **context,
        },
        status=status,
    )
