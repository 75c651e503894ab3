"""A class's progress: the page, and the grid it refetches every few seconds."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import teacher_required

from .. import services
from ..bands import BANDS
from ..selectors import access, grid


def _grid_context(request: HttpRequest, classroom) -> dict:
    services.class_attempts_close_overdue(classroom=classroom)  # the grid shows them closed
    return {
        "classroom": classroom,
        "grid": grid.progress_grid(
            classroom=classroom,
            filter=request.GET.get("filter", grid.Filter.ALL),
            page=request.GET.get("page", 1),
        ),
        "tab": "progress",
    }


@teacher_required
@require_GET
def classroom_progress(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    context = _grid_context(request, classroom) | {"bands": BANDS}
    return render(request, "classroom/classroom_progress.html", context)


@teacher_required
@never_cache
@require_GET
def progress_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """The grid alone, fetched every few seconds by static/js/teacher-progress.js."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    return render(request, "classroom/_progress_grid.html", _grid_context(request, classroom))
