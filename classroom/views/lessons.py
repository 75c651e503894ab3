"""The lessons a teacher can assign, and each one's teacher guide."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import teacher_required
from lessons.selectors import lesson_references

from ..selectors import access, guide


@teacher_required
@require_GET
def lesson_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "classroom/lesson_list.html",
        {
            "lessons": access.lessons_for_teacher(teacher=request.user),
            "classrooms": access.classrooms_for_teacher(teacher=request.user),
        },
    )


@teacher_required
@require_GET
def lesson_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """The teacher guide: never linked from, nor reachable by, student pages. The answer key
    is drawn one step at a time (`?step=<kind>`), or whole to print (`?step=all`)."""
    lesson = access.lesson_get_for_teacher(teacher=request.user, slug=slug)
    step = request.GET.get("step", "")
    # The list students see too (sources, then references), so a citation's number is the same.
    sources, references = lesson_references(lesson=lesson)
    return render(
        request,
        "classroom/lesson_guide.html",
        {
            "lesson": lesson,
            "guide": lesson.teacher_guide or {},
            "steps": guide.lesson_guide(lesson=lesson, step=step or None),
            "step": step,
            "whole": step == guide.ALL,
            "sources": sources,
            "references": references,
            "plan": access.lesson_plan(lesson=lesson),
        },
    )
