"""The whole draft as students will see it, and publishing it as a lesson (a new version)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from accounts.access import lesson_maker_required
from classroom.selectors.access import classrooms_for_teacher

from .. import selectors, services
from ..questions import draft_preview_steps
from .pages import draft_page


@lesson_maker_required
@require_GET
def draft_preview(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    context = {"steps": draft_preview_steps(draft, request)}
    return draft_page(request, draft, "studio/draft_preview.html", context, tab="preview")


@lesson_maker_required
@require_POST
def draft_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Refused (400, the mistakes listed) while the validator finds any; otherwise the lesson
    is loaded, and a key change links to the regrade pages of the classes it touches."""
    draft = selectors.draft_get_for_owner(user=request.user, pk=pk)
    result = services.draft_publish(draft=draft, actor=request.user)
    teacher = request.user if request.user.is_teacher else None
    context = {
        "draft": draft,
        "lesson": draft.lesson,
        "result": result,
        "regrades": selectors.assignments_to_regrade(lesson=draft.lesson, teacher=teacher)
        if teacher and result.key_changes
        else [],
        "classrooms": classrooms_for_teacher(teacher=teacher) if teacher else [],
    }
    return render(request, "studio/draft_published.html", context)
